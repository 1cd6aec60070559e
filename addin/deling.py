"""Share-safe copies for Økonomiforvaltningen: every value visible without the add-in, and nothing
Excel's Document Inspector would flag.

Add-in calls. A call is replaced by the value Excel saved with the file. Where Excel saved none (a
workbook written by a program and never calculated, or saved where the add-in was missing:
#NAME?), a plain call whose arguments are cells, ranges or constants is computed here; anything
else makes the share refuse rather than hand out a copy with wrong values or #NAME?. Array
formulas (legacy {=...} and spilled dynamic arrays, `<f t="array" ref="B4:B6">`) that call the
add-in are replaced by values over their whole range, cell by cell.

Hidden content. The copy also loses, and the report lists:
- hidden and very hidden sheets (by name only); formulas on the visible sheets that refer to them
  become their saved values first (a plain reference without one: the referenced cell's value);
- comments and notes (legacy and threaded; the people list of threaded comments too);
- personal document properties (author, last modified by, description, category, status, last
  printed; company, manager and hyperlink base in docProps/app.xml) and every custom property.
  Title, subject and keywords stay (the report writes them), with any local path reduced;
- external links (xl/externalLinks): formulas using them become their saved values (or the value
  the link part cached), then the parts go;
- defined names that are hidden, constant, call the add-in, or refer to an external workbook, a
  removed sheet or another removed name; cells using them become values. Print areas and print
  titles of the kept sheets stay;
- conditional formatting and data validation whose formula cannot work in the copy (an add-in
  call, or a reference to removed content): such rules are removed and listed, as are pivot
  tables built on removed content (their cells keep the values shown) and chart data that refers
  to removed content (turned into the values the chart cached);
- local paths (C:\\..., \\\\server\\..., /Users/..., /home/...) in cell text, links, headers,
  footers and document properties, reduced to the file name; the Kontrol sheet's "Input" stamp
  (the original's file name) becomes "(delingskopi)";
- VBA (the copy is .xlsx).

After writing, `inspicer` scans the package part by part; a copy that still holds any of the above
is not written (an error in this module, never a silent leak).
"""

from __future__ import annotations

import functools
import inspect
import posixpath
import re
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote
from xml.etree import ElementTree
from xml.sax.saxutils import unescape

import openpyxl
from openpyxl.formula.tokenizer import Token, Tokenizer, TokenizerError
from openpyxl.packaging.custom import CustomPropertyList
from openpyxl.utils import column_index_from_string, get_column_letter, range_boundaries
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

from addin.bevar import DYNAMISKE_MATRIXFORMLER, tabt_indhold
from addin.fejl import InputFejl, RegnskabFejl
from addin.kontrol import antal
from addin.skrivere.atomisk import atomisk_sti
from addin.skrivere.xlsx import saet_vaerdi
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
# [1]Ark1 in a reference: the first external workbook of xl/workbook.xml's externalReferences
_EKSTERN_NR = re.compile(r"^\[(\d+)\](.*)$", re.DOTALL)

# The folders of a local path (what is removed; the file name after them stays): a drive letter,
# a UNC share, or a home or temporary folder on macOS and Linux, optionally as a file: URL.
_STI = re.compile(
    r"(?:file:/{2,3})?"
    r"(?:(?<![A-Za-z0-9])[A-Za-z]:[\\/]"
    r"|\\\\[^\\/\s\"<>|]+[\\/]"
    r"|(?<![\w.~])/(?:Users|home|Volumes|mnt|media|private|tmp|var/folders)/)"
    r"(?:[^\\/:*?\"<>|\r\n]+[\\/])*", re.IGNORECASE)
_HJEMMEMAPPER = {"users", "home", "brugere"}
_CELLEREF = re.compile(r"^(?:\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?|\$?[A-Z]{1,3}:\$?[A-Z]{1,3}"
                       r"|\$?\d+:\$?\d+|#REF!)$", re.IGNORECASE)
_NAVN = re.compile(r"^[^\W\d][\w.\\?]*$|^\\[\w.\\?]*$")
_KONTROLARK_TITEL = "Kontroller"  # A1 of every Kontrol sheet (layout.kontrolark)
_INPUTSTEMPEL = "Input"
DELINGSKOPI = "(delingskopi)"

Noegle = tuple[str, int, int]  # sheet title, row, column

_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
       "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
       "pr": "http://schemas.openxmlformats.org/package/2006/relationships",
       "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
       "dc": "http://purl.org/dc/elements/1.1/",
       "ep": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
       "cu": "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
       "tc": "http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"}

# Document properties that say who made, edited or printed the file, with their Danish labels
_PERSONLIGE_KERNE = (("dc:creator", "forfatter"), ("cp:lastModifiedBy", "senest ændret af"),
                     ("dc:description", "beskrivelse"), ("cp:category", "kategori"),
                     ("cp:contentStatus", "status"), ("dc:identifier", "id"),
                     ("cp:lastPrinted", "senest udskrevet"))
_PERSONLIGE_APP = (("Company", "firma"), ("Manager", "leder"),
                   ("HyperlinkBase", "grundadresse for links"))

# Reasons a formula cannot stay in the copy
TILFOEJELSE = "tilføjelsesfunktion"  # calls the add-in (directly or through a name)
HENVISNING = "henvisning"  # refers to an external workbook, a removed sheet or a removed name


def kalder_udf(formel: object) -> bool:
    """Whether a cell's formula (text or array formula) calls one of the add-in's functions."""
    if isinstance(formel, ArrayFormula):
        formel = formel.text
    return isinstance(formel, str) and formel.startswith("=") and bool(UDF_KALD.search(formel))


# ------------------------------------------------------------------------ reading formulas


@dataclass(frozen=True)
class _Henvisning:
    """What a formula refers to, read with openpyxl's tokenizer."""

    funktioner: frozenset[str] = frozenset()  # called functions, upper case, no _xlfn. etc.
    ark: frozenset[str] = frozenset()  # sheets referred to (casefolded)
    spaend: frozenset[tuple[str, str]] = frozenset()  # 3-D references Jan:Dec!A1 (casefolded)
    navne: frozenset[str] = frozenset()  # operands that may be defined names (casefolded)
    ekstern: bool = False  # refers to another workbook ([1]Ark1!A1, 'C:\...\[x.xlsx]Ark1'!A1)
    tekster: tuple[str, ...] = ()  # text constants (INDIRECT("Ark!A1") and local paths)
    konstant: bool = False  # neither references nor function calls
    ulaeselig: bool = False  # the tokenizer could not read it


