"""`regnskab build`, `regnskab check`, `regnskab export-docx` and `regnskab demo`: the regnskab
report from the CLI."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from addin.byg import DEMO, byg_regnskab
from addin.kommandoer import kontrollinje
from addin.kontrol import FEJL
from addin.regnskabslayout import BEMAERKNINGSARK, KONTROLARK
from addin.skrivere.xlsx import skriv_rapport

INPUT_HJAELP = "mappe med CSV-filer eller projektmappe (.xlsx) med ark af samme navne"
DEMO_UD = Path("out") / "regnskab-demo.xlsx"


def _faelles(p: argparse.ArgumentParser) -> None:
    p.add_argument("--rules", metavar="FIL",
                   help="regelfil (standard: $REGNSKAB_REGLER, ellers rules/regnskab.yaml)")
    p.add_argument("--forvaltning", metavar="NAVN", help="forvaltningens navn i rapportens titel")
    p.add_argument("--aar", metavar="ÅR", help="regnskabsåret (fx 2024) i tabellernes overskrifter")


def _opsummer(res, ud=sys.stdout) -> None:
    print(kontrollinje(res.kontroller), file=ud)


def build(args: argparse.Namespace) -> int:
    res = byg_regnskab(args.input, args.rules, forvaltning=args.forvaltning, aar=args.aar)
    skriv_rapport(res.rapport, args.out)
    print(f"Rapport skrevet: {args.out}")
    _opsummer(res)
    return 0


def check(args: argparse.Namespace) -> int:
    res = byg_regnskab(args.input, args.rules, forvaltning=args.forvaltning, aar=args.aar)
    for k in res.kontroller:
        if k.status != "ok" or args.alle:
            print(f"{k.status.upper():9} {k.kontrol} | {k.sted} | {k.besked}")
    _opsummer(res)
    return 1 if any(k.status == FEJL for k in res.kontroller) else 0


def export_docx(args: argparse.Namespace) -> int:
    from addin.skrivere.docx import skriv_docx

    res = byg_regnskab(args.input, args.rules, forvaltning=args.forvaltning, aar=args.aar)
    ark = [BEMAERKNINGSARK] + ([KONTROLARK] if args.kontrol else [])
    skriv_docx(res.rapport, args.out, ark=ark)
    print(f"Word-dokument skrevet: {args.out}")
    _opsummer(res)
    return 0


def demo(args: argparse.Namespace) -> int:
    ud = Path(args.out).resolve()
    res = byg_regnskab(DEMO, args.rules)
    ud.parent.mkdir(parents=True, exist_ok=True)
    skriv_rapport(res.rapport, ud)
    print(f"Eksempel (BIF Regnskab 2024) bygget fra {DEMO}")
    print(f"Rapport skrevet: {ud}")
    _opsummer(res)
    print(f"Næste skridt: åbn {ud} og se arket {KONTROLARK}.")
    return 0


def tilfoej(undervalg: argparse._SubParsersAction) -> None:
    p = undervalg.add_parser("build", help="byg regnskabsrapporten (.xlsx) fra input")
    p.add_argument("input", metavar="INPUT", help=INPUT_HJAELP)
    p.add_argument("--out", required=True, metavar="RAPPORT.xlsx", help="rapportens filnavn (.xlsx)")
    _faelles(p)
    p.set_defaults(func=build)

    p = undervalg.add_parser("check", help="vis kontrollerne; afslutter med 1 ved fejl")
    p.add_argument("input", metavar="INPUT", help=INPUT_HJAELP)
    p.add_argument("--alle", action="store_true", help="vis også kontroller, der er ok")
    _faelles(p)
    p.set_defaults(func=check)

    p = undervalg.add_parser("export-docx", help="regnskabsbemærkningerne som Word-dokument")
    p.add_argument("input", metavar="INPUT", help=INPUT_HJAELP)
    p.add_argument("--out", required=True, metavar="BEMÆRKNINGER.docx",
                   help="dokumentets filnavn (.docx)")
    p.add_argument("--kontrol", action="store_true", help="tag kontrollisten med")
    _faelles(p)
    p.set_defaults(func=export_docx)

    p = undervalg.add_parser("demo", help="byg det medfølgende eksempel (BIF Regnskab 2024)")
    p.add_argument("--out", default=str(DEMO_UD), metavar="FIL",
                   help=f"rapportens filnavn (standard: {DEMO_UD.as_posix()} i den aktuelle mappe)")
    p.add_argument("--rules", metavar="FIL", help="regelfil (standard: rules/regnskab.yaml)")
    p.set_defaults(func=demo)
