"""The kommune overview: read every report in the folders -> refuse a mix -> consolidate ->
lay out. `regnskab samle MAPPE` names the folder; a kommune workbook (or CSV folder) names its
folders in the table `samling`, relative to itself, and is built and refreshed like any kind."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from addin.fejl import InputFejl
from addin.kilde import Kilde
from addin.layout import Ark, Rapport
from addin.rapportarter import Bygget, Valg
from addin.rapporter.kommune.beregn import Kommune, saml, tjek_ensartede
from addin.rapporter.kommune.laes import (
    EgenOversigt,
    FremmedFil,
    OedelagtFil,
    efterproev_input,
    laes_bemaerkninger,
    laes_rapport,
    rapportfiler,
)
from addin.rapporter.kommune.layout import bemaerkningsark, kommuneoversigt, kommunerapport
from addin.regler import Regler, bundlede_navne, find_regelfil, indlaes_regler
from addin.tabellaeser import laes_tabeller

RAPPORT = "Kommuneoversigt"  # the stamp's Rapport: a later run skips the overview itself


@dataclass
class Samlet:
    """The consolidation: the workbook's sheets, the model and the Word document's sheets."""

    rapport: Rapport
    kommune: Kommune
    regler: Regler
    docx: Rapport


def _regler(angivet: str | Path | None, rapporter: list) -> Regler:
    """The rule file given, else the bundled one the reports were made with, else regnskab.yaml."""
    if angivet:
        return indlaes_regler(find_regelfil(angivet, "regnskab"))
    stamme = Path(rapporter[0].stempel.get("Regelfil", "")).stem if rapporter else ""
    return indlaes_regler(find_regelfil(stamme if stamme in bundlede_navne() else None,
                                        "regnskab"))


def _laes_alle(filer: list[Path], streng: bool) -> tuple[list, list[tuple[Path, str]]]:
    """Every report; foreign files stop the run (all named at once), broken ones are set aside
    (with --streng they stop it too)."""
    rapporter, fremmede, oedelagte = [], [], []
    for f in filer:
        try:
            rapporter.append(laes_rapport(f))
        except EgenOversigt:
            continue  # an earlier run's overview in the same folder
        except FremmedFil as e:
            fremmede.append(e)
        except OedelagtFil as e:
            oedelagte.append(e)
    if fremmede:
        if len(fremmede) == 1:
            raise fremmede[0]
        raise InputFejl(f"{len(fremmede)} filer i mappen er ikke forvaltningsrapporter dannet af "
                        "værktøjet: " + "; ".join(f"{Path(e.fil).name}: {e.besked}"
                                                  for e in fremmede),
                        fil=str(Path(fremmede[0].fil).parent))
    if oedelagte and streng:
        if len(oedelagte) == 1:
            raise oedelagte[0]
        raise InputFejl("Filer kan ikke læses (--streng): " + "; ".join(
            f"{Path(e.fil).name}: {e.tekst()}" for e in oedelagte),
            fil=str(Path(oedelagte[0].fil).parent))
    return rapporter, [(Path(e.fil), e.tekst()) for e in oedelagte]


def samle(mappe: str | Path | list[Path], *, regler: str | Path | None = None,
          streng: bool = False, undtagen: set[Path] = frozenset(),
          tidspunkt: datetime | None = None) -> Samlet:
    """Consolidate the reports in `mappe` (one folder or several; files in `undtagen`, e.g.
    the output, are skipped)."""
    mapper = [Path(m) for m in mappe] if isinstance(mappe, list) else [Path(mappe)]
    mappe = mapper[0]
    filer = [f for m in mapper for f in rapportfiler(m, {p.resolve() for p in undtagen})]
    rapporter, ulaeselige = _laes_alle(filer, streng)
    if not rapporter:
        hvad = ("ingen af dem kunne læses: " + "; ".join(b for _, b in ulaeselige)) if ulaeselige \
            else "mappen har ingen .xlsx/.xlsm-filer"
        raise InputFejl(f"Ingen forvaltningsrapporter at samle ({hvad}).", fil=str(mappe))
    r = _regler(regler, rapporter)
    tjek_ensartede(rapporter, r)
    aendret = {x.fil: efterproev_input(x) for x in rapporter}
    kommune = saml(rapporter, r, input_aendret=aendret, ulaeselige=ulaeselige)
    h = hashlib.sha256(r.tekst.encode("utf-8"))
    for x in kommune.rapporter:
        h.update(f"{x.fil.name}|{x.stempel.get('Hash', '')}|{x.stempel.get('Dannet', '')}".encode())
    stempel = {"Dannet": (tidspunkt or datetime.now()).strftime("%d-%m-%Y %H:%M"),
               "Input": mappe.name or str(mappe), "Regelfil": Path(r.fil).name,
               "Hash": h.hexdigest()[:16], "Rapport": RAPPORT, "År": kommune.aar,
               "Forvaltninger": str(len(kommune.rapporter))}
    rapport = kommunerapport(kommune, r, stempel)
    return Samlet(rapport, kommune, r, _docx(kommune, r, rapport.metadata))


def _docx(kommune: Kommune, regler: Regler, metadata: dict) -> Rapport:
    """The Word document: the overview, then each forvaltning's bemærkninger in order."""
    ark: list[Ark] = [kommuneoversigt(kommune, regler)]
    for x in kommune.rapporter:
        raekker = laes_bemaerkninger(x)
        if raekker:
            ark.append(bemaerkningsark(x, raekker))
    return Rapport(ark, dict(metadata))


