"""Checks of the balance report: every identity of its tables and every rule on action plans."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from addin.kontrol import ADVARSEL, OK, Kontrol
from addin.rapporter.balance.beregn import Balance, kategorikolonner, navne_passer
from addin.rapporter.balance.indlaes import BalanceInput
from addin.rapporter.balance.regler import BalanceRegler
from addin.talformat import tusinder

BEMAERK = "bemærk"  # not an error: something the report must point out (older amounts)


def _lig(status_ok: bool, kontrol: str, sted: str, tekst: str, status: str = ADVARSEL) -> Kontrol:
    return Kontrol(OK if status_ok else status, kontrol, sted, tekst)


def _kategorier(inp: BalanceInput, b: Balance, aar: int) -> list[Kontrol]:
    ud = []
    k = inp.get("kategorier")
    if k is None or b.kategorier is None:
        return ud
    beregnet = b.kategorier.set_index("kategori")
    for _, r in k.iterrows():
        kat = r["kategori"].lower()
        for kol, navn in (("antal_aendring", "antal"), ("netto_aendring_tkr", "netto")):
            if kol in r and pd.notna(r[kol]):
                v = beregnet.loc[kat, kol]
                ud.append(_lig(r[kol] == v, f"Kategoritabel: ændring ({navn})",
                               f"kategori {kat}",
                               f"angivet {tusinder(r[kol])}, {aar} - {aar - 1} = {tusinder(v)}"))
        if kat == "i alt":
            for kol in kategorikolonner(aar):
                v = beregnet.loc["i alt", kol]
                ud.append(_lig(r[kol] == v, "Kategoritabel: i alt = sum", kol,
                               f"angivet {tusinder(r[kol])}, summen {tusinder(v)}"))
    for a in (aar, aar - 1):
        v = beregnet.loc["i alt", f"netto_{a}_tkr"]
        ud.append(_lig(v == 0, "Kategoritabel: balancen går i nul", str(a),
                       f"netto {tusinder(v)}"))
    return ud


def _tabel_1_1(inp: BalanceInput, b: Balance, aar: int) -> list[Kontrol]:
    ud = []
    t = b.tabel_1_1
    if t is None:
        return ud
    for _, r in t.iterrows():
        s = r["saldo_kategori_1"] + r["opfoelgning_total"]
        ud.append(_lig(r["saldo_total"] == s, "Tabel 1.1: saldo = kategori 1 + opfølgning",
                       r["im_funktion"], f"{tusinder(r['saldo_total'])} mod {tusinder(s)} "
                       "(afrunding)" if r["saldo_total"] != s else tusinder(s)))
        o = r["opfoelgning_kategori_2"] + r["opfoelgning_kategori_3"]
        ud.append(_lig(r["opfoelgning_total"] == o,
                       "Tabel 1.1: opfølgning = kategori 2 + kategori 3", r["im_funktion"],
                       f"{tusinder(r['opfoelgning_total'])} mod {tusinder(o)}"))
    if b.kategorier is not None:
        k = b.kategorier.set_index("kategori")
        for kol, ref, navn in (("antal_konti", k.loc["i alt", f"antal_{aar}"], "antal konti"),
                               ("opfoelgning_kategori_2", k.loc["2", f"netto_{aar}_tkr"],
                                "kategori 2"),
                               ("opfoelgning_kategori_3", k.loc["3", f"netto_{aar}_tkr"],
                                "kategori 3")):
            s = t[kol].sum()
            ud.append(_lig(s == ref, "Tabel 1.1 mod kategoritabellen", navn,
                           f"Tabel 1.1 summerer til {tusinder(s)}, kategoritabellen siger "
                           f"{tusinder(ref)}"))
    if b.aeldre is not None:
        for kol, tabkol in (("aeldre_kategori_2", "kategori_2_tkr"),
                            ("aeldre_kategori_3", "kategori_3_tkr")):
            s, ref = t[kol].sum(), b.aeldre[tabkol].sum()
            ud.append(_lig(s == ref, "Tabel 1.1 mod oversigten over ældre beløb", kol,
                           f"Tabel 1.1 summerer til {tusinder(s)}, oversigten til "
                           f"{tusinder(ref)}"))
    return ud


def rettet_im(aeldre: pd.DataFrame, t11: pd.DataFrame) -> list[str]:
    """Each overview row's IM-funktion, taken from Tabel 1.1 by name where the code disagrees."""
    ud = []
    for _, r in aeldre.iterrows():
        hit = t11[t11["im_funktion"] == r["im_funktion"]]
        if not hit.empty and navne_passer(r["navn"], hit["navn"].iloc[0]):
            ud.append(r["im_funktion"])
            continue
        andre = t11[[navne_passer(r["navn"], n) for n in t11["navn"]]]
        ud.append(andre["im_funktion"].iloc[0] if len(andre) == 1 else r["im_funktion"])
    return ud


