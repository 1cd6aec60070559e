"""Regnskab and budgetopfølgning: one kind, two rule files (regnskab.yaml, budgetopfoelgning.yaml).

Afvigelser per styringsområde, bevilling and hovedprodukt, classified by the rules, with the
standard sentences, activity tables with price/quantity effects, explanations and checks.
"""

from addin.indlaes import TABELLER
from addin.rapportarter import Rapportart, registrer
from addin.rapporter.regnskab.byg import byg
from addin.rapporter.regnskab.kommando import kommandoer
from addin.rapporter.regnskab.layout import BEMAERKNINGSARK

ART = registrer(Rapportart(
    navn="regnskab", titel="Regnskab/budgetopfølgning", kendetegn="hovedprodukter",
    tabeller=tuple(TABELLER), regelfil="regnskab", skabeloner=("regnskab", "budgetopfoelgning"),
    eksempel="bif-regnskab-2024", byg=byg, docx_ark=(BEMAERKNINGSARK,),
    forvaltning_hjaelp="forvaltningens navn i rapportens titel", har_aar=True, kommandoer=kommandoer))
