"""The standard sentences of a budgetgaranti scenario, worded from the rules."""

from __future__ import annotations

from addin.rapporter.budgetgaranti.beregn import Virkning
from addin.regler import udfyld
from addin.talformat import mio_kr, rund_halvop


def _aendring(regler: dict, navn: str, tkr) -> str:
    s, o = regler["saetninger"], regler["ord"]
    if rund_halvop(tkr / 1000, 1) == 0:
        return udfyld(s[f"{navn}_uaendret"], kommune_genitiv=regler["kommune_genitiv"])
    return udfyld(s[f"{navn}_aendret"], kommune_genitiv=regler["kommune_genitiv"],
                  retning=o["stiger"] if tkr > 0 else o["falder"], beloeb=mio_kr(tkr))


def saetninger(v: Virkning, regler: dict) -> list[str]:
    """Income, expenses and the total effect ("Samlet virkning + 8,0 mio. kr.")."""
    s, o = regler["saetninger"], regler["ord"]
    if rund_halvop(v.samlet_tkr / 1000, 1) == 0:
        samlet = s["samlet_nul"]
    else:
        samlet = udfyld(s["samlet"], fortegn=o["plus"] if v.samlet_tkr > 0 else o["minus"],
                        beloeb=mio_kr(v.samlet_tkr))
    return [_aendring(regler, "indtaegt", v.indtaegt_tkr),
            _aendring(regler, "udgift", v.udgiftsaendring_tkr), samlet]
