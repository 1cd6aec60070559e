"""Posting-level hovedprodukter (millions of rows) summed per line before validation and the model.

A kommune's posting export for a year is ten million rows and more; as Python lists it needs many
GB. A CSV (from MOTOR_GRAENSE bytes) or hovedprodukter.parquet is read by Polars, streaming on
every core, and each line's postings are summed there, so memory follows the lines of the
report, not the postings. A large sheet (already read by calamine) is summed with numpy
(summer_ark). What reaches validation and the model is one row per line.

Exact: each amount becomes øre as `til_oere` makes it (the float value times 100 or 100.000,
rounded half away from zero, per posting), for both units since the unit is settled later, and
the øre are summed as int64. The column check in `input_fra_tabeller` (MAKS_SUM_KR) bounds the
sum of the absolute values to 10^18 øre before a sum is used, so no sum can wrap. The engine
reads only amounts it reads exactly as Python does ('-1234.5'; in a Danish file or as Parquet
text '1.234,5'; numbers); every other row ('1.234,5-', text, blanks, empty or huge amounts,
NaN) is read by Python with today's rules, a batch at a time.

Messages: Python validates, with today's validators, the first row of every distinct key
(styringsområde, bevilling, navn, niveau, kode as written) and of every kind of exceptional
amount per column. Every check reports the first row where it fails, so these rows give the
message (file, sheet, row, column) that the whole file gives, and a file that passes them passes.

CSV rows are numbered as today's reader numbers them (header row 1, blank rows count); Parquet
rows from 1. A CSV whose records Polars might split otherwise than Python's csv module is left
to today's reader: a quote that is not around a whole field (or a quoted line break), a lone
carriage return, more than EKSTRA columns beyond the header, UTF-16.
"""

from __future__ import annotations

import codecs
import csv
import importlib.util
import io
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from addin.fejl import InputFejl
from addin.indlaes import (
    BELOEB,
    MAKS_KR,
    STOR,
    TABELLER,
    Summer,
    Tabel,
    _fejl_kodning,
    _kolonner,
    _valider,
    er_tekstfil,
    kolonneopslag,
    skilletegn,
    til_oere,
    tjek_csv_fil,
    tolk_celler,
)

if TYPE_CHECKING:
    import polars as pl

# xlwings Lite (Pyodide) has no Polars: there a CSV is read as before. Polars is imported only
# where it is used (importing it takes 0,4 s), and an install that cannot be imported counts as
# none (motor()).
HAR_MOTOR = importlib.util.find_spec("polars") is not None

NAVN = "hovedprodukter"
EKSTRA = 4  # columns a row may have beyond the header (more: today's reader takes the file)
BATCH = 200_000  # exceptional rows handed to Python at a time
START = 1 << 20  # bytes read to find the header and the separator
_BYTES = 16  # longest amount text the engine reads: at most 15 digits, so exact as a float
_DANSK = r"^-?(?:[0-9]+|[0-9]{1,3}(?:\.[0-9]{3})+)(?:,[0-9]+)?$"  # _DANSK_SIMPEL in indlaes
_PUNKTUM = r"^-?[0-9]+\.[0-9]+$"  # '1234.5' in a Danish file: fortolk_tal reads it as float
ENHEDER = {"kr": 100.0, "tkr": 100_000.0}


class Uegnet(Exception):
    """The engine cannot read this CSV exactly as today's reader does."""


def motor() -> ModuleType | None:
    """Polars, or None where it is not installed or cannot be imported."""
    if not HAR_MOTOR:
        return None
    try:
        import polars
    except ImportError:
        return None
    return polars


# ---------------------------------------------------------------- public


def laes_csv(sti: Path) -> Tabel | None:
    """hovedprodukter.csv summed per line, or None where today's reader must take the file."""
    if motor() is None:
        return None
    tjek_csv_fil(sti)
    with open(sti, "rb") as f:
        start = f.read(START)
    if not er_tekstfil(start):
        raise InputFejl("Filen er ikke en tekstfil (CSV).", fil=str(sti))
    if start.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    loes_cr, citater = _skan(sti)
    if loes_cr:
        return None
    try:
        try:
            return _csv(sti, sti, "utf-8", citater)
        except _IkkeUtf8:
            # (on Windows the copy may still be mapped by Polars when the folder is removed)
            with tempfile.TemporaryDirectory(prefix="regnskab-", ignore_cleanup_errors=True) as tmp:
                omkodet = Path(tmp) / "hovedprodukter.csv"
                _omkod_cp1252(sti, omkodet)
                return _csv(sti, omkodet, "cp1252", citater)
    except Uegnet:
        return None


