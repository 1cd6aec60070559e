"""`regnskab budgetnotat`, `regnskab udloeb` and `regnskab budgetmodel`: budget documents."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path

from addin.kommandoer import kontrollinje

DATA = Path(__file__).resolve().parents[1] / "data"


def _stempel(input_sti: str, regler: str) -> dict[str, str]:
    return {"Dannet": datetime.now().strftime("%d-%m-%Y %H:%M"), "Input": Path(input_sti).name,
            "Regelfil": Path(regler).name}


def _skriv(rapport, kontroller, ud: str) -> int:
    from addin.skrivere.xlsx import skriv_rapport

    skriv_rapport(rapport, ud)
    print(f"Rapport skrevet: {ud}")
    print(kontrollinje(kontroller))
    return 0


def omregn_notat(b, indeks, til: int):
    """The notat's 1.000 kr. tables at another p/l (exact; rounded only when shown)."""
    from dataclasses import replace

    def omregn(df):
        df = df.copy()
        df["beloeb_tkr"] = [indeks.omregn(v, b.pl_aar, til) for v in df["beloeb_tkr"]]
        return df

    return replace(b, oekonomi=omregn(b.oekonomi), bevillingsteknik=omregn(b.bevillingsteknik),
                   pl_aar=til)


def budgetnotat(args: argparse.Namespace) -> int:
    from addin.budget.budgetnotat import beregn, indlaes_budgetregler, laes_budgetnotat
    from addin.budget.layout import budgetnotatrapport

    regler = indlaes_budgetregler(args.rules)
    sti = args.input or DATA / "budgetnotat-bi03-2023"
    b = beregn(laes_budgetnotat(sti), regler)
    if args.pl is not None:
        from addin.budget.prisniveau import indlaes_pl_indeks

        indeks = indlaes_pl_indeks(args.pl_indeks)
        if indeks.eksempel:
            print(f"Bemærk: {indeks.fil} er et eksempel; indsæt KL's pris- og lønskøn.")
        b = omregn_notat(b, indeks, args.pl)
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


def budgetmodel(args: argparse.Namespace) -> int:
    from addin.budget.budgetmodel import beregn_model, indlaes_modelregler, laes_budgetmodel
    from addin.budget.layout import budgetmodelrapport
    from addin.kontrol import OK, Kontrol
    from addin.regler import indlaes_regler

    model = indlaes_modelregler(args.rules)
    regler = indlaes_regler(args.regnskabsregler)
    sti = args.input or DATA / "budgetmodel-eksempel"
    linjer = beregn_model(laes_budgetmodel(sti), model, regler)
    kontroller = [Kontrol(OK if x.maengdeeffekt_kr + x.priseffekt_kr == -x.afvigelse_kr
                          * regler.fortegn else "fejl", "Pris + mængde = afvigelse",
                          f"{x.ordning} {x.periode}", "eksakt") for x in linjer]
    rapport = budgetmodelrapport(linjer, model, kontroller,
                                 _stempel(str(sti), args.rules or "budgetmodel.yaml"))
    return _skriv(rapport, kontroller, args.out)


def _aar(tekst: str) -> int:
    try:
        return int(tekst)
    except ValueError:
        raise argparse.ArgumentTypeError(f"ugyldigt år: {tekst!r} (skriv fx 2025)") from None


def _input_og_out(p: argparse.ArgumentParser, hvad: str = "mappe eller projektmappe") -> None:
    p.add_argument("input", nargs="?", metavar="INPUT", help=f"{hvad} (udeladt: eksemplet)")
    p.add_argument("--out", required=True, metavar="RAPPORT.xlsx", help="rapportens filnavn (.xlsx)")


def tilfoej(undervalg: argparse._SubParsersAction) -> None:
    p = undervalg.add_parser("budgetnotat", help="budgetnotatets tabeller (økonomi, "
                                                 "bevillingsteknik, DUT)")
    _input_og_out(p)
    p.add_argument("--rules", metavar="FIL", help="regelfil (standard: rules/budgetnotat.yaml)")
    p.add_argument("--pl", metavar="ÅR", type=_aar,
                   help="vis tabellerne i 1.000 kr. i et andet p/l-år")
    p.add_argument("--pl-indeks", metavar="FIL", help="indeksfil (standard: rules/pl_indeks.yaml)")
    p.set_defaults(func=budgetnotat)

    p = undervalg.add_parser("udloeb", help="bevillingsudløb: overblik og vurderinger")
    _input_og_out(p)
    p.add_argument("--rules", metavar="FIL", help="regelfil (standard: rules/udloeb.yaml)")
    p.set_defaults(func=udloeb)

    p = undervalg.add_parser("budgetmodel", help="budgetmodel for ydelser: antal x pris, "
                                                 "brutto og netto efter refusion")
    _input_og_out(p, "mappe eller projektmappe med budgetmodel")
    p.add_argument("--rules", metavar="FIL", help="budgetmodellens regler (refusionssatser; "
                                                  "standard: rules/budgetmodel.yaml)")
    p.add_argument("--regnskabsregler", metavar="FIL", help="sætninger og fortegn "
                                                            "(standard: rules/regnskab.yaml)")
    p.set_defaults(func=budgetmodel)
