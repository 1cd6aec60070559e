"""Lay out a computed regnskab as report sheets: overview, one sheet per styringsområde, checks.

The order and wording follow the seed document: table, the bevilling's sentence, the activity
table, then per line its heading, sentence and explanation bullets.
"""

from __future__ import annotations

import math

import pandas as pd

from addin import afvigelse as av
from addin import diagrammer as dg
from addin.kontrol import Kontrol
from addin.layout import KONTROLARK, Ark, Celle, Rapport, arknavn, kontrolark
from addin.rapporter.regnskab import forklaringer as fk
from addin.rapporter.regnskab.beregn import Regnskab
from addin.rapporter.regnskab.regler import diagramord, tekster
from addin.talformat import heltal, tkr_vist

BREDDE = 6  # columns of the tables
TEGN_PR_LINJE = 110  # characters of wrapped text per printed line across the table width
# Two sheet names stay here, not in the rules: the Word export names the first (docx_ark of the
# kind), and the second is also an input sheet that a Refresh reads back and maintains in place.
BEMAERKNINGSARK = "Bemærkninger"
FORKLARINGSARK = "Forklaringer"


def rundenavn(r: Regnskab) -> str:
    """The follow-up round of Indstillinger as the rule file names it ("2. budgetopfølgning
    (august)"), or "" when none is given."""
    runde = r.indstillinger.get("runde", "").strip().lower()
    return r.regler.data.get("runder", {}).get(runde, "")


def talord(n: int, regler) -> str:
    """'to', 'tre' ... from the rules; the figure itself where the rules name no word."""
    return regler["talord"].get(str(n), str(n))


def _b(oere: float) -> Celle:
    return Celle(None if pd.isna(oere) else tkr_vist(oere), "beloeb")


def _bsum(oere: float) -> Celle:
    return Celle(None if pd.isna(oere) else tkr_vist(oere), "beloeb_sum")


def _tekstraekke(ark: Ark, tekst: str, stil: str = "saetning") -> None:
    """A sentence or bullet as its own cell, merged across the table and wrapped."""
    r = ark.tilfoej(Celle(tekst, stil if stil != "saetning" else "punkt", flet=BREDDE))
    linjer = max(1, math.ceil(len(tekst) / TEGN_PR_LINJE))
    if linjer > 1:
        ark.hoejder[r] = 15.0 * linjer


def _aar(r: Regnskab, forskyd: int = 0) -> str:
    aar = r.indstillinger.get("aar", "")
    if aar.isdigit():
        return f" {int(aar) + forskyd}"
    return ""


def _afv(r: Regnskab, mindre_oere: float) -> float:
    return mindre_oere * r.regler.fortegn


