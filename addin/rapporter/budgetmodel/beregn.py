"""Budget model for benefit schemes: antal x gennemsnitspris, gross and net of statsrefusion.

Compared with the budget it gives the forecast's afvigelse and the price/quantity split of the
core engine (addin.aktivitet), so a budgetopfølgning explains itself the way the regnskab does.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import pandas as pd

from addin import afvigelse as av
from addin.aktivitet import antal_saetning, maengdeeffekt, pris_saetning, priseffekt
from addin.fejl import InputFejl
from addin.kilde import Kilde, som_kilde
from addin.rapporter.budgetmodel.regler import TEKSTER, TEKSTPLADSHOLDERE
from addin.regler import Regler, laes_med_tekster
from addin.tabellaeser import laes_tabeller

SPEC = {"budgetmodel": (["ordning", "periode", "budget_antal", "budget_pris", "forventet_antal",
                         "forventet_pris"],
                        ["budget_brutto", "forventet_brutto", "budget_netto", "forventet_netto"],
                        ["budget_antal", "budget_pris", "forventet_antal", "forventet_pris",
                         "budget_brutto", "forventet_brutto", "budget_netto", "forventet_netto"])}
SKEMA: dict[str, Any] = {"navn": (str,), "grundlag": (str,),
                         "ordninger": {"*": {"refusion_pct": (int, float)}},
                         "tekster?": TEKSTER}  # without it: the bundled file's words


def indlaes_modelregler(sti: str | Path | None = None) -> dict:
    """The budget model's rules (default: the bundled budgetmodel.yaml), validated."""
    return laes_med_tekster(sti, "budgetmodel", SKEMA, TEKSTPLADSHOLDERE,
                            valg={("grundlag",): {"netto", "brutto"}})


def laes_budgetmodel(kilde: str | Path | Kilde) -> pd.DataFrame:
    """The model's lines (one per scheme and period)."""
    return laes_tabeller(som_kilde(kilde), SPEC, ("budgetmodel",))["budgetmodel"]


def _f(x: object) -> Fraction:
    return Fraction(repr(float(x))) if isinstance(x, float) else Fraction(str(x))


@dataclass
class Modellinje:
    """One scheme and period: gross/net budget and forecast (kr.), afvigelse and its split."""

    ordning: str
    periode: str
    refusion_pct: Fraction
    budget_brutto: Fraction
    forventet_brutto: Fraction
    budget_netto: Fraction
    forventet_netto: Fraction
    afvigelse_kr: Fraction        # budget - forventet (netto or brutto by rules), rule's sign
    maengdeeffekt_kr: Fraction    # effect on spending
    priseffekt_kr: Fraction
    saetninger: list[str]


def beregn_model(df: pd.DataFrame, model: dict, regler: Regler) -> list[Modellinje]:
    """Every scheme line of the model; unknown schemes stop with their row."""
    ud = []
    for _, r in df.iterrows():
        ordning = r["ordning"]
        if ordning not in model["ordninger"]:
            raise InputFejl(f"Ordningen '{ordning}' har ingen refusionssats i reglerne "
                            f"(kendte: {', '.join(model['ordninger'])}).",
                            fil="budgetmodel", raekke=int(r["_raekke"]), kolonne="ordning")
        pct = _f(model["ordninger"][ordning]["refusion_pct"]) / 100
        andel = (1 - pct) if model["grundlag"] == "netto" else Fraction(1)
        ba, bp = _f(r["budget_antal"]), _f(r["budget_pris"])
        fa, fp = _f(r["forventet_antal"]), _f(r["forventet_pris"])
        bb, fb = ba * bp, fa * fp
        m = Fraction(maengdeeffekt(ba, fa, bp)) * andel
        p = Fraction(priseffekt(bp, fp, fa)) * andel
        afv = (bb - fb) * andel * regler.fortegn
        # the split is exact by construction; a failure here is a bug, not an input problem
        assert m + p == -afv * regler.fortegn, (ordning, r["periode"])
        ordnet_bp, ordnet_fp = bp * andel, fp * andel
        saet = [av.afvigelsestekst(afv / 1000, "hovedprodukt", regler),
                antal_saetning(ba, fa, ordnet_bp, regler),
                pris_saetning(ordnet_bp, ordnet_fp, fa, regler)]
        ud.append(Modellinje(ordning, str(r["periode"]), pct, bb, fb, bb * (1 - pct),
                             fb * (1 - pct), afv, m, p, saet))
    return ud
