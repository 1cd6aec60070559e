"""Budgetnotat: the golden tables rebuilt with computed totals, and exactly the source's problems."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from addin.rapporter.budgetnotat.beregn import beregn, indlaes_budgetregler, laes_budgetnotat
from conftest import DATA, ark_vaerdier, kraever_libreoffice, kør_cli, laes_csv

KILDE = DATA / "budgetnotat-bi03-2023"


@pytest.fixture(scope="module")
def notat():
    return beregn(laes_budgetnotat(KILDE), indlaes_budgetregler())


def test_oekonomitabellen(notat):
    trykt = {(r["aktivitet"], r["aar"]): int(r["beloeb_tkr"])
             for r in laes_csv(KILDE / "oekonomi.csv")}
    beregnet = {(r["aktivitet"], str(r["aar"])): int(r["beloeb_tkr"])
                for _, r in notat.oekonomi.iterrows()}
    assert set(beregnet) == set(trykt)
    forskellige = {k for k in trykt if trykt[k] != beregnet[k]}
    # the printed netto of 2025 and 2026 is 2 t.kr. off (KILDE.md item 5)
    assert forskellige == {("Udgifter i alt (netto)", "2025"), ("Udgifter i alt (netto)", "2026")}
    assert beregnet[("Udgifter i alt (netto)", "2025")] == 27162


def test_bevillingstekniske_tabeller(notat):
    trykt = {(r["tabel"], r["aktivitet"], r["aar"]): (r["udvalg"], r["bevilling"], r["iu"],
                                                     int(r["beloeb_tkr"]))
             for r in laes_csv(KILDE / "bevillingsteknik.csv")}
    beregnet = {(r["tabel"], r["aktivitet"], str(r["aar"])):
                (r["udvalg"] if isinstance(r["udvalg"], str) else "",
                 r["bevilling"] if isinstance(r["bevilling"], str) else "",
                 r["iu"] if isinstance(r["iu"], str) else "", int(r["beloeb_tkr"]))
                for _, r in notat.bevillingsteknik.iterrows()}
    assert beregnet == trykt  # every I alt = U + I holds in the source
    assert beregnet[("Tabel 6", "Forventede udgifter på servicerammen", "2022")][1] == "35.10"


def test_dut_tabeller_med_beregnede_summer(notat):
    trykt = {(r["tabel"], r["afsnit"], r["post"], r["aar"]): Decimal(r["beloeb_mio"])
             for r in laes_csv(KILDE / "dut_tabeller.csv")}
    beregnet = {(r["tabel"], r["afsnit"], r["post"], str(r["aar"])): Decimal(str(r["beloeb_mio"]))
                for _, r in notat.dut.iterrows()}
    assert set(beregnet) == set(trykt)
    forskellige = {k for k in trykt if trykt[k] != beregnet[k]}
    poster = {k for k in trykt if k[2] not in ("I alt", "Difference (underfinansiering)")}
    assert not forskellige & poster  # posts are shown as given
    # I alt: the sums of the posts (KILDE.md items 1-3); difference from them (item 4 and 2)
    assert beregnet[("Tabel 1", "Udgifter", "I alt", "2022")] == Decimal("53.1")
    assert beregnet[("Tabel 1", "Difference", "Difference (underfinansiering)", "2023")] == \
        Decimal("-25.0")
    assert beregnet[("Tabel 2", "Difference", "Difference (underfinansiering)", "2022")] == \
        Decimal("-2.89")


def test_kontroller_finder_kildens_uoverensstemmelser(notat):
    advarsler = {(k.kontrol, k.sted) for k in notat.kontroller if k.status == "advarsel"}
    forventet = {("Økonomi: netto = sum", "2025"), ("Økonomi: netto = sum", "2026"),
                 ("Bevillingsteknik i alt = økonomi netto", "2025"),
                 ("Bevillingsteknik i alt = økonomi netto", "2026"),
                 ("DUT-tabel: én decimal", "Tabel 2 DUT-kompensation 4.1.4 2022"),
                 ("DUT-tabel: I alt = sum af posterne", "Tabel 1 DUT-kompensation 2023"),
                 ("Økonomi og DUT-tabeller: én prisfaktor", "alle serier"),
                 ("Bevillingsteknik i alt mod DUT-difference", "Tabel 6 2022"),
                 ("Bevillingsteknik i alt mod DUT-difference", "Tabel 6 2023")}
    forventet |= {("DUT-tabel: I alt = sum af posterne", f"Tabel 1 Udgifter {a}")
                  for a in range(2022, 2026)}
    forventet |= {("DUT-tabel: I alt = sum af posterne", f"Tabel 2 DUT-kompensation {a}")
                  for a in (2022, 2024, 2025)}
    forventet |= {("DUT-tabel: I alt = sum af posterne", f"Tabel 2 Udgifter {a}")
                  for a in range(2022, 2026)}
    forventet |= {("DUT-tabel: difference = DUT - udgifter", f"Tabel 2 {a}")
                  for a in range(2022, 2026)}
    forventet |= {("Økonomi mod DUT-tabel", f"{x} 2022") for x in
                  ("Forventede udgifter på servicerammen", "DUT på servicerammen")}
    forventet |= {("Økonomi mod DUT-tabel", f"{x} {a}") for a in range(2022, 2026) for x in
                  ("Forventede udgifter på indsatsrammen", "DUT på indsatsrammen")}
    # the 34 table-level issues of the golden case, KILDE.md (its 17 others concern the prose)
    assert len(forventet) == 34
    assert advarsler == forventet


def test_cli_rapport_med_pl_i_overskrifter(tmp_path: Path):
    ud = tmp_path / "bn.xlsx"
    res = kør_cli("budgetnotat", str(KILDE), "--out", str(ud))
    assert res.returncode == 0, res.stderr
    ark = ark_vaerdier(ud)
    assert "1.000 kr., 2023 p/l" in ark["Økonomi"][0][0]
    tekster = [v for r in ark["Bevillingstekniske tabeller"] for v in r]
    assert tekster.count("1.000 kr., 2023 p/l") == 10  # every year column of both tables
    assert ["Udgifter i alt (netto)", None, 27619, 27120, 27149, 27162, 27162] in \
        [list(r[:7]) for r in ark["Økonomi"]]


@kraever_libreoffice
def test_budgetnotat_bliver_til_pdf(tmp_path: Path):
    from addin.libreoffice import konverter

    ud = tmp_path / "bn.xlsx"
    assert kør_cli("budgetnotat", "--out", str(ud)).returncode == 0
    assert konverter(ud, "pdf", tmp_path).read_bytes().startswith(b"%PDF")