def oversigt(r: Regnskab) -> Ark:
    """The bevilling overview: styringsområde subtotal above its bevillinger, 'I alt' last."""
    regler = r.regler
    tab = regler["tabeller"]
    ark = Ark(tekster(regler)["oversigtsark"], kolonnebredder=[40, 16, 18, 16, 16, 14],
              frys_raekker=5, gentag_raekker=(3, 5))
    forvaltning = r.indstillinger.get("forvaltning", "")
    titel = regler["rapport"]["titel"] + _aar(r)
    if rundenavn(r):
        titel = f"{titel}, {rundenavn(r)}"
    ark.tilfoej(Celle(f"{forvaltning} – {titel}" if forvaltning else titel, "titel"))
    ark.tom()
    kol = [regler.tekst_med_regnskab(k) for k in tab["oversigt"]["kolonner"]]
    aar = _aar(r)
    kol = [kol[0], kol[1] + aar, kol[2], kol[3] + aar, kol[4] + aar, kol[5]]
    hoved = ark.tilfoej(Celle(kol[0], "kolonnehoved_venstre"),
                        *[Celle(k, "kolonnehoved") for k in kol[1:]])
    ark.hoejder[hoved] = 30.0
    ark.tilfoej(Celle("", "kolonnehoved_venstre"),
                *[Celle(k, "kolonnehoved") for k in tab["oversigt"]["undertekst"]])
    ark.tilfoej(Celle(""), *[Celle(tab["enhed"], "enhed") for _ in range(5)])
    for _, so in r.styringsomraader.iterrows():
        ark.tilfoej(Celle(so["styringsomraade"], "fed"), Celle(_v(so["vedtaget_budget"]),
                    "beloeb_fed"), Celle(_v(so["tillaegsbevillinger"]), "beloeb_fed"),
                    Celle(_v(so["korrigeret"]), "beloeb_fed"),
                    Celle(_v(so["regnskab"]), "beloeb_fed"),
                    Celle(_v(_afv(r, so["mindre_oere"])), "beloeb_fed"))
        bev = r.bevillinger[r.bevillinger["styringsomraade"] == so["styringsomraade"]]
        for _, b in bev.iterrows():
            ark.tilfoej(b["bevilling"], _b(b["vedtaget_budget"]), _b(b["tillaegsbevillinger"]),
                        _b(b["korrigeret"]), _b(b["regnskab"]), _b(_afv(r, b["mindre_oere"])))
        ark.tom()
    so = r.styringsomraader
    ark.tilfoej(Celle(tab["i_alt"], "tekst_sum"), _bsum(_sum(so["vedtaget_budget"])),
                _bsum(_sum(so["tillaegsbevillinger"])), _bsum(so["korrigeret"].sum()),
                _bsum(so["regnskab"].sum()), _bsum(_afv(r, so["mindre_oere"].sum())))
    return ark


def _v(oere: float) -> int | None:
    return None if pd.isna(oere) else tkr_vist(oere)


def _sum(s: pd.Series) -> float:
    return float("nan") if s.isna().any() else s.sum()


def _detaljetabel(ark: Ark, r: Regnskab, b: pd.Series, linjer: pd.DataFrame) -> None:
    regler = r.regler
    tab = regler["tabeller"]
    d = tab["detalje"]
    foerste = d["foerste_kolonne_funktion"] if b["niveau"] == "omraade" else \
        d["foerste_kolonne_hovedprodukt"]
    grupper = [regler.tekst_med_regnskab(g) for g in d["grupper"]]
    ark.tilfoej(Celle("", "kolonnehoved_venstre"), Celle(grupper[0], "kolonnehoved", flet=2),
                Celle(grupper[1], "kolonnehoved", flet=2), Celle(grupper[2], "kolonnehoved"))
    ark.tilfoej(Celle(foerste, "kolonnehoved_venstre"),
                *[Celle(k, "kolonnehoved") for k in d["kolonner"]])
    ark.tilfoej(Celle(""), *[Celle(tab["enhed"], "enhed") for _ in range(5)])
    for _, ln in linjer.iterrows():
        ark.tilfoej(_linjenavn(ln), _b(ln["korrigeret_udgift"]), _b(ln["korrigeret_indtaegt"]),
                    _b(ln["regnskab_udgift"]), _b(ln["regnskab_indtaegt"]),
                    _b(_afv(r, ln["mindre_oere"])))
    ark.tilfoej(Celle(tab["i_alt"], "tekst_sum"), _bsum(linjer["korrigeret_udgift"].sum()),
                _bsum(linjer["korrigeret_indtaegt"].sum()), _bsum(linjer["regnskab_udgift"].sum()),
                _bsum(linjer["regnskab_indtaegt"].sum()),
                _bsum(_afv(r, linjer["mindre_oere"].sum())))


def _linjenavn(ln: pd.Series) -> str:
    return f"{ln['kode']} {ln['navn']}" if ln["kode"] else ln["navn"]


