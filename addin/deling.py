"""Share-safe copies for Økonomiforvaltningen: every add-in function replaced by its value, no VBA.

A call is replaced by the value Excel saved with the file. Where Excel saved none (a workbook
written by a program and never calculated, or saved where the add-in was missing: #NAME?), a
plain call whose arguments are cells, ranges or constants is computed here; anything else makes
the share refuse rather than hand out a copy with wrong values or #NAME?.

Array formulas (legacy {=...} and spilled dynamic arrays, `<f t="array" ref="B4:B6">`) that call
the add-in are replaced by values over their whole range, cell by cell.
"""

from __future__ import annotations

import inspect
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
from openpyxl.utils import column_index_from_string, get_column_letter, range_boundaries
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

from addin.bevar import DYNAMISKE_MATRIXFORMLER, tabt_indhold
from addin.fejl import InputFejl, RegnskabFejl
from addin.kontrol import antal
from addin.skrivere.xlsx import gem, saet_vaerdi
from addin.udf import UDF_NAVNE

UDF_KALD = re.compile(r"(?<![A-Za-z0-9_.])(?:_xludf\.|_xlfn\.)?(" + "|".join(UDF_NAVNE)
                      + r")\s*\(", re.IGNORECASE)
_ARGUMENT = re.compile(r"^\s*=\s*(?:_xludf\.|_xlfn\.)?([A-Z_]+)\s*\((.*)\)\s*$",
                       re.IGNORECASE | re.DOTALL)
# A cell or range, optionally on another sheet: A1, $B$2, C4:C6, Ark2!A1, 'Mit ark'!A1:B3
_REFERENCE = re.compile(r"^(?:(?:'((?:[^']|'')+)'|([^\s'!:;,()\"]+))!)?"
                        r"\$?([A-Z]{1,3})\$?([0-9]+)(?::\$?([A-Z]{1,3})\$?([0-9]+))?$",
                        re.IGNORECASE)
# Excel's error value when the add-in was not loaded where the file was last calculated
_UKENDT_FUNKTION = "#NAME?"

Noegle = tuple[str, int, int]  # sheet title, row, column


def kalder_udf(formel: object) -> bool:
    """Whether a cell's formula (text or array formula) calls one of the add-in's functions."""
    if isinstance(formel, ArrayFormula):
        formel = formel.text
    return isinstance(formel, str) and formel.startswith("=") and bool(UDF_KALD.search(formel))


@dataclass(frozen=True)
class Delingsrapport:
    """What `del_fil_rapport` replaced and removed; `int()` is the number of calls replaced."""

    ud: Path
    celleformler: int = 0  # single-cell formulas calling the add-in, now values
    matrixformler: int = 0  # array formulas (spilled or {=...}) calling the add-in, now values
    matrixceller: int = 0  # the cells those array formulas covered
    gemte_vaerdier: int = 0  # cells given the value Excel saved with the file
    beregnede_vaerdier: int = 0  # cells computed here (no saved value)
    makroer_fjernet: bool = False  # the original held a VBA project; the copy has none
    ikke_med: tuple[str, ...] = field(default_factory=tuple)  # other content the copy lacks

    @property
    def funktioner(self) -> int:
        return self.celleformler + self.matrixformler

    def __int__(self) -> int:
        return self.funktioner

    def linjer(self) -> list[str]:
        """The details in Danish, one line each, for the CLI and the status bar."""
        ud = [f"Erstattet af værdier: {antal(self.celleformler, 'celleformel', 'celleformler')}, "
              f"{antal(self.matrixformler, 'matrixformel', 'matrixformler')} "
              f"({antal(self.matrixceller, 'celle', 'celler')})"]
        if self.gemte_vaerdier or self.beregnede_vaerdier:
            ud.append(f"Værdier: {self.gemte_vaerdier} gemt af Excel, "
                      f"{self.beregnede_vaerdier} beregnet")
        ud.append("Fjernet: makroer (VBA)" if self.makroer_fjernet else "Fjernet: ingen makroer")
        ud += [f"Ikke med i kopien: {t}" for t in self.ikke_med]
        return ud


