"""Rules of the balance report (rules/balance.yaml), validated like every rule file."""

from __future__ import annotations

import datetime as dt
import os
import re
import string
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from addin.fejl import RegelFejl
from addin.regler import bundlet_regelfil, laes_yaml

SKEMA: dict[str, Any] = {
    "navn": (str,),
    "kategorier": {"*": {"navn": (str,), "definition": (str,)}},
    "handleplan_graense_kr": (int, float),
    "aldersgraense": (str,),
    "rapportdato": (str, dt.date),
    "modtagersystemer": [(str,)],
    "saetninger": {"*": (str,)},
}
SAETNINGER = {
    "afstemte_konti": {"dato", "antal", "antal_ks", "antal_forvaltninger"},
    "konti_reduceret": {"antal"}, "konti_oeget": {"antal"},
    "kategori3_fald": {"aendring", "aar", "beloeb"},
    "kategori3_stigning": {"aendring", "aar", "beloeb"},
    "kategori2_begge_faldet": set(), "kategori2_begge_steget": set(),
    "kategori2_blandet": {"antal_retning", "beloeb_retning"},
    "forvaltning_afstemt": {"aar", "antal", "udvalg"},
    "kategori_logget": {"antal", "kategori", "navn"},
    "graense_note": {"graense"}, "graense_note_system": {"graense"},
    "system_uden_difference": {"dato"},
    "afskrivning_drift": {"forvaltning", "aar", "beloeb"},
    "afskrivning_drift_modpost": {"im", "navn"},
    "afskrivning_balance_modpost": {"im", "navn"},
    "afskrivning_balance": {"forvaltning", "beloeb"},
    "ingen_periodisering": {"forvaltning", "aar"},
    "ingen_hovedkonto9": {"udvalg", "aar"},
}


@dataclass(frozen=True)
class BalanceRegler:
    data: dict
    fil: str
    tekst: str

    def saetning(self, skabelon: str, /, **felter: Any) -> str:
        """Fill the sentence template `skabelon` of the rules."""
        return re.sub(r"(?<=kr)\.\.(?=\s|$)", ".",
                      self.data["saetninger"][skabelon].format(**felter))

    @property
    def rapportdato(self) -> dt.date:
        d = self.data["rapportdato"]
        return d if isinstance(d, dt.date) else dt.date.fromisoformat(d)

    @property
    def graense_kr(self) -> float:
        return float(self.data["handleplan_graense_kr"])

    def kategorinavn(self, kategori: str) -> str:
        return self.data["kategorier"][str(kategori)]["navn"]


def indlaes_balanceregler(sti: str | os.PathLike | None = None) -> BalanceRegler:
    """Load and validate the balance rules (default rules/balance.yaml)."""
    sti = Path(sti) if sti else bundlet_regelfil("balance")
    data, _, tekst = laes_yaml(sti, SKEMA)
    for navn, felter in SAETNINGER.items():
        skabelon = data["saetninger"].get(navn)
        if skabelon is None:
            raise RegelFejl(f"Mangler skabelonen '{navn}'.", fil=str(sti),
                            noegle=f"saetninger.{navn}")
        brugt = {f for _, f, _, _ in string.Formatter().parse(skabelon) if f}
        if brugt - felter:
            raise RegelFejl(f"Ukendt pladsholder {{{sorted(brugt - felter)[0]}}}.", fil=str(sti),
                            noegle=f"saetninger.{navn}")
    ukendte = set(data["saetninger"]) - set(SAETNINGER)
    if ukendte:
        raise RegelFejl("Ukendt skabelon.", fil=str(sti),
                        noegle=f"saetninger.{sorted(ukendte)[0]}")
    regler = BalanceRegler(data, str(sti), tekst)
    try:
        _ = regler.rapportdato
    except ValueError:
        raise RegelFejl("Datoen skal skrives ÅÅÅÅ-MM-DD.", fil=str(sti),
                        noegle="rapportdato") from None
    return regler
