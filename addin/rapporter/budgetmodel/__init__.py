"""Budgetmodel for ydelser: antal x gennemsnitspris, gross and net of statsrefusion."""

from addin.rapportarter import Rapportart, registrer
from addin.rapporter.budgetmodel.beregn import SPEC
from addin.rapporter.budgetmodel.byg import byg, tilvalg

ART = registrer(Rapportart(
    navn="budgetmodel", titel="Budgetmodel", kendetegn="budgetmodel",
    tabeller=tuple(SPEC), regelfil="budgetmodel", skabeloner=("budgetmodel",),
    eksempel="budgetmodel-eksempel", byg=byg, kommando="budgetmodel",
    hjaelp="budgetmodel for ydelser: antal x pris, brutto og netto efter refusion",
    tilvalg=tilvalg))
