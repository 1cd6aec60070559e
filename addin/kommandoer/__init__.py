"""CLI subcommands; every module here defines `tilfoej(undervalg)` (see addin.cli).

Shared helpers for the subcommands' messages live here (not in a submodule, so that the
discovery in addin.cli only sees subcommand modules).
"""

from __future__ import annotations

from collections.abc import Iterable


def antal(n: int, ental: str, flertal: str) -> str:
    """A count with its noun in the right number: antal(1, "advarsel", "advarsler") -> "1 advarsel"."""
    return f"{n} {ental if n == 1 else flertal}"


def kontrollinje(kontroller: Iterable) -> str:
    """The one-line summary of the checks, e.g. "Kontroller: 3 ok, 1 advarsel, 0 fejl"."""
    from addin.kontrol import opsummering

    t = opsummering(list(kontroller))
    return (f"Kontroller: {t['ok']} ok, {antal(t['advarsel'], 'advarsel', 'advarsler')}, "
            f"{t['fejl']} fejl")
