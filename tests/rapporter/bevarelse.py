"""Shared helpers of the conservation property tests (issue "No silent output").

Each report kind has its own module under tests/rapporter/<kind>/: a property test of the
kind's compute function on generated valid input (MANGE examples, no file I/O) and a smaller
one of the laid-out report built through the registry from sheets held in memory (FAA examples).
The property in words: every input amount lands in exactly one line of each table that claims
to cover it, and each table's total equals the sum of its rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from hypothesis import HealthCheck, settings

from addin.kilde import Kilde
from addin.layout import Ark, Celle
from addin.rapportarter import Bygget, Valg, art

MANGE = 200  # examples of each compute-level property (the requirement: >= 200 per kind)
FAA = 30  # examples of each laid-out-report property (slower: layout and checks too)

mange = settings(max_examples=MANGE, deadline=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
faa = settings(max_examples=FAA, deadline=None,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

SUMSTILE = {"beloeb_sum", "tekst_sum", "decimal1_sum"}


def kilde(ark: dict[str, list[list]]) -> Kilde:
    """Input held in memory as a workbook's sheets (rows of cell values): no file I/O, but the
    same reading and validation as a workbook file or a live book."""
    return Kilde(navn="hypotese.xlsx", ark=ark)


def byg_art(navn: str, ark: dict[str, list[list]], valg: Valg | None = None) -> Bygget:
    """Build a kind's report from sheets held in memory via the registry, so the test takes the
    same road as the CLI and Refresh."""
    return art(navn).byg(kilde(ark), valg or Valg())


def raekker(header: list[str], rows: list[dict]) -> list[list]:
    """A sheet: the header row, then one row per dict (missing keys blank)."""
    return [list(header)] + [[r.get(k, "") for k in header] for r in rows]


def er_sum(raekke: list[Celle]) -> bool:
    """A total row: its first cell is styled as a sum."""
    return bool(raekke) and raekke[0].stil in SUMSTILE


def vaerdier(raekke: list[Celle]) -> list:
    return [c.vaerdi for c in raekke]


def find_raekker(ark: Ark, stil: str, vaerdi: object | None = None) -> Iterator[int]:
    """Indices of the rows whose first cell has the style (and, if given, the value)."""
    for i, r in enumerate(ark.raekker):
        if r and r[0].stil == stil and (vaerdi is None or r[0].vaerdi == vaerdi):
            yield i


def blok(ark: Ark, start: int) -> tuple[list[list[Celle]], list[Celle] | None]:
    """The data rows from `start` up to the first sum row (excl.) or blank row, and the sum row
    (None when the block ends without one)."""
    linjer = []
    for r in ark.raekker[start:]:
        if not r:
            return linjer, None
        if er_sum(r):
            return linjer, r
        linjer.append(r)
    return linjer, None


def blokke(ark: Ark) -> list[tuple[Celle, list[list[Celle]]]]:
    """Each titled table of a sheet, in order: its title cell (style "overskrift") and the rows
    after it up to the next blank row. Found by structure, not by words, since every word of the
    sheets is the rule file's."""
    ud = []
    for i in find_raekker(ark, "overskrift"):
        rows = []
        for r in ark.raekker[i + 1:]:
            if not r:
                break
            rows.append(r)
        ud.append((ark.raekker[i][0], rows))
    return ud


def halvop(x: Fraction | Decimal | int) -> int:
    """Round half away from zero, once, from an exact value."""
    d = Decimal(x.numerator) / Decimal(x.denominator) if isinstance(x, Fraction) else Decimal(x)
    return int(d.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def tkr_fra_oere(oere: int) -> int:
    """Exact øre shown in whole t.kr., rounded half away from zero once."""
    return halvop(Fraction(int(oere), 100_000))


def tkr_fra_kr(kr: Fraction | Decimal | int) -> int:
    """Exact kr. shown in whole t.kr., rounded half away from zero once."""
    return halvop(Fraction(kr) / 1000)


def dec(x: object) -> Decimal:
    """A shown number (float, int, Decimal) as the decimal it stands for."""
    if isinstance(x, Decimal):
        return x
    if isinstance(x, float):
        return Decimal(repr(x))
    return Decimal(int(x))


def naer(a: object, b: object, decimaler: int = 9) -> bool:
    """Two shown numbers equal to `decimaler` places (floats from exact decimals)."""
    q = Decimal(1).scaleb(-decimaler)
    return dec(a).quantize(q) == dec(b).quantize(q)
