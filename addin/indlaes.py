"""Read the interchange format (a folder of CSVs or a workbook) into validated DataFrames.

Amounts are returned as int64 øre (hundredths of a krone), so sums are exact; nothing here
computes a deviation.
"""

from __future__ import annotations

import contextlib
import csv
import gc
import io
import os
import re
import stat
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from addin.fejl import InputFejl
from addin.talformat import tusinder

# Table name -> (required columns, optional columns). Amount columns are listed in BELOEB.
TABELLER: dict[str, tuple[list[str], list[str]]] = {
    "bevillinger": (
        ["styringsomraade", "bevilling", "vedtaget_budget", "tillaegsbevillinger", "regnskab"],
        ["korrigeret_budget", "afvigelse"],
    ),
    "hovedprodukter": (
        ["styringsomraade", "bevilling", "navn", "korrigeret_udgift", "korrigeret_indtaegt",
         "regnskab_udgift", "regnskab_indtaegt"],
        ["niveau", "kode", "afvigelse"],
    ),
    "aktivitet": (
        ["styringsomraade", "bevilling", "hovedprodukt", "aktivitet", "maal", "budget",
         "regnskab"],
        ["regnskab_forrige_aar", "afvigelse"],
    ),
    "forklaringer": (
        ["niveau", "navn", "retning", "beloeb_mio", "tekst"],
        ["styringsomraade", "bevilling", "intro"],
    ),
    "indstillinger": (["noegle", "vaerdi"], []),
}
BELOEB = {
    "bevillinger": ["vedtaget_budget", "tillaegsbevillinger", "korrigeret_budget", "regnskab",
                    "afvigelse"],
    "hovedprodukter": ["korrigeret_udgift", "korrigeret_indtaegt", "regnskab_udgift",
                       "regnskab_indtaegt", "afvigelse"],
}
TAL = {
    "aktivitet": ["regnskab_forrige_aar", "budget", "regnskab", "afvigelse"],
    "forklaringer": ["beloeb_mio"],
}
PAAKRAEVET = ("hovedprodukter",)
NOEGLEKOLONNER = {"styringsomraade", "bevilling", "navn", "hovedprodukt", "aktivitet", "niveau",
                  "kode", "maal", "retning"}
NAVNEKOLONNER = {"styringsomraade", "bevilling", "navn", "hovedprodukt", "aktivitet"}
TOTALORD = {"i alt", "ialt", "total", "totaler", "sum", "i alt netto", "hovedtotal"}
NIVEAUER = {"hovedprodukt", "funktion"}
MAAL = {"antal", "enhedspris"}
RETNINGER = {"merforbrug", "mindreforbrug"}
STOR = 1e15  # in the input's unit; anything larger is a paste error (see MAKS_KR for kr.)
MAKS_CSV = 4_000_000_000  # bytes of one CSV file
# bytes of hovedprodukter.csv from which the engine sums the postings. Measured (2 cores): at
# 10.000 postings (0,9 MB) today's reader is faster (0,95 s against 1,15 s, importing Polars
# costs 0,4 s), at 30.000 (2,6 MB) the engine is (1,1 s against 1,2 s), at 250.000 three times.
MOTOR_GRAENSE = 2_000_000
# data rows of a hovedprodukter sheet from which they are summed per line in numpy
# (posteringer.summer_ark) before validation and the model
ARK_GRAENSE = 20_000
TOMT_ARK = ("Arket har ingen data: indsæt dem under overskrifterne (i skabelonen fra række 4) og "
            "tryk Refresh igen.")

_TRANS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "é": "e"})


def normaliser_kolonne(navn: object) -> str:
    """'Korrigeret udgift' -> 'korrigeret_udgift', 'Tillægsbevillinger' -> 'tillaegsbevillinger'."""
    s = unicodedata.normalize("NFC", str(navn)).strip().lower().translate(_TRANS)
    s = re.sub(r"[^0-9a-z]+", "_", s).strip("_")
    return s


@dataclass
class Summer:
    """A table whose rows are lines summed from postings (addin/posteringer.py): per amount
    column the exact sums in øre for each unit ('kr', 'tkr'), the sum of the absolute values (in
    the input's unit) and the first posting beyond MAKS_KR for each unit (row, value), so that
    input_fra_tabeller gives the same messages as for the postings themselves.

    Required columns hold int64 øre; an optional one float64 with NaN where a line has a posting
    without it (as til_oere leaves an empty cell).
    """

    oere: dict[str, dict[str, np.ndarray]]
    abs_sum: dict[str, float]
    for_stor: dict[str, dict[str, tuple[int, float]]]


@dataclass
class Tabel:
    """One input table with where it came from (for messages)."""

    df: pd.DataFrame  # normalised columns plus '_raekke' (1-based row in the source)
    fil: str
    ark: str | None = None
    kolonnenavne: dict[str, str] = field(default_factory=dict)  # normalised -> as written
    summer: Summer | None = None  # amounts already summed per line (posteringer.py)

    def sted(self, raekke: int | None = None, kolonne: str | None = None) -> dict:
        return {"fil": self.fil, "ark": self.ark, "raekke": raekke,
                "kolonne": self.kolonnenavne.get(kolonne, kolonne) if kolonne else None}


@dataclass
class Input:
    """All tables of one input, validated; amounts in øre (int64)."""

    kilde: str
    tabeller: dict[str, Tabel]
    enhed: str = "tkr"

    def df(self, navn: str) -> pd.DataFrame | None:
        t = self.tabeller.get(navn)
        return None if t is None else t.df

    @property
    def indstillinger(self) -> dict[str, str]:
        t = self.tabeller.get("indstillinger")
        if t is None:
            return {}
        return {normaliser_kolonne(k): _celletekst(v) for k, v in zip(t.df["noegle"],
                                                                      t.df["vaerdi"])
                if str(k).strip()}


