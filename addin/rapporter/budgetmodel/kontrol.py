"""Checks of the budget model."""

from __future__ import annotations

from addin.kontrol import FEJL, OK, Kontrol
from addin.rapporter.budgetmodel.beregn import Modellinje
from addin.regler import Regler


def modelkontroller(linjer: list[Modellinje], regler: Regler) -> list[Kontrol]:
    """Price + quantity effect = afvigelse, exactly, per scheme and period."""
    return [Kontrol(OK if x.maengdeeffekt_kr + x.priseffekt_kr == -x.afvigelse_kr * regler.fortegn
                    else FEJL, "Pris + mængde = afvigelse", f"{x.ordning} {x.periode}", "eksakt")
            for x in linjer]
