"""Budgetnotat: economy overview, bevillingstekniske tables and the DUT comparison.

Derived rows (netto, I alt, difference) are computed from the lines; printed totals given in
the input are only compared, never shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pandas as pd

from addin.kilde import Kilde, som_kilde
from addin.kontrol import ADVARSEL, OK, Kontrol
from addin.rapporter.budgetnotat.regler import TEKSTER, TEKSTPLADSHOLDERE
from addin.regler import laes_med_tekster
from addin.tabellaeser import laes_tabeller, tjek_ordforraad

SPEC = {
    "oekonomi": (["aktivitet", "aar", "beloeb_tkr"], ["styringsomraade"], ["beloeb_tkr"]),
    "bevillingsteknik": (["tabel", "aktivitet", "aar", "beloeb_tkr"],
                         ["udvalg", "bevilling", "iu", "styringsomraade"], ["beloeb_tkr"]),
    "dut_tabeller": (["tabel", "afsnit", "post", "aar", "beloeb_mio"], ["kode"], ["beloeb_mio"]),
    "indstillinger": (["noegle", "vaerdi"], [], []),
}
SKEMA: dict[str, Any] = {
    "navn": (str,), "pl_aar": (int,), "netto_navn": (str,), "i_alt_navn": (str,),
    "dut_i_alt_navn": (str,), "difference_navn": (str,), "difference": (str,),
    "afsnit": {"dut": (str,), "udgifter": (str,), "difference": (str,)},
    "iu": [(str,)],
    "dut_sammenhaeng": {"*": {"tabel": (str,), "afsnit": (str,), "fortegn": (int,)}},
    "difference_sammenhaeng": {"*": (str,)},
    "tekster?": TEKSTER,  # without it: the bundled budgetnotat.yaml's words
    "diagrammer?": {"ark": (str,), "dut": (str,), "aar": (str,), "enhed": (str,)},  # likewise
}
HALV = Decimal("0.05")


def indlaes_budgetregler(sti: str | Path | None = None) -> dict:
    """The budgetnotat rules (default rules/budgetnotat.yaml), validated."""
    return laes_med_tekster(sti, "budgetnotat", SKEMA, TEKSTPLADSHOLDERE,
                            valg={("difference",): {"dut_minus_udgifter", "udgifter_minus_dut"}})


def _d(x: float) -> Decimal:
    return Decimal(repr(float(x)))


def mio(tkr: float) -> Decimal:
    """t.kr. as mio. kr. rounded half-up to one decimal."""
    return (_d(tkr) / 1000).quantize(Decimal("0.1"), ROUND_HALF_UP)


def _da(x: Decimal | float | int) -> str:
    return str(x).replace(".", ",")


@dataclass
class Budgetnotat:
    """The derived tables (long form: one row per line and year) and the checks."""

    oekonomi: pd.DataFrame          # aktivitet, styringsomraade, aar, beloeb_tkr (+ netto rows)
    bevillingsteknik: pd.DataFrame  # tabel, aktivitet, udvalg, bevilling, iu, aar, beloeb_tkr
    dut: pd.DataFrame               # tabel, afsnit, kode, post, aar, beloeb_mio (+ I alt, diff)
    kontroller: list[Kontrol]
    pl_aar: int


def _linjer(df: pd.DataFrame, total: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    er_total = df["aktivitet"].str.strip().str.lower() == total.lower()
    return df[~er_total], df[er_total]


def beregn(tabeller: dict[str, pd.DataFrame], regler: dict) -> Budgetnotat:
    """Compute every derived row and compare with the printed totals the input may hold."""
    k: list[Kontrol] = []
    bt = tabeller["bevillingsteknik"].copy()
    bt_linjer, bt_total = _linjer(bt, regler["i_alt_navn"])
    oek = tabeller.get("oekonomi")
    styr = {}
    if oek is not None and "styringsomraade" in oek:
        styr = {a: s for a, s in zip(oek["aktivitet"], oek["styringsomraade"]) if s}
    # Tabel 6/7: lines and computed I alt per table and year
    rows = []
    for tabel, g in bt_linjer.groupby("tabel", sort=False):
        rows.append(g)
        tot = g.groupby("aar", sort=False)["beloeb_tkr"].sum().reset_index()
        tot["tabel"], tot["aktivitet"] = tabel, regler["i_alt_navn"]
        rows.append(tot)
        for _, t in bt_total[bt_total["tabel"] == tabel].iterrows():
            v = tot.loc[tot["aar"] == t["aar"], "beloeb_tkr"].sum()
            k.append(Kontrol(OK if v == t["beloeb_tkr"] else ADVARSEL,
                             "Bevillingsteknik: I alt = U + I", f"{tabel} {t['aar']}",
                             f"trykt {t['beloeb_tkr']:.0f}, beregnet {v:.0f}"))
    bevillingsteknik = pd.concat(rows, ignore_index=True)
    # Tabel 5: the same lines by activity and styringsområde, netto computed
    o_linjer = bt_linjer.assign(styringsomraade=bt_linjer["aktivitet"].map(styr).astype(object)
                                .fillna(""))
    o_linjer = o_linjer[["aktivitet", "styringsomraade", "aar", "beloeb_tkr"]]
    netto = o_linjer.groupby("aar", sort=False)["beloeb_tkr"].sum().reset_index()
    netto["aktivitet"], netto["styringsomraade"] = regler["netto_navn"], ""
    oekonomi = pd.concat([o_linjer, netto], ignore_index=True)
    if oek is not None:
        k += _oekonomi_kontroller(oek, o_linjer, netto, bevillingsteknik, regler)
    dut, dk = _dut(tabeller["dut_tabeller"], regler)
    k += dk
    k += _tvaers(oekonomi, bevillingsteknik, dut, tabeller["dut_tabeller"], regler)
    return Budgetnotat(oekonomi, bevillingsteknik, dut, k, int(regler["pl_aar"]))


def _oekonomi_kontroller(oek, o_linjer, netto, bt, regler) -> list[Kontrol]:
    k = []
    linjer, total = _linjer(oek, regler["netto_navn"])
    for _, r in linjer.iterrows():
        hit = o_linjer[(o_linjer["aktivitet"] == r["aktivitet"]) & (o_linjer["aar"] == r["aar"])]
        v = hit["beloeb_tkr"].sum()
        k.append(Kontrol(OK if v == r["beloeb_tkr"] else ADVARSEL,
                         "Økonomi = bevillingsteknik", f"{r['aktivitet']} {r['aar']}",
                         f"økonomi {r['beloeb_tkr']:.0f}, bevillingsteknik {v:.0f}"))
    i_alt = bt[bt["aktivitet"] == regler["i_alt_navn"]].groupby("aar")["beloeb_tkr"].sum()
    for _, r in total.iterrows():
        v = netto.loc[netto["aar"] == r["aar"], "beloeb_tkr"].sum()
        k.append(Kontrol(OK if v == r["beloeb_tkr"] else ADVARSEL, "Økonomi: netto = sum",
                         str(r["aar"]), f"linjerne summerer til {v:.0f}, trykt netto "
                         f"{r['beloeb_tkr']:.0f}"))
        s = i_alt.get(r["aar"], 0)
        k.append(Kontrol(OK if s == r["beloeb_tkr"] else ADVARSEL,
                         "Bevillingsteknik i alt = økonomi netto", str(r["aar"]),
                         f"bevillingstekniske tabeller {s:.0f}, trykt netto "
                         f"{r['beloeb_tkr']:.0f}"))
    return k


def _dut(dut: pd.DataFrame, regler: dict) -> tuple[pd.DataFrame, list[Kontrol]]:
    """DUT tables: posts, computed I alt per block and year, and the difference."""
    k: list[Kontrol] = []
    i_alt, diff_navn = regler["dut_i_alt_navn"], regler["difference_navn"]
    a = regler["afsnit"]
    poster = dut[(dut["post"] != i_alt) & (dut["afsnit"] != a["difference"])]
    for _, r in poster.iterrows():
        tekst = repr(float(r["beloeb_mio"]))
        decimaler = len(tekst.split(".")[1]) if "." in tekst else 0
        if decimaler > 1:
            k.append(Kontrol(ADVARSEL, "DUT-tabel: én decimal",
                             f"{r['tabel']} {r['afsnit']} {r.get('kode', '')} {r['aar']}",
                             f"'{_da(r['beloeb_mio'])}' har {decimaler} decimaler"))
    ud = []
    for (tabel, afsnit), g in poster.groupby(["tabel", "afsnit"], sort=False):
        ud.append(g)
        s = g.groupby("aar", sort=False)["beloeb_mio"].apply(
            lambda x: sum(_d(v) for v in x)).reset_index()
        s["tabel"], s["afsnit"], s["kode"], s["post"] = tabel, afsnit, "", i_alt
        ud.append(s)
        trykt = dut[(dut["tabel"] == tabel) & (dut["afsnit"] == afsnit) & (dut["post"] == i_alt)]
        for _, t in trykt.iterrows():
            hit = s.loc[s["aar"] == t["aar"], "beloeb_mio"]
            v = hit.iloc[0] if len(hit) else Decimal(0)  # a printed I alt for a year with no posts
            k.append(Kontrol(OK if v == _d(t["beloeb_mio"]) else ADVARSEL,
                             "DUT-tabel: I alt = sum af posterne", f"{tabel} {afsnit} {t['aar']}",
                             f"posterne summerer til {_da(v)}, trykt I alt "
                             f"{_da(_d(t['beloeb_mio']))}"))
    tab = pd.concat(ud, ignore_index=True)
    # difference from the printed I alt rows (they are what the reader compares), sign by rule
    fortegn = 1 if regler["difference"] == "dut_minus_udgifter" else -1
    diff_rows = []
    for tabel in tab["tabel"].unique():
        for aar in tab.loc[tab["tabel"] == tabel, "aar"].unique():
            beregnet_dut = _beregnet_i_alt(tab, tabel, a["dut"], i_alt, aar)
            beregnet_udg = _beregnet_i_alt(tab, tabel, a["udgifter"], i_alt, aar)
            d = (beregnet_dut - beregnet_udg) * fortegn
            diff_rows.append({"tabel": tabel, "afsnit": a["difference"], "kode": "",
                              "post": diff_navn, "aar": aar, "beloeb_mio": d})
            trykt_diff = _trykt(dut, tabel, a["difference"], diff_navn, aar)
            # a printed I alt that is missing is replaced by the computed one: never skipped
            trykt_dut = _trykt(dut, tabel, a["dut"], i_alt, aar)
            trykt_udg = _trykt(dut, tabel, a["udgifter"], i_alt, aar)
            trykt_dut = beregnet_dut if trykt_dut is None else trykt_dut
            trykt_udg = beregnet_udg if trykt_udg is None else trykt_udg
            if trykt_diff is not None:
                forventet = (trykt_dut - trykt_udg) * fortegn
                if trykt_diff == forventet:
                    status, tekst = OK, f"{_da(trykt_diff)} = {_da(trykt_dut)} - {_da(trykt_udg)}"
                elif trykt_diff == -forventet:
                    status, tekst = ADVARSEL, (f"trykt {_da(trykt_diff)}, men DUT {_da(trykt_dut)}"
                                               f" - udgifter {_da(trykt_udg)} = "
                                               f"{_da(forventet)} (omvendt fortegn)")
                else:
                    status, tekst = ADVARSEL, f"trykt {_da(trykt_diff)}, beregnet {_da(forventet)}"
                k.append(Kontrol(status, "DUT-tabel: difference = DUT - udgifter",
                                 f"{tabel} {aar}", tekst))
    return pd.concat([tab, pd.DataFrame(diff_rows)], ignore_index=True), k


def _beregnet_i_alt(tab: pd.DataFrame, tabel: str, afsnit: str, i_alt: str, aar) -> Decimal:
    hit = tab[(tab["tabel"] == tabel) & (tab["afsnit"] == afsnit) & (tab["post"] == i_alt)
              & (tab["aar"] == aar)]
    return hit["beloeb_mio"].iloc[0] if len(hit) else Decimal(0)


def _trykt(dut: pd.DataFrame, tabel: str, afsnit: str, post: str, aar) -> Decimal | None:
    hit = dut[(dut["tabel"] == tabel) & (dut["afsnit"] == afsnit) & (dut["post"] == post)
              & (dut["aar"] == aar)]
    return _d(hit["beloeb_mio"].iloc[0]) if len(hit) else None


def _tvaers(oekonomi, bt, dut, dut_trykt, regler) -> list[Kontrol]:
    """Economy table (t.kr.) against the printed DUT tables (mio. kr.), and one price factor."""
    k = []
    i_alt = regler["dut_i_alt_navn"]
    intervaller = []
    for aktivitet, m in regler["dut_sammenhaeng"].items():
        linjer = oekonomi[oekonomi["aktivitet"] == aktivitet]
        graenser = []
        for _, r in linjer.iterrows():
            trykt = _trykt(dut_trykt, m["tabel"], m["afsnit"], i_alt, r["aar"])
            if trykt is None:
                continue
            v = mio(r["beloeb_tkr"] * m["fortegn"])
            k.append(Kontrol(OK if v == trykt else ADVARSEL, "Økonomi mod DUT-tabel",
                             f"{aktivitet} {r['aar']}",
                             f"{r['beloeb_tkr']:.0f} t.kr. = {_da(v)} mio. kr. afrundet, "
                             f"{m['tabel']} {m['afsnit']} I alt {_da(trykt)}"))
            t = _d(r["beloeb_tkr"] * m["fortegn"]) / 1000
            if t:
                graenser.append(sorted(((trykt - HALV) / t, (trykt + HALV) / t)))
        if graenser:
            intervaller.append((aktivitet, max(g[0] for g in graenser),
                                min(g[1] for g in graenser)))
    if intervaller:
        lav, hoej = max(i[1] for i in intervaller), min(i[2] for i in intervaller)
        k.append(Kontrol(OK if lav <= hoej else ADVARSEL, "Økonomi og DUT-tabeller: én prisfaktor",
                         "alle serier",
                         "en fælles faktor findes" if lav <= hoej else
                         "ingen fælles faktor kan omregne økonomitabellen til DUT-tabellerne "
                         "(forskelligt prisniveau eller afrunding)"))
    for bt_tabel, dut_tabel in regler["difference_sammenhaeng"].items():
        ialt = bt[(bt["tabel"] == bt_tabel) & (bt["aktivitet"] == regler["i_alt_navn"])]
        for _, r in ialt.iterrows():
            trykt = _trykt(dut_trykt, dut_tabel, regler["afsnit"]["difference"],
                           regler["difference_navn"],
                           r["aar"])
            if trykt is None:
                continue
            v = mio(r["beloeb_tkr"])
            k.append(Kontrol(OK if v == abs(trykt) else ADVARSEL,
                             "Bevillingsteknik i alt mod DUT-difference", f"{bt_tabel} {r['aar']}",
                             f"{r['beloeb_tkr']:.0f} t.kr. = {_da(v)} mio. kr., {dut_tabel} "
                             f"difference {_da(trykt)}"))
    return k


def laes_budgetnotat(kilde: str | Path | Kilde, regler: dict | None = None,
                     regelfil: str = "budgetnotat.yaml") -> dict[str, pd.DataFrame]:
    """The budgetnotat input: bevillingsteknik and dut_tabeller required, oekonomi optional;
    the DUT tables' blocks (afsnit) must be those the rule file names."""
    kilde = som_kilde(kilde)
    regler = regler or indlaes_budgetregler()
    t = laes_tabeller(kilde, SPEC, ("bevillingsteknik", "dut_tabeller"))
    tjek_ordforraad(kilde, t, "dut_tabeller", "afsnit", list(regler["afsnit"].values()), regelfil)
    tjek_ordforraad(kilde, t, "bevillingsteknik", "iu", regler["iu"], regelfil, tom_tilladt=True)
    return t
