"""The balance pipeline: read -> validate -> derive -> check -> lay out (one function)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from addin.kilde import Kilde, som_kilde, stempel
from addin.kontrol import Kontrol
from addin.layout import Rapport
from addin.rapportarter import Bygget, Valg
from addin.rapporter.balance.beregn import Balance, beregn_balance
from addin.rapporter.balance.indlaes import laes_balance
from addin.rapporter.balance.kontrol import balancekontroller
from addin.rapporter.balance.layout import balancerapport
from addin.rapporter.balance.regler import indlaes_balanceregler
from addin.rapporter.balance.saetninger import saetninger


@dataclass
class BalanceResultat:
    balance: Balance
    saetninger: list[tuple[str, str]]
    kontroller: list[Kontrol]
    rapport: Rapport


def byg(kilde: Kilde, valg: Valg) -> Bygget:
    """Build the balance report from any Kilde (CSV folder, workbook file or live book)."""
    res = byg_balance_rapport(kilde, valg.regler, forvaltning=valg.forvaltning)
    return Bygget(res.rapport, res.kontroller, model=res)


def byg_balance_rapport(kilde: str | Path | Kilde, regler_sti: str | Path | None = None, *,
                        forvaltning: str | None = None) -> BalanceResultat:
    """Build the balance report; the rule file is the given one, else Indstillinger's, else
    the bundled balance.yaml."""
    kilde = som_kilde(kilde)
    regelfil = kilde.regelfil(regler_sti, "balance")
    regler = indlaes_balanceregler(regelfil)
    inp = laes_balance(kilde, regler.rapportdato.year)
    if forvaltning:
        ind = inp.tabeller.get("indstillinger")
        ny = pd.DataFrame({"noegle": ["udvalg"], "vaerdi": [forvaltning], "_raekke": [0]})
        inp.tabeller["indstillinger"] = ny if ind is None else pd.concat(
            [ind[ind["noegle"] != "udvalg"], ny], ignore_index=True)
    b = beregn_balance(inp, regler)
    tekst = saetninger(inp, b, regler)
    k = balancekontroller(inp, b, regler) + tekst.noter
    return BalanceResultat(b, tekst, k, balancerapport(inp, b, regler, tekst, k,
                                                       stempel(kilde, regelfil)))
