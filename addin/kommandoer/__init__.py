"""CLI subcommands; every module here defines `tilfoej(undervalg)` (see addin.cli).

Report kinds add their own commands through the registry (`Rapportart.kommandoer`).
"""

from __future__ import annotations

from collections.abc import Iterable

from addin.kontrol import Kontrol, antal, opsummeringstekst

__all__ = ["antal", "kontrollinje"]


def kontrollinje(kontroller: Iterable[Kontrol]) -> str:
    """The one-line summary of the checks, e.g. "Kontroller: 3 ok, 1 advarsel, 0 fejl"."""
    return f"Kontroller: {opsummeringstekst(list(kontroller))}"
