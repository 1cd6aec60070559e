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
from addin.fejl import InputFejl, RegelFejl
from addin.kilde import Kilde, som_kilde
from addin.rapporter.budgetmodel.regler import TEKSTER, TEKSTPLADSHOLDERE
from addin.regler import Regler, laes_med_tekster, pladsholderfejl
from addin.tabellaeser import laes_tabeller, tjek_ordforraad

SPEC = {"budgetmodel": (["ordning", "periode", "budget_antal", "budget_pris", "forventet_antal",
                         "forventet_pris"],
                        ["budget_brutto", "forventet_brutto", "budget_netto", "forventet_netto",
                         "model", "type"],
                        ["budget_antal", "budget_pris", "forventet_antal", "forventet_pris",
                         "budget_brutto", "forventet_brutto", "budget_netto", "forventet_netto"])}
SKEMA: dict[str, Any] = {"navn": (str,), "grundlag": (str,),
                         "ordninger": {"*": {"refusion_pct": (int, float)}},
                         "modelarter?": {"*": {"enhed_flertal": (str,), "enhed_ental": (str,),
                                               "antal_lavere": (str,), "antal_hoejere": (str,),
                                               "typer?": [(str,)]}},
                         "normtal?": {"*": (int, float)},
                         "tekster?": TEKSTER,  # without it: the bundled file's words
                         "diagrammer?": {"ark": (str,), "brutto_netto": (str,),
                                         "enhed": (str,)}}  # likewise


def indlaes_modelregler(sti: str | Path | None = None) -> dict:
    """The budget model's rules (default: the bundled budgetmodel.yaml), validated; the model
    kinds' sentence templates may use only the regnskab sentences' placeholders."""
    data = laes_med_tekster(sti, "budgetmodel", SKEMA, TEKSTPLADSHOLDERE,
                            valg={("grundlag",): {"netto", "brutto"}})
    for art, d in data.get("modelarter", {}).items():
        for k in ("antal_lavere", "antal_hoejere"):
            besked = pladsholderfejl(d[k], {"antal", "enhed_flertal", "beloeb"})
            if besked:
                raise RegelFejl(besked, fil=str(sti or "budgetmodel.yaml"),
                                noegle=f"modelarter.{art}.{k}")
    return data


def laes_budgetmodel(kilde: str | Path | Kilde, model: dict | None = None) -> pd.DataFrame:
    """The model's lines (one per scheme and period); the model kind of each (column `model`,
    empty = ydelse) and an aktivering line's type must be ones the rule file names."""
    kilde = som_kilde(kilde)
    t = laes_tabeller(kilde, SPEC, ("budgetmodel",))
    df = t["budgetmodel"]
    arter = (model or {}).get("modelarter", {"ydelse": {}})
    tjek_ordforraad(kilde, t, "budgetmodel", "model", list(arter), "budgetmodel.yaml",
                    tom_tilladt=True)
    typer = sorted({ty for a in arter.values() for ty in a.get("typer", [])})
    tjek_ordforraad(kilde, t, "budgetmodel", "type", typer, "budgetmodel.yaml", tom_tilladt=True)
    for k in ("model", "type"):
        if k not in df:
            df[k] = ""
    df["model"] = df["model"].replace("", "ydelse")
    return df


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
    model: str = "ydelse"         # ydelse | aktivering | loensum (rule file's modelarter)
    type: str = ""                # an aktivering line's type (intern/ekstern)


def _regler_for_art(regler: Regler, art: dict) -> Regler:
    """The regnskab rules with a model kind's words in the quantity sentences and units."""
    if not art:
        return regler
    data = {**regler.data,
            "saetninger": {**regler.data["saetninger"], "antal_lavere": art["antal_lavere"],
                           "antal_hoejere": art["antal_hoejere"]},
            "pris_maengde": {**regler.data["pris_maengde"], "enhed_flertal": art["enhed_flertal"],
                             "enhed_ental": art["enhed_ental"]}}
    return Regler(data=data, fil=regler.fil, tekst=regler.tekst)


def beregn_model(df: pd.DataFrame, model: dict, regler: Regler) -> list[Modellinje]:
    """Every line of the model. A ydelse line needs its scheme's refusionssats in the rules;
    aktivering and lønsum have none unless the rules give one. A lønsum line whose scheme has a
    normtal in the rules is given in cases: årsværk = sager ÷ normtal drives the payroll."""
    ud = []
    arter = model.get("modelarter", {})
    for _, r in df.iterrows():
        ordning = r["ordning"]
        art = r.get("model", "ydelse") or "ydelse"
        if art == "ydelse" and ordning not in model["ordninger"]:
            raise InputFejl(f"Ordningen '{ordning}' har ingen refusionssats i reglerne "
                            f"(kendte: {', '.join(model['ordninger'])}).",
                            fil="budgetmodel", raekke=int(r["_raekke"]), kolonne="ordning")
        if art == "aktivering" and arter.get(art, {}).get("typer") and not r.get("type"):
            raise InputFejl("En aktiveringslinje skal have en type ("
                            + ", ".join(arter[art]["typer"]) + ").", fil="budgetmodel",
                            raekke=int(r["_raekke"]), kolonne="type")
        sats = model["ordninger"].get(ordning, {"refusion_pct": 0})["refusion_pct"]
        pct = _f(sats) / 100
        andel = (1 - pct) if model["grundlag"] == "netto" else Fraction(1)
        ba, bp = _f(r["budget_antal"]), _f(r["budget_pris"])
        fa, fp = _f(r["forventet_antal"]), _f(r["forventet_pris"])
        normtal = model.get("normtal", {}).get(ordning) if art == "loensum" else None
        if normtal:
            ba, fa = ba / _f(normtal), fa / _f(normtal)
        bb, fb = ba * bp, fa * fp
        m = Fraction(maengdeeffekt(ba, fa, bp)) * andel
        p = Fraction(priseffekt(bp, fp, fa)) * andel
        afv = (bb - fb) * andel * regler.fortegn
        # the split is exact by construction; a failure here is a bug, not an input problem
        assert m + p == -afv * regler.fortegn, (ordning, r["periode"])
        ordnet_bp, ordnet_fp = bp * andel, fp * andel
        r_art = _regler_for_art(regler, arter.get(art, {}))
        saet = [av.afvigelsestekst(afv / 1000, "hovedprodukt", r_art),
                antal_saetning(ba, fa, ordnet_bp, r_art),
                pris_saetning(ordnet_bp, ordnet_fp, fa, r_art)]
        ud.append(Modellinje(ordning, str(r["periode"]), pct, bb, fb, bb * (1 - pct),
                             fb * (1 - pct), afv, m, p, saet, art, str(r.get("type", "") or "")))
    return ud
