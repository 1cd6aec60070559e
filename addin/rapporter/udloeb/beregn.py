"""Bevillingsudløb: the register of expiring appropriations and the overview a committee reads.

Sums are exact (Decimal); a total and its parts count the money once (`i_sum`), and the two
models of an initiative are alternatives, never added together.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd

from addin.fejl import InputFejl
from addin.kilde import Kilde, som_kilde
from addin.kontrol import ADVARSEL, OK, Kontrol
from addin.rapporter.udloeb.regler import TEKSTER, TEKSTPLADSHOLDERE
from addin.regler import bundlet_regelfil, laes_yaml, ordafsnit, tjek_tekster
from addin.tabellaeser import laes_tabeller, tjek_ordforraad

SPEC = {
    "udloeb": (["nr", "kategori", "vurdering"],
               ["titel", "titel_udledt", "maalgruppe", "delindsats", "vurdering_tekst",
                "oprindelig_bevilling_tekst", "foreslaaet_tekst"], []),
    "beloeb": (["nr", "type", "beloeb_mio"],
               ["delindsats", "styringsomraade", "aar", "pl_aar", "forvaltning", "model",
                "beskrivelse", "i_sum", "del_af"], ["beloeb_mio"]),
}
SKEMA: dict[str, Any] = {
    "navn": (str,), "udloebsaar": (int,), "aar_i_alt": [(int,)], "kategorier": [(str,)],
    "modeller": [(str,)], "vurderinger": {"*": (str,)}, "noegleord": {"*": (str,)},
    "modord": {"*": [(str,)]}, "styringsomraader": [(str,)], "typer": [(str,)],
    "tekster?": TEKSTER,  # without it: the bundled udloeb.yaml's words
    "diagrammer?": {"ark": (str,), "foreslaaet": (str,), "enhed": (str,)},  # likewise
}


def indlaes_udloebsregler(sti: str | Path | None = None) -> dict:
    sti = sti or bundlet_regelfil("udloeb")
    laengder = {("aar_i_alt",): 2}
    data, rod, _ = laes_yaml(sti, SKEMA, listelaengder=laengder)
    if "tekster" not in data:
        data["tekster"] = laes_yaml(bundlet_regelfil("udloeb"), SKEMA,
                                    listelaengder=laengder)[0]["tekster"]
    else:
        tjek_tekster(data["tekster"], TEKSTPLADSHOLDERE, rod, str(sti))
    ordafsnit(data, rod, sti, "udloeb", SKEMA, "diagrammer", {("enhed",): {"pl"}},
              listelaengder=laengder)
    data["_fil"] = str(sti)
    return data


def laes_udloeb(kilde: str | Path | Kilde, regler: dict | None = None) -> dict[str, pd.DataFrame]:
    """The register (udloeb) and its amounts (beloeb), both required; every categorical value
    must be one the rule file names (vurdering, kategori, type, styringsområde, model, i_sum)."""
    kilde = som_kilde(kilde)
    regler = regler or indlaes_udloebsregler()
    t = laes_tabeller(kilde, SPEC, ("udloeb", "beloeb"))
    fil = regler.get("_fil", "udloeb.yaml")
    for tabel, kol, lov, tom in (
            ("udloeb", "vurdering", list(regler["vurderinger"]), False),
            ("udloeb", "kategori", regler["kategorier"], False),
            ("beloeb", "type", regler["typer"], False),
            ("beloeb", "styringsomraade", regler["styringsomraader"], True),
            ("beloeb", "model", regler["modeller"], True),
            ("beloeb", "i_sum", ["ja", "nej"], True)):
        tjek_ordforraad(kilde, t, tabel, kol, lov, fil, tom_tilladt=tom)
    _tjek_sammenhaeng(kilde, t)
    return forbered(t)


def _tjek_sammenhaeng(kilde: Kilde, t: dict[str, pd.DataFrame]) -> None:
    """Every amount belongs to exactly one register row, and a proposed amount has a year: an
    amount that would count in some tables and not in others stops with its row."""
    u, b = t["udloeb"], t["beloeb"]
    del_u = u["delindsats"] if "delindsats" in u else pd.Series([""] * len(u), index=u.index)
    noegler = list(zip(u["nr"], del_u))
    set_: dict[tuple, int] = {}
    for (nr, d), r in zip(noegler, u["_raekke"]):
        if (nr, d) in set_:
            raise InputFejl(f"Initiativ {nr}{d} står to gange i registret (også række "
                            f"{set_[(nr, d)]}); hvert initiativ og delindsats én gang.",
                            **kilde.sted("udloeb", int(r), "nr"))
        set_[(nr, d)] = int(r)
    del_b = b["delindsats"] if "delindsats" in b else pd.Series([""] * len(b), index=b.index)
    aar = b["aar"] if "aar" in b else pd.Series([""] * len(b), index=b.index)
    for nr, d, typ, a, r in zip(b["nr"], del_b, b["type"], aar, b["_raekke"]):
        if (nr, d) not in set_:
            raise InputFejl(f"Beløbet hører til initiativ {nr}{d}, som ikke står i registret "
                            "(udloeb).", **kilde.sted("beloeb", int(r), "nr"))
        if typ == "foreslaaet" and str(a).strip() == "":
            raise InputFejl("Et foreslået beløb skal have et år.",
                            **kilde.sted("beloeb", int(r), "aar"))



def forbered(t: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Exact amounts and empty optional columns, for files and workbook sheets alike."""
    b = t["beloeb"]
    b["beloeb"] = [Decimal(repr(float(v))) for v in b["beloeb_mio"]]
    for k in ("delindsats", "styringsomraade", "aar", "model", "i_sum", "forvaltning"):
        if k not in b:
            b[k] = ""
    u = t["udloeb"]
    if "delindsats" not in u:
        u["delindsats"] = ""
    return t


