"""Lay out the balance report: one sheet per table, its sentences beside it, and the checks."""

from __future__ import annotations

import math

import pandas as pd

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
    ark = Ark("Kategorifordeling", kolonnebredder=[14, 13, 15, 13, 15, 13, 15])
    ark.tilfoej(Celle("Afstemningerne fordelt på kategorier", "titel"))
    _saetninger(ark, tekst, ("afsnit_1",), 7)
    ark.tom()
    aar = regler.rapportdato.year
    ark.tilfoej(Celle("", "kolonnehoved"), Celle(f"{aar} logninger", "kolonnehoved", flet=2),
                Celle(f"{aar - 1} logninger", "kolonnehoved", flet=2),
                Celle(f"Ændringer fra {aar - 1} til {aar}", "kolonnehoved", flet=2))
    _hoved(ark, "Kategori", *["Antal konti", "Nettobeløb (t.kr)"] * 3)
    for _, r in b.kategorier.iterrows():
        sum_ = r["kategori"] == "i alt"
        ark.tilfoej(Celle(r["kategori"], "tekst_sum" if sum_ else "tekst"),
                    *[Celle(_tal(r[k]), "beloeb_sum" if sum_ else "beloeb")
                      for k in kategorikolonner(aar) + ["antal_aendring",
                                                        "netto_aendring_tkr"]])
    ark.tom()
    for kat, d in regler.data["kategorier"].items():
        ark.tilfoej(Celle(f"Kategori {kat} – {d['navn']}", "fed"))
        _tekst(ark, d["definition"], 7)
    return ark


def _tabelark(navn: str, titel: str, df: pd.DataFrame, kolonner: list[tuple[str, str]],
              bredder: list[float], total: dict | None = None) -> Ark:
    ark = Ark(navn, kolonnebredder=bredder, frys_raekker=3, gentag_raekker=(3, 3), liggende=True)
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
    kol = [("im_funktion", "IM-funktion"), ("navn", "Navn"), ("antal_konti", "Antal konti"),
           ("saldo_total", "Saldo total (t.kr.)"), ("saldo_kategori_1", "Saldo kategori 1"),
           ("opfoelgning_total", "Til opfølgning total"), ("opfoelgning_kategori_2",
                                                           "Opfølgning kategori 2"),
           ("opfoelgning_kategori_3", "Opfølgning kategori 3"),
           ("aeldre_kategori_2", f"Heraf {regler.data['aldersgraense']} kat. 2"),
           ("aeldre_kategori_3", f"Heraf {regler.data['aldersgraense']} kat. 3")]
    return _tabelark("Tabel 1.1", f"Tabel 1.1: Balance pr. {regler.rapportdato:%d.%m.%Y}",
                     b.tabel_1_1, kol, [10, 44, 10, 14, 14, 14, 14, 14, 14, 14])


def aeldre_ark(b: Balance, regler: BalanceRegler) -> Ark:
    kol = [("im_funktion", "IM-funktion"), ("navn", "Navn"), ("forvaltning", "Forvaltning"),
           ("beskrivelse", "Beskrivelse"), ("kategori_2_tkr", "Kategori 2 (t.kr.)"),
           ("kategori_3_tkr", "Kategori 3 (t.kr.)")]
    df = b.aeldre.copy()
    if "beskrivelse" not in df:
        df["beskrivelse"] = ""
    total = {"im_funktion": "I alt", "kategori_2_tkr": _tal(df["kategori_2_tkr"].sum()),
             "kategori_3_tkr": _tal(df["kategori_3_tkr"].sum())}
    return _tabelark("Ældre end 1 år", f"Opfølgningsbeløb {regler.data['aldersgraense']}", df,
                     kol, [10, 40, 12, 34, 16, 16], total)


def tabel_2_1_ark(b: Balance, tekst: list, udvalg: str) -> Ark:
    kol = [("im_funktion", "IM-funktion"), ("navn", "Navn"), ("antal_konti", "Antal konti"),
           ("total_tkr", "Total (t.kr.)"), ("kategori_2_tkr", "Kategori 2"),
           ("kategori_3_tkr", "Kategori 3"), ("aeldre_antal", "Heraf ældre: antal"),
           ("aeldre_kategori_2_tkr", "Ældre kategori 2"),
           ("aeldre_kategori_3_tkr", "Ældre kategori 3")]
    t = b.tabel_2_1
    ark = _tabelark("Tabel 2.1", f"Tabel 2.1: {udvalg}s poster til opfølgning".strip(),
                    t[t["im_funktion"] != "Total"], kol, [10, 44, 10, 12, 12, 12, 12, 14, 14],
                    t[t["im_funktion"] == "Total"].iloc[0].to_dict())
    ark.tom()
    _saetninger(ark, tekst, ("tabel_2_1_note", "afsnit_2"), 9)
    return ark


