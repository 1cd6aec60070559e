"""Lay out the balance report: one sheet per table, its sentences beside it, and the checks.

Every word of the sheets (names, titles, headers, row labels) is the rule file's (`tekster`).
"""

from __future__ import annotations

import math
import re

import pandas as pd

from addin import diagrammer as dg
from addin.kontrol import Kontrol
from addin.layout import Ark, Celle, Rapport, kontrolark
from addin.rapporter.balance.beregn import Balance, kategorikolonner
from addin.rapporter.balance.indlaes import BalanceInput
from addin.rapporter.balance.regler import BalanceRegler


def _tal(v: object) -> object:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    return int(v) if float(v).is_integer() else float(v)


def _tekst(ark: Ark, tekst: str, bredde: int) -> None:
    r = ark.tilfoej(Celle(tekst, "punkt", flet=bredde))
    linjer = max(1, math.ceil(len(tekst) / (12 * bredde)))
    if linjer > 1:
        ark.hoejder[r] = 15.0 * linjer


def _hoved(ark: Ark, *kolonner: str) -> None:
    r = ark.tilfoej(*[Celle(k, "kolonnehoved") for k in kolonner])
    ark.hoejder[r] = 30.0


def _saetninger(ark: Ark, alle: list[tuple[str, str]], afsnit: tuple[str, ...], bredde: int) -> None:
    for kilde, s in alle:
        if kilde in afsnit:
            _tekst(ark, s, bredde)


def kategoriark(b: Balance, regler: BalanceRegler, tekst: list) -> Ark:
    t = regler.tekster["kategorifordeling"]
    ark = Ark(t["ark"], kolonnebredder=[14, 13, 15, 13, 15, 13, 15])
    ark.tilfoej(Celle(t["titel"], "titel"))
    _saetninger(ark, tekst, ("afsnit_1",), 7)
    ark.tom()
    aar = regler.rapportdato.year
    ark.tilfoej(Celle("", "kolonnehoved"),
                Celle(t["aar"].format(aar=aar), "kolonnehoved", flet=2),
                Celle(t["aar"].format(aar=aar - 1), "kolonnehoved", flet=2),
                Celle(t["aendring"].format(forrige=aar - 1, aar=aar), "kolonnehoved", flet=2))
    kol = t["kolonner"]
    _hoved(ark, kol["kategori"], *[kol["antal"], kol["netto"]] * 3)
    sidste = len(b.kategorier) - 1  # beregn ends the table with its i alt row
    for i, (_, r) in enumerate(b.kategorier.iterrows()):
        sum_ = i == sidste
        ark.tilfoej(Celle(t["i_alt"] if sum_ else r["kategori"], "tekst_sum" if sum_ else "tekst"),
                    *[Celle(_tal(r[k]), "beloeb_sum" if sum_ else "beloeb")
                      for k in kategorikolonner(aar) + ["antal_aendring",
                                                        "netto_aendring_tkr"]])
    ark.tom()
    for kat, d in regler.data["kategorier"].items():
        ark.tilfoej(Celle(t["definition"].format(kategori=kat, navn=d["navn"]), "fed"))
        _tekst(ark, d["definition"], 7)
    return ark


def _kolonner(t: dict, *noegler: str, **felter: object) -> list[tuple[str, str]]:
    """(column, header) of a table, in the report's order, headers from the rules."""
    return [(k, t["kolonner"][k].format(**felter) if felter else t["kolonner"][k])
            for k in noegler]


def _tabelark(t: dict, titel: str, df: pd.DataFrame, kolonner: list[tuple[str, str]],
              bredder: list[float], total: dict | None = None) -> Ark:
    ark = Ark(t["ark"], kolonnebredder=bredder, frys_raekker=3, gentag_raekker=(3, 3),
              liggende=True)
    ark.tilfoej(Celle(titel, "titel"))
    ark.tom()
    _hoved(ark, *[h for _, h in kolonner])
    for _, r in df.iterrows():
        ark.tilfoej(*[Celle(_tal(r[k]), "beloeb") if isinstance(r[k], (int, float))
                      and not isinstance(r[k], bool) else Celle(r[k], "tekst")
                      for k, _ in kolonner])
    if total:
        ark.tilfoej(*[Celle(total.get(k), "beloeb_sum" if isinstance(total.get(k), (int, float))
                            else "tekst_sum") for k, _ in kolonner])
    return ark


