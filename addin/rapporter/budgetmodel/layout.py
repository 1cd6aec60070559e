"""The budget model's report sheet: gross and net per scheme, afvigelse and its price/quantity split.

Its words are the rule file's (`tekster` of rules/budgetmodel.yaml); the sentences, the intro
and the total row's word are the regnskab rules'.
"""

from __future__ import annotations

from fractions import Fraction

from addin import diagrammer as dg
from addin.afvigelse import MERFORBRUG, MINDREFORBRUG, forklaringsintro
from addin.layout import Ark, Celle, Rapport, kontrolark
from addin.rapporter.budgetmodel.regler import KOLONNER
from addin.regler import Regler
from addin.talformat import heltal


def t(kr) -> int:
    """Exact kr. (Fraction) as the shown 1.000 kr., rounded once, half up."""
    return heltal(Fraction(kr) / 1000)


def diagramark(linjer: list, model: dict) -> Ark:
    """The forecast's gross and net per scheme side by side (as the slide "Forsørgelsesudgifter
    – brutto og netto"), the figures of the model's table."""
    d, k = model["diagrammer"], model["tekster"]["kolonner"]
    flere = len({x.periode for x in linjer}) > 1 or len({x.ordning for x in linjer}) < len(linjer)
    raekker = [(f"{x.ordning} {x.periode}" if flere else x.ordning,
                (t(x.forventet_brutto), t(x.forventet_netto))) for x in linjer]
    return dg.diagramark(d["ark"], [dg.Diagramtabel(
        d["brutto_netto"], k["ordning"],
        ((k["forventet_brutto"], dg.BLAA), (k["forventet_netto"], dg.LYSEBLAA)), raekker,
        d["enhed"], art="soejle" if len(raekker) <= 6 else "bjaelke")])


def budgetmodelrapport(linjer: list, model: dict, kontroller: list, stempel: dict[str, str],
                       regler: Regler) -> Rapport:
    """The model per scheme: gross and net, afvigelse in t.kr., the split and its sentences."""

    tekst = model["tekster"]
    ark = Ark(tekst["ark"], kolonnebredder=[26, 10, 10] + [14] * 7, liggende=True)
    ark.tilfoej(Celle(tekst["overskrift"].format(grundlag=model["grundlag"]), "titel"))
    ark.tom()
    r = ark.tilfoej(*[Celle(tekst["kolonner"][k], "kolonnehoved") for k in KOLONNER])
    ark.hoejder[r] = 30.0
    for x in linjer:
        ark.tilfoej(x.ordning, x.periode, Celle(float(x.refusion_pct * 100), "decimal1"),
                    *[Celle(t(v), "beloeb") for v in (x.budget_brutto, x.forventet_brutto,
                                                      x.budget_netto, x.forventet_netto,
                                                      x.afvigelse_kr, x.maengdeeffekt_kr,
                                                      x.priseffekt_kr)])
    felter = ("budget_brutto", "forventet_brutto", "budget_netto", "forventet_netto",
              "afvigelse_kr", "maengdeeffekt_kr", "priseffekt_kr")

    def sumraekke(navn: str, gruppe: list) -> None:
        ark.tilfoej(Celle(navn, "tekst_sum"), Celle("", "tekst_sum"), Celle("", "tekst_sum"),
                    *[Celle(t(sum(getattr(x, f) for x in gruppe)), "beloeb_sum")
                      for f in felter])

    # subtotals per type (aktivering: intern/ekstern), each exact and rounded once
    for ty in dict.fromkeys(x.type for x in linjer if x.type):
        sumraekke(tekst.get("i_alt_type", "I alt {type}").format(type=ty),
                  [x for x in linjer if x.type == ty])
    sumraekke(regler["tabeller"]["i_alt"], linjer)
    for x in linjer:
        ark.tom()
        ark.tilfoej(Celle(f"{x.ordning} {x.periode}", "fed"))
        ark.tilfoej(Celle(x.saetninger[0], "punkt", flet=10))
        # the same intro rule as the regnskab: effects pulling in opposite directions say so
        retninger = [MERFORBRUG if e > 0 else MINDREFORBRUG
                     for e in (x.maengdeeffekt_kr, x.priseffekt_kr) if e]
        ark.tilfoej(Celle(forklaringsintro(retninger, regler), "punkt", flet=10))
        for s in x.saetninger[1:]:
            ark.tilfoej(Celle(f"• {s}", "punkt", flet=10))
    return Rapport([ark, diagramark(linjer, model), kontrolark(kontroller, stempel)],
                   metadata={"titel": tekst["titel"], "emne": tekst["emne"]})
