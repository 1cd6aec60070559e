"""Checks of a computed regnskab: every identity the tables rest on, with its result.

A mismatch is never hidden: it is listed on the check sheet (and by `regnskab check`).
"""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from addin.kontrol import ADVARSEL, FEJL, OK, Kontrol
from addin.rapporter.regnskab import forklaringer as fk
from addin.rapporter.regnskab.beregn import Regnskab
from addin.talformat import rund_halvop, tkr, tkr_vist, tusinder


def _t(oere: float) -> str:
    return tusinder(tkr_vist(oere))


def _bevillinger(r: Regnskab) -> list[Kontrol]:
    ud = []
    if not r.har_bevillingsbeloeb:
        return [Kontrol(ADVARSEL, "Bevillingsbeløb", "bevillinger",
                        "Bevillinger mangler i input; vedtaget budget og tillæg kan ikke vises, "
                        "og bevillingernes beløb er summen af detailrækkerne.")]
    for _, b in r.bevillinger.iterrows():
        sted = f"{b['styringsomraade']} / {b['bevilling']}"
        if pd.notna(b["korrigeret_givet"]):
            if b["korrigeret_givet"] == b["korrigeret"]:
                ud.append(Kontrol(OK, "Vedtaget + tillæg = korrigeret", sted,
                                  f"{_t(b['vedtaget_budget'])} + {_t(b['tillaegsbevillinger'])}"
                                  f" = {_t(b['korrigeret'])}"))
            else:
                ud.append(Kontrol(FEJL, "Vedtaget + tillæg = korrigeret", sted,
                                  f"{_t(b['vedtaget_budget'])} + {_t(b['tillaegsbevillinger'])}"
                                  f" = {_t(b['korrigeret'])}, men input angiver korrigeret "
                                  f"budget {_t(b['korrigeret_givet'])}. Rapporten bruger "
                                  f"{_t(b['korrigeret'])}."))
        if pd.notna(b["afvigelse_givet"]):
            ud.append(_givet_afvigelse(r, b, sted))
        n = b.get("antal_linjer")
        if pd.isna(n):
            ud.append(Kontrol(ADVARSEL, "Detailrækker", sted,
                              "Bevillingen har ingen hovedprodukter/funktioner i input."))
            continue
        tol = int(n) * 100_000  # 1 t.kr. per detail row, in øre
        for felt, navn in (("korrigeret", "korrigeret budget"), ("regnskab", "regnskab")):
            forskel = b[felt] - b[f"detalje_{felt}"]
            tekst = (f"Bevillingens {navn} {_t(b[felt])}, sum af detailrækker "
                     f"{_t(b[f'detalje_{felt}'])}")
            if forskel == 0:
                ud.append(Kontrol(OK, f"Detailsum = bevilling ({navn})", sted, tekst))
            elif abs(forskel) <= tol:
                ud.append(Kontrol(ADVARSEL, f"Detailsum = bevilling ({navn})", sted,
                                  f"{tekst}: forskel {_t(forskel)} (afrunding, inden for "
                                  f"{int(n)} t.kr.)."))
            else:
                ud.append(Kontrol(FEJL, f"Detailsum = bevilling ({navn})", sted,
                                  f"{tekst}: forskel {_t(forskel)} ud over afrunding."))
    return ud


def _linjer(r: Regnskab) -> list[Kontrol]:
    ud = []
    for _, ln in r.linjer.iterrows():
        if pd.isna(ln["afvigelse_givet"]):
            continue
        ud.append(_givet_afvigelse(r, ln, f"{ln['bevilling']} / {ln['navn']}"))
    return ud


def _givet_afvigelse(r: Regnskab, raekke: pd.Series, sted: str) -> Kontrol:
    """An afvigelse given in the input against netto korrigeret - netto regnskab."""
    beregnet = raekke["mindre_oere"] * r.regler.fortegn
    if raekke["afvigelse_givet"] == beregnet:
        return Kontrol(OK, "Afvigelse i input = beregnet", sted, _t(beregnet))
    return Kontrol(ADVARSEL, "Afvigelse i input = beregnet", sted,
                   f"Input angiver {_t(raekke['afvigelse_givet'])}, men netto korrigeret "
                   f"{_t(raekke['korrigeret'])} - netto regnskab {_t(raekke['regnskab'])} = "
                   f"{_t(beregnet)}. Rapporten bruger {_t(beregnet)}.")


