"""Make the README's pictures: the first page of each report kind (and of the Word export) as
LibreOffice renders it, from the bundled examples.

    python docs/lav_billeder.py

Needs LibreOffice (soffice) and poppler (pdftoppm). The PNGs are written beside this script.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from addin.data import eksempel
from addin.libreoffice import konverter
from addin.rapportarter import arter

HER = Path(__file__).resolve().parent


def _png(pdf: Path, navn: str, side: int = 1) -> Path:
    ud = HER / navn
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", str(side), "-l", str(side),
                    "-singlefile", str(pdf), str(ud.with_suffix(""))], check=True)
    return ud


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for a in arter():
            xlsx = tmp / f"{a.navn}.xlsx"
            subprocess.run([sys.executable, "-m", "addin", "build", str(eksempel(a.eksempel)),
                            "--out", str(xlsx)], check=True, capture_output=True)
            print(_png(konverter(xlsx, "pdf", tmp), f"side1-{a.navn}.png"))
        docx = tmp / "bemaerkninger.docx"
        subprocess.run([sys.executable, "-m", "addin", "export-docx",
                        str(eksempel("bif-regnskab-2024")), "--out", str(docx)], check=True,
                       capture_output=True)
        print(_png(konverter(docx, "pdf", tmp), "side1-word.png"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
