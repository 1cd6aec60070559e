"""Keep the controller's Forklaringer sheet up to date in place.

Rows are never moved or deleted and no typed cell is written: only the tool's own columns
(status, afvigelse_mio) are filled, and rows for lines that lack an explanation are appended.
The edits are computed here once and applied by the openpyxl and the xlwings writer alike.
"""

from __future__ import annotations

import pandas as pd

from addin.indlaes import normaliser_kolonne
from addin.rapporter.regnskab import forklaringer as fk

ARKNAVN = "Forklaringer"
OVERSKRIFTER = {"styringsomraade": "Styringsområde", "bevilling": "Bevilling", "niveau": "Niveau",
                "navn": "Navn", "retning": "Retning", "beloeb_mio": "Beløb mio",
                "tekst": "Tekst", "intro": "Intro", "status": "Status",
                "afvigelse_mio": "Afvigelse mio"}

Aendring = tuple[int, int, object]  # 1-based row, 1-based column, value


def _header(rows: list[list]) -> int:
    """0-based index of the header row (the first row naming 'navn' and 'tekst')."""
    for i, r in enumerate(rows[:20]):
        navne = {normaliser_kolonne(v) for v in r if v not in (None, "")}
        if {"navn", "tekst"} <= navne:
            return i
    return -1


def _tom_celle(v: object) -> bool:
    return v is None or (isinstance(v, float) and pd.isna(v)) or str(v).strip() == ""


def aendringer(rows: list[list], tabel: pd.DataFrame) -> list[Aendring]:
    """Cell edits that bring a Forklaringer sheet (its rows of values) in line with `tabel`.

    `tabel` is `forklaringer.vedligehold(...)` of the rows read from this sheet (with their
    `_raekke`). An empty sheet gets a header row first.
    """
    ud: list[Aendring] = []
    h = _header(rows)
    if h < 0:
        h = 0
        kolonner = {k: i + 1 for i, k in enumerate(fk.KOLONNER)}
        ud += [(1, i, OVERSKRIFTER[k]) for k, i in kolonner.items()]
        sidste = 1
    else:
        header = [normaliser_kolonne(v) if v not in (None, "") else "" for v in rows[h]]
        kolonner = {k: header.index(k) + 1 for k in fk.KOLONNER if k in header}
        naeste = len(header) + 1
        while naeste > 1 and header[naeste - 2] == "":
            naeste -= 1
        for k in fk.NOEGLE + fk.VAERKTOEJSKOLONNER:
            if k not in kolonner:
                kolonner[k] = naeste
                ud.append((h + 1, naeste, OVERSKRIFTER[k]))
                naeste += 1
        sidste = max([h + 1] + [i + 1 for i, r in enumerate(rows)
                                if any(not _tom_celle(v) for v in r)])
    kendte = {}
    if "_raekke" in tabel:
        for _, x in tabel.iterrows():
            if pd.notna(x["_raekke"]) and x["_raekke"] != "":
                kendte[int(x["_raekke"])] = x
    # every data row of the sheet gets its tool columns; rows the table dropped are blanked
    for r in range(h + 2, sidste + 1):
        x = kendte.get(r)
        for k in fk.VAERKTOEJSKOLONNER:
            v = "" if x is None else x[k]
            ud.append((r, kolonner[k], None if _tom_celle(v) else v))
    nye = tabel[tabel["_raekke"].isna()] if "_raekke" in tabel else tabel
    r = sidste
    for _, x in nye.iterrows():
        r += 1
        for k in fk.NOEGLE + fk.VAERKTOEJSKOLONNER:
            if k in kolonner and not _tom_celle(x[k]):
                ud.append((r, kolonner[k], x[k]))
    return [(r, k, v.item() if hasattr(v, "item") else v) for r, k, v in ud]