def _aktiviteter(r: Regnskab) -> list[Kontrol]:
    ud = []
    a = r.aktiviteter
    if a.empty:
        return ud
    for _, x in a.iterrows():
        sted = f"{x['hovedprodukt']} / {x['aktivitet']}"
        for m, navn in (("antal", "antal"), ("enhedspris", "enhedspris")):
            givet = x.get(f"{m}_afvigelse_givet")
            if givet is None or pd.isna(givet) or pd.isna(x[f"{m}_afvigelse"]):
                continue
            if Decimal(repr(float(givet))) == Decimal(repr(float(x[f"{m}_afvigelse"]))):
                ud.append(Kontrol(OK, f"Aktivitet: afvigelse i input = beregnet ({navn})", sted,
                                  tusinder(x[f"{m}_afvigelse"])))
            else:
                ud.append(Kontrol(ADVARSEL, f"Aktivitet: afvigelse i input = beregnet ({navn})",
                                  sted, f"Input angiver {tusinder(givet)}, budget - regnskab = "
                                  f"{tusinder(x[f'{m}_afvigelse'])}. Rapporten bruger den "
                                  "beregnede."))
    ud.extend(_aktivitet_mod_hovedprodukt(r))
    return ud


def _aktivitet_mod_hovedprodukt(r: Regnskab) -> list[Kontrol]:
    """Antal x enhedspris of a hovedprodukt's activities should give its netto amounts."""
    ud = []
    a = r.aktiviteter[r.aktiviteter["har_begge"]]
    for (so, bev, hp), grp in a.groupby(["styringsomraade", "bevilling", "hovedprodukt"],
                                        sort=False):
        linje = r.linjer[(r.linjer["styringsomraade"] == so) & (r.linjer["bevilling"] == bev)
                         & (r.linjer["navn"] == hp)]
        if linje.empty:
            ud.append(Kontrol(ADVARSEL, "Aktivitet hører til et hovedprodukt", f"{bev} / {hp}",
                              "Aktivitetens hovedprodukt findes ikke i hovedprodukter."))
            continue
        ln = linje.iloc[0]
        for kol, ref, navn in (("budget", ln["korrigeret"], "korrigeret budget"),
                               ("regnskab", ln["regnskab"], "regnskab")):
            produkt = sum(Decimal(repr(float(x[f"antal_{kol}"])))
                          * Decimal(repr(float(x[f"enhedspris_{kol}"])))
                          for _, x in grp.iterrows()) / 1000
            graense = sum((Decimal(repr(float(x[f"antal_{kol}"])))
                           + Decimal(repr(float(x[f"enhedspris_{kol}"])))) / 2000
                          for _, x in grp.iterrows()) + 1
            forskel = produkt - tkr(ref)
            tekst = (f"antal x enhedspris ({kol}) = {tusinder(produkt)} t.kr., {navn} netto = "
                     f"{_t(ref)} t.kr.")
            if abs(forskel) <= graense:
                ud.append(Kontrol(OK, f"Aktivitet = hovedprodukt ({navn})", f"{bev} / {hp}",
                                  tekst))
            else:
                ud.append(Kontrol(ADVARSEL, f"Aktivitet = hovedprodukt ({navn})",
                                  f"{bev} / {hp}", f"{tekst}: forskel {tusinder(forskel)} t.kr. "
                                  "ud over inputafrunding; enhedsprisens afvigelse beskriver "
                                  "ikke budgetafvigelsen."))
    return ud


def _d(x: Decimal) -> str:
    return str(x).replace(".", ",")


def _forklaringer(r: Regnskab) -> list[Kontrol]:
    """Explanations: present where required, summing to the afvigelse, agreeing with their text."""
    ud: list[Kontrol] = []
    alle = fk.linjer(r)
    tabel = fk.vedligehold(r.forklaringer, alle)
    for _, x in tabel.iterrows():
        sted = f"{x['niveau']} {x['navn']}"
        if x["status"] == fk.MANGLER:
            afv = _d(Decimal(str(float(x["afvigelse_mio"]))))
            ud.append(Kontrol(ADVARSEL, "Forklaring mangler", sted,
                              f"Linjen har forklaringskrav (afvigelse {afv} mio. kr.), men ingen "
                              "forklaring."))
        elif x["status"] in (fk.FINDES_IKKE, fk.TVETYDIG, fk.BORTFALDET):
            ud.append(Kontrol(ADVARSEL, "Forklaring hører til en linje", sted,
                              f"Forklaringen er bevaret: {x['status']}."))
    typede = tabel[tabel["status"].isin([fk.OK, fk.BORTFALDET])]
    for _, x in typede.iterrows():
        ud.extend(_punkt(x))
    for noegle, grp in typede.groupby(fk.NOEGLE, sort=False):
        ud.extend(_punktsum(r, noegle, grp, alle))
    return ud


