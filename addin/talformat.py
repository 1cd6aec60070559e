"""Danish number formatting and half-up rounding (never banker's rounding)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from numbers import Number


def _dec(x: Number | Decimal | str) -> Decimal:
    if isinstance(x, Decimal):
        return x
    if isinstance(x, float):
        # repr gives the shortest exact decimal text of the float: 0.15 -> "0.15"
        return Decimal(repr(float(x)))
    if hasattr(x, "item"):  # numpy scalars
        return _dec(x.item())
    if isinstance(x, Fraction):  # exact p/l conversions and model shares: 28 digits to display
        return Decimal(x.numerator) / Decimal(x.denominator)
    return Decimal(x)


def rund_halvop(x: Number | Decimal, decimaler: int = 0) -> Decimal:
    """Round half away from zero: 0,05 -> 0,1; -0,25 -> -0,3; 2,5 -> 3."""
    return _dec(x).quantize(Decimal(1).scaleb(-decimaler), rounding=ROUND_HALF_UP)


def heltal(x: Number | Decimal) -> int:
    """Half-up rounded integer."""
    return int(rund_halvop(x, 0))


def tusinder(x: Number | Decimal) -> str:
    """Whole number with '.' as thousands separator: 1100691 -> '1.100.691', -14115 -> '-14.115'."""
    n = heltal(x)
    tekst = f"{abs(n):,}".replace(",", ".")
    return f"-{tekst}" if n < 0 else tekst


def decimaltal(x: Number | Decimal, decimaler: int = 1) -> str:
    """Decimal comma, '.' thousands: 12.5 -> '12,5', 1234.56 -> '1.234,6'."""
    d = rund_halvop(x, decimaler)
    heltalsdel, _, broek = f"{abs(d):f}".partition(".")
    tekst = f"{int(heltalsdel):,}".replace(",", ".")
    if decimaler > 0:
        tekst += "," + broek.ljust(decimaler, "0")[:decimaler]
    return f"-{tekst}" if d < 0 else tekst


def mio_kr(tkr: Number | Decimal, *, med_fortegn: bool = False) -> str:
    """Amount in 1.000 kr. as text in mio. kr. with one decimal: 12509 -> '12,5 mio. kr.'.

    Unsigned by default, as the sentences carry the direction in words.
    """
    vaerdi = _dec(tkr) / 1000
    if not med_fortegn:
        vaerdi = abs(vaerdi)
    return f"{decimaltal(vaerdi, 1)} mio. kr."


def kr(beloeb: Number | Decimal) -> str:
    """Whole kroner in text: 1477 -> '1.477 kr.'."""
    return f"{tusinder(beloeb)} kr."


OERE_PR_TKR = 100_000


def tkr(oere: int | float) -> Decimal:
    """Exact tkr from øre."""
    return Decimal(int(oere)) / OERE_PR_TKR


def tkr_vist(oere: int | float) -> int:
    """The whole tkr a table shows: øre rounded half away from zero."""
    n = int(oere)
    q, r = divmod(abs(n), OERE_PR_TKR)
    if 2 * r >= OERE_PR_TKR:
        q += 1
    return q if n >= 0 else -q
