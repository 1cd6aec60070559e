"""The year's follow-up rounds (seed 003, Ballerup's årshjul): Indstillinger names the round,
the report names it, and `regnskab diff` between consecutive rounds says which two it compares."""

from __future__ import annotations

import shutil
from pathlib import Path

from addin.data import eksempel
from conftest import ark_vaerdier, kør_cli


def _runde(tmp_path: Path, navn: str, runde: str) -> Path:
    mappe = tmp_path / navn
    shutil.copytree(eksempel("bif-regnskab-2024"), mappe)
    with open(mappe / "indstillinger.csv", "a", encoding="utf-8") as f:
        f.write(f"runde,{runde}\n")
    return mappe


def test_rapporten_naevner_runden(tmp_path: Path):
    mappe = _runde(tmp_path, "aug", "August")
    res = kør_cli("build", str(mappe), "--rules", "budgetopfoelgning", "--out",
                  str(tmp_path / "r.xlsx"))
    assert res.returncode == 0, res.stderr
    titel = ark_vaerdier(tmp_path / "r.xlsx")["Oversigt"][0][0]
    assert titel.endswith("Budgetopfølgning 2024, 2. budgetopfølgning (august)"), titel


def test_ukendt_runde_afvises(tmp_path: Path):
    mappe = _runde(tmp_path, "x", "juli")
    res = kør_cli("check", str(mappe), "--rules", "budgetopfoelgning")
    assert res.returncode == 2
    assert res.stderr.strip().endswith(
        "Ukendt runde 'juli'; tilladt: 'februar', 'april', 'august', 'november', "
        "'1. budgetopfølgning', '2. budgetopfølgning', '3. budgetopfølgning'.")
    assert "kolonne 'vaerdi'" in res.stderr


def test_diff_mellem_to_runder_naevner_dem(tmp_path: Path):
    aug = _runde(tmp_path, "aug", "august")
    nov = _runde(tmp_path, "nov", "3. budgetopfølgning")
    res = kør_cli("diff", str(aug), str(nov), "--rules", "budgetopfoelgning")
    assert res.returncode == 0, res.stderr
    assert res.stdout.splitlines()[0] == (
        "Fra 2. budgetopfølgning (august) til 3. budgetopfølgning (november):")
