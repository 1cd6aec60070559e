"""The bad-input corpus through the CLI: each case loads with the right numbers or stops cleanly.

A case that stops gives exit code 2, exactly one Danish line naming file, sheet, row and column,
no traceback, and leaves the output file as it was (absent, or byte for byte unchanged).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

ROD = Path(__file__).resolve().parents[2]
KORPUS = ROD / "tests" / "bad_input"
sys.path.insert(0, str(KORPUS))

import arbejdsboeger  # noqa: E402
from forventet import FORVENTET  # noqa: E402

DEMO = ROD / "addin" / "data" / "bif-regnskab-2024"
GAMMEL = b"forrige rapport - skal blive liggende"


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    miljoe = dict(os.environ, PYTHONPATH=str(ROD))
    miljoe.pop("REGNSKAB_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "addin", *args], capture_output=True, text=True,
                          cwd=cwd, env=miljoe)


def _argumenter(case: str, tmp: Path) -> tuple[list[str], Path]:
    """CLI arguments (before --out) and working directory of a case."""
    art, navn = case.split("/", 1)
    if art == "csv":
        return [f"csv/{navn}"], KORPUS
    if art == "regler":
        return [str(DEMO), "--rules", f"regler/{navn}"], KORPUS
    if art == "wb":
        return [arbejdsboeger.lav(navn, tmp).name], tmp
    if art == "sti":
        return [navn], KORPUS
    raise AssertionError(case)


def _loen_raekke(sti: Path) -> list:
    for r in openpyxl.load_workbook(sti)["Service"].iter_rows(values_only=True):
        if r[0] == "Løn":
            return list(r[1:6])
    raise AssertionError("ingen række 'Løn'")


def test_korpus_er_stort_nok_og_alle_filer_har_en_forventning():
    assert len(FORVENTET) >= 60
    paa_disk = {f"csv/{p.name}" for p in (KORPUS / "csv").iterdir()} | \
        {f"regler/{p.name}" for p in (KORPUS / "regler").iterdir()} | \
        {f"wb/{n}" for n in arbejdsboeger.BOEGER}
    assert paa_disk <= set(FORVENTET)


@pytest.mark.parametrize("case", sorted(FORVENTET))
def test_tilfaelde(case: str, tmp_path: Path):
    forventet = FORVENTET[case]
    args, cwd = _argumenter(case, tmp_path)
    ud = tmp_path / "ud" / "rapport.xlsx"
    forud = sorted(FORVENTET).index(case) % 2 == 0  # half the cases have a previous report
    if forud:
        ud.parent.mkdir()
        ud.write_bytes(GAMMEL)
    res = _cli("build", *args, "--out", str(ud), cwd=cwd)
    assert "Traceback" not in res.stderr and "Uventet fejl" not in res.stderr, res.stderr
    if isinstance(forventet, list):  # loads: the Løn row's five amounts in t.kr.
        assert res.returncode == 0, res.stderr
        assert _loen_raekke(ud) == forventet
        return
    assert res.returncode == 2, res.stdout + res.stderr
    assert res.stdout == ""
    assert res.stderr.splitlines() == [f"Fejl: {forventet}"]
    if forud:
        assert ud.read_bytes() == GAMMEL
        assert [p.name for p in ud.parent.iterdir()] == ["rapport.xlsx"]
    else:
        assert not ud.exists()
        assert not ud.parent.exists() or not any(ud.parent.iterdir())
