"""The bevillingsudløb pipeline: read the register -> overview tables and checks -> lay out."""

from __future__ import annotations

from addin.kilde import Kilde, stempel
from addin.rapportarter import Bygget, Valg
from addin.rapporter.udloeb.beregn import beregn_udloeb, indlaes_udloebsregler, laes_udloeb
from addin.rapporter.udloeb.layout import udloebsrapport


def byg(kilde: Kilde, valg: Valg) -> Bygget:
    """Build the bevillingsudløb report from any Kilde."""
    regelfil = kilde.regelfil(valg.regler, "udloeb")
    regler = indlaes_udloebsregler(regelfil)
    t = laes_udloeb(kilde, regler)
    u = beregn_udloeb(t, regler)
    return Bygget(udloebsrapport(u, t["udloeb"], regler, stempel(kilde, regelfil)),
                  u.kontroller, model=u)
