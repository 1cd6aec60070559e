"""Bevillingsudløb: the register of expiring appropriations and the committee's overview."""

from addin.rapportarter import Rapportart, registrer
from addin.rapporter.udloeb.beregn import SPEC
from addin.rapporter.udloeb.byg import byg

ART = registrer(Rapportart(
    navn="udloeb", titel="Bevillingsudløb", kendetegn="udloeb",
    tabeller=tuple(SPEC), regelfil="udloeb", skabeloner=("bevillingsudloeb",),
    eksempel="bevillingsudloeb-2026", byg=byg, kommando="udloeb",
    hjaelp="bevillingsudløb: overblik og vurderinger"))
