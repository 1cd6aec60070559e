"""Writers: the same layout to .xlsx (openpyxl), a live book (xlwings) and Word (python-docx)."""

from __future__ import annotations

import re

FORMELTEGN = ("=", "+", "-", "@", "\t", "\r")
_STYRETEGN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def celletekst(v: object) -> tuple[object, bool]:
    """The one gate every writer puts a value through: text without the control characters no
    cell or document can hold (a line break from Word becomes a space), and whether the text
    must be stored as text because a spreadsheet would read it as a formula."""
    if not isinstance(v, str):
        return v, False
    v = _STYRETEGN.sub(" ", v)
    return v, v.startswith(FORMELTEGN)


def beskyttede_ark() -> set[str]:
    """Sheets (normalised names) a report never replaces: every kind's input tables, the
    settings, the instructions and xlwings' settings sheet."""
    from addin.rapportarter import inputtabeller

    return inputtabeller() | {"indstillinger", "vejledning", "forklaringer", "xlwings_conf"}
