"""The regnskab pipeline in one place: read -> validate -> compute -> check -> lay out.

Both the CLI and the Excel Refresh call `byg_regnskab`, so a report is the same wherever it is made.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pandas as pd

from addin.data import eksempel
from addin.indlaes import Input, Tabel, laes_input
from addin.kontrol import Kontrol, kontroller
from addin.layout import Rapport
from addin.regler import Regler, indlaes_regler
from addin.regnskab import Regnskab, beregn_regnskab
from addin.regnskabslayout import regnskabsrapport

DEMO = eksempel("bif-regnskab-2024")


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


def byg_fra_input(inp: Input, regler: Regler, *, forvaltning: str | None = None,
                  aar: str | int | None = None, tidspunkt: datetime | None = None) -> Resultat:
    """Compute, check and lay out an already read input."""
    if forvaltning:
        inp.tabeller.setdefault("indstillinger", _tom_indstillinger())
        _saet(inp, "forvaltning", forvaltning)
    if aar:
        inp.tabeller.setdefault("indstillinger", _tom_indstillinger())
        _saet(inp, "aar", str(aar))
    r = beregn_regnskab(inp, regler)
    k = kontroller(r)
    h = input_hash(inp, regler)
    tid = (tidspunkt or datetime.now()).strftime("%d-%m-%Y %H:%M")
    stempel = {"Dannet": tid, "Input": Path(inp.kilde).name, "Regelfil": Path(regler.fil).name,
               "Hash": h}
    if inp.enhed == "kr":
        stempel["Beløb"] = ("Posteringer i kr. er summeret præcist i øre; hvert vist beløb i "
                            "1.000 kr. er afrundet én gang (halvt op) fra den præcise sum, så en "
                            "total kan afvige fra summen af de viste linjer med afrunding.")
    return Resultat(r, k, regnskabsrapport(r, k, stempel), h)


def byg_regnskab(input_sti: str | Path, regler_sti: str | Path | None = None, *,
                 forvaltning: str | None = None, aar: str | int | None = None) -> Resultat:
    """Read the input at `input_sti` with the rule file `regler_sti` and build the report."""
    regler = indlaes_regler(regler_sti)
    inp = laes_input(input_sti, enhed=regler["enhed"])
    return byg_fra_input(inp, regler, forvaltning=forvaltning, aar=aar)


def _tom_indstillinger() -> Tabel:
    df = pd.DataFrame({"noegle": pd.Series([], dtype=object),
                       "vaerdi": pd.Series([], dtype=object), "_raekke": []})
    return Tabel(df=df, fil="(kommandolinje)")


def _saet(inp: Input, noegle: str, vaerdi: str) -> None:
    t = inp.tabeller["indstillinger"]
    df = t.df[t.df["noegle"].str.lower() != noegle]
    t.df = pd.concat([df, pd.DataFrame({"noegle": [noegle], "vaerdi": [vaerdi],
                                        "_raekke": [0]})], ignore_index=True)
