"""Budgetgaranti and beskæftigelsestilskud: the kommune's income follows the national
development in forsørgelsesudgifter, its expenses its own; the effect per scenario (pure).

Amounts are exact (Fraction) in 1.000 kr.; shown rounded once.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import pandas as pd

from addin.fejl import InputFejl
from addin.kilde import Kilde, som_kilde
from addin.regler import bundlet_regelfil, laes_yaml, ordafsnit
from addin.tabellaeser import laes_tabeller

SPEC = {"budgetgaranti": (["scenarie", "grundlag_tkr", "landsudvikling_pct",
                           "kommuneudvikling_pct"], [],
                          ["grundlag_tkr", "landsudvikling_pct", "kommuneudvikling_pct"]),
        "indstillinger": (["noegle", "vaerdi"], [], [])}
SKEMA: dict[str, Any] = {
    "navn": (str,), "kommune_genitiv": (str,),
    "ord": {"stiger": (str,), "falder": (str,), "plus": (str,), "minus": (str,)},
    "saetninger": {k: (str,) for k in ("indtaegt_aendret", "indtaegt_uaendret", "udgift_aendret",
                                       "udgift_uaendret", "samlet", "samlet_nul")},
    "tabel": {"ark": (str,), "titel": (str,), "enhed": (str,), "kolonner": [(str,)],
              "note": (str,), "emne?": (str,)},  # emne: without it, the bundled file's
    "diagrammer?": {"ark": (str,), "virkning": (str,)},  # likewise
}
MAKS_PCT = 100  # a yearly development beyond ±100 pct. is a typing error


def indlaes_garantiregler(sti: str | Path | None = None) -> dict:
    """The budgetgaranti rules (default: the bundled budgetgaranti.yaml), validated."""
    laengder = {("tabel", "kolonner"): 7}
    sti = sti or bundlet_regelfil("budgetgaranti")
    data, rod, _ = laes_yaml(sti, SKEMA, listelaengder=laengder)
    if "emne" not in data["tabel"]:
        data["tabel"]["emne"] = laes_yaml(bundlet_regelfil("budgetgaranti"), SKEMA,
                                          listelaengder=laengder)[0]["tabel"]["emne"]
    ordafsnit(data, rod, sti, "budgetgaranti", SKEMA, "diagrammer", listelaengder=laengder)
    return data


def laes_budgetgaranti(kilde: str | Path | Kilde) -> pd.DataFrame:
    """The scenarios; a development beyond ±100 pct. stops with its row."""
    kilde = som_kilde(kilde)
    df = laes_tabeller(kilde, SPEC, ("budgetgaranti",))["budgetgaranti"]
    for kol in ("landsudvikling_pct", "kommuneudvikling_pct"):
        for v, r in zip(df[kol], df["_raekke"]):
            if abs(v) > MAKS_PCT:
                raise InputFejl(f"En udvikling på {v:g} pct. på et år er ikke rimelig.",
                                fil=kilde.navn, raekke=int(r), kolonne=kol)
    return df


@dataclass(frozen=True)
class Virkning:
    """One scenario: the effect on income and expenses and the total, in exact 1.000 kr."""

    scenarie: str
    grundlag_tkr: Fraction
    landsudvikling_pct: Fraction
    kommuneudvikling_pct: Fraction
    indtaegt_tkr: Fraction        # + when income rises
    udgiftsaendring_tkr: Fraction  # the change in expenses (+ when they rise)
    udgiftsvirkning_tkr: Fraction  # the effect of it on the kommune (+ when expenses fall)
    samlet_tkr: Fraction


def _f(v: object) -> Fraction:
    return Fraction(repr(float(v)))


def beregn_virkning(df: pd.DataFrame) -> list[Virkning]:
    """Per scenario: income = grundlag x landsudvikling, expenses = grundlag x own development;
    the total effect is income change minus expense change."""
    ud = []
    for _, r in df.iterrows():
        g, lands, egen = _f(r["grundlag_tkr"]), _f(r["landsudvikling_pct"]), _f(
            r["kommuneudvikling_pct"])
        indtaegt, udgift = g * lands / 100, g * egen / 100
        ud.append(Virkning(str(r["scenarie"]), g, lands, egen, indtaegt, udgift, -udgift,
                           indtaegt - udgift))
    return ud
