"""Compute the regnskab (pure pandas, no I/O): every level's amounts, afvigelse, class and sentence.

Amounts come in as øre (exact integers) and are kept exact; tkr figures are rounded half-up
only where shown. The model is what the layout step and the checks read.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from addin import afvigelse as av
from addin.aktivitet import aktivitetstabel, antal_saetning, pris_saetning
from addin.fejl import InputFejl
from addin.indlaes import Input
from addin.regler import Regler
from addin.talformat import tkr

BELOEB_LINJE = ["korrigeret_udgift", "korrigeret_indtaegt", "regnskab_udgift", "regnskab_indtaegt"]


@dataclass
class Regnskab:
    """The computed report model."""

    regler: Regler
    styringsomraader: pd.DataFrame
    bevillinger: pd.DataFrame
    linjer: pd.DataFrame
    aktiviteter: pd.DataFrame
    forklaringer: pd.DataFrame | None
    har_bevillingsbeloeb: bool
    indstillinger: dict[str, str] = field(default_factory=dict)
    kilde: str = ""

    def linjer_i(self, styringsomraade: str, bevilling: str) -> pd.DataFrame:
        m = (self.linjer["styringsomraade"] == styringsomraade) & \
            (self.linjer["bevilling"] == bevilling)
        return self.linjer[m]

    def aktiviteter_i(self, styringsomraade: str, bevilling: str) -> pd.DataFrame:
        a = self.aktiviteter
        if a.empty:
            return a
        return a[(a["styringsomraade"] == styringsomraade) & (a["bevilling"] == bevilling)]


def _saetning_og_klasse(df: pd.DataFrame, niveau_kol: str | None, niveau: str | None,
                        regler: Regler) -> pd.DataFrame:
    afv = [tkr(x) * regler.fortegn for x in df["mindre_oere"]]
    niv = df[niveau_kol].tolist() if niveau_kol else [niveau] * len(df)
    korr = [tkr(x) for x in df["korrigeret"]]
    df["afvigelse_tkr"] = afv
    df["klasse"] = [av.klasse(a, n, regler) for a, n in zip(afv, niv)]
    df["saetning"] = [av.afvigelsestekst(a, n, regler) for a, n in zip(afv, niv)]
    df["forklaringskrav"] = [av.forklaringskrav(a, k, n, regler)
                             for a, k, n in zip(afv, korr, niv)]
    return df


def _linjer(inp: Input, regler: Regler) -> pd.DataFrame:
    hp = inp.df("hovedprodukter").copy()
    funktionsopdelt = set(regler["funktionsopdelte_bevillinger"])
    if "niveau" not in hp:
        hp["niveau"] = ""
    if "kode" not in hp:
        hp["kode"] = ""
    tom = hp["niveau"] == ""
    hp.loc[tom, "niveau"] = np.where(hp.loc[tom, "bevilling"].isin(funktionsopdelt),
                                     "funktion", "hovedprodukt")
    hp["afvigelse_givet"] = hp["afvigelse"] if "afvigelse" in hp else np.nan
    noegle = ["styringsomraade", "bevilling", "niveau", "kode", "navn"]
    g = hp.groupby(noegle, sort=False, dropna=False)
    linjer = g[BELOEB_LINJE].sum().reset_index()
    linjer["antal_raekker"] = g.size().to_numpy()
    linjer["_raekke"] = g["_raekke"].first().to_numpy()
    # a given afvigelse is only comparable where it is given on every row of the line
    givet = g["afvigelse_givet"].agg(lambda s: s.sum() if s.notna().all() else np.nan)
    linjer["afvigelse_givet"] = givet.to_numpy()
    linjer["korrigeret"] = linjer["korrigeret_udgift"] + linjer["korrigeret_indtaegt"]
    linjer["regnskab"] = linjer["regnskab_udgift"] + linjer["regnskab_indtaegt"]
    linjer["mindre_oere"] = linjer["korrigeret"] - linjer["regnskab"]
    return _saetning_og_klasse(linjer, "niveau", None, regler)


def _tjek_hovedprodukt_unik(linjer: pd.DataFrame, inp: Input) -> None:
    """A hovedprodukt name under two bevillinger is almost always a paste error."""
    t = inp.tabeller["hovedprodukter"]
    hp = linjer[linjer["niveau"] == "hovedprodukt"]
    dup = hp[hp.duplicated("navn", keep=False)]
    if not dup.empty:
        navn = dup["navn"].iloc[0]
        steder = dup[dup["navn"] == navn]
        beskriv = " og ".join(f"{s} / {b}" for s, b in zip(steder["styringsomraade"],
                                                            steder["bevilling"]))
        raise InputFejl(f"Hovedproduktet '{navn}' står under to bevillinger ({beskriv}).",
                        **t.sted(int(steder["_raekke"].iloc[-1]), "bevilling"))


def _bevillinger(inp: Input, linjer: pd.DataFrame, regler: Regler) -> tuple[pd.DataFrame, bool]:
    noegle = ["styringsomraade", "bevilling"]
    fra_linjer = linjer.groupby(noegle, sort=False)[
        ["korrigeret", "regnskab"] + BELOEB_LINJE].sum().reset_index()
    fra_linjer["antal_linjer"] = linjer.groupby(noegle, sort=False).size().to_numpy()
    bev_in = inp.df("bevillinger")
    if bev_in is None:
        bev = fra_linjer.rename(columns={"korrigeret": "korrigeret", "regnskab": "regnskab"})
        bev["vedtaget_budget"] = np.nan
        bev["tillaegsbevillinger"] = np.nan
        bev["korrigeret_givet"] = np.nan
        bev["afvigelse_givet"] = np.nan
        bev["detalje_korrigeret"] = bev["korrigeret"]
        bev["detalje_regnskab"] = bev["regnskab"]
        bev["_raekke"] = np.nan
        har = False
    else:
        t = inp.tabeller["bevillinger"]
        dup = bev_in[bev_in.duplicated(noegle, keep=False)]
        if not dup.empty:
            r = dup.iloc[1]
            raise InputFejl(f"Bevillingen '{r['bevilling']}' under '{r['styringsomraade']}' står "
                            "to gange.", **t.sted(int(r["_raekke"]), "bevilling"))
        bev = bev_in.copy()
        bev["korrigeret_givet"] = bev["korrigeret_budget"] if "korrigeret_budget" in bev \
            else np.nan
        bev["afvigelse_givet"] = bev["afvigelse"] if "afvigelse" in bev else np.nan
        bev["korrigeret"] = bev["vedtaget_budget"] + bev["tillaegsbevillinger"]
        kendte = set(zip(bev["styringsomraade"], bev["bevilling"]))
        ht = inp.tabeller["hovedprodukter"]
        for _, r in linjer.iterrows():
            if (r["styringsomraade"], r["bevilling"]) not in kendte:
                samme = bev[bev["bevilling"] == r["bevilling"]]
                hint = (f" Bevillingen findes under '{samme['styringsomraade'].iloc[0]}'."
                        if not samme.empty else " Kendte bevillinger: "
                        + ", ".join(sorted(bev["bevilling"].unique())) + ".")
                raise InputFejl(f"Bevillingen '{r['bevilling']}' under styringsområdet "
                                f"'{r['styringsomraade']}' findes ikke i bevillinger.{hint}",
                                **ht.sted(int(r["_raekke"]), "bevilling"))
        bev = bev.merge(fra_linjer.rename(columns={"korrigeret": "detalje_korrigeret",
                                                   "regnskab": "detalje_regnskab"}),
                        on=noegle, how="left")
        har = True
    funktionsopdelt = set(regler["funktionsopdelte_bevillinger"])
    bev["niveau"] = np.where(bev["bevilling"].isin(funktionsopdelt), "omraade", "bevilling")
    bev["mindre_oere"] = bev["korrigeret"] - bev["regnskab"]
    bev = _saetning_og_klasse(bev, "niveau", None, regler)
    krav = linjer.groupby(noegle, sort=False)["forklaringskrav"].any()
    bev["henvisning"] = [bool(krav.get((s, b), False))
                         for s, b in zip(bev["styringsomraade"], bev["bevilling"])]
    return bev, har


def _styringsomraader(bev: pd.DataFrame, regler: Regler) -> pd.DataFrame:
    kol = ["vedtaget_budget", "tillaegsbevillinger", "korrigeret", "regnskab", "mindre_oere"]
    so = bev.groupby("styringsomraade", sort=False)[kol].sum(min_count=1).reset_index()
    so["henvisning"] = bev.groupby("styringsomraade", sort=False)["henvisning"].any().to_numpy()
    return _saetning_og_klasse(so, None, "styringsomraade", regler)


def _aktiviteter(inp: Input, linjer: pd.DataFrame, regler: Regler) -> pd.DataFrame:
    akt = inp.df("aktivitet")
    if akt is None or akt.empty:
        return pd.DataFrame()
    ud = aktivitetstabel(akt, regler)
    ud["antal_saetning"] = None
    ud["pris_saetning"] = None
    ud["ydelse_afvigelse_tkr"] = None
    ud["ydelse_saetning"] = None
    for i, r in ud.iterrows():
        if not r["har_begge"]:
            continue
        ud.at[i, "antal_saetning"] = antal_saetning(r["antal_budget"], r["antal_regnskab"],
                                                    r["enhedspris_budget"], regler)
        ud.at[i, "pris_saetning"] = pris_saetning(r["enhedspris_budget"],
                                                  r["enhedspris_regnskab"],
                                                  r["antal_regnskab"], regler)
        afv = -(r["maengdeeffekt_kr"] + r["priseffekt_kr"]) / 1000 * regler.fortegn
        ud.at[i, "ydelse_afvigelse_tkr"] = afv
        ud.at[i, "ydelse_saetning"] = av.afvigelsestekst(afv, "ydelse", regler)
    return ud


def _forklaringer(inp: Input) -> pd.DataFrame | None:
    f = inp.df("forklaringer")
    return None if f is None else f.copy()


def beregn_regnskab(inp: Input, regler: Regler) -> Regnskab:
    """Compute every level of the regnskab from validated input tables."""
    linjer = _linjer(inp, regler)
    _tjek_hovedprodukt_unik(linjer, inp)
    bev, har = _bevillinger(inp, linjer, regler)
    so = _styringsomraader(bev, regler)
    akt = _aktiviteter(inp, linjer, regler)
    return Regnskab(regler=regler, styringsomraader=so, bevillinger=bev, linjer=linjer,
                    aktiviteter=akt, forklaringer=_forklaringer(inp), har_bevillingsbeloeb=har,
                    indstillinger=inp.indstillinger, kilde=inp.kilde)
