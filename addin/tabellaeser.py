"""A small reader for the simpler report inputs (balance, budget): named tables with typed columns.

Each table is (required columns, optional columns, numeric columns). A CSV folder or a workbook
with sheets of the same names is read; errors name file, sheet, row and column in Danish.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from addin.fejl import InputFejl
from addin.indlaes import (
    WORKBOOK_ENDELSER,
    fortolk_tal,
    laes_csv,
    laes_workbook_ark,
    normaliser_kolonne,
)

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


def laes_tabeller(sti: str | Path, spec: Spec, paakraevet: tuple[str, ...]) -> dict[str, pd.DataFrame]:
    """The tables of a CSV folder or a workbook; a missing required table stops with a message."""
    sti = Path(sti)
    if sti.is_dir():
        ud = {}
        for navn in spec:
            f = sti / f"{navn}.csv"
            if f.exists():
                header, rows, _ = laes_csv(f)
                ud[navn] = tabel_fra_raekker(navn, [header] + rows, str(f), None, spec)
    elif sti.suffix.lower() in WORKBOOK_ENDELSER and sti.exists():
        ud = tabeller_fra_ark(laes_workbook_ark(sti), str(sti), spec)
    else:
        raise InputFejl("Input findes ikke eller er hverken en mappe eller en projektmappe.",
                        fil=str(sti))
    for navn in paakraevet:
        if navn not in ud:
            raise InputFejl(f"Input mangler {navn}.csv (eller arket '{navn}').", fil=str(sti))
    for navn, df in ud.items():
        kraevet = spec[navn][0]
        if navn in TOMME_TILLADT:
            continue
        for k in kraevet:
            tom = df[k].map(lambda v: v is None or (isinstance(v, str) and v == ""))
            if tom.any():
                i = int(tom.to_numpy().nonzero()[0][0])
                fil = str(sti / f"{navn}.csv") if sti.is_dir() else str(sti)
                raise InputFejl("Cellen er tom.", fil=fil, ark=None if sti.is_dir() else navn,
                                raekke=int(df["_raekke"].iloc[i]), kolonne=k)
    return ud