def _aeldre(b: Balance) -> list[Kontrol]:
    ud = []
    if b.aeldre is None or b.tabel_1_1 is None:
        return ud
    a, t = b.aeldre, b.tabel_1_1
    rettet = rettet_im(a, t)
    for (_, r), im in zip(a.iterrows(), rettet):
        ud.append(_lig(im == r["im_funktion"], "Oversigt over ældre beløb: IM-funktion",
                       f"{r['im_funktion']} {r['navn']}",
                       f"navnet hører til {im} i Tabel 1.1" if im != r["im_funktion"]
                       else "kode og navn stemmer"))
    a = a.assign(im=rettet)
    for im in sorted(set(rettet)):
        hit = t[t["im_funktion"] == im]
        if hit.empty:
            continue
        for kol, tabkol, kat in (("aeldre_kategori_2", "kategori_2_tkr", "2"),
                                 ("aeldre_kategori_3", "kategori_3_tkr", "3")):
            s = a.loc[a["im"] == im, tabkol].sum()
            v = hit[kol].iloc[0]
            ud.append(_lig(s == v, "Tabel 1.1 mod oversigten over ældre beløb",
                           f"{im} kategori {kat}",
                           f"Tabel 1.1 {tusinder(v)}, oversigtens rækker {tusinder(s)}"))
    return ud


def _tabel_2_1(inp: BalanceInput, b: Balance) -> list[Kontrol]:
    """A given Tabel 2.1 (the printed one) against the one derived from the accounts."""
    ud = []
    givet = inp.get("tabel_2_1")
    if givet is None:
        return ud
    afledt = b.tabel_2_1.set_index("im_funktion")
    for _, r in givet.iterrows():
        im = r["im_funktion"]
        if im not in afledt.index:
            ud.append(Kontrol(ADVARSEL, "Tabel 2.1 mod kontiene", im,
                              "IM-funktionen har ingen konti i handleplanerne."))
            continue
        for kol in ("antal_konti", "total_tkr", "kategori_2_tkr", "kategori_3_tkr",
                    "aeldre_antal", "aeldre_kategori_2_tkr", "aeldre_kategori_3_tkr"):
            if kol in r and pd.notna(r[kol]):
                ud.append(_lig(r[kol] == afledt.loc[im, kol], "Tabel 2.1 mod kontiene",
                               f"{im} {kol}", f"angivet {tusinder(r[kol])}, fra kontiene "
                               f"{tusinder(afledt.loc[im, kol])}"))
        navn = afledt.loc[im, "navn"]
        if navn:
            ud.append(_lig(r["navn"] == navn, "Tabel 2.1: navn som i Tabel 1.1", im,
                           f"'{r['navn']}' mod '{navn}'"))
    return ud