@dataclass
class _Knude:
    """One add-in formula: a single cell, or an array formula over `ref`."""

    ark: str
    raekke: int
    kolonne: int
    formel: str
    celler: list[Noegle]  # the cells it fills, anchor first
    matrix: bool
    vaerdier: dict[Noegle, object] = field(default_factory=dict)
    gemte: int = 0
    afh: list[int] | None = None  # nodes it depends on (None: not parsed yet)
    args: list[tuple] | None = None
    fejl: bool = False
    aarsag: int = -1  # the node whose problem makes this one fail


def _del_argumenter(tekst: str) -> list[str] | None:
    """Top-level arguments of a call, split at , or ; outside quotes; None if nested calls."""
    dele, nu, i = [], [], 0
    while i < len(tekst):
        t = tekst[i]
        if t in "\"'":  # "text" and 'sheet name', with doubled quotes inside
            j = i + 1
            while j < len(tekst):
                if tekst[j] == t:
                    if j + 1 < len(tekst) and tekst[j + 1] == t:
                        j += 2
                        continue
                    break
                j += 1
            nu.append(tekst[i:j + 1])
            i = j + 1
            continue
        if t in "(){}":
            return None
        if t in ",;":
            dele.append("".join(nu).strip())
            nu = []
        else:
            nu.append(t)
        i += 1
    dele.append("".join(nu).strip())
    return dele if tekst.strip() else []


