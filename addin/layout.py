"""Renderer-agnostic report layout: sheets as rows of typed, styled cells.

Every writer (openpyxl, xlwings, Word) turns the same layout into its own format, so the
numbers and texts a controller sees are decided once, here and in the report modules.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Union

from addin.kontrol import Kontrol, opsummering, opsummeringstekst

Vaerdi = Union[str, int, float, bool, None]


@dataclass(frozen=True)
class Stil:
    """How a cell looks; writers map it to their own formatting."""

    fed: bool = False
    kursiv: bool = False
    talformat: str | None = None  # Excel number format, e.g. '#,##0'
    ombryd: bool = False
    justering: str | None = None  # 'left' | 'center' | 'right'
    fyld: str | None = None  # RGB hex, e.g. 'DDEBF7'
    skriftstoerrelse: float | None = None
    ramme_top: bool = False
    ramme_bund: bool = False
    farve: str | None = None  # font colour, RGB hex


KONTROLARK = "Kontrol"
HELTAL = "#,##0"
DECIMAL1 = "#,##0.0"

STILE: dict[str, Stil] = {
    "tekst": Stil(),
    "fed": Stil(fed=True),
    "titel": Stil(fed=True, skriftstoerrelse=14),
    "overskrift": Stil(fed=True, skriftstoerrelse=12),
    "kolonnehoved": Stil(fed=True, justering="center", ombryd=True, fyld="DDEBF7",
                         ramme_bund=True),
    "kolonnehoved_venstre": Stil(fed=True, ombryd=True, fyld="DDEBF7", ramme_bund=True),
    "enhed": Stil(kursiv=True, justering="right"),
    "beloeb": Stil(talformat=HELTAL),
    "beloeb_fed": Stil(fed=True, talformat=HELTAL),
    "beloeb_top": Stil(talformat=HELTAL, ombryd=True),
    "beloeb_sum": Stil(fed=True, talformat=HELTAL, ramme_top=True),
    "tekst_sum": Stil(fed=True, ramme_top=True),
    "decimal1": Stil(talformat=DECIMAL1),
    "decimal2": Stil(talformat="#,##0.0#"),
    "decimal1_sum": Stil(fed=True, talformat=DECIMAL1, ramme_top=True),
    "beloeb3": Stil(talformat="#,##0.000"),
    "saetning": Stil(),
    "punkt": Stil(ombryd=True),
    "note": Stil(kursiv=True, farve="595959"),
    "ok": Stil(farve="006100", fyld="C6EFCE"),
    "advarsel": Stil(farve="9C5700", fyld="FFEB9C"),
    "fejl": Stil(farve="9C0006", fyld="FFC7CE"),
    "bemærk": Stil(farve="1F4E79", fyld="DDEBF7"),
    "dato": Stil(talformat="dd-mm-yyyy"),
}


@dataclass(frozen=True)
class Celle:
    """One cell: a value (text or real number) and the name of a style in STILE."""

    vaerdi: Vaerdi = None
    stil: str = "tekst"
    flet: int = 1  # number of columns the cell spans (merged when > 1)


@dataclass(frozen=True)
class Serie:
    """One data series of a chart: its name (the legend) and the column of its values."""

    navn: str
    kolonne: int  # 1-based column on the chart's own sheet
    farve: str | None = None  # RGB hex fill, e.g. '2E75B6'


@dataclass(frozen=True)
class Diagram:
    """A native chart over a block of its own sheet's cells (values stay visible as a table).

    The categories are rows `foerste`..`sidste` of `kategorikolonne`; each series takes the same
    rows of its own column. The chart is anchored at (`raekke`, `kolonne`) and covers `hoejde`
    rows, which the layout keeps empty, so it never hides a value and prints with the sheet.
    """

    titel: str
    foerste: int  # 1-based first data row
    sidste: int  # 1-based last data row
    kategorikolonne: int  # 1-based column of the category labels
    serier: tuple[Serie, ...]
    raekke: int  # 1-based row of the chart's top-left corner
    hoejde: int  # rows the chart covers
    kolonne: int = 1  # 1-based column of the chart's top-left corner
    bredde: int = 0  # columns the chart spans (0: as wide as the sheet's table)
    art: str = "bjaelke"  # 'bjaelke' (horizontal bars) | 'soejle' (vertical columns)
    stablet: bool = False  # series stacked (one bar per category), else side by side
    talformat: str = "#,##0"
    aksetitel: str | None = None  # the value axis, e.g. '1.000 kr.'


@dataclass
class Ark:
    """One report sheet: rows of cells from column A, with print and view settings."""

    navn: str
    raekker: list[list[Celle]] = field(default_factory=list)
    kolonnebredder: list[float] = field(default_factory=list)
    frys_raekker: int = 0
    gentag_raekker: tuple[int, int] | None = None  # 1-based rows repeated on each page
    liggende: bool = False
    hoejder: dict[int, float] = field(default_factory=dict)  # 1-based row -> height in points
    sidehoved: str | None = None  # printed page header, centre: the report's title
    sidehoved_venstre: str | None = None  # printed page header, left: e.g. the forvaltning
    # 1-based first rows of sections (a styringsområde, a bevilling): printing starts a new
    # page there when the section would otherwise be split across two pages
    afsnit: list[int] = field(default_factory=list)
    diagrammer: list[Diagram] = field(default_factory=list)  # native charts on this sheet

    def tilfoej(self, *celler: Celle | Vaerdi) -> int:
        """Append a row; plain values become text cells. Returns the 1-based row number."""
        self.raekker.append([c if isinstance(c, Celle) else Celle(c) for c in celler])
        return len(self.raekker)

    def tom(self) -> None:
        """Append an empty spacer row."""
        self.raekker.append([])

    def tilfoej_diagram(self, titel: str, foerste: int, sidste: int, kategorikolonne: int,
                        serier: tuple[Serie, ...], *, hoejde: int = 18, **valg) -> Diagram:
        """Place a chart below the sheet's rows so far: one spacer row, then `hoejde` empty rows
        it covers (a section of its own, so printing does not split it across pages)."""
        self.tom()
        d = Diagram(titel, foerste, sidste, kategorikolonne, tuple(serier),
                    raekke=len(self.raekker) + 1, hoejde=hoejde, **valg)
        self.afsnit.append(d.raekke)
        self.raekker.extend([] for _ in range(hoejde))
        self.diagrammer.append(d)
        return d

    def vaerdier(self) -> list[list[Vaerdi]]:
        """The plain values, rows padded to the sheet's width (for tests and comparisons)."""
        bredde = max((len(r) for r in self.raekker), default=0)
        return [[c.vaerdi for c in r] + [None] * (bredde - len(r)) for r in self.raekker]