def laes_parquet(sti: Path) -> Tabel:
    """hovedprodukter.parquet summed per line (columns named as in hovedprodukter.csv)."""
    fil = str(sti)
    pl = motor()
    if pl is None:
        raise InputFejl("En Parquet-fil kan kun læses, hvor Polars er installeret (ikke i xlwings "
                        "Lite); gem tabellen som hovedprodukter.csv.", fil=fil)
    try:
        skema = pl.scan_parquet(sti).collect_schema()
    except Exception:
        raise InputFejl("Filen er ikke en gyldig Parquet-fil (beskadiget eller en anden "
                        "filtype).", fil=fil) from None
    navne = list(skema.names())
    kolonnenavne, brug, idx = kolonneopslag(NAVN, navne, fil, None, None)
    kilde = {k: navne[i] for k, i in zip(brug, idx)}
    lf = pl.scan_parquet(sti).select([pl.col(kilde[k]).alias(k) for k in brug]) \
        .with_row_index("_r", offset=1)
    plan = _Plan(fil, brug, kolonnenavne, dansk=True, blanke=False)
    udtryk = {k: (_parquet_tal(k, pl.col(k), skema[kilde[k]], k in plan.valgfri)
                  if k in plan.beloeb else _parquet_tekst(pl.col(k), skema[kilde[k]]))
              for k in brug}
    try:
        return _summer(plan, lf, udtryk, lambda df: df.select(brug).rows(),
                       list(range(len(brug))), None)
    except InputFejl:
        raise
    except Exception as e:  # pragma: no cover - a file Polars fails on midway
        raise InputFejl(f"Parquet-filen kan ikke læses ({str(e).splitlines()[0][:120]}).",
                        fil=fil) from None


# ---------------------------------------------------------------- CSV


class _IkkeUtf8(Exception):
    """Polars met bytes that are not UTF-8: the file is read as cp1252, as today."""


def _csv(sti: Path, laest: Path, kodning: str, citater: bool) -> Tabel:
    """Read `laest` (the file itself, or its UTF-8 copy of a cp1252 file), naming `sti`."""
    import polars as pl

    fil = str(sti)
    header, sep = _header(laest, kodning)
    if citater and not _citater_i_orden(laest, sep):
        raise Uegnet
    try:
        kolonnenavne, brug, idx = kolonneopslag(NAVN, header, fil, None, 1)
    except InputFejl:
        _kodning_hele_filen(sti)  # today the encoding is checked before the header
        raise
    bredde = len(header) + EKSTRA
    lf = pl.scan_csv(laest, has_header=False, separator=sep, quote_char='"',
                     schema={f"k{i}": pl.String for i in range(bredde)}, missing_columns="insert",
                     row_index_name="_r", row_index_offset=1, empty_string_is_null=False,
                     encoding="utf8").filter(pl.col("_r") > 1)
    plan = _Plan(fil, brug, kolonnenavne, dansk=sep == ";", blanke=True)
    udtryk = {k: (_tekst_tal(k, pl.col(f"k{i}"), plan.dansk, k in plan.valgfri)
                  if k in plan.beloeb else _Celle(pl.col(f"k{i}")))
              for k, i in zip(brug, idx)}
    alle = [f"k{i}" for i in range(bredde)]
    tekst = {k: pl.col(f"k{i}") for k, i in zip(brug, idx)}
    try:
        return _summer(plan, lf, udtryk, lambda df: df.select(alle).rows(), idx, tekst.get)
    except pl.exceptions.ComputeError as e:
        tekst = str(e).lower()
        if kodning == "utf-8" and ("utf-8" in tekst or "utf8" in tekst):
            raise _IkkeUtf8 from None
        raise Uegnet from None
    except (pl.exceptions.PolarsError, OSError):
        raise Uegnet from None


def _header(sti: Path, kodning: str) -> tuple[list[str], str]:
    """The first record and the separator, decoded as today's reader decodes the file."""
    with open(sti, "rb") as f:
        start = f.read(START)
        hele = not f.read(1)
    dekoder = codecs.getincrementaldecoder("utf-8-sig" if kodning == "utf-8" else "utf-8")()
    try:
        tekst = dekoder.decode(start, final=hele)
    except UnicodeDecodeError:
        if kodning == "utf-8":
            raise _IkkeUtf8 from None
        raise
    if not tekst.strip():
        raise Uegnet
    sep = skilletegn(tekst.split("\n", 1)[0])
    laeser = csv.reader(io.StringIO(tekst, newline=""), delimiter=sep)
    header = next(laeser)
    if not hele and next(laeser, None) is None:
        raise Uegnet  # a header record longer than START
    return header, sep


