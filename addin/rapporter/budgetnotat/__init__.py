"""Budgetnotat: economy overview, bevillingstekniske tables and the DUT comparison."""

from addin.rapportarter import Rapportart, registrer
from addin.rapporter.budgetnotat.beregn import SPEC
from addin.rapporter.budgetnotat.byg import byg, tilvalg

ART = registrer(Rapportart(
    navn="budgetnotat", titel="Budgetnotat", kendetegn="bevillingsteknik",
    tabeller=tuple(SPEC), regelfil="budgetnotat", skabeloner=("budgetnotat",),
    eksempel="budgetnotat-bi03-2023", byg=byg, kommando="budgetnotat",
    hjaelp="budgetnotatets tabeller (økonomi, bevillingsteknik, DUT)", tilvalg=tilvalg))
