"""Price-level (p/l) conversion between years with an index table, exact to the krone.

Amounts are converted as exact fractions (amount x index[to] / index[from]); only what is shown
is rounded. Converting and converting back therefore gives the original amount exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

from addin.fejl import RegelFejl
from addin.regler import bundlet_regelfil, laes_yaml

SKEMA: dict[str, Any] = {"navn": (str,), "eksempel": (bool,), "indeks": {"*": (int, float)}}


@dataclass(frozen=True)
class PLIndeks:
    """Year -> index; `eksempel` marks the shipped illustrative set."""

    indeks: dict[int, Fraction]
    eksempel: bool
    fil: str

    def faktor(self, fra: int, til: int) -> Fraction:
        for aar in (fra, til):
            if aar not in self.indeks:
                kendte = ", ".join(str(a) for a in sorted(self.indeks))
                raise RegelFejl(f"Intet pris- og lønindeks for {aar} (kendte år: {kendte}).",
                                fil=self.fil, noegle=f"indeks.{aar}")
        return self.indeks[til] / self.indeks[fra]

    def omregn(self, beloeb: Fraction | int | float | str, fra: int, til: int) -> Fraction:
        """An amount at `fra` p/l expressed at `til` p/l, exactly."""
        return Fraction(str(beloeb)) * self.faktor(fra, til)


def indlaes_pl_indeks(sti: str | Path | None = None) -> PLIndeks:
    """The index table (default rules/pl_indeks.yaml, an example set)."""
    sti = sti or bundlet_regelfil("pl_indeks")
    data, _, _ = laes_yaml(sti, SKEMA)
    indeks = {}
    for aar, v in data["indeks"].items():
        if not str(aar).isdigit() or v <= 0:
            raise RegelFejl("Indeks skal være et positivt tal pr. år (ÅÅÅÅ: tal).", fil=str(sti),
                            noegle=f"indeks.{aar}")
        indeks[int(aar)] = Fraction(str(v))
    return PLIndeks(indeks, data["eksempel"], str(sti))