def _aktivitetstabel(ark: Ark, r: Regnskab, akt: pd.DataFrame) -> None:
    tab = r.regler["tabeller"]["aktivitet"]
    kol = [r.regler.tekst_med_regnskab(k) for k in tab["kolonner"]]
    ark.tilfoej(Celle(tab["titel"], "overskrift"))
    aar0, aar1 = _aar(r, -1).strip(), _aar(r).strip()
    ark.tilfoej(Celle(tab["titel"], "kolonnehoved_venstre"),
                *[Celle(a, "kolonnehoved") for a in (aar0, aar1, aar1, aar1)])
    ark.tilfoej(Celle("", "kolonnehoved_venstre"), *[Celle(k, "kolonnehoved") for k in kol])
    for _, a in akt.iterrows():
        ark.tilfoej(Celle(a["aktivitet"], "fed"))
        for m, navn in (("antal", tab["antal"]), ("enhedspris", tab["enhedspris"])):
            if pd.isna(a[f"{m}_budget"]):
                continue
            ark.tilfoej(navn, *[Celle(_tal(a[f"{m}_{k}"]), "beloeb")
                                for k in ("regnskab_forrige_aar", "budget", "regnskab",
                                          "afvigelse")])


def _tal(x: float) -> float | int | None:
    if pd.isna(x):
        return None
    return int(x) if float(x).is_integer() else float(x)


def _forklaringer_for(r: Regnskab, niveau: str, navn: str,
                      so: str | None = None, bev: str | None = None) -> pd.DataFrame:
    f = r.forklaringer
    if f is None or f.empty:
        return pd.DataFrame()
    m = (f["niveau"] == niveau) & (f["navn"] == navn) & ~f["tekst"].map(fk.tom)
    if so is not None and "styringsomraade" in f:
        m &= (f["styringsomraade"] == "") | (f["styringsomraade"] == so)
    if bev is not None and "bevilling" in f:
        m &= (f["bevilling"] == "") | (f["bevilling"] == bev)
    return f[m]


def _punkter(ark: Ark, r: Regnskab, punkter: pd.DataFrame) -> None:
    if punkter.empty:
        return
    egen = [t for t in punkter.get("intro", pd.Series(dtype=object)) if isinstance(t, str) and t]
    _tekstraekke(ark, egen[0] if egen else av.forklaringsintro(list(punkter["retning"]), r.regler))
    for tekst in punkter["tekst"]:
        _tekstraekke(ark, f"• {tekst}")


def _pris_maengde(ark: Ark, r: Regnskab, ln: pd.Series, akt: pd.DataFrame) -> None:
    """Price/quantity bullets of a benefit line, with sub-sections per ydelse."""
    egne = akt[(akt["hovedprodukt"] == ln["navn"]) & akt["har_begge"] & akt["pris_maengde"]]
    if egne.empty:
        return
    intro = r.regler.saetning("intro_en_retning")
    ydelser = egne[egne["er_ydelse"]]
    if ydelser.empty:
        _tekstraekke(ark, intro)
        for _, a in egne.iterrows():
            _tekstraekke(ark, f"• {a['antal_saetning']}")
            _tekstraekke(ark, f"• {a['pris_saetning']}")
        return
    retning = r.regler["ydelser_retning"][ln["klasse"]]
    antal = talord(len(ydelser), r.regler)
    _tekstraekke(ark, r.regler.saetning("ydelser_intro", Retning=retning,
                                        retning=retning.lower(), antal=antal))
    for _, a in ydelser.iterrows():
        ark.tilfoej(Celle(a["aktivitet"], "fed"))
        _tekstraekke(ark, f"{a['ydelse_saetning']} {intro}")
        _tekstraekke(ark, f"• {a['antal_saetning']}")
        _tekstraekke(ark, f"• {a['pris_saetning']}")