@dataclass
class Rapport:
    """A whole report: its sheets in order, plus metadata stamped into the workbook."""

    ark: list[Ark] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)

    def find(self, navn: str) -> Ark:
        for a in self.ark:
            if a.navn == navn:
                return a
        raise KeyError(navn)


def arknavn(navn: str, brugte: set[str] | None = None) -> str:
    """A valid, unique Excel sheet name (max 31 UTF-16 units, none of []:*?/\\)."""
    rent = "".join("-" if ch in '[]:*?/\\' or ord(ch) < 32 else ch for ch in navn).strip().strip("'")
    rent = _afkort(rent, 31) or "Ark"
    if brugte is None:
        return rent
    kandidat, n = rent, 2
    while normalt_arknavn(kandidat) in {normalt_arknavn(b) for b in brugte}:
        suffiks = f" ({n})"
        kandidat = _afkort(rent, 31 - len(suffiks)) + suffiks
        n += 1
    brugte.add(kandidat)
    return kandidat


def _afkort(tekst: str, enheder: int) -> str:
    """Cut text to at most `enheder` UTF-16 code units (Excel counts sheet names that way)."""
    ud, brugt = [], 0
    for ch in tekst:
        brugt += 2 if ord(ch) > 0xFFFF else 1
        if brugt > enheder:
            break
        ud.append(ch)
    return "".join(ud).rstrip()


def normalt_arknavn(navn: str) -> str:
    """How Excel compares sheet names: case-insensitive; we also ignore surrounding and doubled
    white space, so 'Hovedprodukter ' and 'hovedprodukter' are the same sheet."""
    return " ".join(str(navn).split()).casefold()


RAPPORTARK_NOEGLE = "Rapportark"
KONTROLHOVED = 40  # rows at the top of a Kontrol sheet read for its stamp (Rapportark among them)
SKABELON_PLADSHOLDER = "Udfyldes af Refresh."


