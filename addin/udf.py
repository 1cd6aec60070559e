"""Worksheet functions (xlwings UDFs): thin wrappers over the engine, for single cells and ranges.

A range argument returns a dynamic array of the same shape. A bad argument gives a readable
Danish message in the cell ("#FEJL: ..."), never a traceback.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

import xlwings as xw

from addin import afvigelse as av
from addin.aktivitet import antal_saetning, maengdeeffekt, pris_saetning, priseffekt
from addin.fejl import RegnskabFejl
from addin.indlaes import fortolk_tal
from addin.regler import Regler, find_regelfil, indlaes_regler
from addin.talformat import mio_kr

NIVEAUER = ("styringsomraade", "bevilling", "omraade", "hovedprodukt", "funktion", "ydelse")
_NIVEAU_ALIAS = {"styringsområde": "styringsomraade", "område": "omraade"}


class _Argumentfejl(ValueError):
    pass


@functools.lru_cache(maxsize=8)
def _regler_cache(sti: str | None, mtime: float) -> Regler:
    return indlaes_regler(sti)


def regler_for(caller=None) -> Regler:
    """The rule file the calling workbook's Indstillinger sheet names (same lookup as Refresh:
    a bundled name or a path in the workbook's folder), else the default rules."""
    angivet, mappe = None, None
    try:
        book = caller.sheet.book
        for sheet in book.sheets:
            if sheet.name.strip().lower() == "indstillinger":
                for noegle, vaerdi in sheet.range("A1:B20").value:
                    if str(noegle or "").strip().lower() == "regelfil" and vaerdi:
                        angivet = str(vaerdi).strip()
        fuld = Path(book.fullname)
        mappe = fuld.parent if fuld.parent != Path(".") else None
    except Exception:  # no caller (called from Python) or no settings sheet: default rules
        angivet = None
    sti = find_regelfil(angivet, "regnskab", mappe=mappe, fra_projektmappe=angivet is not None)
    mtime = sti.stat().st_mtime if sti.exists() else 0.0
    return _regler_cache(str(sti), mtime)


def _tal(v: object, navn: str) -> float:
    if isinstance(v, bool):
        raise _Argumentfejl(f"{navn} skal være et tal")
    tal = fortolk_tal(v, dansk=True) if not isinstance(v, (int, float)) else float(v)
    if tal is None or tal != tal:
        raise _Argumentfejl(f"{navn} skal være et tal, ikke '{v}'")
    return tal


def _niveau(v: object) -> str:
    n = str(v or "hovedprodukt").strip().lower()
    n = _NIVEAU_ALIAS.get(n, n)
    if n not in NIVEAUER:
        raise _Argumentfejl(f"ukendt niveau '{v}' (brug {', '.join(NIVEAUER)})")
    return n


def _elementvis(f: Callable, *args: object) -> object:
    """Apply f cell by cell; ranges (2-D lists) broadcast against single cells."""
    former = [(len(a), len(a[0])) for a in args if isinstance(a, list) and a
              and isinstance(a[0], list)]
    if not former:
        try:
            return f(*args)
        except (_Argumentfejl, RegnskabFejl) as e:
            return f"#FEJL: {e}"
        except (ArithmeticError, ValueError, TypeError) as e:
            return f"#FEJL: {e}"
    rk, kk = former[0]
    if any(s != (rk, kk) for s in former):
        return "#FEJL: områderne har forskellig størrelse"
    return [[_elementvis(f, *[a[i][j] if isinstance(a, list) else a for a in args])
             for j in range(kk)] for i in range(rk)]


def _tkr_ud(x) -> float:
    x = float(x)
    return int(x) if x.is_integer() else x


