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
from addin.regler import bundlet_regelfil, laes_yaml, ordafsnit, tjek_tekster


def _kolonner(*noegler: str) -> dict[str, Any]:
    return {k: (str,) for k in noegler}


# The words of the report (sheet names, titles, column headers, row labels), by sheet. Column
# headers are keyed by the table's column; the columns' order is the report's, not the file's.
TEKSTER: dict[str, Any] = {
    "titel": (str,), "emne": (str,),
    "kategorifordeling": {
        "ark": (str,), "titel": (str,), "aar": (str,), "aendring": (str,),
        "kolonner": _kolonner("kategori", "antal", "netto"), "i_alt": (str,),
        "definition": (str,)},
    "tabel_1_1": {"ark": (str,), "titel": (str,), "kolonner": _kolonner(
        "im_funktion", "navn", "antal_konti", "saldo_total", "saldo_kategori_1",
        "opfoelgning_total", "opfoelgning_kategori_2", "opfoelgning_kategori_3",
        "aeldre_kategori_2", "aeldre_kategori_3")},
    "aeldre": {"ark": (str,), "titel": (str,), "kolonner": _kolonner(
        "im_funktion", "navn", "forvaltning", "beskrivelse", "kategori_2_tkr", "kategori_3_tkr"),
        "i_alt": (str,)},
    "tabel_2_1": {"ark": (str,), "titel": (str,), "kolonner": _kolonner(
        "im_funktion", "navn", "antal_konti", "total_tkr", "kategori_2_tkr", "kategori_3_tkr",
        "aeldre_antal", "aeldre_kategori_2_tkr", "aeldre_kategori_3_tkr"), "total": (str,)},
    "handleplaner": {"ark": (str,), "titel": (str,), "kolonner": _kolonner(
        "kategori", "im_funktion", "konto", "opfoelgningsbeloeb_kr", "heraf_aeldre_kr",
        "ansvarlig", "overskrift", "aktivitetsplan", "deadline", "konsekvensbeskrivelse")},
    "systemafstemning": {"ark": (str,), "titel": (str,), "kolonner": _kolonner(
        "modtager", "fagsystem", "difference_kr", "ansvarlig", "aktivitetsplan", "deadline",
        "konsekvensbeskrivelse")},
    "afskrivninger": {"ark": (str,), "titel": (str,), "tabel": (str,), "kolonner": _kolonner(
        "im_funktion_afskrivning", "im_funktion_modpost", "navn", "bevilling", "beloeb_tkr"),
        "i_alt": (str,)},
    "tekst": {"ark": (str,), "titel": (str,), "kolonner": _kolonner("afsnit", "saetning")},
}
# The placeholders each text may use (a text without placeholders may use none).
TEKSTPLADSHOLDERE: dict[tuple[str, ...], set[str]] = {
    ("kategorifordeling", "aar"): {"aar"},
    ("kategorifordeling", "aendring"): {"aar", "forrige"},
    ("kategorifordeling", "definition"): {"kategori", "navn"},
    ("tabel_1_1", "titel"): {"dato"},
    ("tabel_1_1", "kolonner", "aeldre_kategori_2"): {"aldersgraense"},
    ("tabel_1_1", "kolonner", "aeldre_kategori_3"): {"aldersgraense"},
    ("aeldre", "titel"): {"aldersgraense"},
    ("tabel_2_1", "titel"): {"udvalg"},
    ("afskrivninger", "tabel"): {"tabel"},
}

SKEMA: dict[str, Any] = {
    "navn": (str,),
    "kategorier": {"*": {"navn": (str,), "definition": (str,)}},
    "handleplan_graense_kr": (int, float),
    "aldersgraense": (str,),
    "rapportdato": (str, dt.date),
    "modtagersystemer": [(str,)],
    "saetninger": {"*": (str,)},
    # optional: without it the bundled balance.yaml's words are used
    "tekster?": TEKSTER,
    # the Diagrammer sheet's words; optional like `tekster`
    "diagrammer?": {"ark": (str,), "opfoelgning": (str,), "enhed": (str,)},
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

    @property
    def tekster(self) -> dict:
        """The report's words (section `tekster`, else the bundled file's)."""
        return self.data["tekster"]

    @property
    def diagrammer(self) -> dict:
        """The Diagrammer sheet's words (section `diagrammer`, else the bundled file's)."""
        return self.data["diagrammer"]


def indlaes_balanceregler(sti: str | os.PathLike | None = None) -> BalanceRegler:
    """Load and validate the balance rules (default rules/balance.yaml)."""
    sti = Path(sti) if sti else bundlet_regelfil("balance")
    data, rod, tekst = laes_yaml(sti, SKEMA)
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
    if "tekster" not in data:  # the bundled file's words
        data["tekster"] = laes_yaml(bundlet_regelfil("balance"), SKEMA)[0]["tekster"]
    else:
        tjek_tekster(data["tekster"], TEKSTPLADSHOLDERE, rod, str(sti))
    ordafsnit(data, rod, sti, "balance", SKEMA, "diagrammer")
    regler = BalanceRegler(data, str(sti), tekst)
    try:
        _ = regler.rapportdato
    except ValueError:
        raise RegelFejl("Datoen skal skrives ÅÅÅÅ-MM-DD.", fil=str(sti),
                        noegle="rapportdato") from None
    return regler
