"""`regnskab budgetnotat`, `regnskab udloeb` and `regnskab budgetmodel`: budget documents."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path

from addin.kontrol import opsummering

DATA = Path(__file__).resolve().parents[1] / "data"


def _stempel(input_sti: str, regler: str) -> dict[str, str]:
    return {"Dannet": datetime.now().strftime("%d-%m-%Y %H:%M"), "Input": Path(input_sti).name,
            "Regelfil": Path(regler).name}


def _skriv(rapport, kontroller, ud: str) -> int:
    from addin.skrivere.xlsx import skriv_rapport

    skriv_rapport(rapport, ud)
    t = opsummering(kontroller)
    print(f"Rapport skrevet: {ud}")
    print(f"Kontroller: {t['ok']} ok, {t['advarsel']} advarsler, {t['fejl']} fejl")
    return 0


def budgetnotat(args: argparse.Namespace) -> int:
    from addin.budget.budgetnotat import beregn, indlaes_budgetregler, laes_budgetnotat
    from addin.budget.layout import budgetnotatrapport

    regler = indlaes_budgetregler(args.rules)
    sti = args.input or DATA / "budgetnotat-bi03-2023"
    b = beregn(laes_budgetnotat(sti), regler)
    rapport = budgetnotatrapport(b, regler, _stempel(str(sti), args.rules or "budgetnotat.yaml"))
    return _skriv(rapport, b.kontroller, args.out)


def udloeb(args: argparse.Namespace) -> int:
    from addin.budget.layout import udloebsrapport
    from addin.budget.udloeb import beregn_udloeb, indlaes_udloebsregler, laes_udloeb

    regler = indlaes_udloebsregler(args.rules)
    sti = args.input or DATA / "bevillingsudloeb-2026"
    t = laes_udloeb(sti)
    u = beregn_udloeb(t, regler)
    rapport = udloebsrapport(u, t["udloeb"], regler,
                             _stempel(str(sti), args.rules or "udloeb.yaml"))
    return _skriv(rapport, u.kontroller, args.out)


def tilfoej(undervalg: argparse._SubParsersAction) -> None:
    p = undervalg.add_parser("budgetnotat", help="budgetnotatets tabeller (økonomi, "
                                                 "bevillingsteknik, DUT)")
    p.add_argument("input", nargs="?", help="mappe eller projektmappe (udeladt: eksemplet)")
    p.add_argument("--out", required=True)
    p.add_argument("--rules", metavar="FIL")
    p.set_defaults(func=budgetnotat)

    p = undervalg.add_parser("udloeb", help="bevillingsudløb: overblik og vurderinger")
    p.add_argument("input", nargs="?", help="mappe eller projektmappe (udeladt: eksemplet)")
    p.add_argument("--out", required=True)
    p.add_argument("--rules", metavar="FIL")
    p.set_defaults(func=udloeb)
