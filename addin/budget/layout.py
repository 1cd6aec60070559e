"""Lay out budget documents as report sheets: lines by year, derived rows in bold, p/l in headers."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pandas as pd

from addin.budget.budgetnotat import Budgetnotat
from addin.layout import Ark, Celle, Rapport
from addin.regnskabslayout import kontrolark
from addin.talformat import heltal


def _tal(v: object) -> object:
    if v is None or (isinstance(v, float) and pd.isna(v)):
        return None
    if isinstance(v, Fraction):  # converted p/l amounts: shown rounded half-up
        return heltal(v)
    if isinstance(v, Decimal):
        return float(v)
    return int(v) if float(v).is_integer() else float(v)


def bred(df: pd.DataFrame, noegle: list[str], vaerdi: str) -> tuple[list[tuple], list]:
    """Lines (in first-seen order) with their value per year: [(key..., {aar: v})], years."""
    aar = sorted(df["aar"].unique(), key=lambda a: int(a))
    linjer: dict[tuple, dict] = {}
    for _, r in df.iterrows():
        linjer.setdefault(tuple(r[k] for k in noegle), {})[r["aar"]] = r[vaerdi]
    return list(linjer.items()), aar


def aarstabel(ark: Ark, titel: str, df: pd.DataFrame, noegle: list[tuple[str, str]],
              vaerdi: str, enhed: str, sumnavne: set[str], talformat: str = "beloeb") -> None:
    """One table: a row per line, a column per year; rows named in `sumnavne` are totals."""
    linjer, aar = bred(df, [k for k, _ in noegle], vaerdi)
    ark.tilfoej(Celle(titel, "overskrift"))
    r = ark.tilfoej(*[Celle(h, "kolonnehoved_venstre") for _, h in noegle],
                    *[Celle(str(a), "kolonnehoved") for a in aar])
    ark.hoejder[r] = 30.0
    ark.tilfoej(*[Celle("") for _ in noegle], *[Celle(enhed, "enhed") for _ in aar])
    for noeglevaerdier, v in linjer:
        total = any(x in sumnavne for x in noeglevaerdier)
        tekststil = "tekst_sum" if total else "tekst"
        stil = {("beloeb", False): "beloeb", ("beloeb", True): "beloeb_sum",
                ("decimal1", False): "decimal1", ("decimal1", True): "decimal1_sum"}[
                    (talformat, total)]
        ark.tilfoej(*[Celle(x, tekststil) for x in noeglevaerdier],
                    *[Celle(_tal(v.get(a)), stil) for a in aar])


def budgetnotatrapport(b: Budgetnotat, regler: dict, stempel: dict[str, str]) -> Rapport:
    """Economy overview, bevillingstekniske tables, DUT tables and the checks."""
    enhed = f"1.000 kr., {b.pl_aar} p/l"
    oek = Ark("Økonomi", kolonnebredder=[44, 18] + [12] * 6, liggende=True)
    oek.tilfoej(Celle(f"Oversigt over aktiviteter på alle styringsområder ({enhed})", "titel"))
    oek.tom()
    aarstabel(oek, "Økonomi", b.oekonomi, [("aktivitet", "Aktivitet"),
                                           ("styringsomraade", "Styringsområde")],
              "beloeb_tkr", enhed, {regler["netto_navn"]})
    ark = [oek]
    bt = Ark("Bevillingstekniske tabeller", kolonnebredder=[44, 10, 10, 6] + [12] * 6, liggende=True)
    bt.tilfoej(Celle(f"Bevillingstekniske tabeller ({enhed})", "titel"))
    for tabel, g in b.bevillingsteknik.groupby("tabel", sort=False):
        bt.tom()
        g = g.fillna("")
        aarstabel(bt, tabel, g, [("aktivitet", "Aktivitet"), ("udvalg", "Udvalg"),
                                 ("bevilling", "Bevilling"), ("iu", "I/U")],
                  "beloeb_tkr", enhed, {regler["i_alt_navn"]})
    ark.append(bt)
    dut = Ark("DUT", kolonnebredder=[8, 90] + [9] * 4, liggende=True)
    dut.tilfoej(Celle("DUT-kompensation og udgifter (mio. kr.)", "titel"))
    for tabel, g in b.dut.groupby("tabel", sort=False):
        for afsnit, ga in g.groupby("afsnit", sort=False):
            dut.tom()
            aarstabel(dut, f"{tabel} – {afsnit}", ga.fillna(""), [("kode", "Kode"),
                                                                    ("post", "Post")],
                      "beloeb_mio", "mio. kr.", {regler["dut_i_alt_navn"],
                                                 regler["difference_navn"]}, "decimal1")
    ark.append(dut)
    ark.append(kontrolark(b.kontroller, stempel))
    return Rapport(ark=ark, metadata={"titel": "Budgetnotat", "emne": "Budget"})


UDLOEB_TITLER = {
    "antal_per_kategori": "Initiativer pr. kategori",
    "antal_per_vurdering": "Vurderinger pr. kategori",
    "foreslaaet_per_aar": "Foreslåede beløb pr. år (mio. kr., {pl} p/l)",
    "foreslaaet_per_vurdering": "Foreslåede beløb pr. vurdering (mio. kr., {pl} p/l)",
    "foreslaaet_per_kategori": "Foreslåede beløb pr. kategori (mio. kr., {pl} p/l)",
    "foreslaaet_per_styringsomraade": "Foreslåede beløb pr. styringsområde (mio. kr., {pl} p/l)",
    "foreslaaet_per_forvaltning": "Foreslåede beløb pr. forvaltning (mio. kr., {pl} p/l)",
    "foreslaaet_per_initiativ": "Foreslåede beløb pr. initiativ (mio. kr., {pl} p/l)",
    "bevilget_per_aar": "Oprindeligt bevilgede beløb pr. år (mio. kr.)",
}
OVERSKRIFTER = {"kategori": "Kategori", "initiativer": "Initiativer", "raekker": "Rækker",
               "vurdering": "Vurdering", "aar": "År", "model": "Model", "nr": "Nr.",
               "styringsomraade": "Styringsområde", "forvaltning": "Forvaltning",
               "beloeb_mio": "Beløb (mio. kr.)"}
VURDERINGSNAVNE = {"kan_videreføres": "Kan videreføres",
                   "kan_videreføres_med_justeringer": "Kan videreføres med justeringer",
                   "bør_ikke_videreføres": "Bør ikke videreføres",
                   "kan_ikke_vurderes": "Kan ikke vurderes endnu", "andet": "Andet"}


def _celle(v: object) -> Celle:
    if isinstance(v, Decimal):
        return Celle(float(v), "decimal2")
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return Celle(v, "beloeb")
    return Celle(VURDERINGSNAVNE.get(v, v) if isinstance(v, str) else v)


def udloebsrapport(u, register: pd.DataFrame, regler: dict, stempel: dict[str, str]) -> Rapport:
    """Overview tables, the assessment per initiative with its standard sentence, and checks."""
    pl = regler["udloebsaar"]
    ov = Ark("Overblik", kolonnebredder=[34, 22, 12, 12, 12, 12, 12, 14], liggende=True)
    ov.tilfoej(Celle(f"Bevillingsudløb {pl}", "titel"))
    for navn, df in u.tabeller.items():
        ov.tom()
        ov.tilfoej(Celle(UDLOEB_TITLER[navn].format(pl=pl), "overskrift"))
        periode = f"I alt {regler['aar_i_alt'][0]}-{regler['aar_i_alt'][1]}"
        navne = {**OVERSKRIFTER, "i_alt": periode if navn.startswith("foreslaaet") else "I alt"}
        r = ov.tilfoej(*[Celle(navne.get(k, k), "kolonnehoved") for k in df.columns])
        ov.hoejder[r] = 30.0
        for _, x in df.iterrows():
            total = any(str(v) == "I alt" for v in x.values)
            celler = [_celle(v) for v in x.values]
            if total:
                celler = [Celle(c.vaerdi, "beloeb_sum" if c.stil == "beloeb" else "tekst_sum")
                          for c in celler]
            ov.tilfoej(*celler)
    vur = Ark("Vurderinger", kolonnebredder=[6, 6, 22, 50, 30, 90], liggende=True)
    vur.tilfoej(Celle("Forvaltningens vurdering pr. initiativ", "titel"))
    vur.tom()
    r = vur.tilfoej(*[Celle(h, "kolonnehoved_venstre") for h in
                      ("Nr.", "Del", "Kategori", "Titel", "Vurdering", "Standardsætning")])
    vur.frys_raekker = r
    for _, x in register.iterrows():
        vur.tilfoej(x["nr"], x.get("delindsats", ""), x["kategori"],
                    Celle(x.get("titel", ""), "punkt"),
                    VURDERINGSNAVNE.get(x["vurdering"], x["vurdering"]),
                    Celle(regler["vurderinger"].get(x["vurdering"], ""), "punkt"))
    return Rapport([ov, vur, kontrolark(u.kontroller, stempel)],
                   metadata={"titel": f"Bevillingsudløb {pl}", "emne": "Budget"})


def budgetmodelrapport(linjer: list, model: dict, kontroller: list, stempel: dict[str, str]) -> Rapport:
    """The model per scheme: gross and net, afvigelse in t.kr., the split and its sentences."""
    from addin.regnskab import tkr_vist

    def t(kr) -> int:
        return tkr_vist(round(kr * 100))

    ark = Ark("Modelresultat", kolonnebredder=[26, 10, 10] + [14] * 7, liggende=True)
    ark.tilfoej(Celle(f"Budgetmodel (1.000 kr.; pris- og mængdeeffekter på {model['grundlag']})",
                      "titel"))
    ark.tom()
    r = ark.tilfoej(*[Celle(h, "kolonnehoved") for h in (
        "Ordning", "Periode", "Refusion pct.", "Budget brutto", "Forventet brutto",
        "Budget netto", "Forventet netto", "Afvigelse", "Mængdeeffekt", "Priseffekt")])
    ark.hoejder[r] = 30.0
    for x in linjer:
        ark.tilfoej(x.ordning, x.periode, Celle(float(x.refusion_pct * 100), "decimal1"),
                    *[Celle(t(v), "beloeb") for v in (x.budget_brutto, x.forventet_brutto,
                                                      x.budget_netto, x.forventet_netto,
                                                      x.afvigelse_kr, x.maengdeeffekt_kr,
                                                      x.priseffekt_kr)])
    ark.tilfoej(Celle("I alt", "tekst_sum"), Celle("", "tekst_sum"), Celle("", "tekst_sum"),
                *[Celle(t(sum(getattr(x, f) for x in linjer)), "beloeb_sum")
                  for f in ("budget_brutto", "forventet_brutto", "budget_netto",
                            "forventet_netto", "afvigelse_kr", "maengdeeffekt_kr",
                            "priseffekt_kr")])
    for x in linjer:
        ark.tom()
        ark.tilfoej(Celle(f"{x.ordning} {x.periode}", "fed"))
        ark.tilfoej(Celle(x.saetninger[0], "punkt", flet=10))
        ark.tilfoej(Celle("Det skyldes:", "punkt", flet=10))
        for s in x.saetninger[1:]:
            ark.tilfoej(Celle(f"• {s}", "punkt", flet=10))
    return Rapport([ark, kontrolark(kontroller, stempel)],
                   metadata={"titel": "Budgetmodel", "emne": "Budget"})