@dataclass
class Udloeb:
    tabeller: dict[str, pd.DataFrame]   # overview tables, each ready to lay out
    saetninger: pd.DataFrame            # nr, delindsats, vurdering, standard sentence
    kontroller: list[Kontrol]


def _aar(regler: dict, b: pd.DataFrame) -> list[str]:
    foreslaaet = b[(b["type"] == "foreslaaet") & (b["aar"] != "")]
    return sorted(set(foreslaaet["aar"]) | {str(a) for a in range(regler["aar_i_alt"][0],
                                                                   regler["aar_i_alt"][1] + 1)})


def _sum_pr(b: pd.DataFrame, noegle: str, vaerdier: list, aar: list[str], regler: dict,
            model: str) -> pd.DataFrame:
    """Proposed amounts per value of `noegle` and year for one model, with the i alt period."""
    f = b[(b["type"] == "foreslaaet") & (b["i_sum"] != "nej")
          & ((b["model"] == "") | (b["model"] == model))]
    lav, hoej = regler["aar_i_alt"]
    rows = []
    for v in vaerdier:
        g = f[f[noegle] == v]
        r: dict[str, Any] = {"model": model, noegle: v}
        for a in aar:
            r[a] = sum(g.loc[g["aar"] == a, "beloeb"], Decimal(0))
        r["i_alt"] = sum((r[a] for a in aar if lav <= int(a) <= hoej), Decimal(0))
        rows.append(r)
    return pd.DataFrame(rows)


def beregn_udloeb(t: dict[str, pd.DataFrame], regler: dict) -> Udloeb:
    u, b = t["udloeb"].copy(), t["beloeb"].copy()
    noegle = u[["nr", "delindsats", "kategori", "vurdering"]]
    b = b.merge(noegle, on=["nr", "delindsats"], how="left")
    aar = _aar(regler, b)
    tab: dict[str, pd.DataFrame] = {}
    # counts
    kat = regler["kategorier"]
    rows = [{"kategori": k, "initiativer": u.loc[u["kategori"] == k, "nr"].nunique(),
             "raekker": int((u["kategori"] == k).sum())} for k in kat]
    rows.append({"kategori": "I alt", "initiativer": u["nr"].nunique(), "raekker": len(u)})
    tab["antal_per_kategori"] = pd.DataFrame(rows)
    rows = []
    for v in regler["vurderinger"]:
        r = {"vurdering": v, **{k: int(((u["vurdering"] == v) & (u["kategori"] == k)).sum())
                                for k in kat}}
        r["i_alt"] = sum(r[k] for k in kat)
        rows.append(r)
    rows.append({"vurdering": "I alt", **{k: int((u["kategori"] == k).sum()) for k in kat},
                 "i_alt": len(u)})
    tab["antal_per_vurdering"] = pd.DataFrame(rows)
    # proposed amounts
    modeller = regler["modeller"]
    per_aar = []
    for a in aar + ["i_alt"]:
        r = {"aar": a if a != "i_alt" else f"{regler['aar_i_alt'][0]}-{regler['aar_i_alt'][1]}"}
        for m in modeller:
            s = _sum_pr(b.assign(alle="alle"), "alle", ["alle"], aar, regler, m).iloc[0]
            r[m] = s[a]
        per_aar.append(r)
    tab["foreslaaet_per_aar"] = pd.DataFrame(per_aar)
    for navn, kol, vaerdier in (
            ("foreslaaet_per_vurdering", "vurdering", list(regler["vurderinger"])),
            ("foreslaaet_per_kategori", "kategori", kat),
            ("foreslaaet_per_styringsomraade", "styringsomraade",
             [*regler["styringsomraader"], ""]),
            ("foreslaaet_per_forvaltning", "forvaltning",
             list(dict.fromkeys(b.loc[b["type"] == "foreslaaet", "forvaltning"])))):
        tab[navn] = pd.concat([_sum_pr(b, kol, vaerdier, aar, regler, m) for m in modeller],
                              ignore_index=True)
    tab["foreslaaet_per_initiativ"] = _per_initiativ(b, u, aar, regler)
    bev = b[(b["type"] == "bevilget") & (b["i_sum"] != "nej")]
    rows = [{"aar": a, "beloeb_mio": sum(bev.loc[bev["aar"] == a, "beloeb"], Decimal(0))}
            for a in sorted(x for x in set(bev["aar"]) if x)]
    rows.append({"aar": "uden år", "beloeb_mio": sum(bev.loc[bev["aar"] == "", "beloeb"],
                                                     Decimal(0))})
    tab["bevilget_per_aar"] = pd.DataFrame(rows)
    saet = u[["nr", "delindsats", "vurdering"]].copy()
    saet["saetning"] = saet["vurdering"].map(regler["vurderinger"])
    return Udloeb(tab, saet, _kontroller(u, b, regler))


