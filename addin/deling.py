"""Share-safe copies for Økonomiforvaltningen: every add-in function replaced by its value, no VBA."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl

from addin.fejl import RegnskabFejl
from addin.skrivere.xlsx import gem
from addin.udf import UDF_NAVNE

UDF_KALD = re.compile(r"(?<![A-Za-z0-9_.])(?:_xludf\.|_xlfn\.)?(" + "|".join(UDF_NAVNE)
                      + r")\s*\(", re.IGNORECASE)
_ARGUMENT = re.compile(r"^\s*=\s*(?:_xludf\.|_xlfn\.)?([A-Z_]+)\s*\((.*)\)\s*$", re.IGNORECASE)
_CELLE = re.compile(r"^\$?([A-Z]{1,3})\$?([0-9]+)$")


def kalder_udf(formel: object) -> bool:
    """Whether a cell's formula calls one of the add-in's functions."""
    return isinstance(formel, str) and formel.startswith("=") and bool(UDF_KALD.search(formel))


def _beregn(formel: str, ws, beregnet: dict) -> object:
    """Evaluate a plain call such as =AFVIGELSE(B2;C2) whose arguments are cells or constants.

    A referenced cell that itself calls an add-in function uses its value from `beregnet`.
    """
    from addin import udf

    m = _ARGUMENT.match(formel)
    if not m or m.group(1).upper() not in UDF_NAVNE:
        return None
    args = []
    for a in re.split(r"[;,]", m.group(2)) if m.group(2).strip() else []:
        a = a.strip()
        celle = _CELLE.match(a.upper())
        if celle:
            adresse = f"{celle.group(1)}{celle.group(2)}"
            v = ws[adresse].value
            if isinstance(v, str) and v.startswith("="):
                if (ws.title, adresse) not in beregnet:
                    return None
                v = beregnet[(ws.title, adresse)]
            args.append(v)
        elif a.startswith('"') and a.endswith('"'):
            args.append(a[1:-1])
        else:
            try:
                args.append(float(a.replace(",", ".")))
            except ValueError:
                return None
    return getattr(udf, m.group(1).upper())(*args)


def del_fil(sti: str | Path, ud: str | Path) -> int:
    """Write a copy of `sti` to `ud` (.xlsx) with add-in calls replaced by values; return count."""
    sti, ud = Path(sti), Path(ud)
    if ud.suffix.lower() != ".xlsx":
        raise RegnskabFejl("Kopien skal være en .xlsx-fil (uden makroer).", fil=str(ud))
    if ud.resolve() == sti.resolve():
        raise RegnskabFejl("Kopien skal have et andet navn end originalen.", fil=str(ud))
    formler = openpyxl.load_workbook(sti)
    vaerdier = openpyxl.load_workbook(sti, data_only=True)
    kald = [(ws, c) for ws in formler.worksheets for raekke in ws.iter_rows() for c in raekke
            if kalder_udf(c.value)]
    beregnet: dict[tuple[str, str], object] = {}
    for ws, c in kald:  # values Excel saved with the file
        v = vaerdier[ws.title][c.coordinate].value
        if v is not None:
            beregnet[(ws.title, c.coordinate)] = v
    for _ in range(len(kald)):  # the rest, computed; chains of calls resolve pass by pass
        mangler = [(ws, c) for ws, c in kald if (ws.title, c.coordinate) not in beregnet]
        if not mangler:
            break
        for ws, c in mangler:
            v = _beregn(c.value, ws, beregnet)
            if isinstance(v, list):
                v = v[0][0] if v and isinstance(v[0], list) else None
            if v is not None:
                beregnet[(ws.title, c.coordinate)] = v
    for ws, c in kald:
        if (ws.title, c.coordinate) not in beregnet:
            raise RegnskabFejl(f"Formlen {c.value} har ingen gemt værdi og kan ikke beregnes "
                               "uden Excel. Åbn projektmappen i Excel, beregn og gem, og prøv "
                               "igen.", fil=str(sti), ark=ws.title, raekke=c.row,
                               kolonne=c.column_letter)
        c.value = beregnet[(ws.title, c.coordinate)]
    gem(formler, ud)
    return len(kald)