def _arkdel(operand: str) -> tuple[str | None, str]:
    """Split `'Mit ark'!A1` / `[1]Ark1!A1` / `Jan:Dec!B2` into the sheet part and the rest."""
    if operand.startswith("'"):
        i = 1
        while i < len(operand):
            if operand[i] == "'":
                if operand[i + 1:i + 2] == "'":
                    i += 2
                    continue
                break
            i += 1
        if operand[i + 1:i + 2] == "!":
            return operand[1:i].replace("''", "'"), operand[i + 2:]
        return None, operand
    dybde = 0
    for i, t in enumerate(operand):
        if t == "[":
            dybde += 1
        elif t == "]":
            dybde -= 1
        elif t == "!" and dybde == 0:
            return operand[:i], operand[i + 1:]
    return None, operand


def _funktionsnavn(tekst: str) -> tuple[str, bool]:
    """`_xludf.MIO_KR(` -> ("MIO_KR", False); `[1]!MIO_KR(` -> ("MIO_KR", True: external)."""
    navn, ekstern = tekst.rstrip("(").strip(), False
    ark, rest = _arkdel(navn)
    if ark is not None:
        navn, ekstern = rest, "[" in ark
    navn = navn.upper()
    for forstavelse in ("_XLUDF.", "_XLFN.", "_XLWS.", "_XLL."):
        navn = navn.removeprefix(forstavelse)
    sidste = navn.rsplit(".", 1)[-1]  # a VBA-qualified Modul1.MIO_KR
    return (sidste if sidste in UDF_NAVNE else navn), ekstern


def _henvisninger(formel: str) -> _Henvisning:
    """The references, names and functions of a formula (with or without the leading =)."""
    return _henvisninger_i("=" + formel.removeprefix("="))


def _kan_henvise(formel: str) -> bool:
    """False for a formula that can neither call the add-in nor refer to another sheet or
    workbook or hold a local path (most formulas: =SUM(B4:B9)); only names remain to check."""
    return "!" in formel or "[" in formel or bool(UDF_KALD.search(formel) or _STI.search(formel))


@functools.lru_cache(maxsize=65536)
def _henvisninger_i(tekst: str) -> _Henvisning:
    try:
        tokens = Tokenizer(tekst).items
    except (TokenizerError, IndexError, ValueError):
        return _Henvisning(ulaeselig=True)
    funktioner, ark, spaend, navne, tekster = set(), set(), set(), set(), []
    ekstern, henviser = False, False
    for t in tokens:
        if t.type == Token.FUNC and t.subtype == Token.OPEN:
            navn, ud = _funktionsnavn(t.value)
            funktioner.add(navn)
            ekstern |= ud
            henviser = True
        elif t.type == Token.OPERAND and t.subtype == Token.TEXT:
            tekster.append(t.value[1:-1].replace('""', '"'))
        elif t.type == Token.OPERAND and t.subtype == Token.RANGE:
            henviser = True
            arknavn, rest = _arkdel(t.value)
            if arknavn is not None:
                if "[" in arknavn and not arknavn.startswith("[0]"):
                    ekstern = True
                    continue
                arknavn = arknavn.removeprefix("[0]").casefold()
                if ":" in arknavn:
                    fra, til = arknavn.split(":", 1)
                    spaend.add((fra, til))
                    ark.update((fra, til))
                else:
                    ark.add(arknavn)
            if "[" not in rest and not _CELLEREF.match(rest) and _NAVN.match(rest):
                navne.add(rest.casefold())
    return _Henvisning(frozenset(funktioner), frozenset(ark), frozenset(spaend),
                       frozenset(navne), ekstern, tuple(tekster), konstant=not henviser)


def _grund_i_tekst(formel: str, fjernede_ark: set[str], fjernede_navne: set[str]) -> str | None:
    """For a formula the tokenizer cannot read: judge by its text, erring on the safe side."""
    lav = formel.casefold()
    if UDF_KALD.search(formel):
        return TILFOEJELSE
    if re.search(r"\[[^\]]*\][^!]*!", formel) or any(f"{a}!" in lav or f"{a}'!" in lav
                                                     for a in fjernede_ark):
        return HENVISNING
    if any(re.search(rf"(?<![\w.]){re.escape(n)}(?![\w.(])", lav) for n in fjernede_navne):
        return HENVISNING
    return HENVISNING if _STI.search(formel) else None


# ------------------------------------------------------------------------------ local paths


def er_lokal_sti(tekst: object) -> bool:
    """Whether a text holds a local path (C:\\..., \\\\server\\..., /Users/..., /home/...)."""
    return isinstance(tekst, str) and bool(_STI.search(tekst))


def uden_lokale_stier(tekst: str) -> str:
    """Each local path in `tekst` reduced to its file name (a folder: its last folder's name,
    unless that is the user's own home folder)."""

    def kort(m: re.Match) -> str:
        efter = tekst[m.end():m.end() + 1]
        if efter and not efter.isspace() and efter not in ",;.)]\"'":
            return ""  # the file name follows the folders
        dele = [d for d in re.split(r"[\\/]", m.group(0)) if d]
        if len(dele) >= 2 and dele[-2].casefold() in _HJEMMEMAPPER:
            return ""
        sidste = dele[-1] if dele else ""
        return "" if re.fullmatch(r"(?:file:)?[A-Za-z]:|file:", sidste) else sidste

    return _STI.sub(kort, tekst)


def _filnavn(sti: str) -> str:
    """The file name of a path or file: URL, in Windows or POSIX form."""
    return re.split(r"[\\/]", unquote(sti).rstrip("\\/"))[-1]


# ------------------------------------------------------------------------------------ report


