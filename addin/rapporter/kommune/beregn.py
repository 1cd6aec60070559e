"""The kommune's figures from the forvaltninger's reports (pure: no I/O).

Each forvaltning's row is its report's own I alt; the kommune's I alt is their sum to the
krone. Every report is recomputed from its own lines (bevillinger -> styringsområder -> I alt)
and a difference is a check, never hidden.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from addin.afvigelse import MERFORBRUG, MINDREFORBRUG, klasse
from addin.fejl import InputFejl
from addin.kontrol import ADVARSEL, FEJL, OK, Kontrol
from addin.rapporter.kommune.laes import BELOEB, Forvaltningsrapport
from addin.regler import Regler
from addin.talformat import mio_kr, tusinder


@dataclass
class Kommune:
    """The consolidated figures: one row per forvaltning (its report's I alt) and their sum."""

    rapporter: list[Forvaltningsrapport]
    i_alt: dict[str, int | None]
    kontroller: list[Kontrol]
    input_aendret: dict[Path, str] = field(default_factory=dict)
    ulaeselige: list[tuple[Path, str]] = field(default_factory=list)  # (file, message)

    @property
    def aar(self) -> str:
        return self.rapporter[0].aar if self.rapporter else ""

    @property
    def art(self) -> str:
        return self.rapporter[0].art if self.rapporter else ""


def _liste(filer: list[Path]) -> str:
    return ", ".join(p.name for p in filer)


def _ens(rapporter: list[Forvaltningsrapport], hvad: str, noegle, flertal: str) -> None:
    """All reports agree on `noegle` (year, kind, sign convention), else a message naming the
    files of each value."""
    grupper: dict[str, list[Path]] = defaultdict(list)
    for r in rapporter:
        grupper[noegle(r) or "(ikke angivet)"].append(r.fil)
    if len(grupper) > 1:
        dele = [f"{v} ({_liste(f)})" for v, f in sorted(grupper.items())]
        raise InputFejl(f"Rapporterne har forskellige {flertal}: " + "; ".join(dele)
                        + f". Saml kun rapporter med samme {hvad}.",
                        fil=str(rapporter[0].fil.parent))


def tjek_ensartede(rapporter: list[Forvaltningsrapport], regler: Regler) -> None:
    """Refuse a mix: years, report kinds (regnskab/budgetopfølgning and round), sign conventions,
    two reports from one forvaltning, or a sign convention the kommune's rule file does not use."""
    _ens(rapporter, "år", lambda r: r.aar, "år")
    _ens(rapporter, "rapportart", lambda r: r.art, "rapportarter")
    _ens(rapporter, "fortegnskonvention", lambda r: r.stempel.get("Fortegn", ""),
         "fortegnskonventioner i regelfilerne")
    pr_navn: dict[str, list[Path]] = defaultdict(list)
    for r in rapporter:
        pr_navn[" ".join(r.navn.split()).casefold()].append(r.fil)
    for filer in pr_navn.values():
        if len(filer) > 1:
            navn = next(r.navn for r in rapporter if r.fil == filer[0])
            raise InputFejl(f"To rapporter er fra samme forvaltning ({navn}): {_liste(filer)}. "
                            "Behold den nyeste.", fil=str(filer[0].parent))
    if rapporter and rapporter[0].stempel.get("Fortegn") not in (None, regler["fortegn"]):
        raise InputFejl(f"Rapporternes fortegn ({rapporter[0].stempel['Fortegn']}) er ikke "
                        f"regelfilens ({regler['fortegn']}); brug en regelfil med samme fortegn.",
                        fil=str(regler.fil))


def _sum(vaerdier: list[int | None]) -> int | None:
    """The sum of shown amounts; None when one of them is not shown."""
    return None if any(v is None for v in vaerdier) else sum(vaerdier)


KOLONNENAVNE = {"vedtaget": "vedtaget budget", "tillaeg": "tillægsbevillinger",
                "korrigeret": "korrigeret budget", "regnskab": "regnskab", "afvigelse": "afvigelse"}


def _tjek_sum(navn: str, sted: str, vist: dict, dele: list[dict], ud: list[Kontrol]) -> None:
    """A shown total against the sum of its shown parts, all five columns in one check: equal
    (ok), off by at most half a t.kr. per part (the rounding of each shown part: advarsel), or
    more (fejl)."""
    forskelle, status = [], OK
    for k in BELOEB:
        summen = _sum([d[k] for d in dele])
        if vist[k] is None or summen is None or vist[k] == summen:
            continue
        forskel = vist[k] - summen
        afrunding = abs(forskel) * 2 <= len(dele) + 1
        status = FEJL if not afrunding or status == FEJL else ADVARSEL
        forskelle.append(f"{KOLONNENAVNE[k]} vist {tusinder(vist[k])}, sum af linjerne "
                         f"{tusinder(summen)}: forskel {tusinder(forskel)}"
                         + (" (afrunding af de viste linjer)" if afrunding else ""))
    if forskelle:
        ud.append(Kontrol(status, navn, sted, "; ".join(forskelle) + "."))
    else:
        ud.append(Kontrol(OK, navn, sted, f"{len(dele)} linjer summerer til det viste i alle "
                          "kolonner."))


def _genberegn(r: Forvaltningsrapport) -> list[Kontrol]:
    """The report's own totals recomputed from its lines."""
    ud: list[Kontrol] = []
    linjer = r.linjer.to_dict("records")
    so_raekker = [x for x in linjer if x["bevilling"] == ""]
    for so in so_raekker:
        dele = [x for x in linjer if x["bevilling"] and x["styringsomraade"] == so["styringsomraade"]]
        _tjek_sum("Styringsområde = sum af bevillinger", f"{r.navn} / {so['styringsomraade']}",
                  so, dele, ud)
    _tjek_sum("I alt = sum af styringsområder", r.navn, r.i_alt, so_raekker, ud)
    return ud


def _status(r: Forvaltningsrapport, input_aendret: str) -> list[Kontrol]:
    """The report's own state: its checks, missing explanations, input changed after Refresh."""
    fejl, adv = r.antal("fejl"), r.antal("advarsel")
    ud = [Kontrol(FEJL if fejl else (ADVARSEL if adv else OK), "Rapportens egne kontroller",
                  r.navn, f"{r.antal('ok')} ok, {adv} advarsler, {fejl} fejl ({r.fil.name}).")]
    mangler = r.mangler_forklaring()
    if mangler:
        ud.append(Kontrol(ADVARSEL, "Forklaringer mangler", r.navn,
                          f"{len(mangler)} linje(r) med forklaringskrav har ingen forklaring: "
                          + "; ".join(k[2] for k in mangler) + "."))
    else:
        ud.append(Kontrol(OK, "Forklaringer mangler", r.navn, "Alle linjer med forklaringskrav "
                          "har en forklaring."))
    if input_aendret.startswith("ja"):
        ud.append(Kontrol(ADVARSEL, "Input uændret efter seneste Refresh", r.navn,
                          f"Input er ændret efter seneste Refresh ({r.stempel.get('Dannet', '')})."))
    elif input_aendret == "nej":
        ud.append(Kontrol(OK, "Input uændret efter seneste Refresh", r.navn,
                          f"Rapporten svarer til sit input (Refresh {r.stempel.get('Dannet', '')})."))
    else:
        ud.append(Kontrol(ADVARSEL, "Input uændret efter seneste Refresh", r.navn,
                          input_aendret[0].upper() + input_aendret[1:] + "."))
    if not r.forvaltning:
        ud.append(Kontrol(ADVARSEL, "Forvaltningens navn", r.fil.name, "Rapporten nævner ingen "
                          "forvaltning (Indstillinger: forvaltning); filens navn bruges."))
    return ud


def saml(rapporter: list[Forvaltningsrapport], regler: Regler, *,
         input_aendret: dict[Path, str] | None = None,
         ulaeselige: list[tuple[Path, str]] | None = None) -> Kommune:
    """The kommune from reports that passed `tjek_ensartede`, sorted by forvaltning."""
    input_aendret = input_aendret or {}
    rapporter = sorted(rapporter, key=lambda r: r.navn.casefold())
    kontroller: list[Kontrol] = []
    for fil, besked in ulaeselige or []:
        kontroller.append(Kontrol(FEJL, "Rapporten kan læses", fil.name, besked))
    for r in rapporter:
        kontroller += _status(r, input_aendret.get(r.fil, "kan ikke efterprøves"))
        kontroller += _genberegn(r)
    i_alt = {k: _sum([r.i_alt[k] for r in rapporter]) for k in BELOEB}
    for k in BELOEB:
        if i_alt[k] is None:
            mangler = [r.navn for r in rapporter if r.i_alt[k] is None]
            kontroller.append(Kontrol(ADVARSEL, "Kommunens I alt", k, "Kolonnen er ikke vist for "
                                      + ", ".join(mangler) + "; kommunens I alt er derfor tom."))
    return Kommune(rapporter, i_alt, kontroller, input_aendret, list(ulaeselige or []))


def saetning(afv_tkr: int, navneord: str, regler: Regler) -> str:
    """The standard sentence for a whole kommune or forvaltning ("Kommunen udviser et
    mindreforbrug på 70,0 mio. kr."), materiality as for a styringsområde."""
    k = klasse(afv_tkr, "styringsomraade", regler)
    if k in (MINDREFORBRUG, MERFORBRUG):
        return regler.saetning("afvigelse", navneord=navneord, klasse=regler["klasser"][k],
                               beloeb=mio_kr(afv_tkr))
    return regler.saetning(k, navneord=navneord)


def vaesentlige(kommune: Kommune, regler: Regler) -> list[tuple[str, str]]:
    """(klasse, sentence) of each forvaltning with a material deviation, largest first."""
    ud = []
    for r in sorted(kommune.rapporter, key=lambda r: -abs(r.i_alt["afvigelse"] or 0)):
        afv = r.i_alt["afvigelse"]
        if afv is None:
            continue
        k = klasse(afv, "styringsomraade", regler)
        if k not in (MINDREFORBRUG, MERFORBRUG):
            continue
        ud.append((k, saetning(afv, r.navn, regler)))
    return ud
