"""Worksheet functions (xlwings UDFs): thin wrappers over the engine, for cells and ranges.

Arguments. Every argument is declared `ndim=2`, so each client hands the function a list of
rows whatever the caller selected: a cell, a row, a column or a block (without it xlwings turns
a one-row or one-column range into a flat list). A single cell may also arrive as a plain value
(Lite/Server send an empty single cell as None). Single cells (1x1) are broadcast against
ranges; ranges must otherwise have the same shape. The result has the ranges' shape (a dynamic
array that spills); a 1x1 result is returned as a single value.

Errors. A bad argument gives a readable Danish text in the cell, "#FEJL: ...", never a
traceback: per cell for a bad value (text, empty cell, an Excel error value such as #DIV/0!,
read with `err_to_str=True`), once for shapes that do not fit or a rule file that cannot be
used. A "#FEJL: ..." text passed in (one function feeding another) is passed on unchanged.

Rules. The rule file is looked up exactly as Refresh does it, `find_regelfil(angivet,
"regnskab", mappe=<the workbook's folder>, fra_projektmappe=True)`, with `angivet` read from
the workbook's Indstillinger sheet (key "regelfil"); any failure becomes "#FEJL: ...".

`caller` (decided after reading xlwings 0.37.8):
- Classic xlwings (Windows, VBA wrappers from "Import Python UDFs") treats a parameter named
  `caller` by name: `generate_vba_wrapper` passes `Nothing` for it (so it is not an argument in
  Excel and `import_udfs` leaves it out of the argument descriptions) and `call_udf` replaces it
  by the calling cell as an xlwings Range. That is the only client that can tell us the calling
  workbook, hence its Indstillinger sheet and folder. The functions therefore keep a trailing
  `caller=None` parameter.
- xlwings Lite and Server (`xlwings.server`, Office.js) know nothing of that name: a parameter
  called `caller` becomes a visible, optional Excel argument that the user never fills in. Their
  own calling-cell mechanism (`caller: xw.Caller`, an injectable type hint) carries only the
  cell's address, never the workbook's content, needs the PRO licence code and a recent
  xlwings, so it cannot find a rule file either. Outside classic xlwings `_kun_klassisk_caller`
  therefore removes `caller` from the signature xlwings reads (`__signature__`, which every
  xlwings version reads through `inspect.signature`), so the metadata Excel gets has no such
  parameter and the function is called without it (default rules: Lite and Server give a
  custom function no access to the workbook).
- Classic xlwings is recognised by `xw.func` coming from `xlwings.udfs`, which is what
  `xlwings/__init__.py` binds on Windows with pywin32; with XLWINGS_ON_SERVER=true it binds
  `xlwings.server.func`, elsewhere a no-op.

Help text. The function docstrings (Danish, under 255 characters: classic Excel cuts there) are
the function help; each argument has a Danish `doc=`; the classic category is "Regnskab".
Office.js custom functions have no categories (the add-in's namespace groups them).
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from pathlib import Path

import xlwings as xw

from addin import afvigelse as av
from addin.aktivitet import antal_saetning, maengdeeffekt, pris_saetning, priseffekt
from addin.fejl import RegnskabFejl
from addin.indlaes import fortolk_tal, normaliser_kolonne
from addin.regler import Regler, find_regelfil, indlaes_regler
from addin.talformat import mio_kr

NIVEAUER = ("styringsomraade", "bevilling", "omraade", "hovedprodukt", "funktion", "ydelse")
_NIVEAU_ALIAS = {"styringsområde": "styringsomraade", "område": "omraade"}
KATEGORI = "Regnskab"
FEJL = "#FEJL: "
# Excel's error values as xlwings hands them over with err_to_str=True
EXCEL_FEJL = frozenset({"#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!",
                        "#DATA!", "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!",
                        "#BUSY!", "#UNKNOWN!", "#GETTING_DATA", "#PYTHON!"})
_ARG = {"ndim": 2, "err_to_str": True}  # every argument: always rows of cells, errors as text


class _Argumentfejl(ValueError):
    pass


class _Videregivet(Exception):
    """An input cell already holds a "#FEJL: ..." text: the result is that text."""

    def __init__(self, tekst: str) -> None:
        super().__init__(tekst)
        self.tekst = tekst


def _klassisk() -> bool:
    """Whether xlwings' classic (Windows, VBA) UDF machinery is the one in use."""
    return getattr(xw.func, "__module__", "") == "xlwings.udfs"


def _kun_klassisk_caller(f: Callable) -> Callable:
    """Hide the trailing `caller` parameter from every client but classic xlwings (see above)."""
    if not _klassisk():
        sig = inspect.signature(f)
        f.__signature__ = sig.replace(
            parameters=[p for p in sig.parameters.values() if p.name != "caller"])
    return f