def _punkt(x: pd.Series) -> list[Kontrol]:
    """One bullet: its amount is unsigned and its text states the same direction and amount."""
    ud = []
    sted = f"{x['niveau']} {x['navn']}"
    beloeb = x["beloeb_mio"]
    mangler = [navn for k, navn in (("retning", "retning"), ("beloeb_mio", "beløb"),
                                    ("tekst", "tekst")) if fk.tom(x[k])]
    if mangler:
        ud.append(Kontrol(ADVARSEL, "Forklaringen er udfyldt", sted,
                          f"Punktet mangler {' og '.join(mangler)}."))
    if pd.notna(beloeb) and beloeb != "" and float(beloeb) < 0:
        ud.append(Kontrol(ADVARSEL, "Forklaringens retning og fortegn", sted,
                          f"Beløbet {_d(Decimal(repr(float(beloeb))))} er negativt; angiv beløbet "
                          "uden fortegn og retningen i kolonnen retning."))
    i_tekst = fk.beloeb_i_tekst(str(x["tekst"]))
    if i_tekst is not None and pd.notna(beloeb) and beloeb != "":
        retning, tal = i_tekst
        felt = Decimal(repr(abs(float(beloeb))))
        if retning != x["retning"] or tal != felt:
            ud.append(Kontrol(ADVARSEL, "Forklaringens tekst = felter", sted,
                              f"Teksten siger {retning} på {_d(tal)} mio. kr., felterne "
                              f"{x['retning']} på {_d(felt)} mio. kr."))
    for besked in fk.modsigelser(str(x["tekst"])):
        ud.append(Kontrol(ADVARSEL, "Forklaringens tekst modsiger tallene", sted, besked))
    return ud


def _punktsum(r: Regnskab, noegle: tuple, grp: pd.DataFrame, alle: pd.DataFrame) -> list[Kontrol]:
    """The bullets (mindreforbrug +, merforbrug -) sum to the afvigelse within 0,05 per bullet."""
    _, _, niveau, navn = noegle
    sted = f"{niveau} {navn}"
    ln = fk.match(grp.iloc[0], alle)
    if len(ln) != 1 or grp["beloeb_mio"].map(lambda v: v == "" or pd.isna(v)).any():
        return []
    fortegn = grp["retning"].map({"mindreforbrug": 1, "merforbrug": -1}).fillna(0)
    s = sum(Decimal(repr(abs(float(b)))) * int(t) for b, t in zip(grp["beloeb_mio"], fortegn))
    s *= r.regler.fortegn
    afv = tkr(ln.iloc[0]["mindre_oere"] * r.regler.fortegn) / 1000
    afrundet = rund_halvop(afv, 1)
    tol = Decimal("0.05") * len(grp)
    tekst = (f"{len(grp)} punkter summerer til {_d(s)} mio. kr., afvigelsen er "
             f"{_d(afv.quantize(Decimal('0.001')))} mio. kr. ({_d(afrundet)} afrundet)")
    if abs(s - afv) > tol:
        return [Kontrol(ADVARSEL, "Forklaringer summerer til afvigelsen", sted,
                        f"{tekst}: forskellen er større end 0,05 mio. kr. pr. punkt.")]
    if s != afrundet:
        return [Kontrol(ADVARSEL, "Forklaringer summerer til den afrundede afvigelse", sted,
                        f"{tekst}: inden for afrundingen, men summen rammer ikke "
                        f"{_d(afrundet)}.")]
    return [Kontrol(OK, "Forklaringer summerer til afvigelsen", sted, tekst)]


def kontroller(r: Regnskab) -> list[Kontrol]:
    """All checks of a computed regnskab, in a stable order."""
    return _bevillinger(r) + _linjer(r) + _aktiviteter(r) + _forklaringer(r)
