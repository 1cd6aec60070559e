"""The report kinds besides the regnskab that a workbook's Refresh can build.

Each kind is recognised by an input sheet only it has; its builder turns the workbook's sheets
(rows of values) into a laid-out report and its checks, with the rule file its settings name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from addin.indlaes import normaliser_kolonne
from addin.kontrol import OK, Kontrol
from addin.layout import Rapport
from addin.regler import find_regelfil
from addin.tabellaeser import tabeller_fra_ark


@dataclass
class Bygget:
    rapport: Rapport
    kontroller: list[Kontrol]


def regelfil_i_indstillinger(ark: dict[str, list[list]], mappe: Path | None) -> Path | None:
    """The rule file named on the settings sheet: a path (relative to the workbook) or the
    name of a bundled rule set; None when the sheet names none."""
    for navn, rows in ark.items():
        if normaliser_kolonne(navn) != "indstillinger":
            continue
        for r in rows:
            if len(r) >= 2 and normaliser_kolonne(r[0]) == "regelfil" and r[1] not in (None, ""):
                return find_regelfil(r[1], "", mappe=mappe, fra_projektmappe=True)
    return None


def _stempel(kilde: str, regler: Path | None, standard: str) -> dict[str, str]:
    return {"Dannet": datetime.now().strftime("%d-%m-%Y %H:%M"), "Input": Path(kilde).name,
            "Regelfil": regler.name if regler else standard}


def _balance(ark, kilde, mappe) -> Bygget:
    from addin.balance.byg import byg_balance_rapport
    from addin.balance.indlaes import balance_fra_ark
    from addin.balance.regler import indlaes_balanceregler

    sti = regelfil_i_indstillinger(ark, mappe)
    aar = indlaes_balanceregler(sti).rapportdato.year
    res = byg_balance_rapport(balance_fra_ark(ark, kilde, aar), sti)
    return Bygget(res.rapport, res.kontroller)


def _budgetnotat(ark, kilde, mappe) -> Bygget:
    from addin.budget.budgetnotat import SPEC, beregn, indlaes_budgetregler
    from addin.budget.layout import budgetnotatrapport

    sti = regelfil_i_indstillinger(ark, mappe)
    regler = indlaes_budgetregler(sti)
    b = beregn(tabeller_fra_ark(ark, kilde, SPEC), regler)
    return Bygget(budgetnotatrapport(b, regler, _stempel(kilde, sti, "budgetnotat.yaml")),
                  b.kontroller)


def _udloeb(ark, kilde, mappe) -> Bygget:
    from addin.budget.layout import udloebsrapport
    from addin.budget.udloeb import SPEC, beregn_udloeb, forbered, indlaes_udloebsregler

    sti = regelfil_i_indstillinger(ark, mappe)
    regler = indlaes_udloebsregler(sti)
    t = forbered(tabeller_fra_ark(ark, kilde, SPEC))
    u = beregn_udloeb(t, regler)
    return Bygget(udloebsrapport(u, t["udloeb"], regler, _stempel(kilde, sti, "udloeb.yaml")),
                  u.kontroller)


def _budgetmodel(ark, kilde, mappe) -> Bygget:
    from addin.budget.budgetmodel import SPEC, beregn_model, indlaes_modelregler
    from addin.budget.layout import budgetmodelrapport
    from addin.regler import indlaes_regler

    sti = regelfil_i_indstillinger(ark, mappe)
    model = indlaes_modelregler(sti)
    regler = indlaes_regler()
    linjer = beregn_model(tabeller_fra_ark(ark, kilde, SPEC)["budgetmodel"], model, regler)
    k = [Kontrol(OK if x.maengdeeffekt_kr + x.priseffekt_kr == -x.afvigelse_kr * regler.fortegn
                 else "fejl", "Pris + mængde = afvigelse", f"{x.ordning} {x.periode}", "eksakt")
         for x in linjer]
    return Bygget(budgetmodelrapport(linjer, model, k, _stempel(kilde, sti, "budgetmodel.yaml")),
                  k)


# key input sheet -> builder
ARTER: dict[str, Callable[[dict, str, Path | None], Bygget]] = {
    "handleplaner": _balance,
    "bevillingsteknik": _budgetnotat,
    "udloeb": _udloeb,
    "budgetmodel": _budgetmodel,
}


def find_art(arknavne: list[str]) -> Callable[[dict, str, Path | None], Bygget] | None:
    """The builder for a workbook whose sheets name one of the other report kinds."""
    normal = {normaliser_kolonne(a) for a in arknavne}
    return next((f for noegle, f in ARTER.items() if noegle in normal), None)


def inputark() -> set[str]:
    """Every input sheet name of these kinds (normalised), for reading a live book."""
    from addin.balance.indlaes import TABELLER as BAL
    from addin.budget.budgetmodel import SPEC as MODEL
    from addin.budget.budgetnotat import SPEC as NOTAT
    from addin.budget.udloeb import SPEC as UDLOEB

    return set(BAL) | set(NOTAT) | set(UDLOEB) | set(MODEL)
