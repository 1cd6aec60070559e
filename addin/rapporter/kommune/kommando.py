"""`regnskab samle MAPPE --out KOMMUNE.xlsx [--docx KOMMUNE.docx] [--streng]`: the
Økonomiforvaltning puts the forvaltninger's reports together."""

from __future__ import annotations

import argparse
from pathlib import Path

from addin.kommandoer import antal, kontrollinje
from addin.skrivere.atomisk import maalsti


def samle(args: argparse.Namespace) -> int:
    from addin.rapporter.kommune.byg import samle as saml
    from addin.skrivere.xlsx import skriv_rapport

    ud = maalsti(args.out, (".xlsx",))
    docx = maalsti(args.docx, (".docx",)) if args.docx else None
    res = saml(args.mappe, regler=args.rules, streng=args.streng,
               undtagen={Path(ud)} | ({Path(docx)} if docx else set()))
    skriv_rapport(res.rapport, ud)
    n = antal(len(res.kommune.rapporter), "forvaltning", "forvaltninger")
    print(f"Kommuneoversigt skrevet: {args.out} ({n})")
    if docx:
        from addin.skrivere.docx import skriv_docx

        skriv_docx(res.docx, docx)
        print(f"Word-dokument skrevet: {args.docx}")
    for _, besked in res.kommune.ulaeselige:
        print(f"Sprunget over: {besked}")
    print(kontrollinje(res.kommune.kontroller))
    return 0


def kommandoer(undervalg: argparse._SubParsersAction) -> None:
    p = undervalg.add_parser("samle", help="saml forvaltningernes rapporter til kommunens oversigt "
                             "(Økonomiforvaltningen)")
    p.add_argument("mappe", metavar="MAPPE",
                   help="mappen med forvaltningernes rapporter eller delingskopier (.xlsx/.xlsm)")
    p.add_argument("--out", required=True, metavar="KOMMUNE.xlsx",
                   help="kommuneoversigtens filnavn (.xlsx)")
    p.add_argument("--docx", metavar="KOMMUNE.docx",
                   help="skriv også et Word-dokument med oversigten og hver forvaltnings "
                   "bemærkninger")
    p.add_argument("--rules", metavar="FIL",
                   help="regelfil (standard: den medfølgende, som rapporterne er dannet med)")
    p.add_argument("--streng", action="store_true",
                   help="stop ved en fil, der ikke kan læses (standard: spring den over og "
                   "nævn den)")
    p.set_defaults(func=samle)