@dataclass(frozen=True)
class Delingsrapport:
    """What `del_fil_rapport` replaced and removed; `int()` is the number of add-in calls replaced.

    `linjer()` gives it in Danish, one line each, for the CLI and the status bar.
    """

    ud: Path
    celleformler: int = 0  # single-cell formulas calling the add-in, now values
    matrixformler: int = 0  # array formulas (spilled or {=...}) calling the add-in, now values
    matrixceller: int = 0  # the cells those array formulas covered
    gemte_vaerdier: int = 0  # cells given the value Excel saved with the file (all kinds)
    beregnede_vaerdier: int = 0  # cells computed here (no saved value)
    makroer_fjernet: bool = False  # the original held a VBA project; the copy has none
    ikke_med: tuple[str, ...] = field(default_factory=tuple)  # other content the copy lacks
    henvisningsformler: int = 0  # other formulas, now values: they referred to removed content
    skjulte_ark: tuple[str, ...] = ()  # hidden and very hidden sheets removed, by name
    kommentarer: int = 0  # cells whose comment or note was removed (on the kept sheets)
    personlige: tuple[str, ...] = ()  # document properties blanked (Danish labels)
    egenskaber: tuple[str, ...] = ()  # custom document properties removed, by name
    eksterne_kaeder: tuple[str, ...] = ()  # external workbooks linked to, by file name
    navne: tuple[str, ...] = ()  # defined names removed
    betinget_formatering: tuple[tuple[str, str], ...] = ()  # (where, reason) of removed rules
    datavalidering: tuple[tuple[str, str], ...] = ()  # (where, reason) of removed validations
    pivottabeller: tuple[str, ...] = ()  # pivot tables on removed content (cells kept as values)
    diagramdata: int = 0  # chart series/titles referring to removed content, now their values
    lokale_stier: tuple[str, ...] = ()  # where a local path was reduced to the file name
    filnavn_fjernet: bool = False  # the Kontrol sheet's Input stamp (original's file name)
    skjulte_raekker: tuple[str, ...] = ()  # kept as they are: "Ark: 2 rækker, 1 kolonne"

    @property
    def funktioner(self) -> int:
        return self.celleformler + self.matrixformler

    def __int__(self) -> int:
        return self.funktioner

    def fjernet(self) -> list[str]:
        """What the copy lost, one Danish phrase per kind (the "Fjernet:" line)."""
        ud = ["makroer (VBA)"] if self.makroer_fjernet else []
        if self.skjulte_ark:
            ud.append(f"{antal(len(self.skjulte_ark), 'skjult ark', 'skjulte ark')} "
                      f"({_opremsning(self.skjulte_ark)})")
        if self.kommentarer:
            ud.append(antal(self.kommentarer, "kommentar", "kommentarer"))
        if self.personlige:
            ud.append(f"personlige oplysninger ({', '.join(self.personlige)})")
        if self.egenskaber:
            hvor_mange = antal(len(self.egenskaber), "brugerdefineret egenskab",
                               "brugerdefinerede egenskaber")
            ud.append(f"{hvor_mange} ({_opremsning(self.egenskaber)})")
        if self.eksterne_kaeder:
            ud.append(f"{antal(len(self.eksterne_kaeder), 'ekstern kæde', 'eksterne kæder')} "
                      f"({_opremsning(self.eksterne_kaeder)})")
        if self.navne:
            ud.append(f"{antal(len(self.navne), 'navn', 'navne')} ({_opremsning(self.navne)})")
        for regler, ental, flertal in ((self.betinget_formatering, "betinget formatering",
                                        "betingede formateringer"),
                                       (self.datavalidering, "datavalidering",
                                        "datavalideringer")):
            for grund, tekst in ((TILFOEJELSE, "med tilføjelsesfunktioner"),
                                 (HENVISNING, "med henvisninger til fjernet indhold")):
                steder = [s for s, g in regler if g == grund]
                if steder:
                    ud.append(f"{antal(len(steder), ental, flertal)} {tekst} "
                              f"({_opremsning(steder)})")
        if self.pivottabeller:
            ud.append(f"{antal(len(self.pivottabeller), 'pivottabel', 'pivottabeller')} på "
                      f"fjernet indhold ({_opremsning(self.pivottabeller)}; cellerne er værdier)")
        if self.lokale_stier:
            ud.append(f"{antal(len(self.lokale_stier), 'lokal sti', 'lokale stier')} "
                      f"({_opremsning(self.lokale_stier)}; kun filnavnet er tilbage)")
        if self.filnavn_fjernet:
            ud.append(f"originalens filnavn (Kontrol: Input = {DELINGSKOPI})")
        return ud

    def linjer(self) -> list[str]:
        """The details in Danish, one line each, for the CLI and the status bar."""
        ud = [f"Erstattet af værdier: {antal(self.celleformler, 'celleformel', 'celleformler')}, "
              f"{antal(self.matrixformler, 'matrixformel', 'matrixformler')} "
              f"({antal(self.matrixceller, 'celle', 'celler')})"]
        if self.henvisningsformler:
            ud.append(f"Erstattet af værdier, da de henviste til fjernet indhold: "
                      f"{antal(self.henvisningsformler, 'formel', 'formler')}")
        if self.diagramdata:
            hvor_mange = antal(self.diagramdata, "dataserie eller titel",
                               "dataserier eller titler")
            ud.append(f"Diagrammer: {hvor_mange} med henvisninger til fjernet indhold viser nu "
                      "de gemte værdier")
        if self.gemte_vaerdier or self.beregnede_vaerdier:
            ud.append(f"Værdier: {self.gemte_vaerdier} gemt af Excel, "
                      f"{self.beregnede_vaerdier} beregnet")
        fjernet = self.fjernet()
        ud.append("Fjernet: " + ", ".join(fjernet) if fjernet
                  else "Fjernet: intet (ingen makroer og intet skjult indhold)")
        ud += [f"Ikke med i kopien: {t}" for t in self.ikke_med]
        if self.skjulte_raekker:
            ud.append("Bemærk: skjulte rækker og kolonner er med i kopien, som i originalen ("
                      + "; ".join(self.skjulte_raekker) + ")")
        return ud


def _opremsning(ting: Iterable[str], hoejst: int = 6) -> str:
    ting = list(ting)
    vist = ", ".join(ting[:hoejst])
    return vist + (f" og {len(ting) - hoejst} flere" if len(ting) > hoejst else "")


# ----------------------------------------------------------------------- valuing formulas


@dataclass
class _Knude:
    """One formula to replace by its value: a single cell, or an array formula over `ref`."""

    ark: str
    raekke: int
    kolonne: int
    formel: str
    celler: list[Noegle]  # the cells it fills, anchor first
    matrix: bool
    udf: bool = True  # calls the add-in (else: refers to removed content)
    navnefejl_er_vaerdi: bool = False  # a saved #NAME? is Excel's answer, not a missing add-in
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


def _samme(v: object) -> object:
    return v