def _celletekst(v: object) -> str:
    """A settings cell as text; 2024.0 from a spreadsheet reads as '2024'."""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return "" if v is None else str(v).strip()


# ---------------------------------------------------------------- raw reading


def _dekod(raa: bytes, fil: str) -> str:
    if raa.startswith(b"\xff\xfe") or raa.startswith(b"\xfe\xff"):
        return raa.decode("utf-16")
    try:
        return raa.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raa.decode("cp1252", errors="strict") if _er_cp1252(raa) else _fejl_kodning(fil)


def _er_cp1252(raa: bytes) -> bool:
    try:
        raa.decode("cp1252")
        return True
    except UnicodeDecodeError:
        return False


def _fejl_kodning(fil: str) -> str:
    raise InputFejl("Filen er hverken UTF-8 eller Windows-1252 (cp1252); gem den som CSV UTF-8.",
                    fil=fil)


def tjek_csv_fil(sti: Path) -> os.stat_result:
    """The checks every CSV gets before it is read: a regular, readable, not absurdly large file
    that holds data (not a sparse, empty extent)."""
    fil = str(sti)
    try:
        st = sti.stat()
    except OSError as e:
        raise InputFejl(f"Filen kan ikke læses ({e.strerror}).", fil=fil) from None
    if not stat.S_ISREG(st.st_mode):
        raise InputFejl("Filen er ikke en almindelig fil.", fil=fil)
    if st.st_size > MAKS_CSV:
        raise InputFejl(f"Filen er for stor (over {MAKS_CSV // 1_000_000_000} GB).", fil=fil)
    if st.st_size > 10_000_000 and hasattr(st, "st_blocks") and st.st_blocks * 512 < st.st_size // 8:
        raise InputFejl("Filen fylder næsten intet på disken i forhold til sin størrelse (en "
                        "tom, udvidet fil); det er ikke et udtræk.", fil=fil)
    return st


def er_tekstfil(start: bytes) -> bool:
    """False for a file whose first 4.096 bytes hold a NUL byte (and no UTF-16 mark)."""
    return not (b"\x00" in start[:4096] and not start.startswith((b"\xff\xfe", b"\xfe\xff")))


def skilletegn(foerste_linje: str) -> str:
    """The separator of a CSV from its first line: semicolon, tab or comma."""
    return ";" if foerste_linje.count(";") > foerste_linje.count(",") else (
        "\t" if foerste_linje.count("\t") > foerste_linje.count(",") else ",")


def laes_csv(sti: Path) -> tuple[list[str], list[list[str]], str]:
    """Header, rows (as text) and the separator of a CSV as Excel or a finance system writes it."""
    fil = str(sti)
    tjek_csv_fil(sti)
    raa = sti.read_bytes()
    if not er_tekstfil(raa):
        raise InputFejl("Filen er ikke en tekstfil (CSV).", fil=fil)
    tekst = _dekod(raa, fil)
    if not tekst.strip():
        raise InputFejl("Filen er tom.", fil=fil)
    sep = skilletegn(tekst.split("\n", 1)[0])
    rows = list(csv.reader(io.StringIO(tekst, newline=""), delimiter=sep))
    return rows[0], rows[1:], sep


def _alias(kolonne: str) -> str:
    """A budget follow-up's "Forventet regnskab ..." columns are the regnskab columns."""
    if kolonne.startswith("forventet_regnskab"):
        return kolonne.removeprefix("forventet_")
    return kolonne


def kolonneopslag(navn: str, header: list, fil: str, ark: str | None,
                  header_raekke: int | None) -> tuple[dict[str, str], list[str], list[int]]:
    """The header of a table: normalised name -> as written, the used columns (required, then
    optional) and their positions. A required column missing or a used one twice stops."""
    kraevet, valgfri = TABELLER[navn]
    normal = [_alias(normaliser_kolonne(h)) for h in header]
    kolonnenavne = {}
    for i, n in enumerate(normal):
        if not n:
            continue
        if n in kolonnenavne and n in kraevet + valgfri:
            raise InputFejl(f"Kolonnen '{header[i]}' står to gange.", fil=fil, ark=ark,
                            raekke=header_raekke, kolonne=str(header[i]))
        kolonnenavne.setdefault(n, str(header[i]).strip())
    mangler = [k for k in kraevet if k not in kolonnenavne]
    if mangler:
        fundet = ", ".join(str(h) for h in header if str(h).strip()) or "ingen"
        raise InputFejl(f"Den påkrævede kolonne '{mangler[0]}' mangler (fundet: {fundet}).",
                        fil=fil, ark=ark, raekke=header_raekke, kolonne=mangler[0])
    brug = [k for k in kraevet + valgfri if k in kolonnenavne]
    return kolonnenavne, brug, [normal.index(k) for k in brug]


def _tabel_fra_raekker(navn: str, header: list, rows: list[list], fil: str, ark: str | None,
                       header_raekke: int, dansk: bool) -> Tabel:
    kolonnenavne, brug, idx = kolonneopslag(navn, header, fil, ark, header_raekke)
    df = _kolonner(rows, idx, brug, len(TABELLER[navn][0]), header_raekke)
    tabel = Tabel(df=df, fil=fil, ark=ark, kolonnenavne=kolonnenavne)
    _valider(navn, tabel, dansk)
    return tabel