def tabel_1_1_ark(b: Balance, regler: BalanceRegler) -> Ark:
    t = regler.tekster["tabel_1_1"]
    kol = _kolonner(t, "im_funktion", "navn", "antal_konti", "saldo_total", "saldo_kategori_1",
                    "opfoelgning_total", "opfoelgning_kategori_2", "opfoelgning_kategori_3",
                    "aeldre_kategori_2", "aeldre_kategori_3",
                    aldersgraense=regler.data["aldersgraense"])
    return _tabelark(t, t["titel"].format(dato=f"{regler.rapportdato:%d.%m.%Y}"),
                     b.tabel_1_1, kol, [10, 44, 10, 14, 14, 14, 14, 14, 14, 14])


def aeldre_ark(b: Balance, regler: BalanceRegler) -> Ark:
    t = regler.tekster["aeldre"]
    kol = _kolonner(t, "im_funktion", "navn", "forvaltning", "beskrivelse", "kategori_2_tkr",
                    "kategori_3_tkr")
    df = b.aeldre.copy()
    if "beskrivelse" not in df:
        df["beskrivelse"] = ""
    total = {"im_funktion": t["i_alt"], "kategori_2_tkr": _tal(df["kategori_2_tkr"].sum()),
             "kategori_3_tkr": _tal(df["kategori_3_tkr"].sum())}
    return _tabelark(t, t["titel"].format(aldersgraense=regler.data["aldersgraense"]), df,
                     kol, [10, 40, 12, 34, 16, 16], total)


def tabel_2_1_ark(b: Balance, regler: BalanceRegler, tekst: list, udvalg: str) -> Ark:
    t = regler.tekster["tabel_2_1"]
    kol = _kolonner(t, "im_funktion", "navn", "antal_konti", "total_tkr", "kategori_2_tkr",
                    "kategori_3_tkr", "aeldre_antal", "aeldre_kategori_2_tkr",
                    "aeldre_kategori_3_tkr")
    tabel = b.tabel_2_1  # beregn ends the table with its total row
    total = {**tabel.iloc[-1].to_dict(), "im_funktion": t["total"]}
    # without an udvalg the title leaves its name out rather than printing a hole
    titel = (t["titel"].format(udvalg=udvalg) if udvalg
             else re.sub(r"\{udvalg\}s?\s*", "", t["titel"])).strip()
    ark = _tabelark(t, titel, tabel.iloc[:-1], kol, [10, 44, 10, 12, 12, 12, 12, 14, 14], total)
    ark.tom()
    _saetninger(ark, tekst, ("tabel_2_1_note", "afsnit_2"), 9)
    return ark


def handleplanark(b: Balance, regler: BalanceRegler) -> Ark:
    t = regler.tekster["handleplaner"]
    kol = _kolonner(t, "kategori", "im_funktion", "konto", "opfoelgningsbeloeb_kr",
                    "heraf_aeldre_kr", "ansvarlig", "overskrift", "aktivitetsplan", "deadline",
                    "konsekvensbeskrivelse")
    df = b.handleplaner.copy()
    for k, _ in kol:
        if k not in df:
            df[k] = ""
    ark = _tabelark(t, t["titel"], df, kol, [9, 10, 11, 14, 14, 10, 26, 70, 12, 34])
    for r in range(4, len(ark.raekker) + 1):
        raekke = ark.raekker[r - 1]
        ark.raekker[r - 1] = [Celle(c.vaerdi, "beloeb_top" if c.stil == "beloeb" else "punkt")
                              for c in raekke]
        tekst = str(raekke[7].vaerdi or "")
        ark.hoejder[r] = 12.0 * max(1, math.ceil(len(tekst) / 95))
    return ark


def systemark(b: Balance, regler: BalanceRegler, tekst: list) -> Ark:
    t = regler.tekster["systemafstemning"]
    kol = _kolonner(t, "modtager", "fagsystem", "difference_kr", "ansvarlig", "aktivitetsplan",
                    "deadline", "konsekvensbeskrivelse")
    df = b.systemafstemning.copy()
    for k, _ in kol:
        if k not in df:
            df[k] = ""
    ark = _tabelark(t, t["titel"], df, kol, [16, 12, 14, 10, 60, 12, 30])
    ark.tom()
    _saetninger(ark, tekst, tuple(k for k, _ in tekst if k.startswith("systemafstemning")), 7)
    return ark


