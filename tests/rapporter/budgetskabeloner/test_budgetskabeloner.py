"""Refresh of the budget templates gives the same report as the budget commands."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import (
    DATA,
    ROD,
    SKABELONER,
    ark_vaerdier,
    fyld_tabeller,
    kør_cli,
    uden_stempel,
)

PAKKEDATA = ROD / "addin" / "data"
TILFAELDE = {
    "budgetnotat": ("budgetnotat", DATA / "budgetnotat-bi03-2023",
                    ["bevillingsteknik", "oekonomi", "dut_tabeller"],
                    {"beloeb_tkr", "beloeb_mio"}, ["Økonomi", "Bevillingstekniske tabeller", "DUT"]),
    "bevillingsudloeb": ("udloeb", DATA / "bevillingsudloeb-2026", ["udloeb", "beloeb"],
                         {"beloeb_mio"}, ["Overblik"]),
    "budgetmodel": ("budgetmodel", PAKKEDATA / "budgetmodel-eksempel", ["budgetmodel"],
                    {"budget_antal", "budget_pris", "forventet_antal", "forventet_pris"},
                    ["Modelresultat"]),
}


@pytest.mark.parametrize("navn", list(TILFAELDE))
@pytest.mark.parametrize("endelse", [".xlsx", ".xlsm"])
def test_refresh_svarer_til_kommandoen(tmp_path: Path, navn: str, endelse: str):
    kommando, kilde, ark, tal, rapportark = TILFAELDE[navn]
    fil = fyld_tabeller(SKABELONER / f"{navn}{endelse}",
                        {a: kilde / f"{a}.csv" for a in ark}, tal, tmp_path / f"{navn}{endelse}")
    res = kør_cli("refresh", str(fil))
    assert res.returncode == 0, res.stderr
    ud = tmp_path / "cli.xlsx"
    assert kør_cli(kommando, str(kilde), "--out", str(ud)).returncode == 0
    a, b = ark_vaerdier(fil), ark_vaerdier(ud)
    for r in rapportark:
        assert uden_stempel(a[r]) == uden_stempel(b[r]), r
    assert "Kontrol" in a