class _Vaerdisaetter:
    """Values for every formula that must go: saved ones first, the rest computed once each, in
    dependency order with an explicit stack (linear in the number of formulas, no recursion).

    `grund(formel)` names why a formula that does not call the add-in must go too (None: it
    stays); only the sheets in `kun` (None: all) are searched.
    """

    def __init__(self, formler, gemte, grund: Callable[[str], str | None] | None = None,
                 kun: set[str] | None = None) -> None:
        self.formler, self.gemte = formler, gemte
        self.ark = {ws.title.lower(): ws for ws in formler.worksheets}
        self.knuder: list[_Knude] = []
        self.daekket: dict[Noegle, int] = {}  # cell -> the formula node that fills it
        self.andre_matrix: set[Noegle] = set()  # cells of other array formulas
        for ws in formler.worksheets:
            med = kun is None or ws.title in kun
            for (r, k), c in sorted(ws._cells.items()):  # existing cells only, row by row
                v = c.value
                if isinstance(v, ArrayFormula):
                    celler = self._omraade(ws.title, v.ref, r, k)
                    g = self._grund(v.text, grund) if med else None
                    if g:
                        self._tilfoej(_Knude(ws.title, r, k, v.text, celler, True, *g))
                    else:
                        self.andre_matrix.update(celler)
                elif med and c.data_type == "f" and isinstance(v, str):
                    g = self._grund(v, grund)  # not a text that looks like a formula
                    if g:
                        self._tilfoej(_Knude(ws.title, r, k, v, [(ws.title, r, k)], False, *g))

    @staticmethod
    def _grund(formel: object, grund) -> tuple[bool, bool] | None:
        """(calls the add-in, a saved #NAME? is a value) for a formula that must go, else None."""
        if kalder_udf(formel):
            return True, False
        g = grund(formel) if grund and isinstance(formel, str) else None
        return (False, g != TILFOEJELSE) if g else None

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
            v = self._gemt(noegle, knude.navnefejl_er_vaerdi)
            if v is not None:
                knude.vaerdier[noegle] = v
        knude.gemte = len(knude.vaerdier)

    def _gemt(self, noegle: Noegle, navnefejl_er_vaerdi: bool = False) -> object:
        """The value Excel saved for a formula cell (None: none, or #NAME? without the add-in)."""
        ark, r, k = noegle
        c = self.gemte[ark]._cells.get((r, k))
        v = c.value if c is not None else None
        return None if v == _UKENDT_FUNKTION and not navnefejl_er_vaerdi else v

    # ------------------------------------------------------------ values of referenced cells

    def _celle(self, noegle: Noegle) -> tuple[bool, object]:
        """(known, value) of a referenced cell; a replaced cell must be valued already."""
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

    def _ekstern(self, nr: int, ark: str, r: int, k: int) -> tuple[bool, object]:
        """(known, value) of a cell of external workbook [nr] as its link part cached it."""
        links = getattr(self.formler, "_external_links", [])
        bog = links[nr - 1].externalBook if 0 < nr <= len(links) else None
        if bog is None or bog.sheetNames is None or bog.sheetDataSet is None:
            return False, None
        navne = [str(n).casefold() for n in bog.sheetNames.sheetName]
        if ark.casefold() not in navne:
            return False, None
        idx, ref = navne.index(ark.casefold()), f"{get_column_letter(k)}{r}"
        for data in bog.sheetDataSet.sheetData:
            if data.sheetId != idx:
                continue
            for raekke in data.row:
                for c in raekke.cell if raekke.r == r else ():
                    if c.r.replace("$", "").upper() == ref:
                        return True, _ekstern_vaerdi(c.t, c.v)
        return False, None

    def _fortolk_henvisning(self, knude: _Knude) -> None:
        """A formula that is one reference to a single cell: its value is that cell's."""
        ref = _REFERENCE.match(knude.formel.strip().removeprefix("=").strip())
        if knude.matrix or ref is None or ref.group(5):
            return
        navn = (ref.group(1) or "").replace("''", "'") or ref.group(2) or knude.ark
        r, k = int(ref.group(4)), column_index_from_string(ref.group(3).upper())
        ekstern = _EKSTERN_NR.match(navn)
        if ekstern:
            kendt, v = self._ekstern(int(ekstern.group(1)), ekstern.group(2), r, k)
            if kendt:
                knude.args = [("konstant", v)]
            return
        ws = self.ark.get(navn.lower())
        if ws is None:
            return
        n = self.daekket.get((ws.title, r, k))
        if n is not None and (ws.title, r, k) not in self.knuder[n].vaerdier:
            knude.afh = [n]
        knude.args = [("celle", ws.title, r, k, r, k)]

    def _fortolk(self, knude: _Knude) -> None:
        """The function's arguments and the formulas they refer to (args None: not simple)."""
        knude.afh = []
        if not knude.udf:
            self._fortolk_henvisning(knude)
            return
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
        if knude.udf:
            f = getattr(udf, _ARGUMENT.match(knude.formel).group(1).upper())
            params = [p for p in inspect.signature(f).parameters.values() if p.name != "caller"]
            if not sum(p.default is p.empty for p in params) <= len(args) <= len(params):
                return False  # Excel refuses such a call; it has no value to copy
        else:
            f = _samme
        try:
            res = f(*args)
        except Exception:  # noqa: BLE001 - Excel would show an error; refuse rather than guess
            return False
        if res is None:
            if knude.udf:
                return False
            res = 0  # Excel shows a reference to an empty cell as 0
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


def _ekstern_vaerdi(t: str | None, v: str | None) -> object:
    """A cached cell of an external link part as a Python value."""
    if v is None:
        return 0
    if t in (None, "n"):
        try:
            tal = float(v)
        except ValueError:
            return v
        return int(tal) if tal.is_integer() else tal
    if t == "b":
        return v in ("1", "true")
    return v


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


# ------------------------------------------------------------------- the original's package


def _laes_xml(z: zipfile.ZipFile, navn: str) -> ElementTree.Element | None:
    try:
        return ElementTree.fromstring(z.read(navn))
    except (KeyError, ElementTree.ParseError):
        return None


def _rels(z: zipfile.ZipFile, del_: str) -> list[tuple[str, str, str]]:
    """(type, target resolved to a part name or kept as an external URL, mode) of a part."""
    mappe, navn = posixpath.split(del_)
    rod = _laes_xml(z, posixpath.join(mappe, "_rels", navn + ".rels"))
    ud = []
    for rel in rod.findall("pr:Relationship", _NS) if rod is not None else ():
        maal, mode = rel.get("Target", ""), rel.get("TargetMode", "")
        if mode != "External":
            maal = maal.lstrip("/") if maal.startswith("/") else posixpath.normpath(
                posixpath.join(mappe, maal))
        ud.append((rel.get("Type", "").rsplit("/", 1)[-1], maal, mode))
    return ud


def _arbejdsbog(z: zipfile.ZipFile) -> str:
    return next((m for t, m, _ in _rels(z, "") if t == "officeDocument"), "xl/workbook.xml")


