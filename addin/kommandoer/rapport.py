"""The report verbs for every kind: `build`, `check`, `export-docx`, `demo`, and each kind's
shorthand (`balance`, `budgetnotat`, `udloeb`, `budgetmodel`), all over the registry.

The kind is recognised from the input's files or sheets; `--art NAVN` forces it.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from addin.data import eksempel
from addin.fejl import InputFejl
from addin.kilde import kilde_fra_sti
from addin.kommandoer import kontrollinje
from addin.kontrol import FEJL
from addin.layout import KONTROLARK, Rapport
from addin.rapportarter import Bygget, Rapportart, Valg, art, arter, byg_rapport, find_art
from addin.skrivere.atomisk import maalsti

INPUT_HJAELP = "mappe med CSV-filer eller projektmappe (.xlsx) med ark af samme navne"
DEMO_UD = Path("out") / "regnskab-demo.xlsx"
_FAELLES = {"kommando", "func", "input", "out", "rules", "forvaltning", "aar", "art", "alle",
            "kontrol"}


def _valg(a: Rapportart, args: argparse.Namespace) -> Valg:
    """The options of the command line, refused where the kind has no use for them."""
    forvaltning = getattr(args, "forvaltning", None)
    aar = getattr(args, "aar", None)
    if forvaltning and not a.forvaltning_hjaelp:
        raise InputFejl(f"--forvaltning bruges ikke af rapportarten {a.titel}; udelad den.")
    if aar and not a.har_aar:
        raise InputFejl(f"--aar bruges ikke af rapportarten {a.titel}; udelad den.")
    ekstra = {k: v for k, v in vars(args).items() if k not in _FAELLES}
    return Valg(regler=args.rules, forvaltning=forvaltning, aar=aar, ekstra=ekstra)


def byg(args: argparse.Namespace, tvungen: str | None = None) -> tuple[Rapportart, Bygget]:
    """Recognise the kind of the input (or take the forced one) and build its report."""
    navn = tvungen or getattr(args, "art", None)
    if args.input is None:
        a = art(navn)
        kilde = kilde_fra_sti(eksempel(a.eksempel))
    else:
        kilde = kilde_fra_sti(args.input)
        a = find_art(kilde, navn)
    res = byg_rapport(a, kilde, _valg(a, args))
    for note in res.noter:
        print(note)
    return a, res


def build(args: argparse.Namespace, tvungen: str | None = None) -> int:
    from addin.skrivere.xlsx import skriv_rapport

    args.out = maalsti(args.out, (".xlsx",))
    _, res = byg(args, tvungen)
    skriv_rapport(res.rapport, args.out)
    print(f"Rapport skrevet: {args.out}")
    print(kontrollinje(res.kontroller))
    return 0


def check(args: argparse.Namespace) -> int:
    _, res = byg(args)
    for k in res.kontroller:
        if k.status != "ok" or args.alle:
            print(f"{k.status.upper():9} {k.kontrol} | {k.sted} | {k.besked}")
    print(kontrollinje(res.kontroller))
    return 1 if any(k.status == FEJL for k in res.kontroller) else 0


def export_docx(args: argparse.Namespace) -> int:
    from addin.skrivere.docx import skriv_docx

    args.out = maalsti(args.out, (".docx",))
    a, res = byg(args)
    # Word draws no charts, and a chart sheet's tables repeat the report's figures: left out
    ark = list(a.docx_ark) if a.docx_ark else [x.navn for x in res.rapport.ark
                                                if x.navn != KONTROLARK and not x.diagrammer]
    if args.kontrol:
        ark.append(KONTROLARK)
    if res.docx is not None:  # the kind's own Word document (e.g. the kommune overview's)
        ark = [x.navn for x in res.docx.ark] + ([KONTROLARK] if args.kontrol else [])
        skriv_docx(Rapport(res.docx.ark + [res.rapport.find(KONTROLARK)], res.docx.metadata),
                   args.out, ark=ark)
    else:
        skriv_docx(res.rapport, args.out, ark=ark)
    print(f"Word-dokument skrevet: {args.out}")
    print(kontrollinje(res.kontroller))
    return 0


def demo(args: argparse.Namespace) -> int:
    from addin.skrivere.xlsx import skriv_rapport

    ud = maalsti(Path(args.out).resolve(), (".xlsx",))
    args.input = None
    a, res = byg(args, "regnskab")
    ud.parent.mkdir(parents=True, exist_ok=True)
    skriv_rapport(res.rapport, ud)
    print(f"Eksempel (BIF Regnskab 2024) bygget fra {eksempel(a.eksempel)}")
    print(f"Rapport skrevet: {ud}")
    print(kontrollinje(res.kontroller))
    print(f"Næste skridt: åbn {ud} og se arket {KONTROLARK}.")
    return 0


def _rules(p: argparse.ArgumentParser, standard: str = "efter rapportarten") -> None:
    p.add_argument("--rules", metavar="FIL",
                   help=f"regelfil: en sti eller navnet på en medfølgende (standard: {standard})")


def _art(p: argparse.ArgumentParser) -> None:
    navne = ", ".join(a.navn for a in arter())
    p.add_argument("--art", metavar="NAVN",
                   help=f"rapportarten ({navne}); udeladt: genkendt på input")


def _forvaltning_aar(p: argparse.ArgumentParser) -> None:
    p.add_argument("--forvaltning", metavar="NAVN",
                   help="forvaltningens (balance: udvalgets) navn i rapportens titel")
    p.add_argument("--aar", metavar="ÅR", help="regnskabsåret (fx 2024) i tabellernes overskrifter")


def _kort(a: Rapportart):
    def kør(args: argparse.Namespace) -> int:
        return build(args, a.navn)
    return kør


def tilfoej(undervalg: argparse._SubParsersAction) -> None:
    p = undervalg.add_parser("build", help="byg rapporten (.xlsx) fra input; arten genkendes")
    p.add_argument("input", metavar="INPUT", help=INPUT_HJAELP)
    p.add_argument("--out", required=True, metavar="RAPPORT.xlsx", help="rapportens filnavn (.xlsx)")
    _art(p)
    _rules(p)
    _forvaltning_aar(p)
    p.set_defaults(func=build)

    p = undervalg.add_parser("check", help="vis kontrollerne; afslutter med 1 ved fejl")
    p.add_argument("input", metavar="INPUT", help=INPUT_HJAELP)
    p.add_argument("--alle", action="store_true", help="vis også kontroller, der er ok")
    _art(p)
    _rules(p)
    _forvaltning_aar(p)
    p.set_defaults(func=check)

    p = undervalg.add_parser("export-docx", help="rapporten som Word-dokument (regnskab: "
                                                 "bemærkningerne)")
    p.add_argument("input", metavar="INPUT", help=INPUT_HJAELP)
    p.add_argument("--out", required=True, metavar="BEMÆRKNINGER.docx",
                   help="dokumentets filnavn (.docx)")
    p.add_argument("--kontrol", action="store_true", help="tag kontrollisten med")
    _art(p)
    _rules(p)
    _forvaltning_aar(p)
    p.set_defaults(func=export_docx)

    p = undervalg.add_parser("demo", help="byg det medfølgende eksempel (BIF Regnskab 2024)")
    p.add_argument("--out", default=str(DEMO_UD), metavar="FIL",
                   help=f"rapportens filnavn (standard: {DEMO_UD})")
    _rules(p, "den medfølgende regnskab.yaml")
    p.set_defaults(func=demo)

    for a in arter():
        if a.kommandoer:
            a.kommandoer(undervalg)
        if not a.kommando:
            continue
        p = undervalg.add_parser(a.kommando, help=a.hjaelp)
        p.add_argument("input", nargs="?", metavar="INPUT",
                       help=f"{INPUT_HJAELP} (udeladt: det medfølgende eksempel)")
        p.add_argument("--out", required=True, metavar="RAPPORT.xlsx",
                       help="rapportens filnavn (.xlsx)")
        _rules(p, f"den medfølgende {a.regelfil}.yaml")
        if a.forvaltning_hjaelp:
            p.add_argument("--forvaltning", metavar="UDVALG" if a.navn == "balance" else "NAVN",
                           help=a.forvaltning_hjaelp)
        if a.tilvalg:
            a.tilvalg(p)
        p.set_defaults(func=_kort(a))