def _skan(sti: Path) -> tuple[bool, bool]:
    """Whether the file has a carriage return that does not end a line (Python's csv starts a
    new record there, Polars does not), and whether it has a quote character at all."""
    buf = bytearray(1 << 24)
    forrige_cr, citater = False, False
    with open(sti, "rb", buffering=0) as f:
        while n := f.readinto(buf):
            a = np.frombuffer(buf, dtype=np.uint8, count=n)
            if forrige_cr and a[0] != 10:
                return True, citater
            cr = np.flatnonzero(a[:-1] == 13)
            if len(cr) and (a[cr + 1] != 10).any():
                return True, citater
            forrige_cr = bool(a[-1] == 13)
            citater = citater or bool((a == 34).any())
    return False, citater


def _citater_i_orden(sti: Path, sep: str) -> bool:
    """Whether every line with a quote is a whole record of fields that are either quoted (inner
    quotes doubled) or free of quotes: there Polars splits the fields as Python's csv does. A
    quoted line break, a quote inside a field or text after a closing quote is left to today's
    reader (both would read them, but not always alike)."""
    import polars as pl

    s = {"\t": r"\t"}.get(sep, sep)
    felt = f'(?:"(?:[^"]|"")*"|[^"{s}]*)'
    linjer = pl.scan_csv(sti, has_header=False, separator="\x1f", quote_char=None,
                         schema={"linje": pl.String}, empty_string_is_null=False, encoding="utf8")
    linje = pl.col("linje")
    try:
        uden_orden = linjer.filter(linje.str.contains('"', literal=True)
                                   & ~linje.str.contains(f"^{felt}(?:{s}{felt})*$")) \
            .select(pl.len()).collect(engine="streaming").item()
    except pl.exceptions.PolarsError:
        return False
    return uden_orden == 0


def _kodning_hele_filen(sti: Path) -> None:
    """Stop as today's reader does for a file that is neither UTF-8 nor cp1252."""
    dekoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with open(sti, "rb") as f:
            while stykke := f.read(1 << 24):
                dekoder.decode(stykke)
        dekoder.decode(b"", final=True)
        return
    except UnicodeDecodeError:
        pass
    with open(sti, "rb") as f:
        while stykke := f.read(1 << 24):
            try:
                stykke.decode("cp1252")
            except UnicodeDecodeError:
                _fejl_kodning(str(sti))


def _omkod_cp1252(sti: Path, til: Path) -> None:
    """A UTF-8 copy of a cp1252 file (Polars reads UTF-8 only); undefined bytes stop as today."""
    with open(sti, "rb") as f, open(til, "wb") as g:
        while stykke := f.read(1 << 24):
            try:
                g.write(stykke.decode("cp1252").encode("utf-8"))
            except UnicodeDecodeError:
                _fejl_kodning(str(sti))


@dataclass
class _Celle:
    """How the engine reads one column: helper columns computed first (`trin`, named), the value
    (text for a key, float for an amount) and whether a cell is one it reads exactly as Python
    does. `ok` may name the value as pl.col('<column>:v'), computed before it."""

    vaerdi: pl.Expr
    ok: pl.Expr = field(default_factory=lambda: motor().lit(True))
    trin: list[pl.Expr] = field(default_factory=list)


def _tekst_tal(k: str, t: pl.Expr, dansk: bool, valgfri: bool) -> _Celle:
    """An amount cell as text: its value, and whether the engine reads it exactly as Python
    (an empty optional cell is read: no value).

    In a comma file every text Polars reads as a finite float of at most 16 bytes is one pandas
    reads alike ('1234.5', '-7', '1e5'; tests/kerne/test_posteringer.py compares them). In a
    Danish file '1.234' is 1234, so the text must have Python's Danish form."""
    import polars as pl

    trin, tom = [], t.fill_null("") == ""
    if dansk:
        trin = [pl.when(t.str.contains(_DANSK)).then(
            t.str.replace_all(".", "", literal=True).str.replace(",", ".", literal=True))
            .when(t.str.contains(_PUNKTUM)).then(t).alias(f"{k}:f")]
        t = pl.col(f"{k}:f")
    v = pl.col(f"{k}:v")
    ok = (t.str.len_bytes() <= _BYTES) & ((v.abs() * 1000) <= MAKS_KR)
    if valgfri:
        ok = ok | tom
    return _Celle(t.cast(pl.Float64, strict=False), ok.fill_null(False), trin)