def handleplanark(b: Balance) -> Ark:
    kol = [("kategori", "Kategori"), ("im_funktion", "IM-funktion"), ("konto", "Konto"),
           ("opfoelgningsbeloeb_kr", "Opfølgningsbeløb (kr.)"),
           ("heraf_aeldre_kr", "Heraf ældre end 1 år (kr.)"), ("ansvarlig", "Ansvarlig"),
           ("overskrift", "Overskrift"), ("aktivitetsplan", "Aktivitetsplan"),
           ("deadline", "Deadline"), ("konsekvensbeskrivelse", "Konsekvensbeskrivelse")]
    df = b.handleplaner.copy()
    for k, _ in kol:
        if k not in df:
            df[k] = ""
    ark = _tabelark("Handleplanoversigt", "Handleplaner, rangordnet efter kategori og kontonummer",
                    df, kol, [9, 10, 11, 14, 14, 10, 26, 70, 12, 34])
    for r in range(4, len(ark.raekker) + 1):
        raekke = ark.raekker[r - 1]
        ark.raekker[r - 1] = [Celle(c.vaerdi, "beloeb_top" if c.stil == "beloeb" else "punkt")
                              for c in raekke]
        tekst = str(raekke[7].vaerdi or "")
        ark.hoejder[r] = 12.0 * max(1, math.ceil(len(tekst) / 95))
    return ark


def systemark(b: Balance, tekst: list) -> Ark:
    kol = [("modtager", "Modtagersystem"), ("fagsystem", "Fagsystem"),
           ("difference_kr", "Difference (kr.)"), ("ansvarlig", "Ansvarlig"),
           ("aktivitetsplan", "Aktivitetsplan"), ("deadline", "Deadline"),
           ("konsekvensbeskrivelse", "Konsekvensbeskrivelse")]
    df = b.systemafstemning.copy()
    for k, _ in kol:
        if k not in df:
            df[k] = ""
    ark = _tabelark("Systemafstemninger", "Systemafstemning: kontrol af dataoverførsler", df, kol,
                    [16, 12, 14, 10, 60, 12, 30])
    ark.tom()
    _saetninger(ark, tekst, tuple(k for k, _ in tekst if k.startswith("systemafstemning")), 7)
    return ark


def afskrivningsark(b: Balance, tekst: list) -> Ark:
    ark = Ark("Afskrivningstabeller", kolonnebredder=[14, 14, 44, 32, 14])
    ark.tilfoej(Celle("Afskrivninger", "titel"))
    kol = [("im_funktion_afskrivning", "IM-funktion (afskrivning)"),
           ("im_funktion_modpost", "IM-funktion (modpost)"), ("navn", "IM-funktion (navn)"),
           ("bevilling", "Bevilling (navn)"), ("beloeb_tkr", "Beløb (t.kr.)")]
    for tabel, grp in b.afskrivninger.groupby("tabel", sort=True):
        ark.tom()
        ark.tilfoej(Celle(f"Tabel {tabel}", "overskrift"))
        _saetninger(ark, tekst, (f"afsnit_{tabel.replace('.', '_')}",), 5)
        _hoved(ark, *[h for _, h in kol])
        for _, r in grp.iterrows():
            ark.tilfoej(*[Celle(_tal(r[k]), "beloeb") if k == "beloeb_tkr" else r[k]
                          for k, _ in kol])
        ark.tilfoej(Celle("Afskrivninger i alt", "tekst_sum"), *[Celle("", "tekst_sum")] * 3,
                    Celle(_tal(grp["beloeb_tkr"].sum()), "beloeb_sum"))
    ark.tom()
    _saetninger(ark, tekst, ("afsnit_4", "afsnit_5"), 5)
    return ark


def tekstark(tekst: list) -> Ark:
    ark = Ark("Tekst", kolonnebredder=[24, 120])
    ark.tilfoej(Celle("Standardsætninger i dokumentets rækkefølge", "titel"))
    _hoved(ark, "Afsnit", "Sætning")
    for kilde, s in tekst:
        ark.tilfoej(kilde, Celle(s, "punkt"))
    return ark


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
    ark.append(tabel_2_1_ark(b, tekst, udvalg))
    ark.append(handleplanark(b))
    if b.systemafstemning is not None:
        ark.append(systemark(b, tekst))
    if b.afskrivninger is not None:
        ark.append(afskrivningsark(b, tekst))
    ark.append(tekstark(tekst))
    ark.append(kontrolark(kontroller, stempel))
    return Rapport(ark=ark, metadata={"titel": "Årsrapportering på balancen",
                                      "emne": "Balanceafstemning"})
