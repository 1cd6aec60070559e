"""Balanceafstemning: the annual report on balance accounts by afstemningskategori."""

from addin.rapportarter import Rapportart, registrer
from addin.rapporter.balance.byg import byg
from addin.rapporter.balance.indlaes import TABELLER

ART = registrer(Rapportart(
    navn="balance", titel="Balanceafstemning", kendetegn="handleplaner",
    tabeller=tuple(TABELLER), regelfil="balance", skabeloner=("balanceafstemning",),
    eksempel="balance-2024", byg=byg, kommando="balance",
    hjaelp="årsrapporteringen på balancen (balanceafstemning)",
    forvaltning_hjaelp="udvalget/forvaltningen, rapporten gælder "
                       "(fx Beskæftigelses- og Integrationsudvalget)"))