# ---- rules -------------------------------------------------------------------------------

@functools.lru_cache(maxsize=8)
def _regler_cache(sti: str, mtime: float) -> Regler:
    return indlaes_regler(sti)


def _bog(caller: object) -> object | None:
    """The calling workbook (classic xlwings passes the calling cell), else None."""
    sheet = getattr(caller, "sheet", None)
    return getattr(sheet, "book", None) if sheet is not None else None


def _angivet_regelfil(book: object) -> str | None:
    """The value of 'regelfil' on the workbook's Indstillinger sheet, if it names one."""
    for sheet in book.sheets:
        if normaliser_kolonne(sheet.name) != "indstillinger":
            continue
        raekker = sheet.used_range.options(ndim=2).value or []
        for raekke in raekker:
            if len(raekke) >= 2 and normaliser_kolonne(raekke[0] or "") == "regelfil" \
                    and raekke[1] not in (None, ""):
                return str(raekke[1]).strip()
    return None


def regler_for(caller: object = None) -> Regler:
    """The rule file the calling workbook's Indstillinger sheet names (the same lookup as
    Refresh: a bundled name or a file in the workbook's folder), else the default rules.

    Raises RegnskabFejl (or whatever reading the workbook raises); the functions turn it into
    a "#FEJL: ..." text.
    """
    book = _bog(caller)
    angivet, mappe = None, None
    if book is not None:
        angivet = _angivet_regelfil(book)
        fuld = Path(str(book.fullname))
        mappe = fuld.parent if fuld.parent != Path(".") else None  # None: never saved
    sti = find_regelfil(angivet, "regnskab", mappe=mappe, fra_projektmappe=True)
    try:
        mtime = sti.stat().st_mtime
    except OSError:
        mtime = 0.0  # indlaes_regler reports the missing file in Danish
    return _regler_cache(str(sti), mtime)


def _regelfejl(e: Exception) -> str:
    if isinstance(e, RegnskabFejl):
        return f"{FEJL}regelfilen kan ikke bruges: {e}"
    return f"{FEJL}regelfilen kunne ikke findes ({type(e).__name__}: {e})"


# ---- cells -------------------------------------------------------------------------------

def _videregiv(v: object) -> None:
    """A "#FEJL: ..." text from another of these functions is the result as it is."""
    if isinstance(v, str) and v.strip().startswith(FEJL.strip()):
        raise _Videregivet(v.strip())


def _tal(v: object, navn: str) -> float:
    """One cell as a number: numbers, Danish number text ('1.234,5'); else a Danish error."""
    _videregiv(v)
    if v is None or (isinstance(v, str) and v.strip() == ""):
        raise _Argumentfejl(f"{navn} mangler (tom celle)")
    if isinstance(v, bool):
        raise _Argumentfejl(f"{navn} skal være et tal, ikke SAND/FALSK")
    if isinstance(v, str) and v.strip().upper() in EXCEL_FEJL:
        raise _Argumentfejl(f"{navn} er fejlværdien {v.strip().upper()}")
    tal = float(v) if isinstance(v, (int, float)) else fortolk_tal(v, dansk=True)
    if tal is None or tal != tal or tal in (float("inf"), float("-inf")):
        raise _Argumentfejl(f"{navn} skal være et tal, ikke '{v}'")
    return tal


def _niveau(v: object) -> str:
    _videregiv(v)
    if isinstance(v, str) and v.strip().upper() in EXCEL_FEJL:
        raise _Argumentfejl(f"niveau er fejlværdien {v.strip().upper()}")
    n = str(v if v is not None else "").strip().lower() or "hovedprodukt"
    n = _NIVEAU_ALIAS.get(n, n)
    if n not in NIVEAUER:
        raise _Argumentfejl(f"ukendt niveau '{v}' (brug {', '.join(NIVEAUER)})")
    return n


def _celle(f: Callable, *vaerdier: object) -> object:
    """f on one set of cells; any problem as a "#FEJL: ..." text."""
    try:
        return f(*vaerdier)
    except _Videregivet as e:
        return e.tekst
    except (_Argumentfejl, RegnskabFejl) as e:
        return f"{FEJL}{e}"
    except (ArithmeticError, ValueError, TypeError, KeyError) as e:
        return f"{FEJL}kan ikke beregnes ({e})"


# ---- ranges ------------------------------------------------------------------------------

def _form(v: object) -> tuple[int, int] | None:
    """(rows, columns) of a range (a list of equally long rows); None for a single value."""
    if not isinstance(v, (list, tuple)):
        return None
    if not v or not all(isinstance(r, (list, tuple)) for r in v):
        raise _Argumentfejl("et område skal være rækker af celler")
    kolonner = len(v[0])
    if kolonner == 0 or any(len(r) != kolonner for r in v):
        raise _Argumentfejl("et område skal have lige mange celler i hver række")
    return len(v), kolonner


