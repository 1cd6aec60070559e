"""Writers: the same layout to .xlsx (openpyxl), a live book (xlwings) and Word (python-docx)."""

from __future__ import annotations


def beskyttede_ark() -> set[str]:
    """Sheets (normalised names) a report never replaces: every kind's input tables, the
    settings, the instructions and xlwings' settings sheet."""
    from addin.rapportarter import inputtabeller

    return inputtabeller() | {"indstillinger", "vejledning", "forklaringer", "xlwings_conf"}
