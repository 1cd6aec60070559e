"""`regnskab balance [INPUT] --out RAPPORT.xlsx`: the balance-reconciliation report."""

from __future__ import annotations

import argparse

from addin.kommandoer import kontrollinje


def balance(args: argparse.Namespace) -> int:
    from addin.balance.byg import DEMO, byg_balance_rapport
    from addin.skrivere.xlsx import skriv_rapport

    res = byg_balance_rapport(args.input or DEMO, args.rules, forvaltning=args.forvaltning)
    skriv_rapport(res.rapport, args.out)
    print(f"Rapport skrevet: {args.out}")
    print(kontrollinje(res.kontroller))
    return 0


def tilfoej(undervalg: argparse._SubParsersAction) -> None:
    p = undervalg.add_parser("balance", help="årsrapporteringen på balancen (balanceafstemning)")
    p.add_argument("input", nargs="?", metavar="INPUT",
                   help="mappe med CSV-filer eller projektmappe (udeladt: det medfølgende eksempel)")
    p.add_argument("--out", required=True, metavar="RAPPORT.xlsx", help="rapportens filnavn (.xlsx)")
    p.add_argument("--forvaltning", metavar="UDVALG", help="udvalget/forvaltningen, rapporten gælder "
                                                           "(fx Beskæftigelses- og Integrationsudvalget)")
    p.add_argument("--rules", metavar="FIL", help="regelfil (standard: rules/balance.yaml)")
    p.set_defaults(func=balance)