# ---------------------------------------------------------------- Parquet


def _parquet_tal(k: str, c: pl.Expr, dtype: object, valgfri: bool) -> _Celle:
    """An amount column of a Parquet file: text as in a Danish CSV, numbers as numbers (an
    integer or a decimal only while exact as a float)."""
    import polars as pl

    if dtype == pl.String:
        return _tekst_tal(k, c, True, valgfri)
    if not dtype.is_numeric():
        return _Celle(pl.lit(None, dtype=pl.Float64), pl.lit(False))
    v = pl.col(f"{k}:v")
    ok = v.is_finite() & ((v.abs() * 1000) <= MAKS_KR)
    if isinstance(dtype, pl.Decimal):
        ok = ok & ((v.abs() * 10.0 ** (dtype.scale or 0)) < 2.0 ** 53)
    elif dtype.is_integer():
        ok = ok & (v.abs() < 2.0 ** 53)
    if valgfri:
        ok = ok.fill_null(False) | c.is_null()
    return _Celle(c.cast(pl.Float64), ok.fill_null(False))


def _parquet_tekst(c: pl.Expr, dtype: object) -> _Celle:
    """A key column of a Parquet file as the text Python makes of it (4711.0 -> '4711')."""
    import polars as pl

    if dtype == pl.String:
        return _Celle(c)
    if dtype.is_integer():
        return _Celle(c.cast(pl.String))
    if dtype.is_float():
        hel = (c == c.floor()) & (c.abs() < 2.0 ** 53)
        return _Celle(pl.when(hel).then(c.cast(pl.Int64).cast(pl.String)), hel.fill_null(False))
    return _Celle(pl.lit(None, dtype=pl.String), pl.lit(False))


# ---------------------------------------------------------------- sheets


def summer_ark(header: list, rows: list[list], fil: str, ark: str | None,
               header_raekke: int) -> Tabel | None:
    """hovedprodukter from a sheet's rows (a workbook read by calamine, or Excel via xlwings)
    summed per line with numpy, without Polars: validation and the model then work on lines, not
    on a million rows. None where the rows are ragged or a key is NaN (today's reader takes
    them)."""
    kolonnenavne, brug, idx = kolonneopslag(NAVN, header, fil, ark, header_raekke)
    n = len(rows)
    if not n or len(set(map(len, rows))) != 1 or max(idx) >= len(rows[0]):
        return None
    plan = _Plan(fil, brug, kolonnenavne, dansk=True, blanke=True, ark=ark)
    pos = dict(zip(brug, idx))
    noegler: dict = {}  # each distinct key as written -> its code (equal numbers are one key)
    hent = itemgetter(*[pos[k] for k in plan.noegler])
    kode = np.fromiter((noegler.setdefault(k, len(noegler)) for k in map(hent, rows)),
                       dtype=np.int64, count=n)
    unikke = [k if isinstance(k, tuple) else (k,) for k in noegler]
    if any(isinstance(v, float) and v != v for u in unikke for v in u):
        return None
    ren = _noegler_ok(unikke, kode, rows, [pos[k] for k in plan.noegler])
    vaerdier = {}
    for k in plan.beloeb:
        a = np.fromiter(map(itemgetter(pos[k]), rows), dtype=object, count=n)
        vaerdier[k], ok = _tal_i_celler(a, k in plan.valgfri)
        ren &= ok
    nr = np.arange(n, dtype=np.int64) + header_raekke + 1
    undtagelser = _Undtagelser(plan)
    skaeve = np.flatnonzero(~ren)
    for start in range(0, len(skaeve), BATCH):
        del_ = skaeve[start:start + BATCH]
        undtagelser.tilfoej([rows[i] for i in del_], nr[del_], idx)
    rene = _grupper_i_numpy(kode[ren], nr[ren], {k: v[ren] for k, v in vaerdier.items()})
    foerste = rene.pop("_i").to_numpy(dtype=np.int64)
    for j, k in enumerate(plan.noegler):  # each plain key's cells as written
        rene[k] = pd.Series([unikke[g][j] for g in kode[ren][foerste]], dtype=object)
    return _valider_og_saml(plan, rene, undtagelser)


