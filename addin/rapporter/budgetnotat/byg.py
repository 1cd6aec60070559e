"""The budgetnotat pipeline: read -> derive and check -> optional p/l conversion -> lay out."""

from __future__ import annotations

import argparse
from dataclasses import replace

from addin.kilde import Kilde, stempel
from addin.rapportarter import Bygget, Valg
from addin.rapporter.budgetnotat.beregn import Budgetnotat, beregn, indlaes_budgetregler, laes_budgetnotat
from addin.rapporter.budgetnotat.layout import budgetnotatrapport


def omregn_notat(b: Budgetnotat, indeks, til: int) -> Budgetnotat:
    """The notat's 1.000 kr. tables at another p/l (exact; rounded only when shown)."""

    def omregn(df):
        df = df.copy()
        df["beloeb_tkr"] = [indeks.omregn(v, b.pl_aar, til) for v in df["beloeb_tkr"]]
        return df

    return replace(b, oekonomi=omregn(b.oekonomi), bevillingsteknik=omregn(b.bevillingsteknik),
                   pl_aar=til)


def byg(kilde: Kilde, valg: Valg) -> Bygget:
    """Build the budgetnotat; `valg.ekstra` may hold `pl` (a year) and `pl_indeks` (a file)."""
    regelfil = kilde.regelfil(valg.regler, "budgetnotat")
    regler = indlaes_budgetregler(regelfil)
    b = beregn(laes_budgetnotat(kilde, regler, str(regelfil)), regler)
    noter = []
    if valg.ekstra.get("pl") is not None:
        from addin.rapporter.budgetnotat.prisniveau import indlaes_pl_indeks

        indeks = indlaes_pl_indeks(valg.ekstra.get("pl_indeks"))
        if indeks.eksempel:
            noter.append(f"Bemærk: {indeks.fil} er et eksempel; indsæt KL's pris- og lønskøn.")
        b = omregn_notat(b, indeks, int(valg.ekstra["pl"]))
    rapport = budgetnotatrapport(b, regler, stempel(kilde, regelfil))
    return Bygget(rapport, b.kontroller, model=b, noter=noter)


def _aar(tekst: str) -> int:
    try:
        return int(tekst)
    except ValueError:
        raise argparse.ArgumentTypeError(f"ugyldigt år: {tekst!r} (skriv fx 2025)") from None


def tilvalg(p: argparse.ArgumentParser) -> None:
    """The budgetnotat's own options: another price level."""
    p.add_argument("--pl", metavar="ÅR", type=_aar,
                   help="vis tabellerne i 1.000 kr. i et andet p/l-år")
    p.add_argument("--pl-indeks", metavar="FIL", dest="pl_indeks",
                   help="indeksfil (standard: den medfølgende pl_indeks.yaml)")
