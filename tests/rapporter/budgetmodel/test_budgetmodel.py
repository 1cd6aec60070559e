"""Price-level conversion and the budget model for benefit schemes (hand-checked cases)."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from addin.rapporter.budgetmodel.beregn import beregn_model, indlaes_modelregler
from addin.rapporter.budgetnotat.prisniveau import indlaes_pl_indeks
from addin.regler import indlaes_regler
from addin.talformat import heltal
from conftest import ark_vaerdier, kør_cli

INDEKS = indlaes_pl_indeks()
R = indlaes_regler()


@given(st.integers(-10**12, 10**12), st.sampled_from(sorted(INDEKS.indeks)),
       st.sampled_from(sorted(INDEKS.indeks)))
def test_pl_frem_og_tilbage_er_eksakt_til_kronen(kr, fra, til):
    frem = INDEKS.omregn(kr, fra, til)
    assert INDEKS.omregn(frem, til, fra) == kr


def test_pl_haandregnet():
    # 100 kr. at 2022 p/l is 104,6 kr. at 2023 p/l with the example index 100 -> 104,6
    assert INDEKS.omregn(100, 2022, 2023) == Fraction("104.6")
    assert heltal(INDEKS.omregn(10080, 2023, 2025)) == 10600  # 10.080 x 110,0 / 104,6
    assert INDEKS.eksempel


def test_pl_ukendt_aar_giver_en_klar_besked():
    from addin.fejl import RegelFejl

    with pytest.raises(RegelFejl, match="Intet pris- og lønindeks for 2031"):
        INDEKS.omregn(1, 2023, 2031)


def _model(refusion: int, **vaerdier) -> list:
    df = pd.DataFrame([{"ordning": "Ydelse", "periode": "2025", "_raekke": 2, **vaerdier}])
    model = {"grundlag": "netto", "ordninger": {"Ydelse": {"refusion_pct": refusion}}}
    return beregn_model(df, model, R)


@pytest.mark.parametrize("refusion", [0, 80])
def test_refusion_0_og_80_pct(refusion):
    (x,) = _model(refusion, budget_antal=100, budget_pris=120000, forventet_antal=110,
                  forventet_pris=118000)
    assert x.budget_brutto == 12_000_000 and x.forventet_brutto == 12_980_000
    andel = Fraction(100 - refusion, 100)
    assert x.budget_netto == 12_000_000 * andel
    assert x.afvigelse_kr == -980_000 * andel  # merforbrug
    # 10 more persons at 120.000 kr. and 2.000 kr. lower price for 110 persons
    assert x.maengdeeffekt_kr == 1_200_000 * andel
    assert x.priseffekt_kr == -220_000 * andel
    assert x.maengdeeffekt_kr + x.priseffekt_kr == -x.afvigelse_kr  # exactly, no residual
    tekst = "1,0" if refusion == 0 else "0,2"
    assert x.saetninger[0] == f"Hovedproduktet udviser et merforbrug på {tekst} mio. kr."


@given(st.integers(0, 50_000), st.integers(1, 400_000), st.integers(0, 50_000),
       st.integers(1, 400_000), st.sampled_from([0, 20, 30, 50, 65, 80]))
def test_split_summerer_altid_eksakt(ba, bp, fa, fp, refusion):
    (x,) = _model(refusion, budget_antal=ba, budget_pris=bp, forventet_antal=fa,
                  forventet_pris=fp)
    assert x.maengdeeffekt_kr + x.priseffekt_kr == -x.afvigelse_kr


def test_budgetmodel_kommando(tmp_path: Path):
    ud = tmp_path / "bm.xlsx"
    res = kør_cli("budgetmodel", "--out", str(ud))
    assert res.returncode == 0, res.stderr
    rows = ark_vaerdier(ud)["Modelresultat"]
    # A-dagpenge: 13.050 x 141.987 - 12.927 x 142.859 = 6.192.057 kr. -> 6.192 t.kr.
    assert ["A-dagpenge", "2025", 0.0, 1852930, 1846738, 1852930, 1846738, 6192] in \
        [list(r[:8]) for r in rows]
    assert "• Antallet af ydelsesmodtagere er 123 fuldtidspersoner lavere end budgetteret. " \
           "Det betyder, at udgifterne er faldet med 17,5 mio. kr." in [r[0] for r in rows]


def test_budgetnotat_i_andet_prisniveau(tmp_path: Path):
    ud = tmp_path / "bn.xlsx"
    res = kør_cli("budgetnotat", "--pl", "2025", "--out", str(ud))
    assert res.returncode == 0, res.stderr
    assert "er et eksempel" in res.stdout
    rows = ark_vaerdier(ud)["Økonomi"]
    assert rows[0][0].endswith("(1.000 kr., 2025 p/l)")
    assert ["Forventede udgifter på servicerammen", "Service", 10600] == list(rows[5][:3])


def test_modelregler_indlaeses():
    assert indlaes_modelregler()["ordninger"]["Ressourceforløbsydelse"]["refusion_pct"] == 80
