"""Read one forvaltning's report (or its share copy): the Kontrol stamp and checks, the
bevillingsoversigt as shown, and for the Word document the Bemærkninger sheet with its styles.

A workbook is recognised as made by this tool by its Kontrol sheet (title "Kontroller", the stamp
rows Dannet, Regelfil and Rapportark); a regnskab or budgetopfølgning also stamps Rapport.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from addin.fejl import InputFejl, RegnskabFejl
from addin.indlaes import laes_workbook_ark, normaliser_kolonne, ren_tekst
from addin.layout import KONTROLARK, RAPPORTARK_NOEGLE, STILE, Celle, normalt_arknavn

ENDELSER = (".xlsx", ".xlsm")
BELOEB = ("vedtaget", "tillaeg", "korrigeret", "regnskab", "afvigelse")
BEMAERKNINGER = "Bemærkninger"
STATUSSER = ("ok", "advarsel", "fejl", "bemærk")
MANGLER = "Forklaring mangler"


class FremmedFil(InputFejl):
    """A workbook this tool did not make, or a report of another kind: the run is refused."""


class EgenOversigt(InputFejl):
    """A kommune overview this tool made earlier (lying in the same folder): skipped."""


class OedelagtFil(InputFejl):
    """A report that cannot be read (damaged, cut short, sheets missing): named and skipped."""


@dataclass
class Forvaltningsrapport:
    """What the consolidation uses of one report; amounts in 1.000 kr. as the report shows them."""

    fil: Path
    stempel: dict[str, str]
    kontroller: list[tuple[str, str, str, str]]  # (status, kontrol, sted, besked)
    linjer: pd.DataFrame  # styringsomraade, bevilling ("" on the styringsområde's row), BELOEB
    i_alt: dict[str, int | None]
    oversigtsark: str
    arknavne: list[str] = field(default_factory=list)  # the report's sheets (Rapportark)

    @property
    def forvaltning(self) -> str:
        return self.stempel.get("Forvaltning", "")

    @property
    def navn(self) -> str:
        """The forvaltning's name, or the file's name where the report names none."""
        return self.forvaltning or self.fil.stem

    @property
    def aar(self) -> str:
        return self.stempel.get("År", "")

    @property
    def art(self) -> str:
        """The report kind as the rules name it: "Regnskab", "Budgetopfølgning (april)"."""
        runde = self.stempel.get("Runde", "")
        return self.stempel.get("Rapport", "") + (f" – {runde}" if runde else "")

    def antal(self, status: str) -> int:
        return sum(1 for k in self.kontroller if k[0] == status)

    def mangler_forklaring(self) -> list[tuple[str, str, str, str]]:
        """The lines with forklaringskrav but no explanation, as the report's checks list them."""
        return [k for k in self.kontroller if k[1] == MANGLER and k[0] != "ok"]

    def styringsomraader(self) -> pd.DataFrame:
        return self.linjer[self.linjer["bevilling"] == ""]

    def bevillinger(self) -> pd.DataFrame:
        return self.linjer[self.linjer["bevilling"] != ""]


def rapportfiler(mappe: Path, undtagen: set[Path] = frozenset()) -> list[Path]:
    """The workbooks of a folder (not its subfolders), sorted; Excel's lock files (~$...) and
    the files in `undtagen` (the consolidation's own output) are left out."""
    if not mappe.is_dir():
        raise InputFejl("Mappen findes ikke.", fil=str(mappe))
    ud = []
    for p in sorted(mappe.iterdir()):
        if p.suffix.lower() in ENDELSER and not p.name.startswith("~$") and p.is_file() \
                and p.resolve() not in undtagen:
            ud.append(p)
    return ud


def _tal(v: object) -> int | None:
    """A shown amount (calamine gives floats); text or empty is no amount."""
    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, (int, float)) and v == v:
        return int(round(v))
    return None


def _tekst(v: object) -> str:
    """A cell as the reader cleans a name ('' for an empty cell)."""
    return "" if v is None else ren_tekst(v)


def laes_stempel(raekker: list[list]) -> tuple[dict[str, str], list[tuple[str, str, str, str]]]:
    """The stamp (key -> value) and the checks of a Kontrol sheet's rows."""
    stempel: dict[str, str] = {}
    kontroller = []
    i_liste = False
    for r in raekker[2:]:
        r = list(r) + [None] * 4
        a, b = _tekst(r[0]), _tekst(r[1])
        if i_liste:
            if a in STATUSSER:
                kontroller.append((a, b, _tekst(r[2]), _tekst(r[3])))
            continue
        if a == "Status" and b == "Kontrol":
            i_liste = True
        elif a:
            stempel[a] = b
    return stempel, kontroller