def _ark_dele(z: zipfile.ZipFile) -> list[tuple[str, str, str]]:
    """(name, state, part) of each sheet, in workbook order."""
    bog = _arbejdsbog(z)
    rod = _laes_xml(z, bog)
    maal = {}
    mappe, navn = posixpath.split(bog)
    rels = _laes_xml(z, posixpath.join(mappe, "_rels", navn + ".rels"))
    for rel in rels.findall("pr:Relationship", _NS) if rels is not None else ():
        t = rel.get("Target", "")
        maal[rel.get("Id")] = t.lstrip("/") if t.startswith("/") else posixpath.normpath(
            posixpath.join(mappe, t))
    ud = []
    for ark in rod.iterfind("m:sheets/m:sheet", _NS) if rod is not None else ():
        ud.append((ark.get("name", ""), ark.get("state", "visible"),
                   maal.get(ark.get(f"{{{_NS['r']}}}id"), "")))
    return ud


@dataclass
class _Pakke:
    """What the original's package holds that openpyxl does not show."""

    vba: bool = False
    egenskaber: list[str] = field(default_factory=list)  # custom property names
    personlige: list[str] = field(default_factory=list)  # Danish labels of personal fields
    traadede: dict[str, set[str]] = field(default_factory=dict)  # sheet -> threaded comment cells

    @classmethod
    def laes(cls, sti: Path) -> _Pakke:
        p = cls()
        with zipfile.ZipFile(sti) as z:
            navne = set(z.namelist())
            p.vba = any(n.lower().endswith("vbaproject.bin") for n in navne)
            rod = _laes_xml(z, "docProps/custom.xml")
            if rod is not None:
                p.egenskaber = [e.get("name", "") for e in rod.findall("cu:property", _NS)]
            kerne, app = _laes_xml(z, "docProps/core.xml"), _laes_xml(z, "docProps/app.xml")
            p.personlige = [etiket for rod, felter in ((kerne, _PERSONLIGE_KERNE),
                                                       (app, _PERSONLIGE_APP))
                            for felt, etiket in felter
                            if rod is not None and (rod.findtext(
                                felt if ":" in felt else f"ep:{felt}", "", _NS) or "").strip()]
            for ark, _, del_ in _ark_dele(z):
                for t, maal, _ in _rels(z, del_):
                    if t == "threadedComment" and maal in navne:
                        rod = _laes_xml(z, maal)
                        if rod is not None:
                            p.traadede.setdefault(ark, set()).update(
                                c.get("ref", "") for c in rod.findall("tc:threadedComment", _NS))
        return p


# ----------------------------------------------------------------------------- the cleaning


