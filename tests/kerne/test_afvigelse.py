"""Hand-checked cases of classification, sentences, rounding and the price/quantity split."""

from __future__ import annotations

from decimal import Decimal

import pytest

from addin import afvigelse as av
from addin.aktivitet import antal_saetning, maengdeeffekt, pris_saetning, priseffekt
from addin.regler import indlaes_regler
from addin.talformat import decimaltal, mio_kr, tusinder

R = indlaes_regler()


@pytest.mark.parametrize("afv, tekst", [
    (50, "Hovedproduktet udviser et mindreforbrug på 0,1 mio. kr."),
    (-50, "Hovedproduktet udviser et merforbrug på 0,1 mio. kr."),
    (150, "Hovedproduktet udviser et mindreforbrug på 0,2 mio. kr."),
    (-250, "Hovedproduktet udviser et merforbrug på 0,3 mio. kr."),   # banker's would give 0,2
    (1950, "Hovedproduktet udviser et mindreforbrug på 2,0 mio. kr."),
    (49, "Hovedproduktet udviser ingen væsentlig afvigelse."),
    (-49, "Hovedproduktet udviser ingen væsentlig afvigelse."),
    (0, "Hovedproduktet udviser ingen afvigelse."),
    (12509, "Hovedproduktet udviser et mindreforbrug på 12,5 mio. kr."),
    (11971, "Hovedproduktet udviser et mindreforbrug på 12,0 mio. kr."),
    (-14115, "Hovedproduktet udviser et merforbrug på 14,1 mio. kr."),
])
def test_halvt_op_afrunding_i_saetninger(afv, tekst):
    assert av.afvigelsestekst(afv, "hovedprodukt", R) == tekst


def test_niveauernes_navneord():
    assert av.afvigelsestekst(-144, "omraade", R) == "Området udviser et merforbrug på 0,1 mio. kr."
    assert av.afvigelsestekst(3056, "styringsomraade", R).startswith("Styringsområdet udviser et")
    assert av.afvigelsestekst(38, "bevilling", R) == "Bevillingen udviser ingen væsentlig afvigelse."
    assert av.afvigelsestekst(-3424, "ydelse", R) == "Merforbruget udgør 3,4 mio. kr."
    assert av.afvigelsestekst(500, "ydelse", R) == "Mindreforbruget udgør 0,5 mio. kr."


def test_klasse_og_forklaringskrav():
    assert av.klassetekst(-50, "hovedprodukt", R) == "merforbrug"
    assert av.klassetekst(49, "hovedprodukt", R) == "ingen væsentlig afvigelse"
    assert av.forklaringskrav(50, 1000, "hovedprodukt", R)
    assert not av.forklaringskrav(49, 1000, "hovedprodukt", R)
    assert not av.forklaringskrav(5000, 1000, "bevilling", R)


def test_modsat_fortegn_er_en_indstilling_vaek(tmp_path):
    tekst = R.tekst.replace("fortegn: korrigeret_minus_regnskab",
                            "fortegn: regnskab_minus_korrigeret")
    sti = tmp_path / "modsat.yaml"
    sti.write_text(tekst, encoding="utf-8")
    m = indlaes_regler(sti)
    assert av.afvigelse(100, 250, m) == 150
    assert av.afvigelsestekst(150, "hovedprodukt", m) == \
        "Hovedproduktet udviser et merforbrug på 0,2 mio. kr."


@pytest.mark.parametrize("x, tekst", [
    (1100691, "1.100.691"), (-14115, "-14.115"), (0, "0"), (999, "999"), (-1000, "-1.000")])
def test_tusinder(x, tekst):
    assert tusinder(x) == tekst


def test_mio_og_decimaltal():
    assert mio_kr(12509) == "12,5 mio. kr."
    assert mio_kr(1995) == "2,0 mio. kr."
    assert mio_kr(58) == "0,1 mio. kr."
    assert mio_kr(-17464.401) == "17,5 mio. kr."
    assert decimaltal(0.05, 1) == "0,1"
    assert decimaltal(-0.25, 1) == "-0,3"
    assert decimaltal(1234.56, 1) == "1.234,6"


def test_pris_maengde_er_eksakt():
    # A-dagpenge: -123 x 141.987 and 872 x 12.927
    m = maengdeeffekt(13050, 12927, 141987)
    p = priseffekt(141987, 142859, 12927)
    assert m == Decimal(-17464401) and p == Decimal(11272344)
    assert m + p == Decimal(12927 * 142859 - 13050 * 141987)
    assert antal_saetning(13050, 12927, 141987, R) == (
        "Antallet af ydelsesmodtagere er 123 fuldtidspersoner lavere end budgetteret. "
        "Det betyder, at udgifterne er faldet med 17,5 mio. kr.")
    assert pris_saetning(141987, 142859, 12927, R) == (
        "Den gennemsnitlige udgift pr. fuldtidsperson er 872 kr. højere end budgetteret. "
        "Det betyder, at udgifterne er vokset med 11,3 mio. kr.")
    assert pris_saetning(100, 100, 5, R) == (
        "Den gennemsnitlige udgift pr. fuldtidsperson svarer til budgettet og indebærer "
        "isoleret set ingen afvigelse.")
    assert antal_saetning(2175, 2175, 81400, R).startswith("Antallet af ydelsesmodtagere svarer")


def test_forklaringsintro():
    assert av.forklaringsintro(["merforbrug"], R) == "Det skyldes:"
    assert av.forklaringsintro(["merforbrug", "merforbrug"], R) == "Det skyldes:"
    assert av.forklaringsintro(["merforbrug", "mindreforbrug"], R) == \
        "Det skyldes to modsatrettede forhold:"
    assert av.forklaringsintro(["merforbrug", "mindreforbrug", "merforbrug"], R) == \
        "Det skyldes flere modsatrettede forhold:"
