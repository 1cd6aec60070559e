"""The budgetgaranti pipeline: read the scenarios -> effects -> checks -> lay out."""

from __future__ import annotations

from addin.kilde import Kilde, stempel
from addin.kontrol import ADVARSEL, OK, Kontrol
from addin.rapportarter import Bygget, Valg
from addin.rapporter.budgetgaranti.beregn import (
    Virkning,
    beregn_virkning,
    indlaes_garantiregler,
    laes_budgetgaranti,
)
from addin.rapporter.budgetgaranti.layout import garantirapport
from addin.talformat import heltal, tusinder


def kontroller(virkninger: list[Virkning]) -> list[Kontrol]:
    """The shown columns add up after rounding, and the base is a positive amount."""
    k = []
    for v in virkninger:
        vist = [heltal(x) for x in (v.indtaegt_tkr, v.udgiftsvirkning_tkr, v.samlet_tkr)]
        k.append(Kontrol(OK if vist[0] + vist[1] == vist[2] else ADVARSEL,
                         "Indtægt + udgift = samlet (viste tal)", v.scenarie,
                         f"{tusinder(vist[0])} + {tusinder(vist[1])} = {tusinder(vist[2])}"
                         if vist[0] + vist[1] == vist[2] else
                         f"de viste tal giver {tusinder(vist[0] + vist[1])}, samlet "
                         f"{tusinder(vist[2])} (afrunding)"))
        k.append(Kontrol(OK if v.grundlag_tkr > 0 else ADVARSEL, "Grundlaget er positivt",
                         v.scenarie, f"{tusinder(v.grundlag_tkr)} t.kr."))
    return k


def byg(kilde: Kilde, valg: Valg) -> Bygget:
    """Build the budgetgaranti report from any Kilde."""
    regelfil = kilde.regelfil(valg.regler, "budgetgaranti")
    regler = indlaes_garantiregler(regelfil)
    virkninger = beregn_virkning(laes_budgetgaranti(kilde))
    k = kontroller(virkninger)
    return Bygget(garantirapport(virkninger, regler, k, stempel(kilde, regelfil)), k,
                  model=virkninger)
