"""The kommune overview's sheets: Kommuneoversigt (forvaltninger, their styringsområder, the
kommune's sentences and a chart), a Status sheet with one row per forvaltning and one sheet per
forvaltning, and the Kontrol sheet. For Word: the overview and each forvaltning's bemærkninger."""

from __future__ import annotations

from functools import cache

from addin import diagrammer as dg
from addin.afvigelse import forklaringsintro
from addin.layout import KONTROLARK, Ark, Celle, Rapport, arknavn, kontrolark
from addin.rapporter.kommune.beregn import Kommune, saetning, vaesentlige
from addin.rapporter.kommune.laes import BELOEB, Forvaltningsrapport
from addin.regler import Regler, indlaes_regler, standard_regelfil

BREDDE = 6


@cache
def _bundlet(afsnit: str) -> dict:
    return indlaes_regler(standard_regelfil()).data[afsnit]


def ord_(regler: Regler, afsnit: str = "kommune") -> dict:
    """A section of words (`kommune`, `diagrammer`): the rule file's, else the bundled
    regnskab.yaml's."""
    return regler.data.get(afsnit) or _bundlet(afsnit)


def _titel(kommune: Kommune, regler: Regler) -> str:
    aar = f" {kommune.aar}" if kommune.aar else ""
    return f"{ord_(regler)['titel']} – {kommune.art}{aar}"


