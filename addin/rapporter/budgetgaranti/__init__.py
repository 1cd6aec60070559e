"""Budgetgaranti and beskæftigelsestilskud: the effect on the kommune of the national and its
own development in forsørgelsesudgifter, per scenario."""

from addin.rapportarter import Rapportart, registrer
from addin.rapporter.budgetgaranti.beregn import SPEC
from addin.rapporter.budgetgaranti.byg import byg

ART = registrer(Rapportart(
    navn="budgetgaranti", titel="Budgetgaranti", kendetegn="budgetgaranti",
    tabeller=tuple(SPEC), regelfil="budgetgaranti", skabeloner=("budgetgaranti",),
    eksempel="budgetgaranti-eksempel", byg=byg, kommando="budgetgaranti",
    hjaelp="budgetgarantiens og beskæftigelsestilskuddets virkning pr. scenarie"))