@xw.func
@xw.arg("korrigeret", ndim=None)
@xw.arg("regnskab", ndim=None)
def AFVIGELSE(korrigeret, regnskab, caller=None):  # noqa: N802 - Excel function names
    """Afvigelse = korrigeret budget - regnskab (or the opposite, as the rule file says)."""
    r = regler_for(caller)
    return _elementvis(lambda k, s: _tkr_ud(av.afvigelse(_tal(k, "korrigeret"),
                                                         _tal(s, "regnskab"), r)),
                       korrigeret, regnskab)


@xw.func
def KLASSIFICER(afvigelse, niveau=None, caller=None):  # noqa: N802
    """'mindreforbrug', 'merforbrug', 'ingen væsentlig afvigelse' or 'ingen afvigelse'."""
    r = regler_for(caller)
    return _elementvis(lambda a, n: av.klassetekst(_tal(a, "afvigelse"), _niveau(n), r),
                       afvigelse, niveau)


@xw.func
def FORKLARINGSKRAV(afvigelse, korrigeret, niveau=None, caller=None):  # noqa: N802
    """TRUE when the line must be explained under the rule file's threshold."""
    r = regler_for(caller)
    return _elementvis(lambda a, k, n: av.forklaringskrav(_tal(a, "afvigelse"),
                                                          _tal(k, "korrigeret"), _niveau(n), r),
                       afvigelse, korrigeret, niveau)


@xw.func
def AFVIGELSESTEKST(afvigelse, niveau=None, caller=None):  # noqa: N802
    """The standard sentence, e.g. 'Hovedproduktet udviser et mindreforbrug på 3,2 mio. kr.'."""
    r = regler_for(caller)
    return _elementvis(lambda a, n: av.afvigelsestekst(_tal(a, "afvigelse"), _niveau(n), r),
                       afvigelse, niveau)


@xw.func
def MIO_KR(tkr):  # noqa: N802
    """An amount in 1.000 kr. as text in mio. kr.: 12509 -> '12,5 mio. kr.'."""
    return _elementvis(lambda t: mio_kr(_tal(t, "beløb")), tkr)


@xw.func
def MAENGDEEFFEKT(budget_antal, regnskab_antal, budget_pris, regnskab_pris=None):  # noqa: N802
    """Effect on spending (kr.) of the number of recipients: (R antal - B antal) x B pris."""
    return _elementvis(lambda ba, ra, bp, _rp: float(maengdeeffekt(
        _tal(ba, "budget_antal"), _tal(ra, "regnskab_antal"), _tal(bp, "budget_pris"))),
        budget_antal, regnskab_antal, budget_pris, regnskab_pris)


@xw.func
def PRISEFFEKT(budget_antal, regnskab_antal, budget_pris, regnskab_pris):  # noqa: N802
    """Effect on spending (kr.) of the unit price: (R pris - B pris) x R antal."""
    return _elementvis(lambda _ba, ra, bp, rp: float(priseffekt(
        _tal(bp, "budget_pris"), _tal(rp, "regnskab_pris"), _tal(ra, "regnskab_antal"))),
        budget_antal, regnskab_antal, budget_pris, regnskab_pris)


@xw.func
def PRISMAENGDETEKST(budget_antal, regnskab_antal, budget_pris, regnskab_pris,
                     caller=None):  # noqa: N802
    """The two standard sentences (quantity, then price) in one text."""
    r = regler_for(caller)

    def tekst(ba, ra, bp, rp):
        ba, ra = _tal(ba, "budget_antal"), _tal(ra, "regnskab_antal")
        bp, rp = _tal(bp, "budget_pris"), _tal(rp, "regnskab_pris")
        return f"{antal_saetning(ba, ra, bp, r)} {pris_saetning(bp, rp, ra, r)}"

    return _elementvis(tekst, budget_antal, regnskab_antal, budget_pris, regnskab_pris)


UDF_NAVNE = ("AFVIGELSE", "KLASSIFICER", "FORKLARINGSKRAV", "AFVIGELSESTEKST", "MIO_KR",
             "MAENGDEEFFEKT", "PRISEFFEKT", "PRISMAENGDETEKST")