def egne_ark(kontrol_raekker: list[list] | None, ark_a1: dict[str, object],
             beskyttede: set[str] = frozenset()) -> set[str]:
    """The sheets an earlier Refresh made (normalised names): those its Kontrol sheet lists,
    the Kontrol sheet itself, and a template's empty report sheets ("Udfyldes af Refresh.").
    A sheet in `beskyttede` (input, settings, instructions) is never one of them."""
    from addin.indlaes import normaliser_kolonne

    egne = {n for n, a1 in ark_a1.items() if a1 == SKABELON_PLADSHOLDER}
    for r in kontrol_raekker or []:
        if r and r[0] == RAPPORTARK_NOEGLE and len(r) > 1 and r[1]:
            egne |= set(str(r[1]).split("; ")) | {KONTROLARK}
    return {normalt_arknavn(n) for n in egne if normaliser_kolonne(n) not in beskyttede}


def egne_i_bog(rapport: Rapport, kontrol_raekker: list[list] | None, ark_a1: dict[str, object],
               beskyttede: set[str]) -> set[str]:
    """The sheets of a workbook a new Refresh may replace (see egne_ark). A report made before
    its Kontrol sheet listed its sheets counts the report's own sheet names as its own."""
    egne = egne_ark(kontrol_raekker, ark_a1, beskyttede)
    gammel = kontrol_raekker and kontrol_raekker[0] and kontrol_raekker[0][0] == "Kontroller"
    if gammel and not any(r and r[0] == RAPPORTARK_NOEGLE for r in kontrol_raekker):
        egne |= egne_ark([[RAPPORTARK_NOEGLE, "; ".join(a.navn for a in rapport.ark)]], {},
                         beskyttede)
    return egne


def placer_rapportark(rapport: Rapport, eksisterende: list[str], egne: set[str]) -> Rapport:
    """The report with sheet names that never hit a sheet the tool did not make (input,
    settings, instructions, the controller's own): such a name gets " (2)" and so on. The
    Kontrol sheet lists the final names, so the next Refresh knows which sheets are its own."""
    fremmede = {normalt_arknavn(n) for n in eksisterende if normalt_arknavn(n) not in egne}
    brugte = set(fremmede)
    nye = []
    for ark in rapport.ark:
        navn = arknavn(ark.navn, brugte)
        nye.append(replace(ark, navn=navn, raekker=list(ark.raekker)))
    navne = "; ".join(a.navn for a in nye)
    for ark in nye:
        for i, r in enumerate(ark.raekker):
            if r and r[0].vaerdi == RAPPORTARK_NOEGLE:
                ark.raekker[i] = [r[0], Celle(navne, r[1].stil if len(r) > 1 else "tekst",
                                              r[1].flet if len(r) > 1 else 1)]
    return Rapport(nye, rapport.metadata)


def kontrolark(kontroller: Iterable[Kontrol], stempel: dict[str, str]) -> Ark:
    """The check list: a summary, the refresh stamp, then every check with its result."""
    kontroller = list(kontroller)
    ark = Ark(KONTROLARK, kolonnebredder=[11, 38, 44, 90], frys_raekker=0)
    ark.tilfoej(Celle("Kontroller", "titel"))
    t = opsummering(kontroller)
    ark.tilfoej(Celle(opsummeringstekst(kontroller),
                      "fejl" if t["fejl"] else ("advarsel" if t["advarsel"] else "ok"), flet=3))
    for k, v in stempel.items():
        ark.tilfoej(Celle(k, "fed"), Celle(v, flet=3))
    ark.tilfoej(Celle(RAPPORTARK_NOEGLE, "fed"), Celle("", flet=3))
    ark.tom()
    hoved = ark.tilfoej(*[Celle(h, "kolonnehoved_venstre") for h in
                          ("Status", "Kontrol", "Sted", "Besked")])
    ark.frys_raekker = hoved
    ark.gentag_raekker = (hoved, hoved)
    orden = {"fejl": 0, "advarsel": 1, "bemærk": 2, "ok": 3}
    for k in sorted(kontroller, key=lambda x: orden[x.status]):
        ark.tilfoej(Celle(k.status, k.status), k.kontrol, k.sted, Celle(k.besked, "punkt"))
    ark.liggende = True
    return ark


def placer_i_bog(rapport: Rapport, arknavne: list[str], kontrol_raekker: list[list] | None,
                 ark_a1: dict[str, object], beskyttede: set[str]) -> Rapport:
    """The report's sheets placed in a workbook with these sheets (both writers call this):
    only the sheets an earlier Refresh made are replaced, nothing else is hit."""
    egne = egne_i_bog(rapport, kontrol_raekker, ark_a1, beskyttede)
    return placer_rapportark(rapport, arknavne, egne)
