"""A check and its result, shared by every report kind: status, what, where and a Danish message.

A mismatch is never hidden: every kind lists its checks on the Kontrol sheet and in `regnskab check`.
"""

from __future__ import annotations

from dataclasses import dataclass

OK, ADVARSEL, FEJL, BEMAERK = "ok", "advarsel", "fejl", "bemærk"
STATUSSER = (OK, ADVARSEL, FEJL)


@dataclass(frozen=True)
class Kontrol:
    """One check: status (ok / advarsel / fejl / bemærk), what was checked, where, a message."""

    status: str
    kontrol: str
    sted: str
    besked: str


def opsummering(k: list[Kontrol]) -> dict[str, int]:
    """Counts per status (bemærk included: a remark is not a result, but it is never hidden)."""
    return {s: sum(1 for x in k if x.status == s) for s in (*STATUSSER, BEMAERK)}


def antal(n: int, ental: str, flertal: str) -> str:
    """A count with its noun in the right number: antal(1, "advarsel", "advarsler")."""
    return f"{n} {ental if n == 1 else flertal}"


def opsummeringstekst(k: list[Kontrol]) -> str:
    """"3 ok, 1 advarsel, 0 fejl": the summary on the Kontrol sheet and in the CLI."""
    t = opsummering(k)
    tekst = f"{t[OK]} ok, {antal(t[ADVARSEL], 'advarsel', 'advarsler')}, {t[FEJL]} fejl"
    if t[BEMAERK]:
        tekst += f", {antal(t[BEMAERK], 'bemærkning', 'bemærkninger')}"
    return tekst
