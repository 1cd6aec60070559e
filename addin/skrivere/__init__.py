"""Writers: the same layout to .xlsx (openpyxl), a live book (xlwings) and Word (python-docx)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from addin.layout import Ark, Diagram

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


def diagrambredde(ark: Ark, d: Diagram) -> int:
    """The columns a chart (layout.Diagram) spans: its own width, else from its column to the
    right edge of the sheet's table."""
    if d.bredde:
        return d.bredde
    tabel = max((sum(c.flet for c in r) for r in ark.raekker), default=1)
    return max(tabel - d.kolonne + 1, 1)