def _noegler_ok(unikke: list[tuple], kode: np.ndarray, rows: list[list],
                kolonner: list[int]) -> np.ndarray:
    """Which rows have keys the numpy path reads as Python does: text, numbers or empty cells.
    A bool is left to Python; where one could hide behind an equal number (True == 1), the
    column is checked cell by cell."""
    tilladt = (str, float, int, type(None))
    daarlig = np.array([any(type(v) not in tilladt for v in u) for u in unikke], dtype=bool)
    ok = ~daarlig[kode]
    for j, i in enumerate(kolonner):
        if any(type(u[j]) in (int, float, bool) and u[j] in (0, 1) for u in unikke):
            ok &= np.fromiter((type(r[i]) in tilladt for r in rows), dtype=bool, count=len(rows))
    return ok


def _tal_i_celler(a: np.ndarray, valgfri: bool) -> tuple[np.ndarray, np.ndarray]:
    """Amount cells of a sheet: the value of each number (a float or int, not a bool), and
    whether it is a finite number within MAKS_KR (an empty optional cell: no value)."""
    n = len(a)
    if pd.api.types.infer_dtype(a, skipna=False) in ("floating", "integer", "mixed-integer-float"):
        er_tal = np.ones(n, dtype=bool)
        v = a.astype(np.float64)
    else:
        er_tal = np.fromiter((type(x) is float or type(x) is int for x in a), dtype=bool, count=n)
        v = np.full(n, np.nan)
        v[er_tal] = a[er_tal].astype(np.float64)
    with np.errstate(invalid="ignore", over="ignore"):
        ok = er_tal & np.isfinite(v) & (np.abs(v) * 1000 <= MAKS_KR)
    if valgfri:
        tom = np.fromiter((x is None or (type(x) is str and x == "") for x in a), dtype=bool,
                          count=n)
        ok |= tom
    return v, ok


def _grupper_i_numpy(noegle: np.ndarray, nr: np.ndarray,
                     vaerdier: dict[str, np.ndarray]) -> pd.DataFrame:
    """As _rene_grupper, for plain rows in numpy: per distinct key (code), the position of its
    first row ('_i'), its row number, count and per amount the øre per unit, |value| summed and
    how many rows have it. Sums in int64 by key, in file order of first rows."""
    if not len(nr):
        tom = {"_i": [], "_r": [], "_n": []} | {f"{k}:{x}": [] for k in vaerdier
                                                for x in (*ENHEDER, "abs", "givet")}
        return pd.DataFrame(tom)
    _, foerste, gruppe = np.unique(noegle, return_index=True, return_inverse=True)
    orden = np.argsort(gruppe, kind="stable")
    start = np.flatnonzero(np.r_[True, np.diff(gruppe[orden]) != 0])
    ud = {"_i": foerste, "_r": nr[foerste], "_n": np.diff(np.r_[start, len(nr)])}
    for k, v in vaerdier.items():
        givet = ~np.isnan(v)
        for enhed in ENHEDER:
            oere = np.where(givet, til_oere(np.where(givet, v, 0.0), enhed), 0)
            ud[f"{k}:{enhed}"] = np.add.reduceat(oere[orden], start)
        ud[f"{k}:abs"] = np.add.reduceat(np.where(givet, np.abs(v), 0.0)[orden], start)
        ud[f"{k}:givet"] = np.add.reduceat(givet[orden].astype(np.int64), start)
    return pd.DataFrame(ud).sort_values("_r", kind="stable").reset_index(drop=True)


# ---------------------------------------------------------------- summing


@dataclass
class _Plan:
    """The table being read: its used columns and how its cells are read."""

    fil: str
    brug: list[str]
    kolonnenavne: dict[str, str]
    dansk: bool
    blanke: bool  # blank rows are skipped (CSV, sheet) or refused like any other row (Parquet)
    ark: str | None = None
    beloeb: list[str] = field(init=False)
    noegler: list[str] = field(init=False)
    valgfri: set[str] = field(init=False)

    def __post_init__(self) -> None:
        self.beloeb = [k for k in self.brug if k in BELOEB[NAVN]]
        self.noegler = [k for k in self.brug if k not in self.beloeb]
        self.valgfri = set(TABELLER[NAVN][1])


def _alle_kolonner() -> object:
    """Every column of a CSV is parsed, used or not: Polars checks the quoting of the columns it
    parses, and a column it skips could hide a record that Python's csv splits otherwise."""
    import polars as pl

    return pl.QueryOptFlags(projection_pushdown=False)


