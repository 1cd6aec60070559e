"""A small reader for the simpler report inputs (balance, budget): named tables with typed columns.

Each table is (required columns, optional columns, numeric columns). A CSV folder or a workbook
with sheets of the same names is read; errors name file, sheet, row and column in Danish.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from addin.fejl import InputFejl
from addin.indlaes import TOMT_ARK, fortolk_tal, laes_csv, normaliser_kolonne
from addin.kilde import Kilde

Spec = dict[str, tuple[list[str], list[str], list[str]]]
TOMME_TILLADT = {"indstillinger"}


def tabel_fra_raekker(navn: str, rows: list[list], fil: str, ark: str | None,
                      spec: Spec) -> pd.DataFrame:
    """One table from rows of cell values; the header is found among the first 20 rows."""
    kraevet, valgfri, tal = spec[navn]
    h = next((i for i, r in enumerate(rows[:20])
              if set(kraevet) <= {normaliser_kolonne(v) for v in r if v not in (None, "")}), None)
    if h is None:
        foerste = rows[0] if rows else []
        fundne = {normaliser_kolonne(v) for v in foerste if v}
        mangler = [k for k in kraevet if k not in fundne]
        fundet = ", ".join(str(v) for v in foerste if v not in (None, ""))
        raise InputFejl(f"Den påkrævede kolonne '{mangler[0] if mangler else kraevet[0]}' "
                        f"mangler (fundet: {fundet or 'ingen'}).", fil=fil, ark=ark, raekke=1,
                        kolonne=mangler[0] if mangler else None)
    header = [normaliser_kolonne(v) if v not in (None, "") else "" for v in rows[h]]
    brug = [k for k in kraevet + valgfri if k in header]
    data: dict[str, list] = {k: [] for k in brug}
    linjer = []
    for j, r in enumerate(rows[h + 1:], start=h + 2):
        if all(v in (None, "") or str(v).strip() == "" for v in r):
            continue
        for k in brug:
            i = header.index(k)
            v = r[i] if i < len(r) else None
            if k in tal:
                tekst = "" if v is None else str(v).strip()
                if tekst == "":
                    v = None
                else:
                    v = fortolk_tal(v, dansk=not isinstance(v, (int, float)) and "," in tekst)
                    if v is None:
                        raise InputFejl(f"'{tekst}' er ikke et tal.", fil=fil, ark=ark,
                                        raekke=j, kolonne=k)
            else:
                if isinstance(v, float) and v.is_integer():
                    v = int(v)
                v = "" if v is None else str(v).strip()
            data[k].append(v)
        linjer.append(j)
    df = pd.DataFrame(data, columns=brug)
    df["_raekke"] = linjer
    return df


def tabeller_fra_ark(ark: dict[str, list[list]], kilde: str, spec: Spec) -> dict[str, pd.DataFrame]:
    """The tables among a workbook's sheets (rows of values), by sheet name."""
    normal = {normaliser_kolonne(a): a for a in ark}
    ud = {}
    for navn in spec:
        rows = ark.get(normal.get(navn, ""), [])
        if navn in normal and any(v not in (None, "") for r in rows for v in r):
            ud[navn] = tabel_fra_raekker(navn, rows, kilde, normal[navn], spec)
    return ud


def laes_tabeller(kilde: Kilde, spec: Spec, paakraevet: tuple[str, ...]) -> dict[str, pd.DataFrame]:
    """The tables of a CSV folder or a workbook's sheets; a missing or empty required table, or
    an empty cell in a required column, stops with a message naming file, sheet, row and column."""
    if kilde.ark is not None:
        ud = tabeller_fra_ark(kilde.ark, kilde.navn, spec)
    else:
        ud = {}
        for navn in spec:
            f = kilde.mappe_csv / f"{navn}.csv"
            if f.exists():
                header, rows, _ = laes_csv(f)
                ud[navn] = tabel_fra_raekker(navn, [header] + rows, str(f), None, spec)
    for navn in paakraevet:
        if navn in ud and not ud[navn].empty:
            continue
        if kilde.ark is None:
            hvad = "mangler" if navn not in ud else "har ingen datarækker"
            raise InputFejl(f"Input {hvad} {navn}.csv.", fil=kilde.navn)
        arknavn = kilde.arknavn(navn)
        if arknavn is None:
            raise InputFejl(f"Projektmappen mangler arket '{navn}'.", fil=kilde.navn)
        raise InputFejl(TOMT_ARK, fil=kilde.navn, ark=arknavn)
    for navn, df in ud.items():
        kraevet = spec[navn][0]
        if navn in TOMME_TILLADT:
            continue
        for k in kraevet:
            tom = df[k].map(lambda v: v is None or (isinstance(v, str) and v == ""))
            if tom.any():
                i = int(tom.to_numpy().nonzero()[0][0])
                raise InputFejl("Cellen er tom.",
                                **kilde.sted(navn, int(df["_raekke"].iloc[i]), k))
    return ud


def tjek_ordforraad(kilde: Kilde, tabeller: dict[str, pd.DataFrame], tabel: str, kolonne: str,
                    tilladte: list[str], regelfil: str, *, tom_tilladt: bool = False) -> None:
    """Every value of a categorical column must be one the rule file names: an unknown value is
    an input error naming file, row, column, the value and the allowed ones (never dropped)."""
    df = tabeller.get(tabel)
    if df is None or kolonne not in df:
        return
    lov = set(tilladte) | ({""} if tom_tilladt else set())
    forkert = [i for i, v in enumerate(df[kolonne]) if v not in lov]
    if not forkert:
        return
    i = forkert[0]
    navne = ", ".join(f"'{v}'" for v in tilladte) + (" eller tom" if tom_tilladt else "")
    raise InputFejl(f"Ukendt værdi '{df[kolonne].iloc[i]}'; tilladt: {navne} (fra regelfilen "
                    f"{Path(regelfil).name}).",
                    **kilde.sted(tabel, int(df["_raekke"].iloc[i]), kolonne))