class _Vaerdisaetter:
    """Values for every add-in formula: saved ones first, the rest computed once each, in
    dependency order with an explicit stack (linear in the number of formulas, no recursion)."""

    def __init__(self, formler, gemte) -> None:
        self.formler, self.gemte = formler, gemte
        self.ark = {ws.title.lower(): ws for ws in formler.worksheets}
        self.knuder: list[_Knude] = []
        self.daekket: dict[Noegle, int] = {}  # cell -> the add-in formula that fills it
        self.andre_matrix: set[Noegle] = set()  # cells of other array formulas
        for ws in formler.worksheets:
            for (r, k), c in sorted(ws._cells.items()):  # existing cells only, row by row
                v = c.value
                if isinstance(v, ArrayFormula):
                    celler = self._omraade(ws.title, v.ref, r, k)
                    if kalder_udf(v):
                        self._tilfoej(_Knude(ws.title, r, k, v.text, celler, True))
                    else:
                        self.andre_matrix.update(celler)
                elif c.data_type == "f" and kalder_udf(v):  # not a text that looks like one
                    self._tilfoej(_Knude(ws.title, r, k, v, [(ws.title, r, k)], False))

    @staticmethod
    def _omraade(ark: str, ref: object, r: int, k: int) -> list[Noegle]:
        try:
            k1, r1, k2, r2 = range_boundaries(str(ref))
        except (TypeError, ValueError):
            return [(ark, r, k)]
        celler = [(ark, rr, kk) for rr in range(r1, r2 + 1) for kk in range(k1, k2 + 1)]
        return celler if (ark, r, k) in celler else [(ark, r, k)] + celler

    def _tilfoej(self, knude: _Knude) -> None:
        n = len(self.knuder)
        self.knuder.append(knude)
        for noegle in knude.celler:
            self.daekket.setdefault(noegle, n)
            v = self._gemt(noegle)
            if v is not None:
                knude.vaerdier[noegle] = v
        knude.gemte = len(knude.vaerdier)

    def _gemt(self, noegle: Noegle) -> object:
        """The value Excel saved for a formula cell (None: none, or #NAME? without the add-in)."""
        ark, r, k = noegle
        c = self.gemte[ark]._cells.get((r, k))
        v = c.value if c is not None else None
        return None if v == _UKENDT_FUNKTION else v

    # ------------------------------------------------------------ values of referenced cells

    def _celle(self, noegle: Noegle) -> tuple[bool, object]:
        """(known, value) of a referenced cell; an add-in cell must be valued already."""
        n = self.daekket.get(noegle)
        if n is not None:
            knude = self.knuder[n]
            return (noegle in knude.vaerdier), knude.vaerdier.get(noegle)
        ark, r, k = noegle
        c = self.formler[ark]._cells.get((r, k))
        v = c.value if c is not None else None
        if noegle in self.andre_matrix or isinstance(v, (ArrayFormula, DataTableFormula)) or (
                isinstance(v, str) and v.startswith("=") and c.data_type == "f"):
            v = self._gemt(noegle)  # another formula: only its saved value is known here
            return v is not None, v
        return True, v

    def _fortolk(self, knude: _Knude) -> None:
        """The function's arguments and the add-in formulas they refer to (None: not simple)."""
        knude.afh = []
        m = _ARGUMENT.match(knude.formel)
        dele = _del_argumenter(m.group(2)) if m and m.group(1).upper() in UDF_NAVNE else None
        if dele is None:
            return
        args: list[tuple] = []
        afh: set[int] = set()
        for a in dele:
            ref = _REFERENCE.match(a)
            if ref:
                navn = (ref.group(1) or "").replace("''", "'") or ref.group(2) or knude.ark
                ws = self.ark.get(navn.lower())
                if ws is None:
                    return
                k1 = column_index_from_string(ref.group(3).upper())
                r1 = int(ref.group(4))
                k2 = column_index_from_string(ref.group(5).upper()) if ref.group(5) else k1
                r2 = int(ref.group(6)) if ref.group(6) else r1
                (r1, r2), (k1, k2) = sorted((r1, r2)), sorted((k1, k2))
                if (r2 - r1 + 1) * (k2 - k1 + 1) > 100_000:
                    return
                for rr in range(r1, r2 + 1):
                    for kk in range(k1, k2 + 1):
                        n = self.daekket.get((ws.title, rr, kk))
                        if n is not None and (ws.title, rr, kk) not in self.knuder[n].vaerdier:
                            afh.add(n)
                args.append(("celle" if not ref.group(5) else "omraade", ws.title, r1, k1, r2, k2))
            elif len(a) >= 2 and a[0] == a[-1] == '"':
                args.append(("konstant", a[1:-1].replace('""', '"')))
            else:
                try:
                    args.append(("konstant", float(a.replace(",", "."))))
                except ValueError:
                    return
        knude.args = args
        knude.afh = sorted(afh)

    def _beregn(self, knude: _Knude) -> bool:
        """Compute the cells of `knude` without a saved value; False if that is not possible."""
        from addin import udf

        if knude.args is None:
            return False
        args = []
        for a in knude.args:
            if a[0] == "konstant":
                args.append(a[1])
                continue
            _, ark, r1, k1, r2, k2 = a
            blok = []
            for rr in range(r1, r2 + 1):
                raekke = []
                for kk in range(k1, k2 + 1):
                    kendt, v = self._celle((ark, rr, kk))
                    if not kendt:
                        return False
                    raekke.append(v)
                blok.append(raekke)
            args.append(blok[0][0] if a[0] == "celle" else blok)
        f = getattr(udf, _ARGUMENT.match(knude.formel).group(1).upper())
        params = [p for p in inspect.signature(f).parameters.values() if p.name != "caller"]
        if not sum(p.default is p.empty for p in params) <= len(args) <= len(params):
            return False  # Excel refuses such a call; it has no value to copy
        try:
            res = f(*args)
        except Exception:  # noqa: BLE001 - Excel would show an error; refuse rather than guess
            return False
        if res is None:
            return False
        r0, k0 = knude.celler[0][1], knude.celler[0][2]
        if knude.matrix:
            r0 = min(c[1] for c in knude.celler)
            k0 = min(c[2] for c in knude.celler)
        for noegle in knude.celler:
            if noegle not in knude.vaerdier:
                knude.vaerdier[noegle] = _element(res, noegle[1] - r0, noegle[2] - k0)
        return True

    def vaerdisaet(self) -> None:
        """Value every node; nodes that cannot be valued get `fejl` and their `aarsag`."""
        tilstand = [2 if len(k.vaerdier) == len(k.celler) else 0 for k in self.knuder]
        pos = [0] * len(self.knuder)
        for start in range(len(self.knuder)):
            if tilstand[start]:
                continue
            stak = [start]
            while stak:
                n = stak[-1]
                knude = self.knuder[n]
                if tilstand[n] == 0:
                    tilstand[n] = 1
                    self._fortolk(knude)
                naeste = None
                while pos[n] < len(knude.afh):  # descend into the first unvalued dependency
                    m = knude.afh[pos[n]]
                    pos[n] += 1
                    if tilstand[m] == 0:
                        naeste = m
                        break
                if naeste is not None:
                    stak.append(naeste)
                    continue
                stak.pop()
                tilstand[n] = 2
                daarlig = next((m for m in knude.afh if self.knuder[m].fejl or m == n
                                or tilstand[m] == 1), None)
                if daarlig is not None:  # a dependency failed, or a circular reference
                    knude.fejl = True
                    aarsag = self.knuder[daarlig].aarsag
                    knude.aarsag = aarsag if aarsag >= 0 and daarlig != n else n
                elif not self._beregn(knude):
                    knude.fejl, knude.aarsag = True, n