def styringsomraade_ark(r: Regnskab, so: pd.Series, navn: str,
                        maerker: dict[str, list[str]] | None = None) -> Ark:
    """One styringsområde: its sentence, then per bevilling the table, sentences and lines."""
    regler = r.regler
    se_kontrol = tekster(regler)["se_kontrol"]
    ark = Ark(navn, kolonnebredder=[44, 15, 15, 15, 15, 15])
    ark.tilfoej(Celle(so["styringsomraade"], "titel"))
    _tekstraekke(ark, so["saetning"])
    _punkter(ark, r, _forklaringer_for(r, "styringsomraade", so["styringsomraade"]))
    if so["henvisning"]:
        _tekstraekke(ark, regler.saetning("henvisning"))
    bev = r.bevillinger[r.bevillinger["styringsomraade"] == so["styringsomraade"]]
    for _, b in bev.iterrows():
        ark.tom()
        # a bevilling's section starts on a new page where it would otherwise be split
        ark.afsnit.append(ark.tilfoej(Celle(b["bevilling"], "overskrift")))
        linjer = r.linjer_i(so["styringsomraade"], b["bevilling"])
        _detaljetabel(ark, r, b, linjer)
        ark.tom()
        ark.tilfoej(Celle(regler["tabeller"]["i_alt"], "fed"), _b(_afv(r, b["mindre_oere"])))
        _tekstraekke(ark, b["saetning"])
        _punkter(ark, r, _forklaringer_for(r, b["niveau"], b["bevilling"],
                                           so["styringsomraade"]))
        if b["henvisning"]:
            _tekstraekke(ark, regler.saetning("henvisning"))
        akt = r.aktiviteter_i(so["styringsomraade"], b["bevilling"])
        if not akt.empty:
            ark.tom()
            _aktivitetstabel(ark, r, akt)
        for _, ln in linjer.iterrows():
            ark.tom()
            maerke = (maerker or {}).get(f"{ln['niveau']} {ln['navn']}")
            ark.tilfoej(Celle(_linjenavn(ln), "fed"), _b(_afv(r, ln["mindre_oere"])),
                        *([Celle(f"{se_kontrol} {'; '.join(maerke).lower()}", "advarsel", flet=4)]
                          if maerke else []))
            _tekstraekke(ark, ln["saetning"])
            _punkter(ark, r, _forklaringer_for(r, ln["niveau"], ln["navn"],
                                               so["styringsomraade"], b["bevilling"]))
            if not akt.empty:
                _pris_maengde(ark, r, ln, akt)
    return ark


def bemaerkninger(r: Regnskab, dele: list[Ark]) -> Ark:
    """The whole document in the seed's order on one sheet: overview, then every styringsområde."""
    ark = Ark(BEMAERKNINGSARK, kolonnebredder=[44, 15, 15, 15, 15, 15])
    for del_ in dele:
        start = len(ark.raekker)
        if start:
            ark.tom()
            start += 1
        ark.raekker.extend(del_.raekker)
        for raekke, hoejde in del_.hoejder.items():
            ark.hoejder[start + raekke] = hoejde
    return ark


def forklaringsark(tabel: pd.DataFrame) -> Ark:
    """The explanations with the tool's status per row: what is missing, what lost its line."""
    ark = Ark(FORKLARINGSARK, kolonnebredder=[16, 26, 14, 34, 14, 11, 80, 24, 13],
              frys_raekker=1, gentag_raekker=(1, 1), liggende=True)
    ark.tilfoej(*[Celle(k, "kolonnehoved_venstre") for k in fk.KOLONNER])
    for _, x in tabel.iterrows():
        status = x["status"]
        stil = "ok" if status == fk.OK else ("advarsel" if status else "tekst")
        vaerdier = [None if (isinstance(x[k], float) and pd.isna(x[k])) or x[k] == "" else x[k]
                    for k in fk.KOLONNER]
        ark.tilfoej(*[Celle(v, "punkt" if k == "tekst" else
                            ("decimal1" if k in ("beloeb_mio",) else
                             ("beloeb3" if k == "afvigelse_mio" else
                              (stil if k == "status" else "tekst"))))
                      for k, v in zip(fk.KOLONNER, vaerdier)])
    return ark


