"""Derive the balance report's tables from the finest level the input has (pure pandas)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from addin.rapporter.balance.indlaes import BalanceInput
from addin.rapporter.balance.regler import BalanceRegler
from addin.talformat import tkr_vist


def tkr_fra_kr(kr: float) -> int:
    """Whole kroner to t.kr., rounded half away from zero (as the tables print them)."""
    return tkr_vist(round(kr * 100))


def navne_passer(kort: str, fuld: str) -> bool:
    """'Tilgodehav. i betalingskontrol' is an abbreviation of 'Tilgodehavender i betalingskontrol'."""
    a, b = kort.lower().split(), fuld.lower().split()
    return len(a) == len(b) and all(_forkortelse(x.rstrip("."), y) for x, y in zip(a, b))


def _forkortelse(kort: str, fuld: str) -> bool:
    """'indl' abbreviates 'indenlandsk': same first letter, then the letters in order."""
    if not kort or not fuld or kort[0] != fuld[0]:
        return False
    rest = iter(fuld[1:])
    return all(ch in rest for ch in kort[1:])


@dataclass
class Balance:
    """The derived tables; None where the input lacks what a table needs."""

    kategorier: pd.DataFrame | None
    tabel_1_1: pd.DataFrame | None
    aeldre: pd.DataFrame | None
    tabel_2_1: pd.DataFrame
    handleplaner: pd.DataFrame
    systemafstemning: pd.DataFrame | None
    afskrivninger: pd.DataFrame | None


def kategorikolonner(aar: int) -> list[str]:
    """Antal and netto of the report year, then of the year before."""
    return [f"antal_{aar}", f"netto_{aar}_tkr", f"antal_{aar - 1}", f"netto_{aar - 1}_tkr"]


def kategoritabel(k: pd.DataFrame, aar: int) -> pd.DataFrame:
    """Kategori 1-3 of two years with computed changes and an 'i alt' row (the input's is ignored)."""
    rows = k[k["kategori"].str.lower() != "i alt"].copy()
    cols = kategorikolonner(aar)
    rows = rows[["kategori"] + cols].copy()
    total = {"kategori": "i alt", **{c: rows[c].sum() for c in cols}}
    ud = pd.concat([rows, pd.DataFrame([total])], ignore_index=True)
    ud["antal_aendring"] = ud[cols[0]] - ud[cols[2]]
    ud["netto_aendring_tkr"] = ud[cols[1]] - ud[cols[3]]
    return ud


def tabel_2_1(hp: pd.DataFrame, t11: pd.DataFrame | None) -> pd.DataFrame:
    """Per IM-funktion from the account rows: count, kategori 2/3 amounts, older part, Total row."""
    hp = hp.copy()
    hp["aeldre"] = hp.get("heraf_aeldre_kr", pd.Series(0.0, index=hp.index)).fillna(0.0)
    rows = []
    for im, g in hp.groupby("im_funktion", sort=True):
        navn = ""
        if t11 is not None:
            hit = t11[t11["im_funktion"] == im]
            navn = hit["navn"].iloc[0] if not hit.empty else ""
        rows.append(_opfoelgning(im, navn, g))
    rows.append(_opfoelgning("Total", "", hp))
    return pd.DataFrame(rows)


def _opfoelgning(im: str, navn: str, g: pd.DataFrame) -> dict:
    """One Tabel 2.1 row from a group of accounts: counts and amounts in t.kr. by kategori."""
    k2, k3 = g[g["kategori"] == "2"], g[g["kategori"] == "3"]
    return {"im_funktion": im, "navn": navn, "antal_konti": len(g),
            "total_tkr": tkr_fra_kr(g["opfoelgningsbeloeb_kr"].sum()),
            "kategori_2_tkr": tkr_fra_kr(k2["opfoelgningsbeloeb_kr"].sum()),
            "kategori_3_tkr": tkr_fra_kr(k3["opfoelgningsbeloeb_kr"].sum()),
            "aeldre_antal": int((g["aeldre"] != 0).sum()),
            "aeldre_kategori_2_tkr": tkr_fra_kr(k2["aeldre"].sum()),
            "aeldre_kategori_3_tkr": tkr_fra_kr(k3["aeldre"].sum())}


def handleplaner(hp: pd.DataFrame, regler: BalanceRegler) -> pd.DataFrame:
    """Action plans ranked by kategori and konto, only where |gross amount| >= the threshold."""
    vis = hp[hp["opfoelgningsbeloeb_kr"].abs() >= regler.graense_kr]
    return vis.sort_values(["kategori", "konto"], kind="stable").reset_index(drop=True)


def beregn_balance(inp: BalanceInput, regler: BalanceRegler) -> Balance:
    """All tables of the report."""
    k = inp.get("kategorier")
    t11 = inp.get("tabel_1_1")
    hp = inp.get("handleplaner")
    aeldre = inp.get("aeldre_end_1_aar")
    aar = regler.rapportdato.year
    return Balance(kategorier=kategoritabel(k, aar) if k is not None else None, tabel_1_1=t11,
                   aeldre=aeldre, tabel_2_1=tabel_2_1(hp, t11), handleplaner=handleplaner(hp, regler),
                   systemafstemning=inp.get("systemafstemning"),
                   afskrivninger=inp.get("afskrivninger"))
