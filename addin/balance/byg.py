"""The balance pipeline: read -> validate -> derive -> check -> lay out (one function)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from addin.balance.beregn import Balance, beregn_balance
from addin.balance.indlaes import BalanceInput, laes_balance
from addin.balance.kontrol import balancekontroller
from addin.balance.layout import balancerapport
from addin.balance.regler import indlaes_balanceregler
from addin.balance.saetninger import saetninger
from addin.data import eksempel
from addin.kontrol import Kontrol
from addin.layout import Rapport

DEMO = eksempel("balance-2024")


@dataclass
class BalanceResultat:
    balance: Balance
    saetninger: list[tuple[str, str]]
    kontroller: list[Kontrol]
    rapport: Rapport


def byg_balance_rapport(inp: str | Path | BalanceInput, regler_sti: str | Path | None = None, *,
                        forvaltning: str | None = None) -> BalanceResultat:
    """Build the balance report from a CSV folder, a workbook or already read tables."""
    regler = indlaes_balanceregler(regler_sti)
    if not isinstance(inp, BalanceInput):
        inp = laes_balance(inp, regler.rapportdato.year)
    if forvaltning:
        import pandas as pd

        ind = inp.tabeller.get("indstillinger")
        ny = pd.DataFrame({"noegle": ["udvalg"], "vaerdi": [forvaltning], "_raekke": [0]})
        inp.tabeller["indstillinger"] = ny if ind is None else pd.concat(
            [ind[ind["noegle"] != "udvalg"], ny], ignore_index=True)
    b = beregn_balance(inp, regler)
    tekst = saetninger(inp, b, regler)
    k = balancekontroller(inp, b, regler)
    stempel = {"Dannet": datetime.now().strftime("%d-%m-%Y %H:%M"),
               "Input": Path(inp.kilde).name, "Regelfil": Path(regler.fil).name}
    return BalanceResultat(b, tekst, k, balancerapport(inp, b, regler, tekst, k, stempel))