def _egen_rapport(sti: Path) -> tuple[dict[str, str], list, list[str]]:
    """The Kontrol sheet's stamp and checks, and the report's sheets; a workbook without the
    tool's Kontrol sheet is foreign (FremmedFil), one that cannot be opened is broken."""
    fil = str(sti)
    try:
        ark = laes_workbook_ark(sti, {normaliser_kolonne(KONTROLARK)})
    except InputFejl as e:
        raise OedelagtFil(e.besked, fil=fil) from None
    raekker = next(iter(ark.values()), None)
    if not raekker or _tekst((raekker[0] or [None])[0]) != "Kontroller":
        raise FremmedFil("Projektmappen er ikke dannet af værktøjet (den har intet Kontrol-ark "
                         "med værktøjets stempel); fjern den fra mappen.", fil=fil)
    stempel, kontroller = laes_stempel(raekker)
    if not {"Dannet", "Regelfil", RAPPORTARK_NOEGLE} <= stempel.keys():
        raise FremmedFil("Projektmappens Kontrol-ark har ikke værktøjets stempel (Dannet, Regelfil, "
                         "Rapportark); fjern den fra mappen.", fil=fil)
    return stempel, kontroller, [n for n in stempel[RAPPORTARK_NOEGLE].split("; ") if n]


def _oversigt(raekker: list[list], fil: str, ark: str) -> tuple[pd.DataFrame, dict, int]:
    """The bevillingsoversigt's lines: blocks separated by empty rows, each a styringsområde's
    row followed by its bevillinger; the last row alone is I alt."""
    start = next((i for i, r in enumerate(raekker)
                  if len(r) >= 6 and all(_tal(v) is not None for v in r[1:6]) and _tekst(r[0])),
                 None)
    if start is None:
        raise OedelagtFil("Arket har ingen bevillingsoversigt (ingen rækker med beløb).", fil=fil,
                          ark=ark)
    blokke: list[list[tuple[int, list]]] = [[]]
    for i in range(start, len(raekker)):
        r = list(raekker[i]) + [None] * 6
        if not _tekst(r[0]) and all(v is None or v == "" for v in r[1:6]):
            if blokke[-1]:
                blokke.append([])
            continue
        if not _tekst(r[0]):
            raise OedelagtFil("En række med beløb har intet navn.", fil=fil, ark=ark, raekke=i + 1)
        blokke[-1].append((i + 1, r))
    blokke = [b for b in blokke if b]
    if len(blokke) < 2 or len(blokke[-1]) != 1:
        raise OedelagtFil("Bevillingsoversigten slutter ikke med en I alt-række.", fil=fil, ark=ark)
    linjer = []
    for blok in blokke[:-1]:
        so = _tekst(blok[0][1][0])
        for j, (nr, r) in enumerate(blok):
            linjer.append({"styringsomraade": so, "bevilling": "" if j == 0 else _tekst(r[0]),
                           **{k: _tal(v) for k, v in zip(BELOEB, r[1:6])}, "raekke": nr})
    nr, r = blokke[-1][0]
    i_alt = {k: _tal(v) for k, v in zip(BELOEB, r[1:6])}
    return pd.DataFrame(linjer), i_alt, nr


def laes_rapport(sti: Path) -> Forvaltningsrapport:
    """One report: FremmedFil for a workbook the tool did not make or another report kind,
    OedelagtFil for one that cannot be read."""
    fil = str(sti)
    stempel, kontroller, arknavne = _egen_rapport(sti)
    if "Rapport" not in stempel:
        regelfil = stempel.get("Regelfil", "")
        if "Hash" in stempel:
            raise OedelagtFil("Rapporten er dannet af en ældre version af værktøjet (stemplet "
                              "mangler Rapport og År); opdatér den med Refresh og del den igen.",
                              fil=fil)
        raise FremmedFil(f"Filen er en anden rapportart (regelfil {regelfil}), ikke et regnskab "
                         "eller en budgetopfølgning; fjern den fra mappen.", fil=fil)
    if stempel["Rapport"] == "Kommuneoversigt":
        raise EgenOversigt("Filen er selv en kommuneoversigt.", fil=fil)
    if not arknavne:
        raise OedelagtFil("Kontrol-arket nævner ingen rapportark.", fil=fil)
    oversigtsark = arknavne[0]
    try:
        ark = laes_workbook_ark(sti, {normaliser_kolonne(oversigtsark)})
    except InputFejl as e:
        raise OedelagtFil(e.besked, fil=fil) from None
    if not ark:
        raise OedelagtFil(f"Arket '{oversigtsark}', som Kontrol-arket nævner, findes ikke.",
                          fil=fil)
    linjer, i_alt, _ = _oversigt(next(iter(ark.values())), fil, oversigtsark)
    return Forvaltningsrapport(sti, stempel, kontroller, linjer, i_alt, oversigtsark, arknavne)


