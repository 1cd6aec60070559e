"""Conservation of the budget model (issue "No silent output").

Per line, exactly (Fractions): brutto = antal x pris, netto = brutto less the refund, the
afvigelse = budget - forventet on the rule's grundlag with the rule's sign, and mængdeeffekt +
priseffekt = the afvigelse (as an effect on spending). On the laid-out sheet every line is
shown once and each column's I alt is the exact sum of the lines rounded once to t.kr.
"""

from __future__ import annotations

from collections import Counter
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st
from rapporter.bevarelse import blok, byg_art, faa, kilde, mange, raekker, tkr_fra_kr, vaerdier

from addin.rapportarter import Valg
from addin.rapporter.budgetmodel.beregn import beregn_model, indlaes_modelregler, laes_budgetmodel
from addin.regler import Regler, bundlet_regelfil, indlaes_regler

MODEL = indlaes_modelregler()
ORDNINGER = list(MODEL["ordninger"])
REGNSKAB = indlaes_regler(bundlet_regelfil("regnskab"))
FORTEGN = {f: Regler(data={**REGNSKAB.data, "fortegn": f}, fil=REGNSKAB.fil, tekst=REGNSKAB.tekst)
           for f in ("korrigeret_minus_regnskab", "regnskab_minus_korrigeret")}
KOLONNER = ["ordning", "periode", "budget_antal", "budget_pris", "forventet_antal",
            "forventet_pris"]
FELTER = ["budget_brutto", "forventet_brutto", "budget_netto", "forventet_netto", "afvigelse_kr",
          "maengdeeffekt_kr", "priseffekt_kr"]

# antal (full-time persons: whole or one decimal) and average prices (kr., maybe with øre)
antal = st.one_of(st.integers(0, 20_000), st.integers(0, 200_000).map(lambda n: n / 10))
pris = st.one_of(st.integers(0, 400_000), st.integers(0, 40_000_000).map(lambda n: n / 100))
# on the laid-out sheet whole kroner: see the report on rounding twice (øre, then t.kr.)
hel_pris = st.integers(0, 400_000)


@st.composite
def modellinjer(draw, priser=pris):
    """1-8 lines: a scheme of the rules and a period each."""
    rows = []
    for _ in range(draw(st.integers(1, 8))):
        rows.append({"ordning": draw(st.sampled_from(ORDNINGER)),
                     "periode": draw(st.sampled_from(["2025", "2026", "1. halvår 2025"])),
                     "budget_antal": draw(antal), "budget_pris": draw(priser),
                     "forventet_antal": draw(antal), "forventet_pris": draw(priser)})
    return rows


def _f(x: int | float) -> Fraction:
    return Fraction(repr(x)) if isinstance(x, float) else Fraction(x)


def _forventet(r: dict, grundlag: str, fortegn: int) -> dict[str, Fraction]:
    """One line computed by hand, exactly."""
    pct = Fraction(str(MODEL["ordninger"][r["ordning"]]["refusion_pct"])) / 100
    ba, bp, fa, fp = (_f(r[k]) for k in KOLONNER[2:])
    andel = 1 - pct if grundlag == "netto" else Fraction(1)
    return {"budget_brutto": ba * bp, "forventet_brutto": fa * fp,
            "budget_netto": ba * bp * (1 - pct), "forventet_netto": fa * fp * (1 - pct),
            "afvigelse_kr": (ba * bp - fa * fp) * andel * fortegn,
            "maengdeeffekt_kr": (fa - ba) * bp * andel, "priseffekt_kr": (fp - bp) * fa * andel}


@mange
@given(modellinjer(), st.sampled_from(["netto", "brutto"]), st.sampled_from(sorted(FORTEGN)))
def test_budgetmodellens_tal_bevares(rows: list[dict], grundlag: str, fortegn: str) -> None:
    df = laes_budgetmodel(kilde({"budgetmodel": raekker(KOLONNER, rows)}))
    regler = FORTEGN[fortegn]
    linjer = beregn_model(df, {**MODEL, "grundlag": grundlag}, regler)

    # every input line once, in order
    assert [(x.ordning, x.periode) for x in linjer] == [(r["ordning"], r["periode"]) for r in rows]
    for x, r in zip(linjer, rows):
        forventet = _forventet(r, grundlag, regler.fortegn)
        assert {f: getattr(x, f) for f in FELTER} == forventet, r
        # the split explains the afvigelse exactly: quantity + price = the change in spending
        assert x.maengdeeffekt_kr + x.priseffekt_kr == -x.afvigelse_kr * regler.fortegn
        budget, forv = ((x.budget_netto, x.forventet_netto) if grundlag == "netto"
                        else (x.budget_brutto, x.forventet_brutto))
        assert x.afvigelse_kr == (budget - forv) * regler.fortegn


@faa
@given(modellinjer(priser=hel_pris))
def test_budgetmodellens_ark_bevarer_tallene(rows: list[dict]) -> None:
    bygget = byg_art("budgetmodel", {"budgetmodel": raekker(KOLONNER, rows)}, Valg())
    ark = bygget.rapport.ark[0]  # the model's sheet (its words are the rule file's)
    vist, i_alt = blok(ark, 3)  # title, blank, header
    assert i_alt is not None
    forventet = [_forventet(r, MODEL["grundlag"], REGNSKAB.fortegn) for r in rows]

    # every line once, each amount rounded once from the exact value
    assert Counter(tuple(vaerdier(r)[:2] + vaerdier(r)[3:]) for r in vist) == \
        Counter((r["ordning"], r["periode"], *[tkr_fra_kr(f[k]) for k in FELTER])
                for r, f in zip(rows, forventet))
    # I alt = the exact sum of the lines, rounded once (not the sum of the rounded lines)
    assert vaerdier(i_alt)[3:] == [tkr_fra_kr(sum(f[k] for f in forventet)) for k in FELTER]
    # ... which is within the lines' rounding of the sum of what they show
    for j in range(3, 10):
        assert abs(sum(r[j].vaerdi for r in vist) - i_alt[j].vaerdi) <= (len(vist) + 1) / 2
