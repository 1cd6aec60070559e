"""The regnskab pipeline in one place: read -> validate -> compute -> check -> lay out.

Both the CLI and the Excel Refresh call `byg_regnskab`, so a report is the same wherever it is made.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pandas as pd

from addin.fejl import InputFejl
from addin.indlaes import (
    Input,
    Tabel,
    input_fra_tabeller,
    laes_mappe,
    normaliser_kolonne,
    tabeller_fra_ark,
    uden_gc,
)
from addin.kilde import Kilde, som_kilde
from addin.kontrol import Kontrol
from addin.layout import Rapport
from addin.rapportarter import Bygget, Valg
from addin.rapporter.regnskab import forklaringer as fk
from addin.rapporter.regnskab.beregn import Regnskab, beregn_regnskab
from addin.rapporter.regnskab.forklaringsark import ARKNAVN, aendringer
from addin.rapporter.regnskab.kontrol import kontroller
from addin.rapporter.regnskab.layout import FORKLARINGSARK, regnskabsrapport, rundenavn
from addin.regler import Regler, indlaes_regler


@dataclass
class Resultat:
    """What a build produced: the model, its checks and the laid-out report."""

    regnskab: Regnskab
    kontroller: list[Kontrol]
    rapport: Rapport
    hash: str


def input_hash(inp: Input, regler: Regler) -> str:
    """SHA-256 (first 16 hex digits) of the rule text and the input tables' content."""
    h = hashlib.sha256(regler.tekst.encode("utf-8"))
    for navn in sorted(inp.tabeller):
        df = inp.tabeller[navn].df.drop(columns="_raekke")
        h.update(navn.encode())
        h.update(pd.util.hash_pandas_object(df, index=False).to_numpy().tobytes())
    return h.hexdigest()[:16]


def rapportstempel(r: Regnskab) -> dict[str, str]:
    """What the Økonomiforvaltning's consolidation (regnskab samle) needs to know of a report:
    its kind and round, forvaltning, year, sign convention and the rule file's own hash."""
    ud = {"Rapport": r.regler["rapport"]["titel"], "Runde": rundenavn(r),
          "Forvaltning": r.indstillinger.get("forvaltning", ""),
          "År": r.indstillinger.get("aar", ""), "Fortegn": r.regler["fortegn"],
          "Regelfil-hash": hashlib.sha256(r.regler.tekst.encode("utf-8")).hexdigest()[:16]}
    return {k: v for k, v in ud.items() if v}


def byg_fra_input(inp: Input, regler: Regler, *, forvaltning: str | None = None,
                  aar: str | int | None = None, tidspunkt: datetime | None = None,
                  hash_efter: Callable[[Regnskab], str] | None = None) -> Resultat:
    """Compute, check and lay out an already read input. `hash_efter` gives the stamp's hash
    of the input as a Refresh leaves it (after maintaining sheets in place)."""
    if forvaltning:
        inp.tabeller.setdefault("indstillinger", _tom_indstillinger())
        _saet(inp, "forvaltning", forvaltning)
    if aar:
        inp.tabeller.setdefault("indstillinger", _tom_indstillinger())
        _saet(inp, "aar", str(aar))
    r = beregn_regnskab(inp, regler)
    k = kontroller(r)
    h = hash_efter(r) if hash_efter else input_hash(inp, regler)
    tid = (tidspunkt or datetime.now()).strftime("%d-%m-%Y %H:%M")
    stempel = {"Dannet": tid, "Input": Path(inp.kilde).name, "Regelfil": Path(regler.fil).name,
               "Hash": h}
    if inp.enhed == "kr":
        stempel["Beløb"] = ("Posteringer i kr. er summeret præcist i øre; hvert vist beløb i "
                            "1.000 kr. er afrundet én gang (halvt op) fra den præcise sum, så en "
                            "total kan afvige fra summen af de viste linjer med afrunding.")
    stempel.update(rapportstempel(r))
    return Resultat(r, k, regnskabsrapport(r, k, stempel), h)


def _enhed(tabeller: dict[str, Tabel], regler: Regler, kilde: str) -> str:
    """The unit of the amounts: Indstillinger's `enhed` (tkr/kr) over the rule file's."""
    enhed = regler["enhed"]
    indst = tabeller.get("indstillinger")
    if indst is None:
        return enhed
    for noegle, vaerdi, raekke in zip(indst.df["noegle"], indst.df["vaerdi"], indst.df["_raekke"]):
        if normaliser_kolonne(noegle) == "enhed" and str(vaerdi).strip():
            enhed = str(vaerdi).strip().lower()
            if enhed not in ("tkr", "kr"):
                raise InputFejl(f"Ugyldig enhed '{vaerdi}'; tilladt: tkr, kr.", fil=indst.fil,
                                ark=indst.ark, raekke=int(raekke), kolonne="vaerdi")
    return enhed