def _element(res: object, i: int, j: int) -> object:
    """Cell (i, j) of a result placed over an array formula's range, as Excel does: a single
    value fills the range, a single row or column repeats, cells outside the result get #N/A."""
    if not isinstance(res, list):
        return res
    if not res or not isinstance(res[0], list):
        res = [res]
    if not res or not res[0]:
        return "#N/A"
    i = 0 if len(res) == 1 else i
    j = 0 if len(res[0]) == 1 else j
    return res[i][j] if i < len(res) and j < len(res[i]) else "#N/A"


def del_fil_rapport(sti: str | Path, ud: str | Path) -> Delingsrapport:
    """Write a copy of `sti` to `ud` (.xlsx) with add-in calls replaced by values; say what changed.

    Refuses (RegnskabFejl, nothing written) when a call has no saved value and cannot be computed.
    """
    sti, ud = Path(sti), Path(ud)
    if ud.suffix.lower() != ".xlsx":
        raise RegnskabFejl("Kopien skal være en .xlsx-fil (uden makroer).", fil=str(ud))
    if ud.resolve() == sti.resolve():
        raise RegnskabFejl("Kopien skal have et andet navn end originalen.", fil=str(ud))
    if not sti.is_file():
        raise InputFejl("Projektmappen findes ikke.", fil=str(sti))
    tabt = tabt_indhold(sti)  # also checks that the file is a workbook at all
    with zipfile.ZipFile(sti) as z:
        vba = "xl/vbaProject.bin" in z.namelist()
    formler = openpyxl.load_workbook(sti)
    gemte = openpyxl.load_workbook(sti, data_only=True)
    vs = _Vaerdisaetter(formler, gemte)
    vs.vaerdisaet()
    for knude in vs.knuder:
        if knude.fejl:
            _afvis(vs.knuder[knude.aarsag], sti)
    for knude in vs.knuder:
        ws = formler[knude.ark]
        for noegle in knude.celler:
            saet_vaerdi(ws.cell(row=noegle[1], column=noegle[2]), knude.vaerdier[noegle])
    gem(formler, ud)
    # the copy has no xl/metadata.xml either; that matters only for array formulas kept as such
    ikke_med = tuple(t for t in tabt if vs.andre_matrix
                     or not t.lower().startswith(DYNAMISKE_MATRIXFORMLER))
    matrix = [k for k in vs.knuder if k.matrix]
    gemt = sum(k.gemte for k in vs.knuder)
    return Delingsrapport(
        ud=ud, celleformler=len(vs.knuder) - len(matrix), matrixformler=len(matrix),
        matrixceller=sum(len(k.celler) for k in matrix), gemte_vaerdier=gemt,
        beregnede_vaerdier=sum(len(k.celler) for k in vs.knuder) - gemt, makroer_fjernet=vba,
        ikke_med=ikke_med)


def _afvis(knude: _Knude, sti: Path) -> None:
    if knude.matrix:
        mangler = next(c for c in knude.celler if c not in knude.vaerdier)
        hvad = (f"Matrixformlen {knude.formel} har ingen gemt værdi i "
                f"{get_column_letter(mangler[2])}{mangler[1]}")
    else:
        hvad = f"Formlen {knude.formel} har ingen gemt værdi"
    raise RegnskabFejl(f"{hvad} og kan ikke beregnes uden Excel. Åbn projektmappen i Excel, "
                       "beregn og gem, og prøv igen.", fil=str(sti), ark=knude.ark,
                       raekke=knude.raekke, kolonne=get_column_letter(knude.kolonne))


def del_fil(sti: str | Path, ud: str | Path) -> int:
    """Write a copy of `sti` to `ud` (.xlsx) with add-in calls replaced by values; return count.

    The count is of formulas (a spilled array formula counts once); see `del_fil_rapport`.
    """
    return int(del_fil_rapport(sti, ud))