def _kolonner(rows: list[list], idx: list[int], navne: list[str], n_kraevet: int,
              header_raekke: int, raekker: np.ndarray | None = None) -> pd.DataFrame:
    """The used columns of the data rows (object dtype), blank rows dropped, plus '_raekke'.

    Vectorised: a million rows take no Python loop per cell. A row is blank when every cell is
    empty or white space; only rows with fewer filled cells than the required columns are checked
    cell by cell for white space. `raekker` gives each row's number where the rows are a
    selection of a file (else they follow the header).
    """
    bredde = max(max(idx, default=0) + 1, max((len(r) for r in rows[:1]), default=0))
    laengder = set(map(len, rows))
    if len(laengder) > 1:  # short rows (a CSV line with fewer cells) padded with empty cells
        fuld = max(laengder)
        rows = [r if len(r) == fuld else [*r, *[None] * (fuld - len(r))] for r in rows]
    raa = pd.DataFrame(rows, dtype=object) if rows else pd.DataFrame(dtype=object)
    for j in range(raa.shape[1], bredde):
        raa[j] = None
    udfyldt = np.zeros(len(raa), dtype=np.int64)
    for j in range(raa.shape[1]):
        c = raa[j]
        udfyldt += (~(c.isna() | (c == ""))).to_numpy(dtype=bool)
    blank = udfyldt == 0
    for i in np.flatnonzero((udfyldt > 0) & (udfyldt < n_kraevet)):
        blank[i] = all(v is None or (isinstance(v, float) and v != v) or str(v).strip() == ""
                       for v in rows[i])
    behold = np.flatnonzero(~blank)
    df = pd.DataFrame({k: pd.Series(raa[i].to_numpy(dtype=object)[behold], dtype=object)
                       for k, i in zip(navne, idx)}, columns=navne)
    if raekker is None:
        df["_raekke"] = (behold + header_raekke + 1).astype(np.int64)
    else:
        df["_raekke"] = np.asarray(raekker, dtype=np.int64)[behold]
    return df


# ---------------------------------------------------------------- numbers

_DANSK = re.compile(r"^\(?[-+−]?\d{1,3}(\.\d{3})*(,\d+)?\)?$|^\(?[-+−]?\d+(,\d+)?\)?$")
_MASKINE = re.compile(r"^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$")


def fortolk_tal(v: object, dansk: bool) -> float | None:
    """One cell as a number: 1234.5, '1.234,5', '-1.234', '(1.234)', '1 234'; None if not a number."""
    if v is None:
        return None
    if isinstance(v, bool):
        return None
    if isinstance(v, (int, float, np.integer, np.floating)):
        return float(v)
    s = str(v).strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    s = s.replace("−", "-").replace("kr.", "").replace("kr", "")
    if s == "":
        return None
    negativ = s.startswith("(") and s.endswith(")")
    if negativ:
        s = s[1:-1]
    if s.endswith("-") and s[:-1].replace(".", "").replace(",", "").isdigit():
        s, negativ = s[:-1], True
    tal: float | None = None
    if _MASKINE.match(s) and not (dansk and re.match(r"^[-+]?\d{1,3}(\.\d{3})+$", s)):
        tal = float(s)
    elif _DANSK.match(s):
        tal = float(s.replace(".", "").replace(",", "."))
    if tal is None:
        return None
    return -tal if negativ else tal


_DANSK_SIMPEL = r"-?(?:\d+|\d{1,3}(?:\.\d{3})+)(?:,\d+)?"
_TAL_TYPER = {"floating", "integer", "mixed-integer-float", "empty"}


@dataclass
class Celletal:
    """One column of cells read as numbers: the values (float64), the empty cells, the cells that
    are no number, and (in a file with comma as separator) the cells read with '.' as decimal
    point among the plain ones ('1234.5') and those read with a Danish decimal comma."""

    vaerdier: np.ndarray
    tom: np.ndarray
    ugyldig: np.ndarray
    punktum: np.ndarray
    komma: np.ndarray


def tolk_celler(arr: np.ndarray, dansk: bool) -> Celletal:
    """Every cell of a column as a number, without stopping at any (see _fortolk_kolonne).

    Numbers pass as they are; text is parsed vectorised in its common forms ('1234.5', or
    '1.234,5' in a Danish file) and cell by cell (fortolk_tal) only in the rare other forms.
    """
    n = len(arr)
    vaerdier = np.full(n, np.nan)
    ugyldig = np.zeros(n, dtype=bool)
    punktum = np.zeros(n, dtype=bool)
    komma = np.zeros(n, dtype=bool)
    na = pd.isna(arr)
    art = pd.api.types.infer_dtype(arr, skipna=True)
    if art in _TAL_TYPER:
        vaerdier[~na] = arr[~na].astype(np.float64)
        return Celletal(vaerdier, na, ugyldig, punktum, komma)
    er_tekst = np.ones(n, dtype=bool) if art == "string" else \
        np.fromiter((isinstance(v, str) for v in arr), dtype=bool, count=n)
    er_tekst &= ~na
    andet = np.flatnonzero(~er_tekst & ~na)
    for i in andet:  # dates, booleans, numbers among text: cell by cell
        v = fortolk_tal(arr[i], dansk)
        ugyldig[i] = v is None
        vaerdier[i] = np.nan if v is None else v
    ti = np.flatnonzero(er_tekst)
    tekst = pd.Series(arr[ti], dtype=object).str.strip()
    tom = na.copy()
    tom[ti[(tekst == "").to_numpy()]] = True
    if dansk:
        simpel = tekst.str.fullmatch(_DANSK_SIMPEL).to_numpy(dtype=bool)
        omskrevet = tekst[simpel].str.replace(".", "", regex=False).str.replace(",", ".",
                                                                                regex=False)
        vaerdier[ti[simpel]] = pd.to_numeric(omskrevet).to_numpy(dtype=np.float64)
    else:
        hurtig = pd.to_numeric(tekst, errors="coerce").to_numpy(dtype=np.float64)
        simpel = ~np.isnan(hurtig)
        vaerdier[ti[simpel]] = hurtig[simpel]
        punktum[ti[simpel & tekst.str.contains(".", regex=False).to_numpy()]] = True
    for j in np.flatnonzero(~simpel & (tekst != "").to_numpy()):
        v = fortolk_tal(tekst.iloc[j], dansk)
        ugyldig[ti[j]] = v is None
        vaerdier[ti[j]] = np.nan if v is None else v
        if v is not None and not dansk and "," in tekst.iloc[j]:
            komma[ti[j]] = True
    return Celletal(vaerdier, tom, ugyldig, punktum, komma)