def _elementvis(f: Callable, *args: object) -> object:
    """Apply f cell by cell. Single cells (1x1) broadcast against ranges of one common shape;
    the result has that shape, or is a single value when every argument is a single cell."""
    try:
        former = [_form(a) for a in args]
    except _Argumentfejl as e:
        return f"{FEJL}{e}"
    enkelt = [a[0][0] if s == (1, 1) else a for a, s in zip(args, former)]
    omraader = {s for s in former if s is not None and s != (1, 1)}
    if not omraader:
        return _celle(f, *enkelt)
    if len(omraader) > 1:
        return f"{FEJL}områderne har forskellig størrelse"
    rk, kk = omraader.pop()
    return [[_celle(f, *[a[i][j] if isinstance(a, (list, tuple)) else a for a in enkelt])
             for j in range(kk)] for i in range(rk)]


def _med_regler(caller: object, f: Callable, *args: object) -> object:
    """_elementvis with the calling workbook's rules as f's first argument."""
    try:
        r = regler_for(caller)
    except Exception as e:  # noqa: BLE001 - a worksheet function shows every failure in its cell
        return _regelfejl(e)
    return _elementvis(functools.partial(f, r), *args)


def _heltal_hvis_muligt(x: object) -> int | float:
    x = float(x)
    return int(x) if x.is_integer() else x


# ---- the functions -----------------------------------------------------------------------
# Decorators run bottom-up: _kun_klassisk_caller first, then the arguments, then the function.

_DOC_NIVEAU = ("Valgfri: styringsomraade, bevilling, omraade, hovedprodukt (standard), funktion "
               "eller ydelse. En celle eller et område.")
_DOC_AFVIGELSE = "Afvigelsen i 1.000 kr., fx resultatet af AFVIGELSE. En celle eller et område."


@xw.func(category=KATEGORI)
@xw.arg("korrigeret", **_ARG, doc="Korrigeret budget i 1.000 kr.: en celle, en række, en "
        "kolonne eller et område.")
@xw.arg("regnskab", **_ARG, doc="Regnskab i 1.000 kr.: samme størrelse som korrigeret, eller "
        "en enkelt celle.")
@_kun_klassisk_caller
def AFVIGELSE(korrigeret, regnskab, caller=None):  # noqa: N802 - Excel function names
    """Afvigelsen i 1.000 kr.: korrigeret budget minus regnskab (eller omvendt, hvis regelfilen siger det). Positiv = mindreforbrug med standardreglerne."""  # noqa: E501
    return _med_regler(caller, lambda r, k, s: _heltal_hvis_muligt(
        av.afvigelse(_tal(k, "korrigeret"), _tal(s, "regnskab"), r)), korrigeret, regnskab)


@xw.func(category=KATEGORI)
@xw.arg("afvigelse", **_ARG, doc=_DOC_AFVIGELSE)
@xw.arg("niveau", **_ARG, doc=_DOC_NIVEAU)
@_kun_klassisk_caller
def KLASSIFICER(afvigelse, niveau=None, caller=None):  # noqa: N802
    """Afvigelsens klasse efter regelfilens væsentlighedsgrænse for niveauet: mindreforbrug, merforbrug, ingen væsentlig afvigelse eller ingen afvigelse."""  # noqa: E501
    return _med_regler(caller, lambda r, a, n: av.klassetekst(_tal(a, "afvigelse"), _niveau(n), r),
                       afvigelse, niveau)


@xw.func(category=KATEGORI)
@xw.arg("afvigelse", **_ARG, doc=_DOC_AFVIGELSE)
@xw.arg("korrigeret", **_ARG, doc="Korrigeret budget i 1.000 kr. (til en eventuel procentgrænse "
        "i regelfilen). En celle eller et område.")
@xw.arg("niveau", **_ARG, doc=_DOC_NIVEAU)
@_kun_klassisk_caller
def FORKLARINGSKRAV(afvigelse, korrigeret, niveau=None, caller=None):  # noqa: N802
    """SAND, hvis linjen skal forklares efter regelfilens forklaringskrav for niveauet, ellers FALSK."""  # noqa: E501
    return _med_regler(caller, lambda r, a, k, n: av.forklaringskrav(
        _tal(a, "afvigelse"), _tal(k, "korrigeret"), _niveau(n), r), afvigelse, korrigeret, niveau)