def efterproev_input(rapport: Forvaltningsrapport) -> str:
    """Whether the workbook's input changed after its last Refresh: its input rebuilt now gives
    the stamp's hash ("nej") or another ("ja"); without input sheets it cannot be told."""
    from addin.kilde import kilde_fra_sti
    from addin.rapportarter import Valg, art

    try:
        kilde = kilde_fra_sti(rapport.fil)
        if "hovedprodukter" not in kilde.tabelnavne():
            return "kan ikke efterprøves (projektmappen har ikke input-arkene)"
        bygget = art("regnskab").byg(kilde, Valg())
    except RegnskabFejl as e:
        return f"kan ikke efterprøves ({e.besked})"
    if bygget.hash == rapport.stempel.get("Hash"):
        return "nej"
    return "ja: input eller regler er ændret efter seneste Refresh; opdatér og del igen"


# ----------------------------------------------------------------- bemærkninger for Word

def _stilnoegle(fed: bool, kursiv: bool, talformat: str | None, fyld: str | None,
                stoerrelse: float | None, top: bool, bund: bool) -> tuple:
    return (fed, kursiv, talformat, fyld, stoerrelse, top, bund)


_STILE_BAGLAENS = {}
for _navn, _s in STILE.items():
    _STILE_BAGLAENS.setdefault(_stilnoegle(_s.fed, _s.kursiv, _s.talformat, _s.fyld,
                                           _s.skriftstoerrelse, _s.ramme_top, _s.ramme_bund),
                               _navn)


def _stil(celle) -> str:
    """The layout style a written cell came from (the writers' styles read back)."""
    font, fill, border = celle.font, celle.fill, celle.border
    fyld = None
    if fill is not None and fill.fill_type == "solid" and isinstance(fill.fgColor.rgb, str):
        fyld = fill.fgColor.rgb[-6:].upper()
    fmt = celle.number_format if celle.number_format != "General" else None
    stoerrelse = font.sz if font is not None and font.sz not in (None, 11) else None
    noegle = _stilnoegle(bool(font and font.b), bool(font and font.i), fmt, fyld,
                         float(stoerrelse) if stoerrelse else None,
                         bool(border and border.top is not None and border.top.style),
                         bool(border and border.bottom is not None and border.bottom.style))
    if noegle in _STILE_BAGLAENS:
        return _STILE_BAGLAENS[noegle]
    if isinstance(celle.value, (int, float)) and not isinstance(celle.value, bool):
        return "beloeb_fed" if noegle[0] else "beloeb"
    if celle.alignment is not None and celle.alignment.wrap_text:
        return "punkt"
    return "fed" if noegle[0] else "tekst"


def laes_bemaerkninger(rapport: Forvaltningsrapport) -> list[list[Celle]] | None:
    """The report's Bemærkninger sheet as layout rows (values and styles), or None without it."""
    import openpyxl

    navn = next((n for n in rapport.arknavne if normalt_arknavn(n) == normalt_arknavn(BEMAERKNINGER)
                 or normalt_arknavn(n).startswith(normalt_arknavn(BEMAERKNINGER) + " (")), None)
    if navn is None:
        return None
    try:
        wb = openpyxl.load_workbook(rapport.fil, read_only=True, data_only=True)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError):
        return None
    try:
        ws = next((w for w in wb.worksheets if w.title == navn), None)
        if ws is None:
            return None
        raekker = []
        for r in ws.iter_rows():
            celler = [Celle(c.value, _stil(c)) if c.value is not None else Celle(None)
                      for c in r if hasattr(c, "value")]
            while celler and celler[-1].vaerdi is None:
                celler.pop()
            raekker.append(celler)
        while raekker and not raekker[-1]:
            raekker.pop()
        return raekker
    finally:
        wb.close()