class _Renser:
    """Decides what goes (sheets, names) and removes it from the loaded workbook."""

    def __init__(self, wb) -> None:
        self.wb = wb
        self.orden = [ws.title.casefold() for ws in wb._sheets]
        self.kendte_ark = set(self.orden)
        self.fjernede_ark = {ws.title.casefold() for ws in wb._sheets
                             if ws.sheet_state != "visible"}
        self.fjernede_navne: set[str] = set()
        self.udf_navne: set[str] = set()  # removed names that call the add-in
        self.navneliste: list[str] = []  # removed names as written, in order
        self._vaelg_navne()

    # ------------------------------------------------------------------- decisions

    def _alle_navne(self):
        """(scope dict, name, DefinedName) of every defined name on the kept sheets and book."""
        for navn, dn in list(self.wb.defined_names.items()):
            yield self.wb.defined_names, navn, dn
        for ws in self.wb.worksheets:
            if ws.title.casefold() not in self.fjernede_ark:
                for navn, dn in list(ws.defined_names.items()):
                    yield ws.defined_names, navn, dn

    def _vaelg_navne(self) -> None:
        navne = list(self._alle_navne())
        fjern: dict[int, str] = {}
        for i, (_, _, dn) in enumerate(navne):
            h = _henvisninger(dn.value or "")
            if dn.hidden or h.konstant or h.ulaeselig:
                fjern[i] = HENVISNING
            elif h.funktioner & set(UDF_NAVNE):
                fjern[i] = TILFOEJELSE
            elif self._henviser_til_fjernet(h):
                fjern[i] = HENVISNING
        aendret = True
        while aendret:  # names using removed names go too
            aendret = False
            fjernede = {navne[i][1].casefold(): g for i, g in fjern.items()}
            for i, (_, _, dn) in enumerate(navne):
                if i in fjern:
                    continue
                brugte = _henvisninger(dn.value or "").navne & fjernede.keys()
                if brugte:
                    fjern[i] = (TILFOEJELSE if any(fjernede[b] == TILFOEJELSE for b in brugte)
                                else HENVISNING)
                    aendret = True
        self._fjern_navne = [(navne[i][0], navne[i][1]) for i in sorted(fjern)]
        for i in sorted(fjern):
            self.fjernede_navne.add(navne[i][1].casefold())
            self.navneliste.append(navne[i][1])
            if fjern[i] == TILFOEJELSE:
                self.udf_navne.add(navne[i][1].casefold())
        self._navne_re = re.compile("|".join(map(re.escape, sorted(self.fjernede_navne))),
                                    re.IGNORECASE) if self.fjernede_navne else None

    def _henviser_til_fjernet(self, h: _Henvisning) -> bool:
        if h.ekstern or h.ark & self.fjernede_ark or not h.ark <= self.kendte_ark:
            return True  # (a sheet that does not exist: Excel shows #REF! or asks for a file)
        for fra, til in h.spaend:
            if fra in self.orden and til in self.orden:
                a, b = sorted((self.orden.index(fra), self.orden.index(til)))
                if any(n in self.fjernede_ark for n in self.orden[a:b + 1]):
                    return True
        for t in h.tekster:
            lav = t.casefold()
            if any(f"{a}!" in lav or f"{a}'!" in lav for a in self.fjernede_ark) or (
                    re.search(r"\[[^\]]+\][^!]*!", t)):
                return True
        return False

    def grund(self, formel: str) -> str | None:
        """Why a formula cannot stay in the copy (TILFOEJELSE, HENVISNING), or None."""
        if not _kan_henvise(formel) and not (self._navne_re and self._navne_re.search(formel)):
            return None
        h = _henvisninger(formel)
        if h.ulaeselig:
            return _grund_i_tekst(formel, self.fjernede_ark, self.fjernede_navne)
        if h.funktioner & set(UDF_NAVNE) or h.navne & self.udf_navne:
            return TILFOEJELSE
        if self._henviser_til_fjernet(h) or h.navne & self.fjernede_navne:
            return HENVISNING
        return HENVISNING if any(er_lokal_sti(t) for t in h.tekster) else None

    @property
    def beholdte_ark(self) -> set[str]:
        return {ws.title for ws in self.wb._sheets if ws.title.casefold() not in self.fjernede_ark}

    # -------------------------------------------------------------------- removals

    def fjern_ark(self) -> list[str]:
        aktiv = self.wb.active
        fjernede = [ws for ws in self.wb._sheets if ws.title.casefold() in self.fjernede_ark]
        for ws in fjernede:
            self.wb.remove(ws)
        self.wb.active = self.wb._sheets.index(aktiv) if aktiv in self.wb._sheets else 0
        for view in self.wb.views or ():
            view.firstSheet = 0
            view.activeTab = self.wb._active_sheet_index
        for ws in self.wb.worksheets:
            ws.sheet_view.tabSelected = ws is self.wb.active
        return [ws.title for ws in fjernede]

    def fjern_navne(self) -> list[str]:
        for scope, navn in self._fjern_navne:
            scope.pop(navn, None)
        return self.navneliste

    def fjern_regler(self) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        """Conditional formatting rules and data validations that cannot work in the copy."""
        cf_ud, dv_ud = [], []
        for ws in self.wb.worksheets:
            regler = ws.conditional_formatting._cf_rules
            for cf in list(regler):
                behold = []
                for regel in regler[cf]:
                    formler = list(regel.formula or ())
                    for skala in (regel.colorScale, regel.dataBar, regel.iconSet):
                        formler += [v.val for v in (getattr(skala, "cfvo", None) or ())
                                    if v.type == "formula" and v.val]
                    g = next((g for g in map(self._regelgrund, formler) if g), None)
                    if g:
                        cf_ud.append((f"{_arkref(ws.title)}!{cf.sqref}", g))
                    else:
                        behold.append(regel)
                if behold:
                    regler[cf] = behold
                else:
                    del regler[cf]
            behold = []
            for dv in ws.data_validations.dataValidation:
                g = next((g for g in map(self._regelgrund, (dv.formula1, dv.formula2)) if g),
                         None)
                if g:
                    dv_ud.append((f"{_arkref(ws.title)}!{dv.sqref}", g))
                else:
                    behold.append(dv)
            ws.data_validations.dataValidation = behold
        return cf_ud, dv_ud

    def _regelgrund(self, formel: object) -> str | None:
        if not isinstance(formel, str) or not formel.strip():
            return None
        return self.grund("=" + formel.strip().removeprefix("="))

    def fjern_kommentarer(self, traadede: dict[str, set[str]]) -> int:
        celler = {(ark.casefold(), ref.replace("$", "").upper())
                  for ark, refs in traadede.items() for ref in refs}
        celler = {c for c in celler if c[0] not in self.fjernede_ark}
        for ws in self.wb.worksheets:
            for c in ws._cells.values():
                if c.comment is not None:
                    celler.add((ws.title.casefold(), c.coordinate))
                    c.comment = None
        return len(celler)

    def fjern_personlige(self, pakke: _Pakke) -> list[str]:
        """Blank them (openpyxl writes a new app.xml without company, manager and the like)."""
        for felt, _ in _PERSONLIGE_KERNE:
            setattr(self.wb.properties, felt.split(":")[1], None)
        return pakke.personlige  # as the file had them (openpyxl reads no author as its own)

    def fjern_egenskaber(self, pakke: _Pakke) -> list[str]:
        navne = pakke.egenskaber or [p.name for p in self.wb.custom_doc_props]
        self.wb.custom_doc_props = CustomPropertyList()
        return navne

    def fjern_kaeder(self) -> list[str]:
        navne = []
        for link in getattr(self.wb, "_external_links", []):
            maal = link.file_link.Target if link.file_link is not None else ""
            navne.append(_filnavn(maal) or "ukendt fil")
        self.wb._external_links = []
        return navne

    def fjern_pivottabeller(self) -> list[str]:
        ud = []
        for ws in self.wb.worksheets:
            behold = []
            for pt in ws._pivots:
                kilde = getattr(getattr(pt, "cache", None), "cacheSource", None)
                wsk = getattr(kilde, "worksheetSource", None)
                daarlig = kilde is not None and (
                    kilde.type == "external" or (wsk is not None and (
                        (wsk.sheet or "").casefold() in self.fjernede_ark
                        or (wsk.name or "").casefold() in self.fjernede_navne
                        or (wsk.name and self.grund("=" + wsk.name))
                        or getattr(wsk, "id", None))))
                if daarlig:
                    ud.append(f"{ws.title}: {pt.name}")
                else:
                    behold.append(pt)
            ws._pivots = behold
        return ud

    def fjern_diagramhenvisninger(self) -> int:
        """Chart data referring to removed content becomes the values the chart cached."""
        n = 0
        set_: set[int] = set()
        for ark in self.wb._sheets:
            for diagram in getattr(ark, "_charts", ()):
                for d in [diagram, *getattr(diagram, "_charts", ())]:
                    n += self._diagram(d, set_)
        return n

    def _diagram(self, obj, set_: set[int]) -> int:
        if obj is None or id(obj) in set_ or isinstance(obj, (str, int, float, bool)):
            return 0
        set_.add(id(obj))
        if isinstance(obj, (list, tuple)):
            return sum(self._diagram(o, set_) for o in obj)
        n = 0
        for navn in ("numRef", "strRef", "multiLvlStrRef"):
            ref = getattr(obj, navn, None)
            f = getattr(ref, "f", None)
            if isinstance(f, str) and self.grund("=" + f):
                _diagram_til_vaerdier(obj, navn, ref)
                n += 1
        for navn, v in list(getattr(obj, "__dict__", {}).items()):  # openpyxl's descriptors
            if not navn.startswith("_") or navn == "_charts":  # keep their values here
                n += self._diagram(v, set_)
        return n

    def lokale_stier(self) -> list[str]:
        """Local paths in cell text, links, headers and footers and document properties."""
        ud = []
        for ws in self.wb.worksheets:
            for c in ws._cells.values():
                v = c.value
                if isinstance(v, str) and c.data_type != "f" and er_lokal_sti(v):
                    saet_vaerdi(c, uden_lokale_stier(v))
                    ud.append(f"{_arkref(ws.title)}!{c.coordinate}")
                link = c.hyperlink
                if link is not None and (_lokalt_link(link.target) or _link_til_fjernet(
                        link.location, self.fjernede_ark)):
                    if link.target:
                        ud.append(f"{_arkref(ws.title)}!{c.coordinate} (link)")
                    c.hyperlink = None
            for hf in (ws.oddHeader, ws.oddFooter, ws.evenHeader, ws.evenFooter,
                       ws.firstHeader, ws.firstFooter):
                for del_ in (hf.left, hf.center, hf.right):
                    tekst = del_.text or ""
                    ny = uden_lokale_stier(re.sub(r"&[Zz]", "", tekst))
                    if ny != tekst:
                        del_.text = ny
                        ud.append(f"{_arkref(ws.title)} (sidehoved/sidefod)")
        p = self.wb.properties
        for felt, etiket in (("title", "titel"), ("subject", "emne"), ("keywords", "nøgleord")):
            v = getattr(p, felt, None)
            if er_lokal_sti(v):
                setattr(p, felt, uden_lokale_stier(v))
                ud.append(f"egenskaben {etiket}")
        return ud

    def skjulte_raekker(self) -> list[str]:
        """Hidden rows and columns stay (deleting them could change values); say where."""
        ud = []
        for ws in self.wb.worksheets:
            r = sum(1 for d in ws.row_dimensions.values() if d.hidden)
            k = sum((d.max or d.min or 1) - (d.min or 1) + 1
                    for d in ws.column_dimensions.values() if d.hidden)
            if r or k:
                ud.append(f"{ws.title}: " + ", ".join(
                    [antal(r, "række", "rækker")] * bool(r) + [antal(k, "kolonne", "kolonner")]
                    * bool(k)))
        return ud

    def inputstempel(self) -> bool:
        """The Kontrol sheet's "Input" row names the original file: "(delingskopi)" instead."""
        fundet = False
        for ws in self.wb.worksheets:
            if ws["A1"].value != _KONTROLARK_TITEL:
                continue
            for r in range(2, min(ws.max_row, 15) + 1):
                if ws.cell(row=r, column=1).value == _INPUTSTEMPEL:
                    c = ws.cell(row=r, column=2)
                    if c.value not in (None, "", DELINGSKOPI):
                        saet_vaerdi(c, DELINGSKOPI)
                        fundet = True
        return fundet


