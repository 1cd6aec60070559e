"""The registry: every kind recognised from its input, the generic verbs equal to the shorthands."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from addin.data import eksempel
from addin.rapportarter import arter
from conftest import ark_vaerdier, kør_cli, uden_stempel

ARTER = {a.navn: a for a in arter()}


def test_arterne_registreret_en_gang():
    assert list(ARTER) == ["regnskab", "balance", "budgetnotat", "udloeb", "budgetmodel",
                           "budgetgaranti", "kommune"]
    assert len({a.kendetegn for a in ARTER.values()}) == len(ARTER)


@pytest.mark.parametrize("navn", list(ARTER))
def test_build_og_check_genkender_arten_og_giver_samme_rapport(tmp_path: Path, navn: str):
    a = ARTER[navn]
    mappe = eksempel(a.eksempel)
    res = kør_cli("build", str(mappe), "--out", str(tmp_path / "build.xlsx"))
    assert res.returncode == 0, res.stderr
    check = kør_cli("check", str(mappe))
    assert check.returncode in (0, 1), check.stderr
    assert check.stdout.splitlines()[-1] == res.stdout.splitlines()[-1]  # same checks
    if a.kommando:  # the shorthand builds the same report
        kort = kør_cli(a.kommando, str(mappe), "--out", str(tmp_path / "kort.xlsx"))
        assert kort.returncode == 0, kort.stderr
        assert kort.stdout == res.stdout.replace("build.xlsx", "kort.xlsx")
        x, y = ark_vaerdier(tmp_path / "build.xlsx"), ark_vaerdier(tmp_path / "kort.xlsx")
        assert list(x) == list(y)
        for ark in x:
            assert uden_stempel(x[ark]) == uden_stempel(y[ark]), ark


def test_input_uden_kendt_art_nævner_hvad_hver_art_kraever(tmp_path: Path):
    (tmp_path / "noget.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    res = kør_cli("check", str(tmp_path))
    assert res.returncode == 2
    for a in ARTER.values():
        assert f"{a.titel}: {a.kendetegn}" in res.stderr


def test_input_med_to_arter_afvises_og_art_vaelger(tmp_path: Path):
    mappe = tmp_path / "to"
    shutil.copytree(eksempel(ARTER["regnskab"].eksempel), mappe)
    shutil.copy(eksempel("budgetmodel-eksempel") / "budgetmodel.csv", mappe)
    res = kør_cli("check", str(mappe))
    assert res.returncode == 2
    assert "flere rapportarter" in res.stderr and "--art" in res.stderr
    res = kør_cli("build", str(mappe), "--art", "budgetmodel", "--out", str(tmp_path / "m.xlsx"))
    assert res.returncode == 0, res.stderr
    assert "Modelresultat" in ark_vaerdier(tmp_path / "m.xlsx")


def test_ukendt_art_og_ubrugt_valg_afvises(tmp_path: Path):
    mappe = str(eksempel("budgetmodel-eksempel"))
    res = kør_cli("check", mappe, "--art", "regnskabet")
    assert res.returncode == 2 and "Ukendt rapportart 'regnskabet'" in res.stderr
    res = kør_cli("check", mappe, "--aar", "2024")
    assert res.returncode == 2 and "--aar bruges ikke af rapportarten Budgetmodel" in res.stderr
