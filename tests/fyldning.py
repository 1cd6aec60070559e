"""Fill any workbook template with a bundled example, as a controller pastes it."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl

from addin.indlaes import normaliser_kolonne


def _vaerdi(tekst: str, eksempel: object) -> object:
    """A number where the template's example row (row 2) holds a number, else the text."""
    if isinstance(eksempel, (int, float)) and not isinstance(eksempel, bool):
        try:
            tal = float(tekst)
        except ValueError:
            return tekst
        return int(tal) if tal.is_integer() else tal
    return tekst


def fyld_fra_eksempel(skabelon: Path, eksempel: Path, ud: Path) -> Path:
    """Paste each CSV of `eksempel` under the header row (row 3) of the input sheet of that name.

    Headers are matched as the reader matches them ("Forventet regnskab udgift" =
    regnskab_udgift); indstillinger.csv fills the Indstillinger sheet's values.
    """
    wb = openpyxl.load_workbook(skabelon, keep_vba=skabelon.suffix == ".xlsm")
    ark = {normaliser_kolonne(n): n for n in wb.sheetnames}
    for csvfil in sorted(eksempel.glob("*.csv")):
        with open(csvfil, encoding="utf-8", newline="") as f:
            raekker = list(csv.DictReader(f))
        navn = ark.get(csvfil.stem)
        if navn is None:
            continue
        ws = wb[navn]
        if csvfil.stem == "indstillinger":
            celler = {normaliser_kolonne(r[0].value): r[1] for r in ws.iter_rows(min_row=2)
                      if r[0].value}
            for r in raekker:
                if r["noegle"] in celler:
                    celler[r["noegle"]].value = r["vaerdi"]
            continue
        header = [normaliser_kolonne(c.value).replace("forventet_regnskab", "regnskab")
                  if c.value else "" for c in ws[3]]
        eksempelraekke = [c.value for c in ws[2]]
        for i, row in enumerate(raekker, start=4):
            for k, v in row.items():
                if k in header and v not in ("", None):
                    kol = header.index(k)
                    ws.cell(row=i, column=kol + 1, value=_vaerdi(v, eksempelraekke[kol]))
    wb.save(ud)
    return ud