def _arkref(titel: str) -> str:
    return titel if re.fullmatch(r"[^\W\d]\w*", titel) else "'" + titel.replace("'", "''") + "'"


def _lokalt_link(maal: str | None) -> bool:
    """Whether a link goes to a file on the author's disk or network (a path, a file: URL, or a
    path relative to the workbook) rather than to the web or an e-mail address."""
    if not maal:
        return False
    if maal.lower().startswith("file:") or er_lokal_sti(maal):
        return True
    return not re.match(r"^[a-z][a-z0-9+.\-]+:", maal, re.IGNORECASE)


def _link_til_fjernet(sted: str | None, fjernede_ark: set[str]) -> bool:
    if not sted:
        return False
    ark, _ = _arkdel(sted.lstrip("#"))
    return ark is not None and ark.casefold() in fjernede_ark


def _diagram_til_vaerdier(obj, navn: str, ref) -> None:
    """Replace a chart's cell reference by the values it cached (a literal), as Excel would show
    them; without a cache the reference goes and the series shows nothing."""
    from openpyxl.chart.text import RichText
    from openpyxl.drawing.text import Paragraph, RegularTextRun

    setattr(obj, navn, None)
    if navn == "numRef" and hasattr(obj, "numLit"):
        obj.numLit = ref.numCache
    elif navn == "strRef":
        cache = ref.strCache
        tekst = "".join(str(p.v) for p in (cache.pt if cache is not None else ()))
        if hasattr(obj, "strLit"):
            obj.strLit = cache
        elif hasattr(obj, "v"):  # a series name
            obj.v = tekst
        elif hasattr(obj, "rich"):  # a title
            obj.rich = RichText(p=[Paragraph(r=[RegularTextRun(t=tekst)])])


# --------------------------------------------------------------------------- the inspector


def inspicer(sti: str | Path) -> list[str]:
    """What Excel's Document Inspector (and the city) would object to in a package, part by part,
    in Danish: hidden sheets, comments, personal and custom properties, external links, hidden,
    constant or add-in names, add-in calls or external references in formulas (cells,
    conditional formatting, data validation) and local paths. Empty: nothing."""
    fund: list[str] = []
    with zipfile.ZipFile(sti) as z:
        navne = z.namelist()
        for n in navne:
            if re.match(r"xl/(comments|threadedComments|persons|externalLinks)", n, re.I) or (
                    n.lower().endswith("vbaproject.bin")):
                fund.append(f"del {n}")
        rod = _laes_xml(z, "docProps/custom.xml")
        if rod is not None and rod.findall("cu:property", _NS):
            fund.append("brugerdefinerede egenskaber (docProps/custom.xml)")
        rod = _laes_xml(z, "docProps/core.xml")
        for felt, _ in _PERSONLIGE_KERNE:
            if rod is not None and (rod.findtext(felt, "", _NS) or "").strip():
                fund.append(f"egenskab {felt} (docProps/core.xml)")
        rod = _laes_xml(z, "docProps/app.xml")
        for felt, _ in _PERSONLIGE_APP:
            if rod is not None and (rod.findtext(f"ep:{felt}", "", _NS) or "").strip():
                fund.append(f"egenskab {felt} (docProps/app.xml)")
        for n in ("docProps/core.xml", "docProps/app.xml"):
            rod = _laes_xml(z, n)
            if rod is not None and any(er_lokal_sti(e.text) for e in rod.iter()):
                fund.append(f"lokal sti i {n}")
        bog = _arbejdsbog(z)
        tekst = z.read(bog).decode("utf-8", errors="replace")
        for ark, tilstand, _ in _ark_dele(z):
            if tilstand != "visible":
                fund.append(f"{tilstand} ark '{ark}'")
        if re.search(r"<(\w+:)?(externalReferences|fileSharing|customWorkbookViews)\b", tekst):
            fund.append(f"eksterne kæder, delingsbruger eller brugervisninger i {bog}")
        if re.search(r"absPath\b", tekst):
            fund.append(f"originalens mappe (absPath) i {bog}")
        rod = _laes_xml(z, bog)
        for dn in rod.iterfind("m:definedNames/m:definedName", _NS) if rod is not None else ():
            navn, h = dn.get("name", ""), _henvisninger(dn.text or "")
            if navn.startswith("_xlnm.Print_"):
                continue
            if dn.get("hidden") in ("1", "true"):
                fund.append(f"skjult navn {navn}")
            elif h.konstant or h.ulaeselig:
                fund.append(f"konstant navn {navn}")
            if h.funktioner & set(UDF_NAVNE) or h.ekstern:
                fund.append(f"navn {navn} med tilføjelsesfunktion eller ekstern henvisning")
        ark_dele = _ark_dele(z)
        kendte = {a.casefold() for a, _, _ in ark_dele}
        for ark, _, del_ in ark_dele:
            fund += _inspicer_ark(z, ark, del_, kendte)
        for n in navne:  # charts: their data must come from this workbook's sheets
            if re.match(r"xl/charts/chart\d+\.xml$", n):
                for f in re.findall(r"<(?:\w+:)?f>([^<]*)</(?:\w+:)?f>", z.read(n).decode()):
                    h = _henvisninger(unescape(f))
                    if h.ekstern or h.ark - kendte:
                        fund.append(f"diagramdata fra et andet eller fjernet ark i {n}: {f}")
        rod = _laes_xml(z, "xl/sharedStrings.xml")
        if rod is not None:
            for si in rod.iterfind("m:si", _NS):
                if er_lokal_sti("".join(t.text or "" for t in si.iter(f"{{{_NS['m']}}}t"))):
                    fund.append("lokal sti i xl/sharedStrings.xml")
                    break
    return fund


