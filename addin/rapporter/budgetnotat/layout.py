"""The budgetnotat's report sheets: lines by year, derived rows in bold, p/l in headers."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pandas as pd

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
    dut.tilfoej(Celle(f"{regler['afsnit']['dut']} og {regler['afsnit']['udgifter'].lower()} "
                      "(mio. kr.)", "titel"))
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