# The action plans' part amounts are found in the wording the source document uses ("1.
# Opfølgningsbeløb på 1.234 kr., hvoraf beløb ældre end 1 år udgør 567 kr."); a plan worded
# otherwise is not checked, and the check says which wording it reads.
_FORMULERING = " (kontrollen læser formuleringen 'N. Opfølgningsbeløb på X kr.')"
_DEL = re.compile(r"\d\.\s+Opfølgningsbeløb (ældre end 1 år )?på (-?[\d.]+) kr\.(?:,? hvoraf "
                  r"beløb ældre end 1 år udgør (-?[\d.]+) kr\.)?")


def _tal(t: str) -> int:
    return int(t.replace(".", ""))


def _handleplaner(inp: BalanceInput, regler: BalanceRegler) -> list[Kontrol]:
    ud = []
    hp = inp.get("handleplaner")
    dato = regler.rapportdato
    for _, r in hp.iterrows():
        sted = f"konto {r['konto']}"
        beloeb = r["opfoelgningsbeloeb_kr"]
        over = abs(beloeb) >= regler.graense_kr and r["kategori"] in ("2", "3")
        if over:
            mangler = [n for k, n in (("aktivitetsplan", "aktivitetsplan"),
                                      ("ansvarlig", "ansvarlig"), ("deadline", "deadline"))
                       if not str(r.get(k, "") or "").strip()]
            ud.append(_lig(not mangler, "Handleplan ved beløb over grænsen", sted,
                           f"mangler {', '.join(mangler)}" if mangler else
                           f"{tusinder(beloeb)} kr.: handleplan, ansvarlig og deadline"))
        for d in str(r.get("deadline", "") or "").split(";"):
            try:
                frist = dt.date.fromisoformat(d.strip())
            except ValueError:
                continue
            ud.append(_lig(frist > dato, "Deadline efter rapportdatoen", sted,
                           f"{frist.isoformat()} mod {dato.isoformat()}"))
        aeldre = r.get("heraf_aeldre_kr")
        if pd.notna(aeldre) and aeldre != 0:
            ud.append(Kontrol(BEMAERK, "Beløb ældre end 1 år", sted,
                              f"{tusinder(aeldre)} kr. er ældre end 1 år."))
        dele = _DEL.findall(str(r.get("aktivitetsplan", "") or ""))
        if dele:
            total = sum(_tal(b) for _, b, _ in dele)
            gammel = sum(_tal(b) if ae else (_tal(h) if h else 0) for ae, b, h in dele)
            ud.append(_lig(total == beloeb, "Handleplanens tekst = beløb", f"{sted} total",
                           f"delbeløbene i teksten summerer til {tusinder(total)} kr., "
                           f"rækken siger {tusinder(beloeb)} kr.{_FORMULERING}"))
            if pd.notna(aeldre):
                ud.append(_lig(gammel == aeldre, "Handleplanens tekst = beløb",
                               f"{sted} ældre end 1 år",
                               f"delbeløbene i teksten summerer til {tusinder(gammel)} kr., "
                               f"rækken siger {tusinder(aeldre)} kr.{_FORMULERING}"))
    return ud


def _system(b: Balance, regler: BalanceRegler) -> list[Kontrol]:
    ud = []
    s = b.systemafstemning
    if s is None:
        return ud
    for _, r in s.iterrows():
        if abs(r["difference_kr"]) >= regler.graense_kr:
            ok = all(str(r.get(k, "") or "").strip() for k in ("aktivitetsplan",
                                                                "konsekvensbeskrivelse"))
            ud.append(_lig(ok, "Systemafstemning: handleplan ved difference",
                           f"{r['modtager']} {r['fagsystem']}",
                           f"difference {tusinder(r['difference_kr'])} kr."))
    return ud


def balancekontroller(inp: BalanceInput, b: Balance, regler: BalanceRegler) -> list[Kontrol]:
    """All checks of the balance report."""
    aar = regler.rapportdato.year
    return (_kategorier(inp, b, aar) + _tabel_1_1(inp, b, aar) + _aeldre(b) + _tabel_2_1(inp, b)
            + _handleplaner(inp, regler) + _system(b, regler))
