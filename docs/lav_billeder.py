"""Make the README's pictures: the first page of each report kind (and of the Word export) as
LibreOffice renders it, from the bundled examples, and the first page of each kind's chart sheet
(docs/diagram-<kind>.png).

    python docs/lav_billeder.py

Needs LibreOffice (soffice) and poppler (pdftoppm, pdftotext). The PNGs are written beside this script.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import openpyxl

from addin.data import eksempel
from addin.libreoffice import konverter
from addin.rapportarter import arter

HER = Path(__file__).resolve().parent


def _png(pdf: Path, navn: str, side: int = 1, oploesning: int = 60) -> Path:
    ud = HER / navn
    subprocess.run(["pdftoppm", "-png", "-r", str(oploesning), "-f", str(side), "-l", str(side),
                    "-singlefile", str(pdf), str(ud.with_suffix(""))], check=True)
    return ud


def diagramark(xlsx: Path) -> str | None:
    """The name of the report's sheet with charts, or None."""
    wb = openpyxl.load_workbook(xlsx)
    return next((ws.title for ws in wb.worksheets if ws._charts), None)


def side_med_ark(pdf: Path, ark: str) -> int:
    """The first printed page of the sheet `ark` (its name ends the page's footer)."""
    tekst = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                           text=True, check=True).stdout
    for i, side in enumerate(tekst.split("\f"), start=1):
        if side.rstrip().endswith(ark):
            return i
    raise RuntimeError(f"{pdf.name} har ingen side fra arket {ark}")


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for a in arter():
            xlsx = tmp / f"{a.navn}.xlsx"
            subprocess.run([sys.executable, "-m", "addin", "build", str(eksempel(a.eksempel)),
                            "--out", str(xlsx)], check=True, capture_output=True)
            pdf = konverter(xlsx, "pdf", tmp)
            print(_png(pdf, f"side1-{a.navn}.png"))
            ark = diagramark(xlsx)
            if ark:
                print(_png(pdf, f"diagram-{a.navn}.png", side_med_ark(pdf, ark), 80))
        docx = tmp / "bemaerkninger.docx"
        subprocess.run([sys.executable, "-m", "addin", "export-docx",
                        str(eksempel("bif-regnskab-2024")), "--out", str(docx)], check=True,
                       capture_output=True)
        print(_png(konverter(docx, "pdf", tmp), "side1-word.png"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
