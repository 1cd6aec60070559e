"""xlwings writer: the same layout.Rapport written into a live Excel book (classic, Lite or Server).

Only values and ordinary formatting are written; a text that Excel would read as a formula is
written with a leading apostrophe, so a report sheet never holds a formula.
"""

from __future__ import annotations

from collections.abc import Iterator

from addin.layout import STILE, Ark, Celle, Rapport

_FORMELTEGN = ("=", "+", "-", "@")


def _excelvaerdi(v: object) -> object:
    if isinstance(v, str) and (v.startswith(_FORMELTEGN) or v.startswith("\t")):
        return "'" + v
    return "" if v is None else v


def _gitter(ark: Ark) -> tuple[list[list], list[tuple[int, int, Celle]]]:
    """A rectangular block of values and the (row, column, cell) of every cell, 0-based."""
    bredde = max((sum(c.flet for c in r) for r in ark.raekker), default=1)
    vaerdier = [["" for _ in range(bredde)] for _ in ark.raekker]
    celler = []
    for r, raekke in enumerate(ark.raekker):
        k = 0
        for c in raekke:
            vaerdier[r][k] = _excelvaerdi(c.vaerdi)
            celler.append((r, k, c))
            k += c.flet
    return vaerdier, celler


def _loeb(celler: list[tuple[int, int, Celle]]) -> Iterator[tuple[int, int, int, str]]:
    """Runs of horizontally adjacent single cells with the same style: (row, col, width, style)."""
    start = None
    for r, k, c in celler + [(-1, -1, Celle())]:
        if start and c.flet == 1 and r == start[0] and k == start[1] + start[2] and \
                c.stil == start[3]:
            start = (start[0], start[1], start[2] + 1, start[3])
            continue
        if start:
            yield start
        start = (r, k, c.flet, c.stil) if r >= 0 else None


def _formater(sheet, r: int, k: int, bredde: int, stilnavn: str) -> None:
    stil = STILE[stilnavn]
    if stilnavn == "tekst":
        return
    rng = sheet.range((r + 1, k + 1), (r + 1, k + bredde))
    if stil.talformat:
        rng.number_format = stil.talformat
    if stil.fed:
        rng.font.bold = True
    if stil.kursiv:
        rng.font.italic = True
    if stil.farve:
        rng.font.color = "#" + stil.farve
    if stil.fyld:
        rng.color = "#" + stil.fyld
    if stil.ombryd:
        rng.wrap_text = True


def skriv_ark(book, ark: Ark, *, efter=None) -> None:
    """Replace (or add) one report sheet in an xlwings Book: values, formats, merges, widths."""
    navne = [s.name for s in book.sheets]
    if ark.navn in navne:
        sheet = book.sheets[ark.navn]
        sheet.clear()
    else:
        sheet = book.sheets.add(ark.navn, after=efter if efter is not None else book.sheets[-1])
    if not ark.raekker:
        return
    vaerdier, celler = _gitter(ark)
    sheet.range("A1").value = vaerdier
    for r, k, bredde, stil in _loeb([x for x in celler if x[2].flet == 1]):
        _formater(sheet, r, k, bredde, stil)
    for r, k, c in celler:
        if c.flet > 1:
            rng = sheet.range((r + 1, k + 1), (r + 1, k + c.flet))
            rng.merge()
            _formater(sheet, r, k, c.flet, c.stil)
    for i, b in enumerate(ark.kolonnebredder, start=1):
        sheet.range((1, i)).column_width = b
    for r, h in ark.hoejder.items():
        sheet.range((r, 1)).row_height = h


def skriv_rapport(book, rapport: Rapport) -> None:
    """Write every sheet of the report into the book; other sheets are not touched."""
    forrige = None
    for ark in rapport.ark:
        skriv_ark(book, ark, efter=forrige)
        forrige = book.sheets[ark.navn]
