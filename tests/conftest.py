"""Shared test helpers: golden data paths, building reports and reading them back."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

ROD = Path(__file__).resolve().parents[1]
SHARED = ROD.parent / "shared"
GOLDEN = SHARED / "golden"
BIF = GOLDEN / "bif-regnskab-2024"
DEMO = ROD / "addin" / "data" / "bif-regnskab-2024"


def golden_bif() -> Path:
    """The golden BIF 2024 folder (from ../shared), else the copy shipped in the package."""
    return BIF if BIF.exists() else DEMO


def laes_csv(sti: Path) -> list[dict[str, str]]:
    with open(sti, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def kør_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run the `regnskab` command as a user would (python -m addin)."""
    return subprocess.run([sys.executable, "-m", "addin", *args], capture_output=True,
                          text=True, cwd=cwd or ROD)


def ark_vaerdier(sti: Path) -> dict[str, list[list]]:
    """All sheets of a workbook as rows of values."""
    wb = openpyxl.load_workbook(sti)
    return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in wb}


def har_libreoffice() -> bool:
    return shutil.which("soffice") is not None


kraever_libreoffice = pytest.mark.skipif(not har_libreoffice(),
                                         reason="LibreOffice (soffice) er ikke installeret")