def _summer(plan: _Plan, lf: pl.LazyFrame, udtryk: dict[str, _Celle],
            raekker_af: Callable[[pl.DataFrame], list], idx: list[int],
            tekst: Callable[[str], pl.Expr] | None) -> Tabel:
    """Sum the plain rows in the engine, read the others in Python, validate, and build the
    table of lines (one row per distinct key, in order of first appearance). `tekst` gives an
    amount column's text in a comma file (for the mixed-format check)."""
    import polars as pl

    trin = [e for c in udtryk.values() for e in c.trin]
    lf = (lf.with_columns(trin) if trin else lf) \
        .with_columns([c.vaerdi.alias(f"{k}:v") for k, c in udtryk.items()]) \
        .with_columns(pl.all_horizontal([c.ok for c in udtryk.values()]).alias("_ren"))
    rene = _rene_grupper(plan, lf)
    undtagelser = _Undtagelser(plan)
    if not rene["_ren"].all():
        for df in lf.filter(~pl.col("_ren")).collect_batches(
                chunk_size=BATCH, maintain_order=True, optimizations=_alle_kolonner()):
            undtagelser.tilfoej(raekker_af(df), df["_r"].to_numpy(), idx)
    rene = _som_pandas(rene.filter(pl.col("_ren")).drop("_ren"))
    for k in plan.beloeb if tekst is not None and not plan.dansk else []:
        if (k, "komma") in undtagelser.foerste:  # '1.234,5' in a comma file: the first '1234.5'
            punktum = lf.filter(pl.col("_ren") & tekst(k).str.contains(".", literal=True)) \
                .head(1).collect(optimizations=_alle_kolonner())
            if punktum.height:
                undtagelser.behold(raekker_af(punktum), punktum["_r"].to_numpy(), idx)
    return _valider_og_saml(plan, rene, undtagelser)


def _som_pandas(df: pl.DataFrame) -> pd.DataFrame:
    """A small Polars result as pandas (without pyarrow)."""
    import polars as pl

    return pd.DataFrame({c: (df[c].to_list() if df[c].dtype == pl.String else df[c].to_numpy())
                         for c in df.columns})


def _valider_og_saml(plan: _Plan, rene: pd.DataFrame, undtagelser: _Undtagelser) -> Tabel:
    """Validate the sample of rows with today's validators, then build the table of lines."""
    stikproeve = _stikproeve(plan, rene, undtagelser)
    tabel = Tabel(df=stikproeve, fil=plan.fil, ark=plan.ark, kolonnenavne=plan.kolonnenavne)
    _valider(NAVN, tabel, plan.dansk)
    return _linjer(plan, rene, undtagelser, tabel.df)


def _rene_grupper(plan: _Plan, lf: pl.LazyFrame) -> pl.DataFrame:
    """Per distinct key as written and per plain/exceptional: first row, count and, for the
    plain rows, per amount column the øre per unit (int64), the sum of |value| and how many
    postings have the (optional) amount."""
    import polars as pl

    raekke = [pl.col("_r"), pl.col("_ren")] + [pl.col(f"{k}:v").alias(k) for k in plan.noegler]
    agg = [pl.col("_r").min(), pl.len().alias("_n")]
    for k in plan.beloeb:
        v = pl.col(f"{k}:v")
        for enhed, faktor in ENHEDER.items():
            s = v * faktor
            oere = (s.sign() * (s.abs() + 0.5).floor()).cast(pl.Int64, strict=False)
            raekke.append(oere.alias(f"{k}:{enhed}"))  # (no value beyond int64: not plain)
            agg.append(pl.col(f"{k}:{enhed}").sum())
        raekke.append(v.abs().alias(f"{k}:abs"))
        agg.append(pl.col(f"{k}:abs").sum())
        if k in plan.valgfri:
            agg.append(pl.col(f"{k}:abs").count().alias(f"{k}:givet"))
        else:  # a plain row has every required amount
            agg.append(pl.len().alias(f"{k}:givet"))
    return lf.select(raekke).group_by([*plan.noegler, "_ren"]).agg(agg) \
        .collect(engine="streaming", optimizations=_alle_kolonner()).sort("_r")