@xw.func(category=KATEGORI)
@xw.arg("afvigelse", **_ARG, doc=_DOC_AFVIGELSE)
@xw.arg("niveau", **_ARG, doc=_DOC_NIVEAU)
@_kun_klassisk_caller
def AFVIGELSESTEKST(afvigelse, niveau=None, caller=None):  # noqa: N802
    """Standardsætningen om afvigelsen, fx "Hovedproduktet udviser et mindreforbrug på 3,2 mio. kr."."""  # noqa: E501
    return _med_regler(caller, lambda r, a, n: av.afvigelsestekst(_tal(a, "afvigelse"),
                                                                  _niveau(n), r),
                       afvigelse, niveau)


@xw.func(category=KATEGORI)
@xw.arg("tkr", **_ARG, doc="Beløb i 1.000 kr.: en celle eller et område.")
def MIO_KR(tkr):  # noqa: N802
    """Et beløb i 1.000 kr. som tekst i mio. kr. med én decimal og uden fortegn, fx 12509 -> "12,5 mio. kr."."""  # noqa: E501
    return _elementvis(lambda t: mio_kr(_tal(t, "beløb")), tkr)


_DOC_BA = "Budgetteret antal modtagere (fx fuldtidspersoner). En celle eller et område."
_DOC_RA = "Antal modtagere i regnskabet. En celle eller et område."
_DOC_BP = "Budgetteret gennemsnitlig udgift pr. modtager i kr. En celle eller et område."
_DOC_RP = "Gennemsnitlig udgift pr. modtager i regnskabet i kr. En celle eller et område."


@xw.func(category=KATEGORI)
@xw.arg("budget_antal", **_ARG, doc=_DOC_BA)
@xw.arg("regnskab_antal", **_ARG, doc=_DOC_RA)
@xw.arg("budget_pris", **_ARG, doc=_DOC_BP)
@xw.arg("regnskab_pris", **_ARG, doc="Valgfri og uden betydning for mængdeeffekten; kan angives, "
        "så argumenterne er de samme som i PRISEFFEKT.")
def MAENGDEEFFEKT(budget_antal, regnskab_antal, budget_pris, regnskab_pris=None):  # noqa: N802
    """Mængdeeffekten i kr.: (antal i regnskab - budgetteret antal) x budgetteret pris."""
    return _elementvis(lambda ba, ra, bp, _rp: float(maengdeeffekt(
        _tal(ba, "budget_antal"), _tal(ra, "regnskab_antal"), _tal(bp, "budget_pris"))),
        budget_antal, regnskab_antal, budget_pris, regnskab_pris)


@xw.func(category=KATEGORI)
@xw.arg("budget_antal", **_ARG, doc="Budgetteret antal modtagere; uden betydning for "
        "priseffekten, men med for at argumenterne er de samme som i MAENGDEEFFEKT.")
@xw.arg("regnskab_antal", **_ARG, doc=_DOC_RA)
@xw.arg("budget_pris", **_ARG, doc=_DOC_BP)
@xw.arg("regnskab_pris", **_ARG, doc=_DOC_RP)
def PRISEFFEKT(budget_antal, regnskab_antal, budget_pris, regnskab_pris):  # noqa: N802
    """Priseffekten i kr.: (pris i regnskab - budgetteret pris) x antal i regnskab."""
    return _elementvis(lambda _ba, ra, bp, rp: float(priseffekt(
        _tal(bp, "budget_pris"), _tal(rp, "regnskab_pris"), _tal(ra, "regnskab_antal"))),
        budget_antal, regnskab_antal, budget_pris, regnskab_pris)


def _prismaengdetekst(r: Regler, ba: object, ra: object, bp: object, rp: object) -> str:
    ba, ra = _tal(ba, "budget_antal"), _tal(ra, "regnskab_antal")
    bp, rp = _tal(bp, "budget_pris"), _tal(rp, "regnskab_pris")
    return f"{antal_saetning(ba, ra, bp, r)} {pris_saetning(bp, rp, ra, r)}"


@xw.func(category=KATEGORI)
@xw.arg("budget_antal", **_ARG, doc=_DOC_BA)
@xw.arg("regnskab_antal", **_ARG, doc=_DOC_RA)
@xw.arg("budget_pris", **_ARG, doc=_DOC_BP)
@xw.arg("regnskab_pris", **_ARG, doc=_DOC_RP)
@_kun_klassisk_caller
def PRISMAENGDETEKST(budget_antal, regnskab_antal, budget_pris, regnskab_pris,  # noqa: N802
                     caller=None):
    """Standardsætningerne om antal og gennemsnitlig udgift (mængde- og priseffekt) i én tekst."""
    return _med_regler(caller, _prismaengdetekst, budget_antal, regnskab_antal, budget_pris,
                       regnskab_pris)


UDF_NAVNE = ("AFVIGELSE", "KLASSIFICER", "FORKLARINGSKRAV", "AFVIGELSESTEKST", "MIO_KR",
             "MAENGDEEFFEKT", "PRISEFFEKT", "PRISMAENGDETEKST")
