"""Checks of a computed regnskab: every identity the tables rest on, with its result.

A mismatch is never hidden: it is listed on the check sheet (and by `regnskab check`).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

from addin.regnskab import Regnskab, tkr, tkr_vist
from addin.talformat import tusinder

OK, ADVARSEL, FEJL = "ok", "advarsel", "fejl"


@dataclass(frozen=True)
class Kontrol:
    """One check: status (ok / advarsel / fejl), what was checked, where, and a Danish message."""

    status: str
    kontrol: str
    sted: str
    besked: str


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


def _forklaringer(r: Regnskab) -> list[Kontrol]:
    """Explanation bullets (mindreforbrug +, merforbrug -) sum to the line's afvigelse."""
    ud: list[Kontrol] = []
    f = r.forklaringer
    if f is None or f.empty:
        return ud
    afv_pr_navn: dict[tuple[str, str], Decimal] = {}
    for _, ln in r.linjer.iterrows():
        afv_pr_navn[(ln["niveau"], ln["navn"])] = tkr(ln["mindre_oere"]) / 1000
    for _, so in r.styringsomraader.iterrows():
        afv_pr_navn[("styringsomraade", so["styringsomraade"])] = tkr(so["mindre_oere"]) / 1000
    for _, b in r.bevillinger.iterrows():
        afv_pr_navn[(b["niveau"], b["bevilling"])] = tkr(b["mindre_oere"]) / 1000
    for (niveau, navn), grp in f.groupby(["niveau", "navn"], sort=False):
        sted = f"{niveau} {navn}"
        if (niveau, navn) not in afv_pr_navn:
            ud.append(Kontrol(ADVARSEL, "Forklaring hører til en linje", sted,
                              "Der findes ingen linje med dette navn."))
            continue
        fortegn = grp["retning"].map({"mindreforbrug": 1, "merforbrug": -1})
        s = sum(Decimal(repr(float(b))) * int(t) for b, t in zip(grp["beloeb_mio"], fortegn))
        afv = afv_pr_navn[(niveau, navn)]
        tol = Decimal("0.05") * len(grp)
        tekst = (f"{len(grp)} punkter summerer til {str(s).replace('.', ',')} mio. kr., "
                 f"afvigelsen er {str(afv.quantize(Decimal('0.001'))).replace('.', ',')} mio. kr.")
        status = OK if abs(s - afv) <= tol else ADVARSEL
        ud.append(Kontrol(status, "Forklaringer summerer til afvigelsen", sted, tekst))
    return ud


def kontroller(r: Regnskab) -> list[Kontrol]:
    """All checks of a computed regnskab, in a stable order."""
    return _bevillinger(r) + _linjer(r) + _aktiviteter(r) + _forklaringer(r)


def opsummering(k: list[Kontrol]) -> dict[str, int]:
    """Counts per status."""
    return {s: sum(1 for x in k if x.status == s) for s in (OK, ADVARSEL, FEJL)}