def _sætningsrække(ark: Ark, tekst: str) -> None:
    r = ark.tilfoej(Celle(tekst, "punkt", flet=BREDDE))
    ark.hoejder[r] = 15.0 * max(1, -(-len(tekst) // 95))


def _hoved(ark: Ark, regler: Regler, foerste: str, aar: str) -> int:
    """The column headers as the forvaltninger's bevillingsoversigt has them."""
    tab = regler["tabeller"]
    kol = [regler.tekst_med_regnskab(k) for k in tab["oversigt"]["kolonner"]]
    a = f" {aar}" if aar else ""
    kol = [foerste, kol[1] + a, kol[2], kol[3] + a, kol[4] + a, kol[5]]
    hoved = ark.tilfoej(Celle(kol[0], "kolonnehoved_venstre"),
                        *[Celle(k, "kolonnehoved") for k in kol[1:]])
    ark.hoejder[hoved] = 30.0
    ark.tilfoej(Celle("", "kolonnehoved_venstre"),
                *[Celle(k, "kolonnehoved") for k in tab["oversigt"]["undertekst"]])
    ark.tilfoej(Celle(""), *[Celle(tab["enhed"], "enhed") for _ in range(5)])
    return hoved


def _beloeb(navn: str, vaerdier: dict, stil: str = "beloeb", tekststil: str = "tekst") -> list:
    return [Celle(navn, tekststil), *[Celle(vaerdier[k], stil) for k in BELOEB]]


def kommuneoversigt(kommune: Kommune, regler: Regler) -> Ark:
    """Forvaltninger (each its report's I alt) and the kommune's I alt; the sentences; each
    forvaltning's styringsområder."""
    o = ord_(regler)
    ark = Ark(o["oversigtsark"], kolonnebredder=[44, 16, 18, 16, 16, 14])
    ark.tilfoej(Celle(_titel(kommune, regler), "titel"))
    ark.tom()
    afv = kommune.i_alt["afvigelse"]
    if afv is not None:
        _sætningsrække(ark, saetning(afv, o["navneord"], regler))
        forhold = vaesentlige(kommune, regler)
        if forhold:
            _sætningsrække(ark, forklaringsintro([k for k, _ in forhold], regler))
            for _, tekst in forhold:
                _sætningsrække(ark, f"• {tekst}")
        ark.tom()
    hoved = _hoved(ark, regler, o["kolonne"], kommune.aar)
    ark.frys_raekker = hoved + 2
    for r in kommune.rapporter:
        ark.tilfoej(*_beloeb(r.navn, r.i_alt))
    ark.tilfoej(*_beloeb(regler["tabeller"]["i_alt"], kommune.i_alt, "beloeb_sum", "tekst_sum"))
    ark.tom()
    start = ark.tilfoej(Celle(o["styringsomraader"], "overskrift"))  # a page with its table
    _hoved(ark, regler, o["kolonne_styringsomraade"], kommune.aar)
    for r in kommune.rapporter:
        ark.tilfoej(*_beloeb(r.navn, r.i_alt, "beloeb_fed", "fed"))
        for so in r.styringsomraader().to_dict("records"):
            ark.tilfoej(*_beloeb(f"   {so['styringsomraade']}", so))
        ark.tom()
    ark.afsnit.insert(0, start)
    return ark


def diagramark(kommune: Kommune, regler: Regler) -> Ark:
    """The Diagrammer sheet: afvigelse per forvaltning (each its report's I alt), sorted,
    mindreforbrug and merforbrug in their own colours (one bar per forvaltning), with the words
    of the rules' `diagrammer` and `kommune` sections."""
    o = ord_(regler)
    d = ord_(regler, "diagrammer")
    raekker = dg.sorteret([(r.navn, r.i_alt["afvigelse"]) for r in kommune.rapporter
                           if r.i_alt["afvigelse"] is not None])
    tabel = dg.Diagramtabel(o["diagram"], o["kolonne"],
                            ((d["mindreforbrug"], dg.BLAA), (d["merforbrug"], dg.ORANGE)),
                            dg.fordelt(raekker, positiv=regler.fortegn == 1), d["enhed"],
                            stablet=True)
    return dg.diagramark(d["ark"], [tabel])


def statusark(kommune: Kommune, regler: Regler, arknavne: dict[str, str]) -> Ark:
    """One row per forvaltning: its checks, missing explanations, rule file and hash, when it
    was refreshed and whether its input changed since; unreadable files below."""
    o = ord_(regler)
    ark = Ark(o["statusark"], kolonnebredder=[34, 22, 20, 12, 18, 18, 17, 30], liggende=True)
    ark.tilfoej(Celle(f"{o['statusark']} – {_titel(kommune, regler)}", "titel"))
    ark.tom()
    hoved = ark.tilfoej(*[Celle(h, "kolonnehoved_venstre") for h in (
        o["kolonne"], "Fil", "Kontroller", "Mangler forklaring", "Regelfil", "Regelfilens hash",
        "Seneste Refresh", "Input ændret efter Refresh")])
    ark.frys_raekker = hoved
    ark.gentag_raekker = (hoved, hoved)
    for r in kommune.rapporter:
        fejl, adv = r.antal("fejl"), r.antal("advarsel")
        ark.tilfoej(Celle(r.navn), Celle(r.fil.name, "punkt"),
                    Celle(f"{r.antal('ok')} ok, {adv} adv., {fejl} fejl",
                          "fejl" if fejl else ("advarsel" if adv else "ok")),
                    Celle(len(r.mangler_forklaring()),
                          "advarsel" if r.mangler_forklaring() else "ok"),
                    Celle(r.stempel.get("Regelfil", "")), Celle(r.stempel.get("Regelfil-hash", "")),
                    Celle(r.stempel.get("Dannet", "")),
                    Celle(kommune.input_aendret.get(r.fil, ""), "punkt"))
    if kommune.ulaeselige:
        ark.tom()
        ark.tilfoej(Celle("Filer, der ikke kunne læses", "overskrift"))
        for fil, besked in kommune.ulaeselige:
            ark.tilfoej(Celle(fil.name, "fejl"), Celle(besked, "punkt", flet=7))
    ark.tom()
    ark.tilfoej(Celle("Hver forvaltnings detaljer står på sit eget ark: "
                      + "; ".join(arknavne[r.navn] for r in kommune.rapporter) + ".", "note",
                      flet=8))
    return ark


def forvaltningsark(r: Forvaltningsrapport, kommune: Kommune, regler: Regler, navn: str) -> Ark:
    """One forvaltning's status: its sentence, stamp, lines without explanation and the checks
    that are not ok (the report's own and the consolidation's)."""
    o = ord_(regler)
    ark = Ark(navn, kolonnebredder=[12, 40, 44, 70], liggende=True)
    ark.tilfoej(Celle(r.navn, "titel"))
    if r.i_alt["afvigelse"] is not None:
        ark.tilfoej(Celle(saetning(r.i_alt["afvigelse"], o["forvaltning_navneord"], regler),
                          "punkt", flet=4))
    ark.tom()
    for k, v in (("Fil", r.fil.name), ("Rapport", r.art), ("År", r.aar),
                 ("Regelfil", r.stempel.get("Regelfil", "")),
                 ("Regelfilens hash", r.stempel.get("Regelfil-hash", "")),
                 ("Seneste Refresh", r.stempel.get("Dannet", "")),
                 ("Input-hash", r.stempel.get("Hash", "")),
                 ("Input ændret efter Refresh", kommune.input_aendret.get(r.fil, ""))):
        ark.tilfoej(Celle(k, "fed"), Celle(v, "punkt", flet=3))
    ark.tom()
    mangler = r.mangler_forklaring()
    ark.tilfoej(Celle(f"Linjer med forklaringskrav uden forklaring ({len(mangler)})", "overskrift"))
    for k in mangler:
        ark.tilfoej(Celle(k[0], k[0]), Celle(k[2], "punkt"), Celle(k[3], "punkt", flet=2))
    if not mangler:
        ark.tilfoej(Celle("Ingen.", "note"))
    ark.tom()
    ikke_ok = [k for k in r.kontroller if k[0] != "ok" and k[1] != "Forklaring mangler"]
    ikke_ok += [(k.status, k.kontrol, k.sted, k.besked) for k in kommune.kontroller
                if k.status != "ok" and (k.sted == r.navn or k.sted.startswith(f"{r.navn} / "))]
    ark.tilfoej(Celle(f"Kontroller, der ikke er ok ({len(ikke_ok)})", "overskrift"))
    hoved = ark.tilfoej(*[Celle(h, "kolonnehoved_venstre") for h in ("Status", "Kontrol", "Sted",
                                                                     "Besked")])
    orden = {"fejl": 0, "advarsel": 1, "bemærk": 2}
    for k in sorted(ikke_ok, key=lambda k: orden.get(k[0], 3)):
        ark.tilfoej(Celle(k[0], k[0]), Celle(k[1], "punkt"), Celle(k[2], "punkt"),
                    Celle(k[3], "punkt"))
    ark.gentag_raekker = (hoved, hoved)
    return ark


def bemaerkningsark(r: Forvaltningsrapport, raekker: list[list[Celle]]) -> Ark:
    """A forvaltning's Bemærkninger sheet as read back, for the Word document."""
    ark = Ark(arknavn(f"Bemærkninger {r.navn}"))
    ark.raekker = [list(x) for x in raekker]
    return ark


def kommunerapport(kommune: Kommune, regler: Regler, stempel: dict[str, str]) -> Rapport:
    """Every sheet of the consolidation, in order: overview, status, one per forvaltning, Kontrol."""
    o = ord_(regler)
    brugte = {o["oversigtsark"], o["statusark"], KONTROLARK}
    navne = {r.navn: arknavn(f"{o['statusark']} {r.navn}", brugte) for r in kommune.rapporter}
    ark = [kommuneoversigt(kommune, regler), statusark(kommune, regler, navne)]
    ark += [forvaltningsark(r, kommune, regler, navne[r.navn]) for r in kommune.rapporter]
    diagrammer = diagramark(kommune, regler)
    diagrammer.navn = arknavn(diagrammer.navn, set(brugte) | set(navne.values()))
    ark += [diagrammer, kontrolark(kommune.kontroller, stempel)]
    return Rapport(ark, {"titel": _titel(kommune, regler), "emne": "Kommuneoversigt",
                         "noegleord": stempel.get("Hash", "")})
