"""Kommuneoversigt: the Økonomiforvaltning's side. The forvaltninger's reports (or share copies)
put together into the kommune's overview, status per forvaltning, kommune-level sentences and a
Word document with each forvaltning's bemærkninger.

read (laes) -> consolidate and check (beregn) -> lay out (layout); `byg` runs the three, for
`regnskab samle MAPPE` and for a kommune workbook whose table `samling` names the folders.
"""

from addin.rapportarter import Rapportart, registrer
from addin.rapporter.kommune.byg import SPEC, byg
from addin.rapporter.kommune.kommando import kommandoer

ART = registrer(Rapportart(
    navn="kommune", titel="Kommuneoversigt", kendetegn="samling",
    tabeller=(*SPEC, "indstillinger"), regelfil="regnskab", skabeloner=("kommuneoversigt",),
    eksempel="kommune-2024", byg=byg, kommandoer=kommandoer))
