"""`regnskab refresh PROJEKTMAPPE [--out NY.xlsx]` and `regnskab share PROJEKTMAPPE --out KOPI.xlsx`."""

from __future__ import annotations

import argparse

from addin.fejl import RegnskabFejl
from addin.kilde import projektmappe_sti
from addin.kommandoer import antal, kontrollinje
from addin.skrivere.atomisk import maalsti


def refresh(args: argparse.Namespace) -> int:
    from addin.excel import refresh_fil

    kilde = projektmappe_sti(args.workbook)
    ud = maalsti(args.out or kilde, (".xlsx", ".xlsm"))
    if ud.suffix.lower() == ".xlsm" and kilde.suffix.lower() != ".xlsm":
        raise RegnskabFejl("En .xlsm-fil skal have makroer, og projektmappen har ingen; skriv "
                           "til en .xlsx-fil.", fil=str(ud))
    res = refresh_fil(kilde, ud if args.out else None)
    print(f"Opdateret: {args.out or args.workbook}")
    print(kontrollinje(res.kontroller))
    return 0


def share(args: argparse.Namespace) -> int:
    from addin.deling import del_fil_rapport

    kilde = projektmappe_sti(args.workbook)
    ud = maalsti(args.out, (".xlsx",))
    rapport = del_fil_rapport(kilde, ud)
    print(f"Delingskopi skrevet: {args.out} ({antal(int(rapport), 'funktion', 'funktioner')} "
          "erstattet af værdier, ingen makroer)")
    for linje in rapport.linjer():
        print(linje)
    return 0


def tilfoej(undervalg: argparse._SubParsersAction) -> None:
    p = undervalg.add_parser("refresh", help="opdater rapportarkene i en projektmappe (skabelon)")
    p.add_argument("workbook", metavar="PROJEKTMAPPE", help="projektmappen (.xlsx/.xlsm), der opdateres")
    p.add_argument("--out", metavar="NY.xlsx",
                   help="skriv til en ny fil i stedet for at opdatere projektmappen")
    p.set_defaults(func=refresh)

    p = undervalg.add_parser("share", help="kopi til Økonomiforvaltningen: værdier, ingen makroer")
    p.add_argument("workbook", metavar="PROJEKTMAPPE", help="projektmappen, der skal deles")
    p.add_argument("--out", required=True, metavar="KOPI.xlsx",
                   help="kopiens filnavn (.xlsx; ikke samme fil som projektmappen)")
    p.set_defaults(func=share)
