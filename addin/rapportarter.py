"""The registry of report kinds: what each kind reads, which rules and template it uses, and how
it is built. The CLI, Refresh, the share copy and the templates iterate this registry, so a new
kind is a folder under `addin/rapporter/` that calls `registrer` once.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from addin.fejl import InputFejl
from addin.kilde import Kilde
from addin.kontrol import Kontrol
from addin.layout import Rapport

# (row, column, value): a cell a Refresh writes in place on a sheet the controller types in
Celleaendring = tuple[int, int, object]


@dataclass
class Valg:
    """What the caller may set besides the input: a rule file and the kind's own options."""

    regler: str | Path | None = None
    forvaltning: str | None = None
    aar: str | None = None
    ekstra: dict = field(default_factory=dict)


@dataclass
class Bygget:
    """A built report: its sheets, its checks, and for a Refresh the in-place cell changes.

    `model` is the kind's computed model (the regnskab's is used by `regnskab diff`).
    """

    rapport: Rapport
    kontroller: list[Kontrol]
    paa_stedet: dict[str, list[Celleaendring]] = field(default_factory=dict)
    model: object = None
    hash: str = ""
    noter: list[str] = field(default_factory=list)  # remarks for the user (CLI, status bar)
    docx: Rapport | None = None  # the Word export where it differs from the workbook's sheets


@dataclass(frozen=True)
class Rapportart:
    """One report kind, registered once by its subpackage of `addin.rapporter`."""

    navn: str  # "regnskab"
    titel: str  # shown in messages and help
    kendetegn: str  # the input table (CSV stem / sheet) that only this kind has
    tabeller: tuple[str, ...]  # every input table the kind reads
    regelfil: str  # the bundled rule file used when none is named
    skabeloner: tuple[str, ...]  # templates in workbook_templates/ (without extension)
    eksempel: str  # the bundled example folder in addin/data/
    byg: Callable[[Kilde, Valg], Bygget]
    kommando: str | None = None  # the kind's shorthand command (regnskab balance ...)
    hjaelp: str = ""  # one line of help for that command
    tilvalg: Callable[[argparse.ArgumentParser], None] | None = None  # its own CLI options
    docx_ark: tuple[str, ...] | None = None  # sheets of the Word export (None: all)
    forvaltning_hjaelp: str | None = None  # the kind takes --forvaltning (its help text)
    har_aar: bool = False  # the kind takes --aar
    kommandoer: Callable[[argparse._SubParsersAction], None] | None = None  # its own commands


REGISTER: dict[str, Rapportart] = {}
_INDLAEST = False


def registrer(art: Rapportart) -> Rapportart:
    """Add a kind to the registry (called once, by the kind's __init__)."""
    if art.navn in REGISTER and REGISTER[art.navn] is not art:
        raise ValueError(f"rapportarten {art.navn} er registreret to gange")
    REGISTER[art.navn] = art
    return art


def arter() -> list[Rapportart]:
    """Every registered kind, in the order `addin.rapporter` lists them."""
    global _INDLAEST
    if not _INDLAEST:
        importlib.import_module("addin.rapporter")
        _INDLAEST = True
    return list(REGISTER.values())


def art(navn: str) -> Rapportart:
    """A kind by name; an unknown name lists the known ones."""
    for a in arter():
        if navn in (a.navn, a.kommando):
            return a
    raise InputFejl(f"Ukendt rapportart '{navn}'; kendte: "
                    f"{', '.join(a.navn for a in arter())}.")


def hvad_arterne_kraever(ark: bool) -> str:
    """What identifies each kind: "Budgetmodel: budgetmodel.csv" (or "arket 'budgetmodel'")."""
    return "; ".join(f"{a.titel}: " + (f"arket '{a.kendetegn}'" if ark else f"{a.kendetegn}.csv")
                     for a in arter())


def find_art(kilde: Kilde, navn: str | None = None) -> Rapportart:
    """The kind of an input, from its tables (or forced by `navn`); none or several: a message.

    Without any kind's identifying table, the one kind whose other tables are there is taken,
    so that its reader names what is missing.
    """
    if navn:
        return art(navn)
    tabeller = kilde.tabelnavne()
    fundne = [a for a in arter() if a.kendetegn in tabeller]
    if not fundne:
        fundne = [a for a in arter() if (set(a.tabeller) - {"indstillinger"}) & tabeller]
        if len(fundne) > 1:
            fundne = []
    if not fundne:
        hvad = "Projektmappen" if kilde.ark is not None else "Input"
        raise InputFejl(f"{hvad} passer ikke til nogen rapportart; hver art kræver sit input: "
                        f"{hvad_arterne_kraever(kilde.ark is not None)}.", fil=kilde.navn)
    if len(fundne) > 1:
        raise InputFejl("Input passer til flere rapportarter ("
                        + ", ".join(f"{a.titel}: {a.kendetegn}" for a in fundne)
                        + "); fjern de overflødige ark/filer eller vælg med --art NAVN.",
                        fil=kilde.navn)
    return fundne[0]


def inputtabeller() -> set[str]:
    """Every input table name of every kind (normalised), for reading a live book."""
    return {t for a in arter() for t in a.tabeller} | {"indstillinger"}


def byg_rapport(a: Rapportart, kilde: Kilde, valg: Valg) -> Bygget:
    """Build a kind's report and give it the forvaltning (from the options or Indstillinger)
    that the writers print in the page header beside the report's title."""
    res = a.byg(kilde, valg)
    forvaltning = (valg.forvaltning or kilde.indstilling("forvaltning")
                   or kilde.indstilling("udvalg"))
    if forvaltning:
        res.rapport.metadata.setdefault("forvaltning", forvaltning)
    return res