def _maerker(kontroller: list[Kontrol]) -> dict[str, list[str]]:
    """Explanation checks that failed, by line ("hovedprodukt Jobcenterdrift"), to mark lines."""
    ud: dict[str, list[str]] = {}
    for k in kontroller:
        if k.status != "ok" and k.kontrol.startswith("Forklaring"):
            ud.setdefault(k.sted, [])
            if k.kontrol not in ud[k.sted]:
                ud[k.sted].append(k.kontrol)
    return ud


def afvigelsestabel(r: Regnskab) -> dg.Diagramtabel:
    """Every bevilling's afvigelse as on the Oversigt, sorted, in the column of its class: one
    bar per bevilling, mindreforbrug and merforbrug in their own colours."""
    d = diagramord(r.regler)
    bev = r.bevillinger
    navne = bev["bevilling"].tolist()
    # a bevilling name used in two styringsområder is told apart by its styringsområde
    raekker = [(b["bevilling"] if navne.count(b["bevilling"]) == 1
                else f"{b['bevilling']} ({b['styringsomraade']})", _v(_afv(r, b["mindre_oere"])))
               for _, b in bev.iterrows()]
    raekker = dg.sorteret([(n, v) for n, v in raekker if v is not None])
    return dg.Diagramtabel(d["afvigelse"], d["bevilling"],
                           ((d["mindreforbrug"], dg.BLAA), (d["merforbrug"], dg.ORANGE)),
                           dg.fordelt(raekker, positiv=r.regler.fortegn == 1), d["enhed"],
                           stablet=True)


def effekttabel(r: Regnskab) -> dg.Diagramtabel | None:
    """Per ydelse with price and quantity sentences, its quantity and price effect on spending
    (1.000 kr.), from the activity model the sentences use; None without such ydelser."""
    a = r.aktiviteter
    if a.empty:
        return None
    a = a[a["har_begge"] & a["pris_maengde"]]
    if a.empty:
        return None
    d = diagramord(r.regler)
    raekker = [(x["aktivitet"], (heltal(x["maengdeeffekt_kr"] / 1000),
                                 heltal(x["priseffekt_kr"] / 1000))) for _, x in a.iterrows()]
    return dg.Diagramtabel(d["pris_maengde"], d["ydelse"],
                           ((d["maengdeeffekt"], dg.BLAA), (d["priseffekt"], dg.ORANGE)),
                           raekker, d["enhed"], aksetitel=d["effekt_akse"])


def diagramark(r: Regnskab) -> Ark:
    """The Diagrammer sheet: afvigelse per bevilling, then the price and quantity effects."""
    tabeller = [afvigelsestabel(r), effekttabel(r)]
    return dg.diagramark(diagramord(r.regler)["ark"], [t for t in tabeller if t is not None])


def regnskabsrapport(r: Regnskab, kontroller: list[Kontrol], stempel: dict[str, str]) -> Rapport:
    """All report sheets: Oversigt, Bemærkninger, one per styringsområde, Diagrammer,
    Forklaringer, Kontrol."""
    t = tekster(r.regler)
    diagrammer = diagramark(r)
    brugte = {t["oversigtsark"], KONTROLARK, BEMAERKNINGSARK, FORKLARINGSARK, diagrammer.navn}
    dele = [oversigt(r)]
    for _, so in r.styringsomraader.iterrows():
        dele.append(styringsomraade_ark(r, so, arknavn(so["styringsomraade"], brugte),
                                        _maerker(kontroller)))
    tabel = fk.vedligehold(r.forklaringer, fk.linjer(r))
    ark = [dele[0], bemaerkninger(r, dele), *dele[1:], diagrammer, forklaringsark(tabel),
           kontrolark(kontroller, stempel)]
    titel = r.regler["rapport"]["titel"] + _aar(r)
    return Rapport(ark=ark, metadata={"titel": titel, "emne": t["emne"],
                                      "noegleord": stempel.get("Hash", "")})