@dataclass
class _Undtagelser:
    """The rows the engine left to Python, read batch by batch with today's rules: the first
    row of every key and of every kind of exceptional amount is kept (for the validators), and
    the valid amounts are summed per key."""

    plan: _Plan
    foerste: dict[tuple[str, str], int] = field(default_factory=dict)  # (column, kind) -> row
    stor: dict[str, dict[str, tuple[int, float]]] = field(default_factory=dict)
    raekker: dict[int, list] = field(default_factory=dict)  # kept rows (used cells)
    noegler: set[tuple] = field(default_factory=set)
    dele: list[pd.DataFrame] = field(default_factory=list)
    abs_sum: dict[str, float] = field(default_factory=dict)

    def _tabel(self, rows: list, r: np.ndarray, idx: list[int]) -> pd.DataFrame:
        """Rows of cells as today's reader makes them: the used columns, blank rows dropped (in
        a CSV; a Parquet row is never blank)."""
        if self.plan.blanke:
            return _kolonner(rows, idx, self.plan.brug, len(TABELLER[NAVN][0]), 1, raekker=r)
        df = pd.DataFrame([[row[i] for i in idx] for row in rows], columns=self.plan.brug,
                          dtype=object)
        df["_raekke"] = np.asarray(r, dtype=np.int64)
        return df

    def behold(self, rows: list, r: np.ndarray, idx: list[int]) -> None:
        """Keep rows as they are (the first '1234.5' of a column, for the mixed-format check)."""
        df = self._tabel(rows, r, idx)
        for i in range(len(df)):
            self.raekker.setdefault(int(df["_raekke"].iat[i]), df.iloc[i].tolist()[:-1])

    def tilfoej(self, rows: list, r: np.ndarray, idx: list[int]) -> None:
        plan = self.plan
        df = self._tabel(rows, r, idx)
        if df.empty:
            return
        nr = df["_raekke"].to_numpy()
        behold: set[int] = set()
        noegle = [tuple(None if _mangler(v) else v for v in t)
                  for t in df[plan.noegler].itertuples(index=False, name=None)]
        for i, n in enumerate(noegle):
            if n not in self.noegler:
                self.noegler.add(n)
                behold.add(i)
        summer = pd.DataFrame({"_i": np.arange(len(df))})
        for k in plan.beloeb:
            c = tolk_celler(df[k].to_numpy(dtype=object), plan.dansk)
            v = c.vaerdier
            with np.errstate(over="ignore"):
                v0 = np.abs(np.nan_to_num(v))
                v1000 = v0 * 1000
            masker = {"ugyldig": c.ugyldig, "uendelig": ~np.isfinite(v) & ~c.tom,
                      "stor": v0 > STOR, "tom": c.tom, "punktum": c.punktum, "komma": c.komma,
                      "maks_kr": v0 > MAKS_KR, "maks_tkr": v1000 > MAKS_KR}
            for art, maske in masker.items():
                hit = np.flatnonzero(maske)
                if len(hit) and (k, art) not in self.foerste:
                    self.foerste[(k, art)] = int(nr[hit[0]])
                    behold.add(int(hit[0]))
                    if art.startswith("maks_"):
                        self.stor.setdefault(k, {})[art[5:]] = (int(nr[hit[0]]), float(v[hit[0]]))
            gyldig = np.isfinite(v)
            for enhed in ENHEDER:  # (beyond int64 only where MAKS_KR stops the unit anyway)
                with np.errstate(invalid="ignore"):
                    oere = til_oere(np.where(gyldig, v, 0.0), enhed)
                summer[f"{k}:{enhed}"] = np.where(gyldig, oere, 0)
            summer[f"{k}:abs"] = np.where(gyldig, np.abs(v), 0.0)
            summer[f"{k}:givet"] = gyldig.astype(np.int64)
            self.abs_sum[k] = self.abs_sum.get(k, 0.0) + float(v0[gyldig].sum())
        for i in sorted(behold):
            self.raekker[int(nr[i])] = df.iloc[i].tolist()[:-1]
        summer["_r"] = nr
        summer["_noegle"] = noegle
        g = summer.drop(columns="_i").groupby("_noegle", sort=False)
        del_ = g.sum(numeric_only=True).drop(columns="_r")
        del_["_r"] = g["_r"].min()
        del_["_n"] = g.size()
        self.dele.append(del_.reset_index())

    def samlet(self) -> pd.DataFrame | None:
        """The valid exceptional rows summed per key as written (first row, count, sums)."""
        if not self.dele:
            return None
        alle = pd.concat(self.dele, ignore_index=True)
        g = alle.groupby("_noegle", sort=False)
        ud = g.sum(numeric_only=True)
        ud["_r"] = g["_r"].min()
        return ud.reset_index()


