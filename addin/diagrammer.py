"""The chart sheet (Diagrammer) of the report kinds: per chart a small titled table of its
figures and, below it, the native chart over that table (layout.Diagram).

The values stay visible as a table (a reader without charts, the share copy and a screen reader
see them), and the chart sits in rows kept empty for it, so it never covers a value. The words
(sheet name, titles, headers) are the kind's rule file's; the colours are here, like the cell
styles in layout.STILE.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from addin.layout import HELTAL, Ark, Celle, Serie, Vaerdi

# Series fills (RGB hex): one colour per meaning, the same in every kind
BLAA = "2E75B6"  # the first or positive series: mindreforbrug, brutto, model 1, indtægt
ORANGE = "C55A11"  # its counterpart: merforbrug, model 2, udgift
LYSEBLAA = "9DC3E6"  # a part of the first (netto of brutto)
GROEN = "548235"  # a total (samlet virkning)
GUL = "BF9000"  # a warning level (balance kategori 2)
ROED = "C00000"  # the serious level (balance kategori 3)

KATEGORIBREDDE = (24.0, 50.0)  # column units of the category column: at least, at most
SERIEBREDDE = 16.0  # column units of each series column
# Column units a chart spans: four fifths of a landscape A4 page (140 units at 100 %); the
# table above it keeps its own narrow columns, an empty column to its right makes up the rest.
DIAGRAMBREDDE = 110.0


@dataclass(frozen=True)
class Diagramtabel:
    """One chart's figures: a row per category, a value per series (None: no bar)."""

    titel: str  # the table's heading and the chart's title
    kategori: str  # header of the category column
    serier: tuple[tuple[str, str], ...]  # (name, RGB fill) per series, in column order
    raekker: list[tuple[str, tuple[Vaerdi, ...]]]
    enhed: str  # the unit row under the series headers and the value axis' title
    art: str = "bjaelke"  # 'bjaelke' (horizontal bars) | 'soejle' (vertical columns)
    stablet: bool = False  # one bar per category (each row's value in one series)
    stil: str = "beloeb"  # the cell style of the values (layout.STILE)
    aksetitel: str | None = None  # the value axis' title (default: the unit)


def _kategoribredde(tabeller: list[Diagramtabel]) -> float:
    """The category column: as wide as its longest label, within KATEGORIBREDDE."""
    laengst = max((len(str(k)) for t in tabeller for k, _ in t.raekker), default=0)
    return min(max(KATEGORIBREDDE[0], laengst * 1.05 + 2), KATEGORIBREDDE[1])


def diagramhoejde(kategorier: int, art: str) -> int:
    """Rows a chart covers: bars get room per category (labels readable), columns a fixed
    height; short enough that a small table and its chart share a landscape page."""
    if art == "bjaelke":
        return min(max(14, math.ceil(kategorier * 1.3) + 6), 28)
    return 16


def _tabel(ark: Ark, t: Diagramtabel, kolonner: int) -> None:
    """The table, then (when it has rows) its chart below it, `kolonner` columns wide."""
    if ark.raekker:
        ark.tom()
    start = ark.tilfoej(Celle(t.titel, "overskrift"))
    if start > 1:
        ark.afsnit.append(start)
    ark.tilfoej(Celle(t.kategori, "kolonnehoved_venstre"),
                *[Celle(navn, "kolonnehoved") for navn, _ in t.serier])
    ark.tilfoej(Celle(""), *[Celle(t.enhed, "enhed") for _ in t.serier])
    if not t.raekker:
        return
    foerste = len(ark.raekker) + 1
    for kategori, vaerdier in t.raekker:
        ark.tilfoej(Celle(kategori), *[Celle(v, t.stil) for v in vaerdier])
    serier = tuple(Serie(navn, 2 + i, farve) for i, (navn, farve) in enumerate(t.serier))
    ark.tilfoej_diagram(t.titel, foerste, len(ark.raekker), 1, serier,
                        hoejde=diagramhoejde(len(t.raekker), t.art), art=t.art,
                        stablet=t.stablet, talformat=HELTAL, aksetitel=t.aksetitel or t.enhed,
                        bredde=kolonner)


def diagramark(navn: str, tabeller: list[Diagramtabel]) -> Ark:
    """The sheet `navn`, printed landscape: each table with its chart below it, in the order
    given, every chart DIAGRAMBREDDE wide."""
    serier = max((len(t.serier) for t in tabeller), default=1)
    bredder = [_kategoribredde(tabeller)] + [SERIEBREDDE] * serier
    rest = DIAGRAMBREDDE - sum(bredder)
    if rest > 0:
        bredder.append(rest)
    ark = Ark(navn, kolonnebredder=bredder, liggende=True)
    for t in tabeller:
        _tabel(ark, t, len(bredder))
    return ark


def sorteret(raekker: list[tuple[str, float]]) -> list[tuple[str, float]]:
    """Rows by value, largest first (ties in their given order)."""
    return sorted(raekker, key=lambda r: -r[1])


def fordelt(raekker: list[tuple[str, float]], positiv: bool = True
            ) -> list[tuple[str, tuple[Vaerdi, Vaerdi]]]:
    """Each row's value in exactly one of two series: the first when the value is positive (or
    zero), the second when negative; `positiv=False` swaps the two."""
    ud: list[tuple[str, tuple[Vaerdi, Vaerdi]]] = []
    for kategori, v in raekker:
        foerst = (v >= 0) == positiv
        ud.append((kategori, (v, None) if foerst else (None, v)))
    return ud