def _per_initiativ(b: pd.DataFrame, u: pd.DataFrame, aar: list[str], regler: dict) -> pd.DataFrame:
    f = b[(b["type"] == "foreslaaet") & (b["i_sum"] != "nej")]
    lav, hoej = regler["aar_i_alt"]
    rows = []
    for (nr, del_, model), g in f.groupby(["nr", "delindsats", "model"], sort=False):
        r: dict[str, Any] = {"nr": f"{nr}{del_}", "model": model,
                             "vurdering": g["vurdering"].iloc[0]}
        for a in aar:
            r[a] = sum(g.loc[g["aar"] == a, "beloeb"], Decimal(0))
        r["i_alt"] = sum((r[a] for a in aar if lav <= int(a) <= hoej), Decimal(0))
        rows.append(r)
    if not rows:  # no proposed amount counts in the sums: an empty table, not a crash
        return pd.DataFrame(columns=["nr", "model", "vurdering", *aar, "i_alt"])
    ud = pd.DataFrame(rows)
    ud["_orden"] = [int("".join(ch for ch in n if ch.isdigit()) or 0) for n in ud["nr"]]
    return ud.sort_values(["_orden", "nr", "model"], kind="stable").drop(columns="_orden")


def _kontroller(u: pd.DataFrame, b: pd.DataFrame, regler: dict) -> list[Kontrol]:
    k = []
    for _, r in u.iterrows():
        sted = f"nr {r['nr']}{r['delindsats']}"
        ord_ = regler["noegleord"].get(r["vurdering"], "")
        tekst = str(r.get("vurdering_tekst", "") or "")
        if ord_ and tekst:
            modord = [m for m in regler["modord"].get(r["vurdering"], []) if m in tekst]
            ok = ord_ in tekst and not modord
            besked = (f"'{ord_}' findes i teksten" if ok else
                      f"'{ord_}' mangler i teksten" if ord_ not in tekst else
                      f"teksten siger også '{modord[0]}', som hører til en anden vurdering")
            k.append(Kontrol(OK if ok else ADVARSEL, "Vurdering = vurderingens tekst", sted,
                             besked))
        forslag = b[(b["nr"] == r["nr"]) & (b["delindsats"] == r["delindsats"])
                    & (b["type"] == "foreslaaet")]
        positiv = str(r["vurdering"]).startswith("kan_videreføres")
        if not positiv and len(forslag):
            k.append(Kontrol(ADVARSEL, "Kun positive vurderinger har forslag", sted,
                             f"vurderingen er {r['vurdering']}, men der er foreslået beløb"))
    f = b[b["type"] == "foreslaaet"]
    for (nr, del_), g in f[(f["aar"] != "")].groupby(["nr", "delindsats"], sort=False):
        tidlige = sorted({a for a in g["aar"] if int(a) < regler["udloebsaar"]})
        if tidlige:
            k.append(Kontrol(ADVARSEL, "Forslag gælder fra udløbsåret", f"nr {nr}{del_}",
                             f"foreslået for {', '.join(tidlige)}, før {regler['udloebsaar']}"))
    if "del_af" in b:
        grupper = b[b["del_af"].fillna("") != ""].groupby(["nr", "delindsats", "type", "aar",
                                                           "del_af"], sort=False)
        for (nr, del_, typ, aar, total), g in grupper:
            hit = b[(b["nr"] == nr) & (b["delindsats"] == del_) & (b["type"] == typ)
                    & (b["aar"] == aar) & (b["beskrivelse"] == total)]
            if hit.empty:
                continue
            s, t = sum(g["beloeb"], Decimal(0)), hit["beloeb"].iloc[0]
            k.append(Kontrol(OK if s == t else ADVARSEL, "Delbeløb = total",
                             f"nr {nr}{del_} {typ} {aar} {total}",
                             f"delene {str(s).replace('.', ',')}, totalen "
                             f"{str(t).replace('.', ',')}"))
    return k
