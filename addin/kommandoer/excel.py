"""`regnskab refresh WORKBOOK` and `regnskab share WORKBOOK --out COPY.xlsx`."""

from __future__ import annotations

import argparse

from addin.kontrol import opsummering


def refresh(args: argparse.Namespace) -> int:
    from addin.excel import refresh_fil

    res = refresh_fil(args.workbook, args.out)
    t = opsummering(res.kontroller)
    print(f"Opdateret: {args.out or args.workbook}")
    print(f"Kontroller: {t['ok']} ok, {t['advarsel']} advarsler, {t['fejl']} fejl")
    return 0


def share(args: argparse.Namespace) -> int:
    from addin.deling import del_fil

    antal = del_fil(args.workbook, args.out)
    print(f"Delingskopi skrevet: {args.out} ({antal} funktioner erstattet af værdier, "
          "ingen makroer)")
    return 0


def tilfoej(undervalg: argparse._SubParsersAction) -> None:
    p = undervalg.add_parser("refresh", help="opdater rapportarkene i en projektmappe (skabelon)")
    p.add_argument("workbook", metavar="WORKBOOK")
    p.add_argument("--out", help="skriv til en ny fil i stedet for at opdatere filen")
    p.set_defaults(func=refresh)

    p = undervalg.add_parser("share", help="kopi til Økonomiforvaltningen: værdier, ingen makroer")
    p.add_argument("workbook", metavar="WORKBOOK")
    p.add_argument("--out", required=True, metavar="KOPI.xlsx")
    p.set_defaults(func=share)
