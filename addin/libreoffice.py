"""LibreOffice headless: convert and recalculate workbooks as a real spreadsheet application would.

Used by the tests (a report must open and print), by the benchmark and to render README images.
A private profile sets the Danish locale and forces recalculation on load.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

_XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
 <prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
 <prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N">
 <prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>da-DK</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N">
 <prop oor:name="ooLocale" oor:op="fuse"><value>da-DK</value></prop></item>
</oor:items>
"""


def soffice() -> str | None:
    """Path of the soffice binary, or None when LibreOffice is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def _profil(mappe: Path) -> str:
    bruger = mappe / "user"
    bruger.mkdir(parents=True, exist_ok=True)
    (bruger / "registrymodifications.xcu").write_text(_XCU, encoding="utf-8")
    return mappe.resolve().as_uri()


def konverter(fil: Path | str, format: str, udmappe: Path | str, *,
              timeout: float = 600) -> Path:
    """Convert `fil` with LibreOffice headless (da-DK, recalculation forced); return the new file.

    `format` is a --convert-to filter such as 'pdf', 'xlsx' or 'docx'.
    """
    exe = soffice()
    if exe is None:
        raise RuntimeError("LibreOffice (soffice) er ikke installeret.")
    fil, udmappe = Path(fil), Path(udmappe)
    udmappe.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo-profil-") as tmp:
        cmd = [exe, f"-env:UserInstallation={_profil(Path(tmp))}", "--headless", "--norestore",
               "--convert-to", format, "--outdir", str(udmappe), str(fil)]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    ud = udmappe / (fil.stem + "." + format.split(":")[0])
    if proc.returncode != 0 or not ud.exists():
        raise RuntimeError(f"LibreOffice kunne ikke konvertere {fil}: {proc.stderr.strip()}"
                           f" {proc.stdout.strip()}")
    return ud
