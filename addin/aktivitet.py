"""Activity tables: antal and enhedspris per activity, and the price/quantity split.

mængdeeffekt = (regnskab antal - budget antal) x budget enhedspris
priseffekt   = (regnskab enhedspris - budget enhedspris) x regnskab antal
Their sum is exactly regnskab antal x pris - budget antal x pris (effects on spending, kr.).
"""

from __future__ import annotations

from decimal import Decimal
from numbers import Number

import pandas as pd

from addin.regler import Regler
from addin.talformat import _dec, decimaltal, kr, mio_kr, tusinder


def maengdeeffekt(budget_antal: Number, regnskab_antal: Number, budget_pris: Number) -> Decimal:
    """Effect on spending (kr.) of the number of recipients differing from the budget."""
    return (_dec(regnskab_antal) - _dec(budget_antal)) * _dec(budget_pris)


def priseffekt(budget_pris: Number, regnskab_pris: Number, regnskab_antal: Number) -> Decimal:
    """Effect on spending (kr.) of the average unit price differing from the budget."""
    return (_dec(regnskab_pris) - _dec(budget_pris)) * _dec(regnskab_antal)


def _antal_tekst(x: Decimal) -> str:
    return tusinder(x) if x == x.to_integral_value() else decimaltal(x, 1)


def _forskelssaetning(art: str, forskel: Decimal, effekt_kr: Decimal, regler: Regler,
                      enhed: str, **tal: str) -> str:
    """The sentence on a quantity or price difference: unchanged, higher or lower, with its
    effect; `enhed` names the rule key of the unit word (enhed_flertal / enhed_ental)."""
    ord_ = {enhed: regler["pris_maengde"][enhed]}
    if forskel == 0:
        return regler.saetning(f"{art}_uaendret", **ord_)
    navn = f"{art}_hoejere" if forskel > 0 else f"{art}_lavere"
    return regler.saetning(navn, **tal, **ord_, beloeb=mio_kr(effekt_kr / 1000))


def antal_saetning(budget_antal: Number, regnskab_antal: Number, budget_pris: Number,
                   regler: Regler) -> str:
    """'Antallet af ydelsesmodtagere er 123 fuldtidspersoner lavere end budgetteret. ...'."""
    forskel = _dec(regnskab_antal) - _dec(budget_antal)
    effekt = maengdeeffekt(budget_antal, regnskab_antal, budget_pris)
    return _forskelssaetning("antal", forskel, effekt, regler, "enhed_flertal",
                             antal=_antal_tekst(abs(forskel)))


def pris_saetning(budget_pris: Number, regnskab_pris: Number, regnskab_antal: Number,
                  regler: Regler) -> str:
    """'Den gennemsnitlige udgift pr. fuldtidsperson er 872 kr. højere end budgetteret. ...'."""
    forskel = _dec(regnskab_pris) - _dec(budget_pris)
    return _forskelssaetning("pris", forskel, priseffekt(budget_pris, regnskab_pris, regnskab_antal),
                             regler, "enhed_ental", kr=kr(abs(forskel)))


def aktivitetstabel(akt: pd.DataFrame, regler: Regler) -> pd.DataFrame:
    """One row per activity with antal and enhedspris side by side and the effects (kr.).

    Input: the 'aktivitet' table (one row per activity and maal). Activities missing their
    antal or enhedspris row get no effects (NaN).
    """
    noegle = ["styringsomraade", "bevilling", "hovedprodukt", "aktivitet"]
    akt = akt.copy()
    if "regnskab_forrige_aar" not in akt:
        akt["regnskab_forrige_aar"] = float("nan")
    raekkefoelge = akt.drop_duplicates(noegle)[noegle].reset_index(drop=True)
    kol = ["regnskab_forrige_aar", "budget", "regnskab", "_raekke"]
    if "afvigelse" in akt:
        kol.append("afvigelse")
    bred = akt.pivot_table(index=noegle, columns="maal", values=kol, aggfunc="first",
                           dropna=False)
    bred.columns = [f"{m}_{k}" + ("_givet" if k == "afvigelse" else "") for k, m in bred.columns]
    ud = raekkefoelge.merge(bred.reset_index(), on=noegle, how="left")
    for m in ("antal", "enhedspris"):
        for k in ["regnskab_forrige_aar", "budget", "regnskab", "_raekke", "afvigelse_givet"]:
            if f"{m}_{k}" not in ud:
                ud[f"{m}_{k}"] = float("nan")
        ud[f"{m}_afvigelse"] = (ud[f"{m}_budget"] - ud[f"{m}_regnskab"]) * regler.fortegn
    pm_bev = set(regler["pris_maengde"]["bevillinger"])
    ud["pris_maengde"] = ud["bevilling"].isin(pm_bev)
    har_begge = ud["antal_budget"].notna() & ud["enhedspris_budget"].notna() & \
        ud["antal_regnskab"].notna() & ud["enhedspris_regnskab"].notna()
    ud["har_begge"] = har_begge

    def _eff(r: pd.Series, f) -> object:
        return f(r) if r["har_begge"] else None

    ud["maengdeeffekt_kr"] = ud.apply(
        lambda r: _eff(r, lambda x: maengdeeffekt(x["antal_budget"], x["antal_regnskab"],
                                                  x["enhedspris_budget"])), axis=1)
    ud["priseffekt_kr"] = ud.apply(
        lambda r: _eff(r, lambda x: priseffekt(x["enhedspris_budget"], x["enhedspris_regnskab"],
                                               x["antal_regnskab"])), axis=1)
    antal_pr_hp = ud.groupby(["styringsomraade", "bevilling", "hovedprodukt"])["aktivitet"] \
        .transform("count")
    ud["er_ydelse"] = (ud["aktivitet"] != ud["hovedprodukt"]) | (antal_pr_hp > 1)
    return ud