def afskrivningsark(b: Balance, regler: BalanceRegler, tekst: list) -> Ark:
    t = regler.tekster["afskrivninger"]
    ark = Ark(t["ark"], kolonnebredder=[14, 14, 44, 32, 14])
    ark.tilfoej(Celle(t["titel"], "titel"))
    kol = _kolonner(t, "im_funktion_afskrivning", "im_funktion_modpost", "navn", "bevilling",
                    "beloeb_tkr")
    for tabel, grp in b.afskrivninger.groupby("tabel", sort=True):
        ark.tom()
        ark.tilfoej(Celle(t["tabel"].format(tabel=tabel), "overskrift"))
        _saetninger(ark, tekst, (f"afsnit_{tabel.replace('.', '_')}",), 5)
        _hoved(ark, *[h for _, h in kol])
        for _, r in grp.iterrows():
            ark.tilfoej(*[Celle(_tal(r[k]), "beloeb") if k == "beloeb_tkr" else r[k]
                          for k, _ in kol])
        ark.tilfoej(Celle(t["i_alt"], "tekst_sum"), *[Celle("", "tekst_sum")] * 3,
                    Celle(_tal(grp["beloeb_tkr"].sum()), "beloeb_sum"))
    ark.tom()
    _saetninger(ark, tekst, ("afsnit_4", "afsnit_5"), 5)
    return ark


def tekstark(regler: BalanceRegler, tekst: list) -> Ark:
    t = regler.tekster["tekst"]
    ark = Ark(t["ark"], kolonnebredder=[24, 120])
    ark.tilfoej(Celle(t["titel"], "titel"))
    _hoved(ark, t["kolonner"]["afsnit"], t["kolonner"]["saetning"])
    for kilde, s in tekst:
        ark.tilfoej(kilde, Celle(s, "punkt"))
    return ark


def diagramark(b: Balance, regler: BalanceRegler) -> Ark:
    """The amounts to follow up per IM-funktion (Tabel 2.1), kategori 2 and 3 stacked, the
    largest first: where the work of the action plans lies."""
    d, t = regler.diagrammer, regler.tekster["tabel_2_1"]["kolonner"]
    linjer = b.tabel_2_1.iloc[:-1]  # beregn ends the table with its total row
    raekker = sorted(((f"{r['im_funktion']} {r['navn']}".strip(),
                       (_tal(r["kategori_2_tkr"]), _tal(r["kategori_3_tkr"])))
                      for _, r in linjer.iterrows()), key=lambda x: -abs(sum(x[1])))
    return dg.diagramark(d["ark"], [dg.Diagramtabel(
        d["opfoelgning"], t["im_funktion"],
        ((t["kategori_2_tkr"], dg.GUL), (t["kategori_3_tkr"], dg.ROED)), raekker, d["enhed"],
        stablet=True)])


def balancerapport(inp: BalanceInput, b: Balance, regler: BalanceRegler, tekst: list,
                   kontroller: list[Kontrol], stempel: dict[str, str]) -> Rapport:
    """All sheets the input allows, then the checks."""
    udvalg = inp.indstillinger.get("udvalg", "")
    ark = []
    if b.kategorier is not None:
        ark.append(kategoriark(b, regler, tekst))
    if b.tabel_1_1 is not None:
        ark.append(tabel_1_1_ark(b, regler))
    if b.aeldre is not None:
        ark.append(aeldre_ark(b, regler))
    ark.append(tabel_2_1_ark(b, regler, tekst, udvalg))
    ark.append(handleplanark(b, regler))
    if b.systemafstemning is not None:
        ark.append(systemark(b, regler, tekst))
    if b.afskrivninger is not None:
        ark.append(afskrivningsark(b, regler, tekst))
    ark.append(tekstark(regler, tekst))
    ark.append(diagramark(b, regler))
    ark.append(kontrolark(kontroller, stempel))
    t = regler.tekster
    return Rapport(ark=ark, metadata={"titel": t["titel"], "emne": t["emne"]})