def _inspicer_ark(z: zipfile.ZipFile, ark: str, del_: str, kendte: set[str]) -> list[str]:
    fund = []
    for t, maal, mode in _rels(z, del_):
        lokal = _lokalt_link(maal) if t == "hyperlink" else (
            er_lokal_sti(maal) or maal.lower().startswith("file:"))
        if mode == "External" and lokal:
            fund.append(f"link til en lokal fil på '{ark}'")
        if t in ("comments", "threadedComment", "vmlDrawing"):
            fund.append(f"kommentarer på '{ark}' ({maal})")
    rod = _laes_xml(z, del_)
    if rod is None:
        return fund
    m = f"{{{_NS['m']}}}"
    for e in rod.iter():
        if e.tag in (f"{m}f", f"{m}formula", f"{m}formula1", f"{m}formula2") and e.text:
            if not _kan_henvise(e.text):
                continue
            h = _henvisninger(e.text)
            hvor = "celle" if e.tag == f"{m}f" else e.tag.removeprefix(m)
            if h.funktioner & set(UDF_NAVNE) or h.ekstern or (
                    h.ulaeselig and _grund_i_tekst(e.text, set(), set())):
                fund.append(f"formel ({hvor}) med tilføjelsesfunktion eller ekstern henvisning "
                            f"på '{ark}': {e.text}")
            elif h.ark - kendte:
                fund.append(f"formel ({hvor}) med henvisning til et ark, der ikke findes, på "
                            f"'{ark}': {e.text}")
        elif e.tag in (f"{m}t", f"{m}oddHeader", f"{m}oddFooter", f"{m}evenHeader",
                       f"{m}evenFooter", f"{m}firstHeader", f"{m}firstFooter") and (
                er_lokal_sti(e.text) or (e.tag != f"{m}t" and "&Z" in (e.text or "").upper())):
            fund.append(f"lokal sti på '{ark}'")
    return fund


# ----------------------------------------------------------------------------------- share


def del_fil_rapport(sti: str | Path, ud: str | Path) -> Delingsrapport:
    """Write a share-safe copy of `sti` to `ud` (.xlsx) and say what changed (see the module).

    Refuses (RegnskabFejl, nothing written) when a formula that must become a value has no saved
    value and cannot be computed.
    """
    sti, ud = Path(sti), Path(ud)
    if ud.suffix.lower() != ".xlsx":
        raise RegnskabFejl("Kopien skal være en .xlsx-fil (uden makroer).", fil=str(ud))
    if ud.resolve() == sti.resolve():
        raise RegnskabFejl("Kopien skal have et andet navn end originalen.", fil=str(ud))
    if not sti.is_file():
        raise InputFejl("Projektmappen findes ikke.", fil=str(sti))
    tabt = tabt_indhold(sti)  # also checks that the file is a workbook at all
    pakke = _Pakke.laes(sti)
    formler = openpyxl.load_workbook(sti)  # with the external links' cached values
    gemte = openpyxl.load_workbook(sti, data_only=True, keep_links=False)
    rens = _Renser(formler)
    vs = _Vaerdisaetter(formler, gemte, rens.grund, kun=rens.beholdte_ark)
    vs.vaerdisaet()
    for knude in vs.knuder:
        if knude.fejl:
            _afvis(vs.knuder[knude.aarsag], sti)
    for knude in vs.knuder:
        ws = formler[knude.ark]
        for noegle in knude.celler:
            saet_vaerdi(ws.cell(row=noegle[1], column=noegle[2]), knude.vaerdier[noegle])
    skjulte = rens.fjern_ark()
    cf, dv = rens.fjern_regler()
    pivot = rens.fjern_pivottabeller()
    diagram = rens.fjern_diagramhenvisninger()
    navne = rens.fjern_navne()
    kommentarer = rens.fjern_kommentarer(pakke.traadede)
    personlige = rens.fjern_personlige(pakke)
    egenskaber = rens.fjern_egenskaber(pakke)
    kaeder = rens.fjern_kaeder()
    stier = rens.lokale_stier()
    filnavn = rens.inputstempel()
    skjulte_raekker = rens.skjulte_raekker()
    with atomisk_sti(ud) as tmp:
        formler.save(tmp)
        rest = inspicer(tmp)
        if rest:
            raise RegnskabFejl("Delingskopien blev ikke skrevet: den ville stadig indeholde "
                               + "; ".join(rest[:5]) + ". Meld det som en fejl i regnskab.",
                               fil=str(sti))
    # the copy has no xl/metadata.xml either; that matters only for array formulas kept as such.
    # Comments (threaded, and the formatting of notes) are removed on purpose, not lost.
    ikke_med = tuple(t for t in tabt if (vs.andre_matrix
                                         or not t.lower().startswith(DYNAMISKE_MATRIXFORMLER))
                     and not t.lower().startswith(("trådede kommentarer", "kommentarernes")))
    udf = [k for k in vs.knuder if k.udf]
    matrix = [k for k in udf if k.matrix]
    gemt = sum(k.gemte for k in vs.knuder)
    return Delingsrapport(
        ud=ud, celleformler=len(udf) - len(matrix), matrixformler=len(matrix),
        matrixceller=sum(len(k.celler) for k in matrix), gemte_vaerdier=gemt,
        beregnede_vaerdier=sum(len(k.celler) for k in vs.knuder) - gemt,
        makroer_fjernet=pakke.vba, ikke_med=ikke_med,
        henvisningsformler=len(vs.knuder) - len(udf), skjulte_ark=tuple(skjulte),
        kommentarer=kommentarer, personlige=tuple(personlige), egenskaber=tuple(egenskaber),
        eksterne_kaeder=tuple(kaeder), navne=tuple(navne), betinget_formatering=tuple(cf),
        datavalidering=tuple(dv), pivottabeller=tuple(pivot), diagramdata=diagram,
        lokale_stier=tuple(stier), filnavn_fjernet=filnavn,
        skjulte_raekker=tuple(skjulte_raekker))


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
    """Write a share-safe copy of `sti` to `ud` (.xlsx); return the number of add-in calls
    replaced by values (a spilled array formula counts once). See `del_fil_rapport`."""
    return int(del_fil_rapport(sti, ud))