def _fortolk_kolonne(arr: np.ndarray, dansk: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Values (float64), empty cells and cells that are no number, for one column of cells.

    '1.234,5' beside '1.234' in a comma file stops (_Blandet): one of them is read wrongly.
    """
    c = tolk_celler(arr, dansk)
    if c.komma.any() and c.punktum.any():
        raise _Blandet(int(np.flatnonzero(c.punktum)[0]), int(np.flatnonzero(c.komma)[0]))
    return c.vaerdier, c.tom, c.ugyldig


class _Blandet(Exception):
    """A column mixes English ('1.234' = 1,234) and Danish ('1.234,5') number text."""

    def __init__(self, engelsk: int, dansk: int) -> None:
        self.engelsk, self.dansk = engelsk, dansk


def _tal_kolonne(t: Tabel, kolonne: str, dansk: bool, tilladt_tom: bool) -> np.ndarray:
    """Parse a column to float64; a cell that is no number stops with its row and column."""
    serie = t.df[kolonne]
    try:
        vaerdier, tom_arr, ugyldig = _fortolk_kolonne(serie.to_numpy(dtype=object), dansk)
    except _Blandet as b:
        raekke = f"{int(t.df['_raekke'].iloc[b.engelsk]):,}".replace(",", ".")
        raise InputFejl(f"Kolonnen blander talformater: '{serie.iloc[b.engelsk]}' (række "
                        f"{raekke}) læses med punktum som decimaltegn, "
                        f"'{serie.iloc[b.dansk]}' med komma; gem filen med ét talformat (dansk: "
                        "semikolon som skilletegn).",
                        **t.sted(int(t.df["_raekke"].iloc[b.dansk]), kolonne)) from None
    tom = pd.Series(tom_arr, index=serie.index)
    for i in np.flatnonzero(ugyldig)[:1]:
        raise InputFejl(f"'{serie.iloc[i]}' er ikke et tal.",
                        **t.sted(int(t.df["_raekke"].iloc[i]), kolonne))
    for i in np.flatnonzero(~np.isfinite(vaerdier) & ~tom.to_numpy())[:1]:
        raise InputFejl(f"'{serie.iloc[i]}' er ikke et endeligt tal.",
                        **t.sted(int(t.df["_raekke"].iloc[i]), kolonne))
    for i in np.flatnonzero(np.abs(np.nan_to_num(vaerdier)) > STOR)[:1]:
        raise InputFejl(f"Beløbet {serie.iloc[i]} er urimeligt stort.",
                        **t.sted(int(t.df["_raekke"].iloc[i]), kolonne))
    if not tilladt_tom and tom.any():
        i = int(np.flatnonzero(tom.to_numpy())[0])
        raise InputFejl("Cellen er tom; skriv 0, hvis beløbet er nul.",
                        **t.sted(int(t.df["_raekke"].iloc[i]), kolonne))
    return vaerdier


MAKS_KR = 1e15  # one amount; beyond this it is a paste error, not a municipal amount
MAKS_SUM_KR = 1e16  # a column's amounts together; the sums in øre stay far inside int64


def _for_stor(t: Tabel, kolonne: str, raekke: int, vaerdi: float) -> InputFejl:
    return InputFejl(f"Beløbet {tusinder(vaerdi)} er urimeligt stort.", **t.sted(raekke, kolonne))


def _for_stor_sum(t: Tabel, kolonne: str) -> InputFejl:
    return InputFejl("Beløbene i kolonnen er tilsammen urimeligt store (over "
                     "10.000.000.000.000.000 kr.); tjek enheden og om tal er sat ind to gange.",
                     fil=t.fil, ark=t.ark, kolonne=kolonne)


def _tjek_stoerrelse(t: Tabel, kolonne: str, vaerdier: np.ndarray, enhed: str) -> None:
    """Refuse amounts (in kr. after the unit) that no municipality has, cell by cell and summed,
    so that no total can wrap around in whole øre."""
    kr = np.abs(np.nan_to_num(vaerdier)) * (1000 if enhed == "tkr" else 1)
    for i in np.flatnonzero(kr > MAKS_KR)[:1]:
        raise _for_stor(t, kolonne, int(t.df["_raekke"].iloc[i]), vaerdier[i])
    if kr.sum() > MAKS_SUM_KR:
        raise _for_stor_sum(t, kolonne)


def _summeret_i_oere(t: Tabel, kolonne: str, enhed: str) -> np.ndarray:
    """The øre of a column summed per line by the engine, after the same size checks as
    _tjek_stoerrelse (the sum check also bounds the int64 sums: at most 10^18 øre)."""
    stor = t.summer.for_stor.get(kolonne, {}).get(enhed)
    if stor is not None:
        raise _for_stor(t, kolonne, *stor)
    if t.summer.abs_sum[kolonne] * (1000 if enhed == "tkr" else 1) > MAKS_SUM_KR:
        raise _for_stor_sum(t, kolonne)
    return t.summer.oere[kolonne][enhed]


def til_oere(vaerdier: np.ndarray, enhed: str, *, valgfri: bool = False) -> np.ndarray:
    """Amounts (tkr or kr) as øre, rounded half away from zero once.

    Required columns become int64; optional ones stay float64 so an empty cell (NaN) remains
    "not given" (integers of øre are exact in float64 far beyond any municipal amount).
    """
    faktor = 100_000 if enhed == "tkr" else 100
    skaleret = vaerdier * faktor
    oere = np.sign(skaleret) * np.floor(np.abs(skaleret) + 0.5)
    return oere if valgfri else np.nan_to_num(oere).astype(np.int64)


# ---------------------------------------------------------------- validation


_STYRETEGN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MELLEMRUM = re.compile(r"[ \t\n\r\u00a0\u202f\u2007]+")
MAKS_TEKST = 32_767  # characters Excel keeps in one cell


def ren_tekst(v: object) -> str:
    """A text cell as NFC text with every run of white space (also no-break spaces) as one
    space, trimmed: 'Løn\u00a0og  drift ' and 'Løn og drift' are the same name."""
    return _MELLEMRUM.sub(" ", unicodedata.normalize("NFC", _som_tekst(v))).strip()


def _tekst(t: Tabel, kolonne: str) -> None:
    """Cells of a text column as clean text ('' for empty); each distinct value once. A text
    longer than a cell holds, or a control character in a name or key, stops with its row and
    column (in free text the writers replace control characters)."""
    koder, unikke = pd.factorize(t.df[kolonne].to_numpy(dtype=object), use_na_sentinel=True)
    normal = np.array([ren_tekst(v) for v in unikke] + [""], dtype=object)
    for j, v in enumerate(normal[:-1]):
        m = _STYRETEGN.search(_som_tekst(unikke[j])) if kolonne in NOEGLEKOLONNER else None
        if m or len(v) > MAKS_TEKST:
            i = int(np.flatnonzero(koder == j)[0])
            besked = (f"Teksten indeholder et styretegn (U+{ord(m.group()):04X}), som ikke kan stå "
                      "i en celle; fjern det." if m else
                      f"Teksten er på {len(v):,} tegn; en celle kan højst rumme "
                      f"{MAKS_TEKST:,} tegn.".replace(",", "."))
            raise InputFejl(besked, **t.sted(int(t.df["_raekke"].iloc[i]), kolonne))
    t.df[kolonne] = pd.Series(normal[koder], index=t.df.index, dtype=object)


def _samme_navn_ens(t: Tabel, kolonne: str) -> None:
    """Two spellings of one name that differ only in upper/lower case stop with both rows:
    they would otherwise become two lines."""
    vaerdier = t.df[kolonne]
    set_: dict[str, str] = {}
    for v in pd.unique(vaerdier.to_numpy(dtype=object)):
        if not v:
            continue
        anden = set_.setdefault(v.casefold(), v)
        if anden != v:
            r1 = int(t.df["_raekke"].iloc[int(np.flatnonzero((vaerdier == anden).to_numpy())[0])])
            r2 = int(t.df["_raekke"].iloc[int(np.flatnonzero((vaerdier == v).to_numpy())[0])])
            v1, v2 = (f"{r:,}".replace(",", ".") for r in (r1, r2))
            raise InputFejl(f"'{anden}' (række {v1}) og '{v}' (række {v2}) er skrevet forskelligt "
                            "med store og små bogstaver; skriv navnet ens, så det er én linje.",
                            **t.sted(r2, kolonne))


def _som_tekst(v: object) -> str:
    """A cell as text; a whole number from a workbook (a code such as 4711.0) without '.0'."""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _ikke_tom(t: Tabel, kolonne: str) -> None:
    tomme = np.flatnonzero((t.df[kolonne] == "").to_numpy())
    if len(tomme):
        i = int(tomme[0])
        raise InputFejl("Cellen er tom.", **t.sted(int(t.df["_raekke"].iloc[i]), kolonne))


def _ingen_totalraekker(t: Tabel, kolonner: list[str]) -> None:
    for k in kolonner:
        if k not in t.df:
            continue
        totaler = [u for u in pd.unique(t.df[k].to_numpy(dtype=object)) if u.lower() in TOTALORD]
        hit = np.flatnonzero(t.df[k].isin(totaler).to_numpy()) if totaler else []
        if len(hit):
            i = int(hit[0])
            raise InputFejl(f"Rækken ligner en totalrække ('{t.df[k].iloc[i]}'). Totaler beregnes "
                            "af værktøjet; slet rækken fra input.",
                            **t.sted(int(t.df["_raekke"].iloc[i]), k))


def _valg(t: Tabel, kolonne: str, tilladte: set[str], *, tom_tilladt: bool = False) -> None:
    s = t.df[kolonne].str.lower()
    forkert = np.flatnonzero(~(s.isin(tilladte) | (tom_tilladt & (s == ""))).to_numpy())
    if len(forkert):
        i = int(forkert[0])
        raise InputFejl(f"Ugyldig værdi '{t.df[kolonne].iloc[i]}'; tilladt: "
                        f"{', '.join(sorted(tilladte))}.",
                        **t.sted(int(t.df["_raekke"].iloc[i]), kolonne))
    t.df[kolonne] = s


def _valider(navn: str, t: Tabel, dansk: bool) -> None:
    df = t.df
    if navn == "indstillinger":
        for k in ("noegle", "vaerdi"):
            df[k] = df[k].map(_celletekst)
        return
    tekster = [k for k in df.columns if k != "_raekke"
               and k not in BELOEB.get(navn, []) and k not in TAL.get(navn, [])]
    # an explanation row may be an empty placeholder the Refresh added (only its keys filled)
    valgfri_tekst = {"kode", "niveau", "styringsomraade", "bevilling", "intro", "retning",
                     "tekst"} if navn == "forklaringer" else {"kode", "niveau"}
    for k in tekster:
        _tekst(t, k)
    if navn in ("bevillinger", "hovedprodukter", "aktivitet"):
        # a total row is named before its empty cells: "I alt" in the first column
        _ingen_totalraekker(t, ["styringsomraade", "bevilling", "navn", "hovedprodukt",
                                "aktivitet"])
    for k in tekster:
        if k not in valgfri_tekst:
            _ikke_tom(t, k)
        if k in NAVNEKOLONNER:
            _samme_navn_ens(t, k)
    if navn == "hovedprodukter" and "niveau" in df:
        df["niveau"] = df["niveau"].str.lower()
        tom = df["niveau"] == ""
        if (~tom).any():
            sub = Tabel(df=df[~tom], fil=t.fil, ark=t.ark, kolonnenavne=t.kolonnenavne)
            _valg(sub, "niveau", NIVEAUER)
    if navn == "aktivitet":
        _valg(t, "maal", MAAL)
    if navn == "forklaringer":
        _valg(t, "retning", RETNINGER, tom_tilladt=True)
    for k in BELOEB.get(navn, []):
        if k in df:
            valgfri = k in TABELLER[navn][1]
            df[k] = _tal_kolonne(t, k, dansk, tilladt_tom=valgfri)
    for k in TAL.get(navn, []):
        if k in df:
            df[k] = _tal_kolonne(t, k, dansk, tilladt_tom=k in TABELLER[navn][1]
                                 or navn == "forklaringer")


# ---------------------------------------------------------------- public


def _find_header(rows: list[list], navn: str) -> int:
    """Index of the header row among the first 20 (templates may have a title above it)."""
    kraevet = set(TABELLER[navn][0])
    kendte = kraevet | set(TABELLER[navn][1])
    bedst, antal = None, 0
    for i, r in enumerate(rows[:20]):
        fundne = {_alias(normaliser_kolonne(v)) for v in r if v not in (None, "")}
        if kraevet <= fundne:
            return i
        if len(fundne & kendte) > antal:  # the header row with a column missing (not a title)
            bedst, antal = i, len(fundne & kendte)
    if bedst is not None:
        return bedst
    for i, r in enumerate(rows[:20]):
        if any(str(v).strip() for v in r if v is not None):
            return i
    return 0


@contextlib.contextmanager
def uden_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while millions of row lists are built.

    The rows hold no reference cycles; without this, repeated full collections make reading a
    1.000.000-row CSV grow faster than linearly.
    """
    var_aktiv = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if var_aktiv:
            gc.enable()


def laes_mappe(mappe: Path) -> dict[str, Tabel]:
    """The tables of a folder of CSV files; other files are ignored. Posting-level hovedprodukter
    (a large CSV, or hovedprodukter.parquet) are summed per line in the engine (posteringer.py)."""
    tabeller = {}
    for navn in TABELLER:
        if navn == "hovedprodukter":
            summeret = _posteringer(mappe)
            if summeret is not None:
                tabeller[navn] = summeret
                continue
        sti = mappe / f"{navn}.csv"
        if not sti.exists():
            continue
        header, rows, sep = laes_csv(sti)
        tabeller[navn] = _tabel_fra_raekker(navn, header, rows, str(sti), None, 1,
                                            dansk=sep == ";")
    return tabeller


def _posteringer(mappe: Path) -> Tabel | None:
    """hovedprodukter read and summed by the engine, where it applies: always for
    hovedprodukter.parquet, for hovedprodukter.csv from MOTOR_GRAENSE bytes (smaller files,
    and any the engine leaves, are read as before)."""
    parquet, csv_sti = mappe / "hovedprodukter.parquet", mappe / "hovedprodukter.csv"
    if parquet.exists():
        if csv_sti.exists():
            raise InputFejl("Mappen har både hovedprodukter.csv og hovedprodukter.parquet; flyt "
                            "eller slet den ene.", fil=str(mappe))
        from addin import posteringer

        return posteringer.laes_parquet(parquet)
    try:
        stor = csv_sti.is_file() and csv_sti.stat().st_size >= MOTOR_GRAENSE
    except OSError:
        return None
    if not stor:
        return None
    from addin import posteringer

    return posteringer.laes_csv(csv_sti) if posteringer.HAR_MOTOR else None


MAKS_DELSTOERRELSE = 1_500_000_000  # bytes of one unpacked part of a workbook
MAKS_PAKNING = 400  # unpacked : packed, beyond which a large part is a zip bomb
MAKS_CELLER = 40_000_000  # rows x columns of a sheet that is read
_REF3 = re.compile(rb'<c r="([A-Z]{3})[0-9]')
_REF2 = re.compile(rb'<c r="([A-Z]{2})[0-9]')
_RAEKKE = re.compile(rb'<row r="([0-9]+)"')


def _kolonnenummer(bogstaver: bytes) -> int:
    n = 0
    for b in bogstaver:
        n = n * 26 + (b - 64)
    return n


def _arkdele(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> the zip part holding the sheet (from workbook.xml and its relationships)."""
    import xml.etree.ElementTree as ET

    try:
        bog = ET.fromstring(zf.read("xl/workbook.xml"))
        rels = ET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ET.ParseError):
        return {}
    maal = {r.get("Id"): r.get("Target", "") for r in rels}
    ud = {}
    for ark in bog.iter("{http://schemas.openxmlformats.org/spreadsheetml/2006/main}sheet"):
        rid = ark.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
        t = maal.get(rid, "")
        ud[ark.get("name", "")] = t.lstrip("/") if t.startswith("/") else "xl/" + t
    return ud


def _tjek_ark(zf: zipfile.ZipFile, del_: str, arknavn: str, fil: str) -> None:
    """Refuse a sheet whose extent (last row x last column) no reader could hold in memory."""
    max_raekke, kolonner3, kolonner2 = 0, set(), set()
    rest = b""
    with zf.open(del_) as f:
        while True:
            stykke = f.read(1 << 24)
            if not stykke:
                break
            data = rest + stykke
            sidste = data.rfind(b'<row r="')
            if sidste >= 0:
                m = _RAEKKE.match(data, sidste)
                if m:
                    max_raekke = max(max_raekke, int(m.group(1)))
            kolonner3.update(_REF3.findall(data))
            if not kolonner3 and max_raekke * 702 > MAKS_CELLER:
                kolonner2.update(_REF2.findall(data))
            rest = data[-64:]
    bredeste = max(kolonner3 or kolonner2 or {b"Z"}, key=lambda k: (len(k), k))
    max_kolonne = _kolonnenummer(bredeste)
    if max_raekke * max_kolonne > MAKS_CELLER:
        raise InputFejl(f"Arket er for stort til at blive læst ({max_raekke:,} rækker × "
                        f"{max_kolonne:,} kolonner); slet de tomme rækker og kolonner under og til "
                        "højre for dataene (fx en celle langt ude).".replace(",", "."),
                        fil=fil, ark=arknavn)


def _tjek_pakning(sti: Path, behov: list[str] | None = None) -> None:
    """Refuse a workbook whose parts unpack to absurd sizes (before any reader allocates them),
    or whose sheets in `behov` span more cells than can be held."""
    fil = str(sti)
    try:
        zf = zipfile.ZipFile(sti)
    except (zipfile.BadZipFile, OSError):
        return  # not a zip (.xls): the reader gives its own message
    with zf:
        for info in zf.infolist():
            if info.file_size > MAKS_DELSTOERRELSE or (
                    info.file_size > 100_000_000
                    and info.file_size > MAKS_PAKNING * max(info.compress_size, 1)):
                raise InputFejl(f"Projektmappen pakker sig ud til urimeligt meget ({info.filename}: "
                                f"{info.file_size // 1_000_000:,} MB); den læses ikke."
                                .replace(",", "."), fil=fil)
        dele = _arkdele(zf)
        for navn in behov or []:
            if dele.get(navn) in zf.namelist():
                _tjek_ark(zf, dele[navn], navn, fil)


def _vaelg_ark(metadata: list, behov: set[str] | None, fil: str) -> list[str]:
    """The sheets to read: those whose normalised name is an input table. Of two sheets with the
    same normalised name the visible one is taken; two visible ones stop with a message."""
    valgt: dict[str, list] = {}
    for m in metadata:
        n = normaliser_kolonne(m.name)
        if behov is None or n in behov:
            valgt.setdefault(n, []).append(m)
    ud = []
    for ark in valgt.values():
        synlige = [m for m in ark if str(m.visible).endswith("Visible")]
        if len(synlige) > 1:
            raise InputFejl("To ark har samme navn, når store/små bogstaver og mellemrum ses bort "
                            "fra: " + " og ".join(f"'{m.name}'" for m in synlige)
                            + "; omdøb eller slet det ene.", fil=fil)
        ud.append((synlige or ark)[0].name)
    return ud


def laes_workbook_ark(sti: Path, behov: set[str] | None = None) -> dict[str, list[list]]:
    """The sheets a report needs (normalised names in `behov`; None: every input table of every
    report kind) as rows of cell values, read with python-calamine after size checks (with
    openpyxl where python-calamine is not installed, as in xlwings Lite)."""
    behov = _forbered_bog(sti, behov)
    try:
        from python_calamine import CalamineWorkbook
    except ImportError:
        return _laes_med_openpyxl(sti, behov)
    fil = str(sti)
    try:
        wb = CalamineWorkbook.from_path(fil)
    except Exception as e:  # calamine raises several error types for broken files
        besked = str(e).lower()
        if "password" in besked or "encrypt" in besked or _er_krypteret(sti):
            raise InputFejl("Projektmappen er krypteret eller beskyttet med adgangskode; gem en "
                            "kopi uden adgangskode.", fil=fil) from None
        if _er_ole(sti):
            raise InputFejl("Filen er en ældre Office-fil (fx .xls) med forkert endelse; åbn den i "
                            "Excel og gem den som .xlsx.", fil=fil) from None
        raise InputFejl("Filen er ikke en gyldig projektmappe (beskadiget eller en anden "
                        "filtype); åbn den i Excel og gem den igen som .xlsx.", fil=fil) from None
    navne = _vaelg_ark(wb.sheets_metadata, behov, fil)
    _tjek_pakning(sti, navne)
    ud = {}
    for navn in navne:
        try:
            ud[navn] = wb.get_sheet_by_name(navn).to_python(skip_empty_area=False)
        except Exception as e:
            raise InputFejl(f"Arket kan ikke læses ({str(e)[:120]}).", fil=fil, ark=navn) from None
    return ud


def _forbered_bog(sti: Path, behov: set[str] | None) -> set[str]:
    """Before any reader opens a workbook: not empty, sane zip parts; the sheets wanted."""
    if sti.stat().st_size == 0:
        raise InputFejl("Filen er tom.", fil=str(sti))
    _tjek_pakning(sti)
    if behov is None:
        from addin.rapportarter import inputtabeller

        behov = inputtabeller()
    return behov


def _laes_med_openpyxl(sti: Path, behov: set[str]) -> dict[str, list[list]]:
    """The same sheets read with openpyxl (read-only): slower, but pure Python."""
    import openpyxl

    fil = str(sti)
    try:
        wb = openpyxl.load_workbook(sti, read_only=True, data_only=True)
    except Exception:
        raise InputFejl("Filen er ikke en gyldig projektmappe (beskadiget eller en anden "
                        "filtype); åbn den i Excel og gem den igen som .xlsx.", fil=fil) from None
    metadata = [type("Ark", (), {"name": ws.title, "visible": "Visible" if ws.sheet_state ==
                                 "visible" else "Hidden"}) for ws in wb.worksheets]
    navne = _vaelg_ark(metadata, behov, fil)
    _tjek_pakning(sti, navne)
    return {n: [list(r) for r in wb[n].iter_rows(values_only=True)] for n in navne}


def _er_ole(sti: Path) -> bool:
    with open(sti, "rb") as f:
        return f.read(8) == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _er_krypteret(sti: Path) -> bool:
    """An encrypted .xlsx is an OLE container with an 'EncryptionInfo' stream."""
    if not _er_ole(sti):
        return False
    with open(sti, "rb") as f:
        return "EncryptionInfo".encode("utf-16-le") in f.read(1 << 20)


def tabeller_fra_ark(ark: dict[str, list[list]], fil: str) -> dict[str, Tabel]:
    """The input tables among a workbook's sheets (rows of cell values), by sheet name.

    Used for files (via python-calamine) and for a live Excel book (xlwings), so both give the
    same tables and the same messages.
    """
    normal = {normaliser_kolonne(a): a for a in ark}
    tabeller = {}
    for navn in TABELLER:
        arknavn = normal.get(navn)
        if arknavn is None:
            continue
        rows = ark[arknavn]
        if not rows or not any(str(v).strip() for r in rows for v in r if v is not None):
            if navn in PAAKRAEVET:
                raise InputFejl("Arket er tomt.", fil=fil, ark=arknavn)
            continue
        h = _find_header(rows, navn)
        if navn == "hovedprodukter" and len(rows) - h - 1 >= ARK_GRAENSE:
            from addin.posteringer import summer_ark

            summeret = summer_ark(rows[h], rows[h + 1:], fil, arknavn, h + 1)
            if summeret is not None:
                tabeller[navn] = summeret
                continue
        tabeller[navn] = _tabel_fra_raekker(navn, rows[h], rows[h + 1:], fil, arknavn, h + 1,
                                            dansk=True)
    return tabeller


def laes_workbook(sti: Path) -> dict[str, Tabel]:
    """The tables of a workbook whose sheets are named like the CSV files."""
    return tabeller_fra_ark(laes_workbook_ark(sti), str(sti))


WORKBOOK_ENDELSER = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}


def laes_input(sti: str | Path, enhed: str = "tkr") -> Input:
    """Read a CSV folder or a workbook into validated tables; amounts become int64 øre."""
    sti = Path(sti)
    if not sti.exists():
        raise InputFejl("Input findes ikke (angiv en mappe med CSV-filer eller en projektmappe).",
                        fil=str(sti))
    if sti.is_dir():
        with uden_gc():
            tabeller = laes_mappe(sti)
    elif sti.suffix.lower() in WORKBOOK_ENDELSER:
        with uden_gc():
            tabeller = laes_workbook(sti)
    elif sti.suffix.lower() == ".csv":
        raise InputFejl("Angiv mappen med CSV-filerne, ikke en enkelt CSV-fil.", fil=str(sti))
    else:
        raise InputFejl("Ukendt filtype; brug en mappe med CSV-filer eller en .xlsx-fil.",
                        fil=str(sti))
    return input_fra_tabeller(tabeller, str(sti), enhed, mappe=sti.is_dir())


def input_fra_tabeller(tabeller: dict[str, Tabel], kilde: str, enhed: str = "tkr", *,
                       mappe: bool = False) -> Input:
    """Check that the required tables are there and convert amounts to øre."""
    for navn in PAAKRAEVET:
        if navn not in tabeller:
            hvor = f"{navn}.csv" if mappe else f"arket '{navn}'"
            raise InputFejl(f"Input mangler {hvor}.", fil=kilde)
        if tabeller[navn].df.empty:
            t = tabeller[navn]
            raise InputFejl(TOMT_ARK if t.ark else "Tabellen har ingen datarækker.", fil=t.fil,
                            ark=t.ark)
    inp = Input(kilde=kilde, tabeller=tabeller, enhed=enhed)
    for navn, kolonner in BELOEB.items():
        t = tabeller.get(navn)
        if t is None:
            continue
        for k in kolonner:
            if k in t.df and t.summer is not None:
                t.df[k] = _summeret_i_oere(t, k, enhed)
            elif k in t.df:
                vaerdier = t.df[k].to_numpy(dtype=np.float64)
                _tjek_stoerrelse(t, k, vaerdier, enhed)
                t.df[k] = til_oere(vaerdier, enhed, valgfri=k in TABELLER[navn][1])
    return inp
