"""The worksheet functions as Python: single cells, ranges (dynamic arrays) and bad arguments."""

from __future__ import annotations

from addin import udf


def test_afvigelse_celle_og_omraade():
    assert udf.AFVIGELSE(1261322, 1248813) == 12509
    assert udf.AFVIGELSE([[150541, 0], [3200, 0]], [[150503, 0], [0, 144]]) == \
        [[38, 0], [3200, -144]]
    assert udf.AFVIGELSE([[10], [20]], 5) == [[5], [15]]
    assert udf.AFVIGELSE("1.261.322", "1.248.813") == 12509  # Danish number text


def test_klassificer():
    assert udf.KLASSIFICER(3198) == "mindreforbrug"
    assert udf.KLASSIFICER(-50, "bevilling") == "merforbrug"
    assert udf.KLASSIFICER(49) == "ingen væsentlig afvigelse"
    assert udf.KLASSIFICER(0) == "ingen afvigelse"
    assert udf.KLASSIFICER([[38, 0, -14115]]) == \
        [["ingen væsentlig afvigelse", "ingen afvigelse", "merforbrug"]]


def test_forklaringskrav():
    assert udf.FORKLARINGSKRAV(925, 4831) is True
    assert udf.FORKLARINGSKRAV(38, 150541) is False
    assert udf.FORKLARINGSKRAV(11971, 1098899, "bevilling") is False
    assert udf.FORKLARINGSKRAV([[50], [49]], [[1000], [1000]], "hovedprodukt") == [[True], [False]]


def test_afvigelsestekst_og_mio_kr():
    assert udf.AFVIGELSESTEKST(-14115, "hovedprodukt") == \
        "Hovedproduktet udviser et merforbrug på 14,1 mio. kr."
    assert udf.AFVIGELSESTEKST(-144, "område") == "Området udviser et merforbrug på 0,1 mio. kr."
    assert udf.AFVIGELSESTEKST(3056, "styringsområde") == \
        "Styringsområdet udviser et mindreforbrug på 3,1 mio. kr."
    assert udf.MIO_KR(12509) == "12,5 mio. kr."
    assert udf.MIO_KR([[1995, -250]]) == [["2,0 mio. kr.", "0,3 mio. kr."]]


def test_pris_og_maengde():
    # Fleksjob: the seed's table, the formulas of the spec
    assert udf.MAENGDEEFFEKT(4400, 4372, 108342, 109819) == -3033576
    assert udf.PRISEFFEKT(4400, 4372, 108342, 109819) == 6457444
    assert udf.PRISMAENGDETEKST(4400, 4372, 108342, 109819) == (
        "Antallet af ydelsesmodtagere er 28 fuldtidspersoner lavere end budgetteret. Det "
        "betyder, at udgifterne er faldet med 3,0 mio. kr. Den gennemsnitlige udgift pr. "
        "fuldtidsperson er 1.477 kr. højere end budgetteret. Det betyder, at udgifterne er "
        "vokset med 6,5 mio. kr.")


def test_daarlige_argumenter_giver_en_besked_i_cellen():
    assert udf.AFVIGELSE("abc", 1) == "#FEJL: korrigeret skal være et tal, ikke 'abc'"
    assert udf.KLASSIFICER(100, "afdeling").startswith("#FEJL: ukendt niveau 'afdeling'")
    assert udf.MIO_KR(None) == "#FEJL: beløb mangler (tom celle)"
    assert udf.AFVIGELSE([[1, 2]], [[1], [2]]) == "#FEJL: områderne har forskellig størrelse"
    assert udf.AFVIGELSE([["x", 2]], 1) == [["#FEJL: korrigeret skal være et tal, ikke 'x'", 1]]
    assert udf.KLASSIFICER(True).startswith("#FEJL:")
