"""The budgetnotat's report sheets: lines by year, derived rows in bold, p/l in headers."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pandas as pd

from addin import diagrammer as dg
from addin.layout import Ark, Celle, Rapport, kontrolark
from addin.rapporter.budgetnotat.beregn import Budgetnotat
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
        # two input lines with the same shown key are one line of the table: summed, never
        # one of them dropped
        linje = linjer.setdefault(tuple(r.get(k, "") for k in noegle), {})
        v = r[vaerdi]
        if v is None or (isinstance(v, float) and pd.isna(v)):
            linje.setdefault(r["aar"], None)
        else:
            forrige = linje.get(r["aar"])
            linje[r["aar"]] = v if forrige is None else forrige + v
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


def _kolonner(t: dict, *noegler: str) -> list[tuple[str, str]]:
    """(column, header from the rules) in the report's order."""
    return [(k, t["kolonner"][k]) for k in noegler]


def dut_pr_aar(b: Budgetnotat, regler: dict) -> list[tuple[str, tuple[Decimal, Decimal]]]:
    """Per year the DUT tables' computed I alt of the DUT-kompensation and of the expenses,
    summed over the tables (mio. kr., exact)."""
    a, i_alt = regler["afsnit"], regler["dut_i_alt_navn"]
    sum_ = b.dut[b.dut["post"] == i_alt]
    aar = sorted(sum_["aar"].unique(), key=lambda x: int(x))
    return [(str(x), tuple(sum((v for v in sum_.loc[(sum_["aar"] == x) & (sum_["afsnit"] == af),
                                                    "beloeb_mio"]), Decimal(0))
                           for af in (a["dut"], a["udgifter"]))) for x in aar]


def diagramark(b: Budgetnotat, regler: dict) -> Ark:
    """DUT-kompensation against the expenses per year: the gap is the underfinansiering the
    notat is about."""
    d, a = regler["diagrammer"], regler["afsnit"]
    raekker = [(aar, tuple(float(v) for v in vaerdier)) for aar, vaerdier in dut_pr_aar(b, regler)]
    return dg.diagramark(d["ark"], [dg.Diagramtabel(
        d["dut"], d["aar"], ((a["dut"], dg.BLAA), (a["udgifter"], dg.ORANGE)), raekker,
        d["enhed"], art="soejle", stil="decimal1")])


def budgetnotatrapport(b: Budgetnotat, regler: dict, stempel: dict[str, str]) -> Rapport:
    """Economy overview, bevillingstekniske tables, DUT tables and the checks; every word is the
    rule file's (`tekster`)."""
    t = regler["tekster"]
    enhed = t["enhed"].format(pl=b.pl_aar)
    to = t["oekonomi"]
    oek = Ark(to["ark"], kolonnebredder=[44, 18] + [12] * 6, liggende=True)
    oek.tilfoej(Celle(to["titel"].format(enhed=enhed), "titel"))
    oek.tom()
    aarstabel(oek, to["tabel"], b.oekonomi, _kolonner(to, "aktivitet", "styringsomraade"),
              "beloeb_tkr", enhed, {regler["netto_navn"]})
    ark = [oek]
    tb = t["bevillingsteknik"]
    bt = Ark(tb["ark"], kolonnebredder=[44, 10, 10, 6] + [12] * 6, liggende=True)
    bt.tilfoej(Celle(tb["titel"].format(enhed=enhed), "titel"))
    for tabel, g in b.bevillingsteknik.groupby("tabel", sort=False):
        bt.tom()
        g = g.reindex(columns=[*g.columns, *(k for k in ("udvalg", "bevilling", "iu")
                                             if k not in g)], fill_value="")
        g = g.astype({k: object for k in ("udvalg", "bevilling", "iu")}).fillna(
            {"udvalg": "", "bevilling": "", "iu": ""})
        aarstabel(bt, tabel, g, _kolonner(tb, "aktivitet", "udvalg", "bevilling", "iu"),
                  "beloeb_tkr", enhed, {regler["i_alt_navn"]})
    ark.append(bt)
    td = t["dut"]
    dut = Ark(td["ark"], kolonnebredder=[8, 90] + [9] * 4, liggende=True)
    dut.tilfoej(Celle(td["titel"].format(dut=regler["afsnit"]["dut"],
                                         udgifter=regler["afsnit"]["udgifter"].lower()), "titel"))
    for tabel, g in b.dut.groupby("tabel", sort=False):
        for afsnit, ga in g.groupby("afsnit", sort=False):
            dut.tom()
            tekst = [k for k in ("kode", "post") if k in ga]  # empty text, amounts untouched
            ga = ga.astype({k: object for k in tekst}).fillna({k: "" for k in tekst})
            aarstabel(dut, td["tabel"].format(tabel=tabel, afsnit=afsnit), ga,
                      _kolonner(td, "kode", "post"), "beloeb_mio", td["enhed"],
                      {regler["dut_i_alt_navn"], regler["difference_navn"]}, "decimal1")
    ark.append(dut)
    ark.append(diagramark(b, regler))
    ark.append(kontrolark(b.kontroller, stempel))
    return Rapport(ark=ark, metadata={"titel": t["titel"], "emne": t["emne"]})