def _mangler(v: object) -> bool:
    return v is None or (isinstance(v, float) and v != v)


def _stikproeve(plan: _Plan, rene: pd.DataFrame, undtagelser: _Undtagelser) -> pd.DataFrame:
    """The rows Python validates: each plain key's first row (its amounts replaced by '0', which
    passes every check as the plain amounts do) and every kept exceptional row, in file order.
    The index says where a row came from: plain group i is i, kept row r is -r."""
    raekker, labels = [], []
    for i, r in enumerate(rene[[*plan.noegler, "_r"]].itertuples(index=False, name=None)):
        noegle = dict(zip(plan.noegler, r[:-1]))
        raekker.append([noegle[k] if k in noegle else "0" for k in plan.brug] + [r[-1]])
        labels.append(i)
    for r, celler in undtagelser.raekker.items():
        raekker.append([*celler, r])
        labels.append(-r)
    df = pd.DataFrame(raekker, columns=[*plan.brug, "_raekke"], dtype=object,
                      index=pd.Index(labels, dtype=np.int64))
    df["_raekke"] = df["_raekke"].astype(np.int64)
    return df.sort_values("_raekke", kind="stable")


def _linjer(plan: _Plan, rene: pd.DataFrame, undtagelser: _Undtagelser,
            valideret: pd.DataFrame) -> Tabel:
    """One row per line (key after normalisation), with the sums from the engine and Python."""
    dele = []
    sum_kol = [f"{k}:{x}" for k in plan.beloeb for x in (*ENHEDER, "givet")]
    if len(rene):
        d = rene[["_r", "_n", *sum_kol]].reset_index(drop=True)
        d["_label"] = np.arange(len(rene))
        dele.append(d)
    rest = undtagelser.samlet()
    if rest is not None:
        forste = _foerste_raekke_pr_noegle(undtagelser)
        rest["_label"] = [-forste[n] for n in rest["_noegle"]]
        dele.append(rest[["_r", "_n", *sum_kol, "_label"]])
    if not dele:  # no posting at all: an empty table (input_fra_tabeller says so)
        df = pd.DataFrame({k: pd.Series([], dtype=object) for k in plan.brug})
        df["_raekke"] = pd.Series([], dtype=np.int64)
        return Tabel(df=df, fil=plan.fil, ark=plan.ark, kolonnenavne=plan.kolonnenavne)
    alle = pd.concat(dele, ignore_index=True)
    normal = valideret.loc[alle["_label"].to_numpy(), plan.noegler].reset_index(drop=True)
    alle = pd.concat([alle.drop(columns="_label"), normal], axis=1)
    g = alle.groupby(plan.noegler, sort=False, dropna=False)
    ud = g[["_n", *sum_kol]].sum()
    ud["_r"] = g["_r"].min()
    ud = ud.reset_index().sort_values("_r", kind="stable").reset_index(drop=True)
    df = ud[plan.noegler].copy()
    oere: dict[str, dict[str, np.ndarray]] = {}
    for k in plan.beloeb:
        alle_givet = ud[f"{k}:givet"].to_numpy() == ud["_n"].to_numpy()
        oere[k] = {}
        for enhed in ENHEDER:
            s = ud[f"{k}:{enhed}"].to_numpy(dtype=np.int64)
            oere[k][enhed] = np.where(alle_givet, s, np.nan) if k in plan.valgfri else s
        df[k] = np.where(alle_givet, oere[k]["kr"] / 100, np.nan)
    df = df[plan.brug]
    df["_raekke"] = ud["_r"].to_numpy(dtype=np.int64)
    abs_sum = {k: undtagelser.abs_sum.get(k, 0.0)
               + float(rene[f"{k}:abs"].sum()) for k in plan.beloeb}
    return Tabel(df=df, fil=plan.fil, ark=plan.ark, kolonnenavne=plan.kolonnenavne,
                 summer=Summer(oere=oere, abs_sum=abs_sum, for_stor=undtagelser.stor))


def _foerste_raekke_pr_noegle(undtagelser: _Undtagelser) -> dict[tuple, int]:
    """For each key among the exceptional rows, the kept row that is its first."""
    plan = undtagelser.plan
    ud: dict[tuple, int] = {}
    pos = [plan.brug.index(k) for k in plan.noegler]
    for r in sorted(undtagelser.raekker):
        celler = undtagelser.raekker[r]
        n = tuple(None if _mangler(celler[p]) else celler[p] for p in pos)
        ud.setdefault(n, r)
    return ud
