"""Read the balance report's input tables (CSV folder or workbook) with clear Danish errors."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from addin.fejl import InputFejl
from addin.indlaes import (
    WORKBOOK_ENDELSER,
    fortolk_tal,
    laes_csv,
    laes_workbook_ark,
    normaliser_kolonne,
)

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
    "kategorier": (["kategori", "antal_2024", "netto_2024_tkr", "antal_2023", "netto_2023_tkr"],
                   ["antal_aendring", "netto_aendring_tkr"],
                   ["antal_2024", "netto_2024_tkr", "antal_2023", "netto_2023_tkr",
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


def _tabel(navn: str, rows: list[list], fil: str, ark: str | None) -> pd.DataFrame:
    kraevet, valgfri, tal = TABELLER[navn]
    h = next((i for i, r in enumerate(rows[:20])
              if set(kraevet) <= {normaliser_kolonne(v) for v in r if v not in (None, "")}), None)
    if h is None:
        fundet = ", ".join(str(v) for v in (rows[0] if rows else []) if v not in (None, ""))
        mangler = [k for k in kraevet if k not in {normaliser_kolonne(v) for v in
                                                   (rows[0] if rows else []) if v}]
        raise InputFejl(f"Den påkrævede kolonne '{mangler[0] if mangler else kraevet[0]}' "
                        f"mangler (fundet: {fundet or 'ingen'}).", fil=fil, ark=ark, raekke=1,
                        kolonne=mangler[0] if mangler else None)
    header = [normaliser_kolonne(v) if v not in (None, "") else "" for v in rows[h]]
    brug = [k for k in kraevet + valgfri if k in header]
    data: dict[str, list] = {k: [] for k in brug}
    linjer = []
    for j, r in enumerate(rows[h + 1:], start=h + 2):
        if all(v in (None, "") or str(v).strip() == "" for v in r):
            continue
        for k in brug:
            i = header.index(k)
            v = r[i] if i < len(r) else None
            if k in tal:
                tekst = "" if v is None else str(v).strip()
                if tekst == "":
                    v = None
                else:
                    v = fortolk_tal(v, dansk=not isinstance(v, (int, float)) and "," in tekst)
                    if v is None:
                        raise InputFejl(f"'{tekst}' er ikke et tal.", fil=fil, ark=ark,
                                        raekke=j, kolonne=k)
            else:
                if isinstance(v, float) and v.is_integer():
                    v = int(v)
                v = "" if v is None else str(v).strip()
                if k in kraevet and v == "" and navn != "indstillinger":
                    raise InputFejl("Cellen er tom.", fil=fil, ark=ark, raekke=j, kolonne=k)
            data[k].append(v)
        linjer.append(j)
    df = pd.DataFrame(data, columns=brug)
    df["_raekke"] = linjer
    return df


def laes_balance(sti: str | Path) -> BalanceInput:
    """The balance tables of a CSV folder or a workbook; handleplaner is required."""
    sti = Path(sti)
    tabeller = {}
    if sti.is_dir():
        for navn in TABELLER:
            f = sti / f"{navn}.csv"
            if f.exists():
                header, rows, _ = laes_csv(f)
                tabeller[navn] = _tabel(navn, [header] + rows, str(f), None)
    elif sti.suffix.lower() in WORKBOOK_ENDELSER:
        return balance_fra_ark(laes_workbook_ark(sti), str(sti))
    else:
        raise InputFejl("Input findes ikke eller er hverken en mappe eller en projektmappe.",
                        fil=str(sti))
    for navn in PAAKRAEVET:
        if navn not in tabeller:
            raise InputFejl(f"Input mangler {navn}.csv (eller arket '{navn}').", fil=str(sti))
    return BalanceInput(str(sti), tabeller)


def er_balance(arknavne: list[str]) -> bool:
    """Whether a workbook is a balance report's input (it has a 'handleplaner' sheet)."""
    return "handleplaner" in {normaliser_kolonne(a) for a in arknavne}


def balance_fra_ark(ark: dict[str, list[list]], kilde: str) -> BalanceInput:
    """The balance tables among a workbook's sheets (rows of values), by sheet name."""
    normal = {normaliser_kolonne(a): a for a in ark}
    tabeller = {}
    for navn in TABELLER:
        rows = ark.get(normal.get(navn, ""), [])
        if navn in normal and any(v not in (None, "") for r in rows for v in r):
            tabeller[navn] = _tabel(navn, rows, kilde, normal[navn])
    for navn in PAAKRAEVET:
        if navn not in tabeller:
            raise InputFejl(f"Arket '{navn}' mangler eller er tomt.", fil=kilde)
    return BalanceInput(kilde, tabeller)