def laes(kilde: Kilde, regler: Regler) -> Input:
    """The regnskab tables of a Kilde, validated, amounts in øre in the unit Indstillinger names."""
    with uden_gc():
        if kilde.ark is not None:
            tabeller = tabeller_fra_ark(kilde.ark, kilde.navn)
        else:
            tabeller = laes_mappe(kilde.mappe_csv)
    _tjek_runde(tabeller, regler)
    return input_fra_tabeller(tabeller, kilde.navn, _enhed(tabeller, regler, kilde.navn),
                              mappe=kilde.ark is None)


def _tjek_runde(tabeller: dict[str, Tabel], regler: Regler) -> None:
    """The follow-up round named in Indstillinger must be one the rule file knows."""
    indst = tabeller.get("indstillinger")
    if indst is None:
        return
    runder = regler.data.get("runder", {})
    for noegle, vaerdi, raekke in zip(indst.df["noegle"], indst.df["vaerdi"], indst.df["_raekke"]):
        if normaliser_kolonne(noegle) == "runde" and str(vaerdi).strip():
            if str(vaerdi).strip().lower() not in runder:
                tilladt = ", ".join(f"'{k}'" for k in runder) or "ingen (regelfilen har ingen runder)"
                raise InputFejl(f"Ukendt runde '{vaerdi}'; tilladt: {tilladt}.", fil=indst.fil,
                                ark=indst.ark, raekke=int(raekke), kolonne="vaerdi")


def byg_regnskab(kilde: str | Path | Kilde, regler_sti: str | Path | None = None, *,
                 forvaltning: str | None = None, aar: str | int | None = None) -> Resultat:
    """Read the input with the given rule file (else Indstillinger's, else the bundled
    regnskab.yaml) and build the report."""
    kilde = som_kilde(kilde)
    regler = indlaes_regler(kilde.regelfil(regler_sti, "regnskab"))
    return byg_fra_input(laes(kilde, regler), regler, forvaltning=forvaltning, aar=aar)


def byg(kilde: Kilde, valg: Valg) -> Bygget:
    """The regnskab kind's build. In a Refresh the Forklaringer sheet is the controller's input:
    it is not replaced but maintained in place (status and afvigelse columns, missing rows)."""
    if not kilde.paa_stedet:
        res = byg_regnskab(kilde, valg.regler, forvaltning=valg.forvaltning, aar=valg.aar)
        return Bygget(res.rapport, res.kontroller, model=res.regnskab, hash=res.hash)
    regler = indlaes_regler(kilde.regelfil(valg.regler, "regnskab"))
    inp = laes(kilde, regler)
    arknavn = kilde.arknavn("forklaringer") or ARKNAVN
    raekker = kilde.ark_raekker("forklaringer") or []
    aendr: list = []

    def hash_efter(r: Regnskab) -> str:
        aendr.extend(aendringer(raekker, fk.vedligehold(r.forklaringer, fk.linjer(r))))
        return _hash_efter_refresh(inp, regler, arknavn, raekker, aendr, kilde.navn)

    res = byg_fra_input(inp, regler, forvaltning=valg.forvaltning, aar=valg.aar,
                        hash_efter=hash_efter)
    rapport = Rapport([a for a in res.rapport.ark if a.navn != FORKLARINGSARK],
                      res.rapport.metadata)
    return Bygget(rapport, res.kontroller, paa_stedet={arknavn: aendr}, model=res.regnskab,
                  hash=res.hash)


def _hash_efter_refresh(inp: Input, regler: Regler, arknavn: str, raekker: list[list],
                        aendr: list, kilde: str) -> str:
    """The input's hash as the workbook holds it after the Refresh has written the Forklaringer
    sheet's cells in place, so that the next reading of an unchanged workbook gives the stamp's
    hash (regnskab samle tells a workbook changed after its Refresh by this)."""
    if not aendr:
        return input_hash(inp, regler)
    ny = [list(r) for r in raekker]
    for raekke, kolonne, vaerdi in aendr:
        while len(ny) < raekke:
            ny.append([])
        r = ny[raekke - 1]
        r.extend([None] * (kolonne - len(r)))
        r[kolonne - 1] = vaerdi
    bredde = max(len(r) for r in ny)
    ny = [r + [None] * (bredde - len(r)) for r in ny]
    efter = Input(kilde=inp.kilde, tabeller=dict(inp.tabeller), enhed=inp.enhed)
    efter.tabeller["forklaringer"] = tabeller_fra_ark({arknavn: ny}, kilde)["forklaringer"]
    return input_hash(efter, regler)


def _tom_indstillinger() -> Tabel:
    df = pd.DataFrame({"noegle": pd.Series([], dtype=object),
                       "vaerdi": pd.Series([], dtype=object), "_raekke": []})
    return Tabel(df=df, fil="(kommandolinje)")


def _saet(inp: Input, noegle: str, vaerdi: str) -> None:
    t = inp.tabeller["indstillinger"]
    df = t.df[t.df["noegle"].str.lower() != noegle]
    t.df = pd.concat([df, pd.DataFrame({"noegle": [noegle], "vaerdi": [vaerdi],
                                        "_raekke": [0]})], ignore_index=True)
