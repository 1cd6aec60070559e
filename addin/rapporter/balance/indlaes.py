"""Read the balance report's input tables (CSV folder or workbook) with clear Danish errors."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from addin.indlaes import normaliser_kolonne
from addin.kilde import Kilde, som_kilde
from addin.tabellaeser import laes_tabeller, tjek_ordforraad

# table -> (required columns, optional columns, numeric columns)
TABELLER: dict[str, tuple[list[str], list[str], list[str]]] = {
    "handleplaner": (["kategori", "im_funktion", "konto", "opfoelgningsbeloeb_kr"],
                     ["heraf_aeldre_kr", "ansvarlig", "overskrift", "aktivitetsplan", "deadline",
                      "konsekvensbeskrivelse", "forvaltning", "saldo_kr"],
                     ["opfoelgningsbeloeb_kr", "heraf_aeldre_kr", "saldo_kr"]),
    "tabel_1_1": (["im_funktion", "navn", "antal_konti", "saldo_total", "saldo_kategori_1",
                   "opfoelgning_total", "opfoelgning_kategori_2", "opfoelgning_kategori_3",
                   "aeldre_kategori_2", "aeldre_kategori_3"], [],
                  ["antal_konti", "saldo_total", "saldo_kategori_1", "opfoelgning_total",
                   "opfoelgning_kategori_2", "opfoelgning_kategori_3", "aeldre_kategori_2",
                   "aeldre_kategori_3"]),
    "kategorier": (["kategori", "antal_{aar}", "netto_{aar}_tkr", "antal_{forrige}",
                    "netto_{forrige}_tkr"], ["antal_aendring", "netto_aendring_tkr"],
                   ["antal_{aar}", "netto_{aar}_tkr", "antal_{forrige}", "netto_{forrige}_tkr",
                    "antal_aendring", "netto_aendring_tkr"]),
    "aeldre_end_1_aar": (["im_funktion", "navn", "forvaltning", "kategori_2_tkr",
                          "kategori_3_tkr"], ["beskrivelse"], ["kategori_2_tkr", "kategori_3_tkr"]),
    "systemafstemning": (["modtager", "fagsystem", "difference_kr"],
                         ["ansvarlig", "aktivitetsplan", "deadline", "konsekvensbeskrivelse"],
                         ["difference_kr"]),
    "afskrivninger": (["tabel", "im_funktion_afskrivning", "im_funktion_modpost", "navn",
                       "bevilling", "beloeb_tkr"], [], ["beloeb_tkr"]),
    "tabel_2_1": (["im_funktion", "navn", "antal_konti", "total_tkr", "kategori_2_tkr",
                   "kategori_3_tkr"], ["aeldre_antal", "aeldre_kategori_2_tkr",
                                       "aeldre_kategori_3_tkr"],
                  ["antal_konti", "total_tkr", "kategori_2_tkr", "kategori_3_tkr", "aeldre_antal",
                   "aeldre_kategori_2_tkr", "aeldre_kategori_3_tkr"]),
    "indstillinger": (["noegle", "vaerdi"], [], []),
}
PAAKRAEVET = ("handleplaner",)
OPFOELGNINGSKATEGORIER = ("2", "3")  # the kategorier of the action-plan log


def tabeller(aar: int) -> dict[str, tuple[list[str], list[str], list[str]]]:
    """The input tables for a report year: the category summary names this and last year."""
    return {navn: tuple([k.format(aar=aar, forrige=aar - 1) for k in liste] for liste in spec)
            for navn, spec in TABELLER.items()}


@dataclass
class BalanceInput:
    kilde: str
    tabeller: dict[str, pd.DataFrame]

    def get(self, navn: str) -> pd.DataFrame | None:
        return self.tabeller.get(navn)

    @property
    def indstillinger(self) -> dict[str, str]:
        t = self.tabeller.get("indstillinger")
        if t is None:
            return {}
        return {normaliser_kolonne(k): str(v).strip() for k, v in zip(t["noegle"], t["vaerdi"])}


def laes_balance(kilde: str | Path | Kilde, aar: int) -> BalanceInput:
    """The balance tables of a CSV folder or a workbook's sheets for report year `aar`."""
    kilde = som_kilde(kilde)
    t = laes_tabeller(kilde, tabeller(aar), PAAKRAEVET)
    # the log holds the accounts to follow up (kategori 2 and 3); another kategori would count
    # in Tabel 2.1's totals but in none of its columns
    tjek_ordforraad(kilde, t, "handleplaner", "kategori", list(OPFOELGNINGSKATEGORIER),
                    "balance.yaml")
    return BalanceInput(kilde.navn, t)