SPEC = {"samling": (["mappe"], [], [])}


def _mapper(kilde: Kilde) -> list[Path]:
    """The folders the table `samling` names, relative to the workbook's (or CSV folder's) own
    folder; an absolute path or one leading out of it (..) is refused, like a rule file's."""
    t = laes_tabeller(kilde, SPEC, ("samling",))["samling"]
    if kilde.mappe is None:
        raise InputFejl("Kommuneoversigten læser forvaltningernes rapporter fra en mappe ved siden "
                        "af projektmappen; det kan Excel i browseren ikke. Brug Excel på "
                        "skrivebordet (Windows/macOS) eller kommandoen regnskab samle MAPPE.",
                        fil=kilde.navn)
    rod = kilde.mappe.resolve()
    ud = []
    for navn, raekke in zip(t["mappe"], t["_raekke"]):
        sti = Path(str(navn).strip())
        if sti.is_absolute() or ".." in sti.parts or str(navn).strip().startswith(("\\", "//")):
            raise InputFejl("Angiv mappen i forhold til projektmappens egen mappe (fx 'indsendt'); "
                            "en fuld sti eller '..' bruges ikke.",
                            **kilde.sted("samling", int(raekke), "mappe"))
        fuld = (rod / sti).resolve()
        if not fuld.is_dir():
            raise InputFejl(f"Mappen '{navn}' findes ikke (ved siden af projektmappen: {rod}).",
                            **kilde.sted("samling", int(raekke), "mappe"))
        ud.append(fuld)
    return ud


def byg(kilde: Kilde, valg: Valg) -> Bygget:
    """The kommune kind's build (build, check, Refresh, share): the workbook itself is skipped
    when it lies among the reports."""
    regelfil = valg.regler
    if regelfil is None and kilde.indstilling("regelfil"):
        regelfil = kilde.regelfil(None, "regnskab")
    undtagen = ({kilde.mappe / Path(kilde.navn).name} if kilde.ark is not None and kilde.mappe
                else set())
    res = samle(_mapper(kilde), regler=regelfil, undtagen=undtagen)
    return Bygget(res.rapport, res.kommune.kontroller, model=res.kommune, docx=res.docx,
                  hash=res.rapport.metadata.get("noegleord", ""),
                  noter=[f"Sprunget over: {b}" for _, b in res.kommune.ulaeselige])
