"""xlwings writer: the same layout.Rapport written into a live Excel book (classic, Lite or Server).

Only values and ordinary formatting are written; a text that Excel would read as a formula is
written with a leading apostrophe, so a report sheet never holds a formula.

Every xlwings call on a Book from Excel on the web, xlwings Lite or xlwings Server becomes one
action, and each action costs the client a round trip (`context.sync()`). So a sheet is written
with as few calls as the layout allows, the same calls for every engine (only public Range API):

- one `setValues` for the whole grid of values, blanks included (large sheets in slices);
- each format (number format, bold, italic, size, font colour, wrap, alignment) on rectangles:
  cells where the format makes no visible difference (a number format on text, bold on a blank
  cell, wrap on a text that fits) may be covered by any rectangle, so neighbouring cells with
  the same look share one call;
- fills cell by cell in one `set_colors` call when they do not form one rectangle;
- a cell spanning several columns (`Celle.flet`) is merged only when its sentence wraps over
  more than one line; a one-line text simply overflows into the blank cells to its right and a
  centred heading is centred across the selection; consecutive merged rows are one
  `merge(across=True)`;
- column widths and row heights per run of equal values; then one `rows.autofit()`;
- each chart of the layout (`Ark.diagrammer`) through xlwings' chart API, a fixed number of
  calls per chart (`diagramkald`); a sheet written again loses its old charts first (one call
  each), so a Refresh rebuilds them and never adds a second copy.

Classic Excel gets every format of the layout (its COM calls are cheap with screen updating
off). A Refresh from Office.js gets at most LOFT_OFFICEJS calls in all: `udform` adds the formats
of TRIN in order (bold headings and sums, sentences merged across the table, alignment, font
size, font colour, bold names, italics) as long as the whole report still fits. Without wide
sentences a long sentence wraps in its first column and Excel fits the row height to it, which
saves a merge and a row height per sentence.

`plan_ark` decides all of it without a Book (pure, for tests); `skriv_ark` carries it out.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import cache

from addin import layout as lo
from addin.layout import STILE, Ark, Celle, Diagram, Rapport, Stil
from addin.skrivere import beskyttede_ark, celletekst, diagrambredde

STANDARDHOEJDE = 15.0  # points: a row of Excel's default font; lower heights are not set
STANDARDBREDDE = 8.43  # characters: Excel's default column width
# A text counts as fitting its cell when its estimated width is at most this share of the
# cell's width (the regnskab layout allows 110 characters on its 119-character table).
_PASSER = 0.9
# Cells per setValues / set_colors call: Excel on the web takes requests of at most 5 MB, and
# xlwings' Range.set_colors takes at most 10,000 cells.
_CELLER_PR_SKRIVNING = 50_000
_CELLER_PR_FARVNING = 10_000

_CAS = "center_across_selection"
_JUSTERINGER = frozenset({"general", "left", "center", "right", _CAS})
_UDEN_CAS = _JUSTERINGER - {_CAS}

# property -> the value a cell has after Sheet.clear() (or on a new sheet)
_STANDARD: dict[str, object] = {
    "talformat": "General",
    "fed": False,
    "kursiv": False,
    "stoerrelse": None,
    "farve": None,
    "ombryd": False,
    "justering": "general",
}


def _excelvaerdi(v: object) -> object:
    """A value through the writers' one gate (celletekst); formula-like text gets Excel's text
    prefix "'", which Excel does not show."""
    v, som_tekst = celletekst(v)
    if som_tekst:
        return "'" + v
    return "" if v is None else v


# ---------------------------------------------------------------- the client


def klient(book) -> str:
    """Which client a Book comes from: "klassisk" (desktop Excel through COM or AppleScript) or
    the client named by the remote payload: "Office.js" (xlwings Lite, xlwings Server's add-in,
    Excel on the web), "VBA" or "Google Apps Script" (xlwings Server's other clients)."""
    if book.app.engine.name != "remote":
        return "klassisk"
    api = getattr(book.impl, "api", None)
    return api.get("client", "") if isinstance(api, dict) else ""


def bredde_i_punkter(tegn: float) -> float:
    """A column width in characters (classic Excel's `ColumnWidth`, the layout's unit) as the
    points Office.js takes (`format.columnWidth`; xlwings' `Range.column_width` passes its value
    on in the engine's own unit: characters classic, points Lite and Server).

    ECMA-376 Part 1, §18.3.1.13 (`col/@width`): a column of n characters is n times the maximum
    digit width plus 5 pixels of padding; the maximum digit width of Excel's default font
    (Calibri 11, also Aptos Narrow 11) is 7 pixels, and 1 pixel is 0.75 point at 96 dpi. So
    points = (7n + 5) * 0.75 = 5.25n + 3.75 (Excel's "Column width 8.43" = 64 px = 48 pt).
    """
    return round(tegn * 5.25 + 3.75, 2)


# ---------------------------------------------------------------- the plan


@dataclass(frozen=True)
class Felt:
    """A rectangle of cells, 0-based, both ends included."""

    r0: int
    c0: int
    r1: int
    c1: int

    @property
    def celler(self) -> int:
        return (self.r1 - self.r0 + 1) * (self.c1 - self.c0 + 1)


@dataclass
class Plan:
    """What `skriv_ark` does to one sheet; every entry is one xlwings call."""

    vaerdier: list[list]
    flet: list[Felt] = field(default_factory=list)  # merge(across=True), one call each
    formater: list[tuple[str, Felt, object]] = field(default_factory=list)
    fyld: list[tuple[str, Felt, object]] = field(default_factory=list)  # ("farve"|"farver")
    bredder: list[tuple[int, int, float]] = field(default_factory=list)  # col0, col1, chars
    hoejder: list[tuple[int, int, float]] = field(default_factory=list)  # row0, row1, points
    diagrammer: list[Diagram] = field(default_factory=list)  # charts, `diagramkald` calls each

    def kald(self) -> int:
        """The xlwings calls (Office.js actions) writing the sheet takes, its clear/add included
        (not the removal of charts an earlier Refresh left on it: `gamle_diagrammer`)."""
        if not self.vaerdier:
            return 1
        pr_kald = _raekker_pr_skrivning(len(self.vaerdier[0]))
        vaerdier = -(-len(self.vaerdier) // pr_kald)
        return (1 + vaerdier + len(self.flet) + len(self.formater) + len(self.fyld)
                + len(self.bredder) + 1 + len(self.hoejder)  # 1: rows.autofit()
                + sum(diagramkald(d) for d in self.diagrammer))


def diagramkald(d: Diagram) -> int:
    """The calls one chart takes: the chart with its data, its title, the legend's place, the
    value axis (number format and title), for bars the category axis (top-down), and one per
    series (name and colour)."""
    return 4 + (d.art == "bjaelke") + len(d.serier)


class _Pos:
    """One cell of the grid: the layout cell it shows (its own or the one spanning it)."""

    __slots__ = ("celle", "start", "spanbredde", "kolbredde")

    def __init__(self, celle: Celle | None = None, start: bool = False, spanbredde: float = 0.0,
                 kolbredde: float = 0.0) -> None:
        self.celle = celle
        self.start = start  # the top-left cell of `celle`
        self.spanbredde = spanbredde  # characters covered by `celle` (all its columns)
        self.kolbredde = kolbredde  # characters of the first of those columns


def _art(v: object) -> str:
    if v is None or v == "":
        return "tom"
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, (int, float)):
        return "tal"
    if isinstance(v, (dt.date, dt.datetime, dt.time)):
        return "dato"
    return "tekst"


def _passer(tekst: str, stil: Stil, bredde: float) -> bool:
    """Whether a text is sure to fit one line of a cell `bredde` characters wide."""
    faktor = (stil.skriftstoerrelse or 11.0) / 11.0 * (1.1 if stil.fed else 1.0)
    return "\n" not in tekst and len(tekst) * faktor <= _PASSER * bredde


def _gitter(ark: Ark) -> tuple[list[list], list[list[_Pos]]]:
    """The rectangular block of values and, per cell, the layout cell it belongs to."""
    bredde = max((sum(c.flet for c in r) for r in ark.raekker), default=1)
    kolonner = list(ark.kolonnebredder[:bredde])
    kolonner += [STANDARDBREDDE] * (bredde - len(kolonner))
    tom = _Pos()
    vaerdier = []
    pos = []
    for raekke in ark.raekker:
        v = [""] * bredde
        p = [tom] * bredde
        k = 0
        for c in raekke:
            v[k] = _excelvaerdi(c.vaerdi)
            if c.flet == 1:
                p[k] = _Pos(c, True, kolonner[k], kolonner[k])
            else:
                span = sum(kolonner[k:k + c.flet])
                p[k] = _Pos(c, True, span, kolonner[k])
                for i in range(k + 1, k + c.flet):
                    p[i] = _Pos(c, False, span, kolonner[k])
            k += c.flet
        vaerdier.append(v)
        pos.append(p)
    return vaerdier, pos


def _kategorier_som_tekst(vaerdier: list[list], ark: Ark) -> None:
    """A chart's category labels stay text ("2024" is a year, not a number to plot): written
    with Excel's text prefix, which Excel does not show."""
    for d in ark.diagrammer:
        k = d.kategorikolonne - 1
        for r in range(d.foerste - 1, d.sidste):
            v = vaerdier[r][k]
            if isinstance(v, str) and v and not celletekst(_layoutvaerdi(ark, r, k))[1]:
                vaerdier[r][k] = "'" + v  # (formula-like text has its prefix already)


def _layoutvaerdi(ark: Ark, r: int, k: int) -> object:
    """The layout's value at a 0-based row and column."""
    c = 0
    for celle in ark.raekker[r]:
        if c == k:
            return celle.vaerdi
        c += celle.flet
    return None


def _flet_kan(celle: Celle, hoejde: float, spanbredde: float, brede: bool) -> str:
    """Whether a cell spanning columns must be merged ("skal"), may be ("kan") or not ("nej")."""
    stil = STILE[celle.stil]
    art = _art(celle.vaerdi)
    if art == "tom":
        return "kan" if not stil.fyld else "nej"
    if art != "tekst" or stil.justering == "right":
        return "skal"  # numbers do not overflow; right-aligned text would overflow leftwards
    passer = _passer(celle.vaerdi, stil, spanbredde)
    if stil.ombryd and (hoejde > STANDARDHOEJDE or not passer):
        # a sentence over several lines: only a merged cell wraps across the table; without
        # wide sentences it wraps in its first column
        return "skal" if brede else "nej"
    if stil.justering == "center" or not passer or not brede:
        return "nej"  # centred across the selection; a long unwrapped text overflows
    return "kan"  # one line either way: merged with its neighbours or not


def _flettes(ark: Ark, pos: list[list[_Pos]], brede: bool) -> list[Felt]:
    """The merged areas: rows that must be merged, joined by neighbouring rows over the same
    columns where merging changes nothing, one `merge(across=True)` per block."""
    spaend: dict[tuple[int, int], dict[int, str]] = {}
    for r, raekke in enumerate(pos):
        for k, p in enumerate(raekke):
            if p.start and p.celle.flet > 1:
                kan = _flet_kan(p.celle, ark.hoejder.get(r + 1, 0.0), p.spanbredde, brede)
                spaend.setdefault((k, k + p.celle.flet - 1), {})[r] = kan
    tomme = {r for r, raekke in enumerate(ark.raekker) if not raekke}

    def med(r: int) -> bool:
        return raekker.get(r) in ("kan", "skal") or r in tomme

    felter = []
    for (c0, c1), raekker in spaend.items():
        r = 0
        while r < len(pos):
            if raekker.get(r) != "skal":
                r += 1
                continue
            r1 = r
            while r1 + 1 < len(pos) and med(r1 + 1):
                r1 += 1
            while raekker.get(r1) != "skal":  # no block ends with rows that need no merge
                r1 -= 1
            felter.append(Felt(r, c0, r1, c1))
            r = r1 + 1
    felter.sort(key=lambda f: (f.r0, f.c0))
    return felter


_OVERSKRIFTSSTILE = frozenset(n for n, s in STILE.items() if s.fed and n != "fed")


def _accepter(p: _Pos, flettet: bool, naeste: _Pos | None,
              brede: bool) -> dict[str, frozenset | None]:
    """Per format property: the values that look right in this cell (None: any value); the
    same dictionary for cells alike. `flettet`: the cell is part of a merged area; `naeste` is
    the cell to the right."""
    c = p.celle
    if c is None:
        return _accept(None, "tom", 1, False, False, None, False, brede)
    art = _art(c.vaerdi)
    passer = None
    if p.start and art == "tekst":
        stil = STILE[c.stil]
        passer = _passer(c.vaerdi, stil, p.spanbredde if flettet or c.flet == 1
                         else p.kolbredde)
    foran = (naeste is not None and naeste.celle is not None and naeste.start
             and _art(naeste.celle.vaerdi) != "tom")
    return _accept(c.stil, art, c.flet, p.start, flettet, passer, foran, brede)


@cache
def _accept(stilnavn: str | None, art: str, flet: int, start: bool, flettet: bool,
            passer: bool | None, foran: bool, brede: bool) -> dict[str, frozenset | None]:
    ud: dict[str, frozenset | None] = dict.fromkeys(_STANDARD)
    if stilnavn is None:  # beyond the row's cells: blank
        ud["justering"] = _UDEN_CAS
        return ud
    stil = STILE[stilnavn]
    centreret = stil.justering == "center"
    if not start:  # a blank cell covered by a cell to its left
        if not flettet:
            ud["justering"] = frozenset({_CAS}) if centreret else _UDEN_CAS
        return ud
    if art == "tom":
        if not flettet:
            ud["justering"] = _UDEN_CAS
        return ud
    if art in ("tal", "dato"):
        ud["talformat"] = frozenset({stil.talformat or "General"})
    ud["fed"] = frozenset({stil.fed})
    ud["kursiv"] = frozenset({stil.kursiv})
    ud["stoerrelse"] = frozenset({stil.skriftstoerrelse})
    ud["farve"] = frozenset({stil.farve})
    if art == "tekst":
        if passer:
            ud["ombryd"] = None
        elif flet > 1 and not flettet and (brede or not stil.ombryd):
            # the text overflows into the blank cells: it must not wrap in its first column
            ud["ombryd"] = frozenset({False})
        elif flet == 1 and not stil.ombryd and foran:
            # cut off by the next cell either way: wrapping it (a taller row) shows it all
            ud["ombryd"] = frozenset({False, True})
        else:
            ud["ombryd"] = frozenset({stil.ombryd})
    j = stil.justering
    if flet > 1 and not flettet:
        ud["justering"] = frozenset({_CAS}) if centreret else frozenset({"general", "left"})
    elif centreret:
        # centred across a selection of itself: the same, as no blank neighbour takes it on
        ud["justering"] = frozenset({"center"} if flettet else {"center", _CAS})
    elif j == "right":
        ud["justering"] = frozenset({"right", "general"} if art in ("tal", "dato") else {"right"})
    elif j == "left":
        ud["justering"] = frozenset({"left", "general"} if art == "tekst" else {"left"})
    elif art == "tekst":
        ud["justering"] = frozenset({"general", "left"})
    elif art in ("tal", "dato"):
        ud["justering"] = frozenset({"general", "right"})
    else:
        ud["justering"] = frozenset({"general"})
    return ud


class _Praefiks:
    """2-D prefix sums of a 0/1 grid: how many marked cells a rectangle holds, in O(1)."""

    def __init__(self, marker: list[list[bool]]) -> None:
        bredde = len(marker[0]) if marker else 0
        self.s = [[0] * (bredde + 1) for _ in range(len(marker) + 1)]
        for r, raekke in enumerate(marker):
            loeb = 0
            for k, m in enumerate(raekke):
                loeb += m
                self.s[r + 1][k + 1] = self.s[r][k + 1] + loeb

    def antal(self, f: Felt) -> int:
        s = self.s
        return s[f.r1 + 1][f.c1 + 1] - s[f.r0][f.c1 + 1] - s[f.r1 + 1][f.c0] + s[f.r0][f.c0]


def daek(accept: list[list[frozenset | None]], standard: object) -> list[tuple[Felt, object]]:
    """Rectangles with a value each, so that every cell that does not accept `standard` is
    covered by a rectangle with a value it accepts, and no rectangle covers a cell with a value
    it does not accept (None: any value). Greedy: the most wanted value first, each rectangle
    grown from its top-left cell to the shape that covers the most cells still wanted."""
    hoejde = len(accept)
    bredde = len(accept[0]) if accept else 0
    behov = [(r, k) for r in range(hoejde) for k in range(bredde)
             if accept[r][k] is not None and standard not in accept[r][k]]
    if not behov:
        return []
    antal = Counter(v for r, k in behov for v in accept[r][k])
    orden = sorted(antal, key=lambda v: (-antal[v], repr(v)))
    daekket: set[tuple[int, int]] = set()
    ud: list[tuple[Felt, object]] = []
    for v in orden:
        ok = [[a is None or v in a for a in raekke] for raekke in accept]
        oenske = [[False] * bredde for _ in range(hoejde)]
        for r, k in behov:
            if v in accept[r][k]:
                oenske[r][k] = True
        if not any(oenske[r][k] for r, k in behov):
            continue
        # how far down from each cell the value may go
        ned = [[0] * bredde for _ in range(hoejde + 1)]
        for r in range(hoejde - 1, -1, -1):
            for k in range(bredde):
                ned[r][k] = ned[r + 1][k] + 1 if ok[r][k] else 0
        praefiks = _Praefiks(oenske)
        for r, k in behov:
            if (r, k) in daekket or not oenske[r][k]:
                continue
            bedst: tuple[int, int, Felt] | None = None
            dybde = hoejde
            c1 = k
            while c1 < bredde and ok[r][c1]:
                dybde = min(dybde, ned[r][c1])
                felt = _trim(Felt(r, k, r + dybde - 1, c1), praefiks)
                score = (praefiks.antal(felt), -felt.celler)
                if bedst is None or score > bedst[:2]:
                    bedst = (*score, felt)
                c1 += 1
            felt = bedst[2]
            ud.append((felt, v))
            for rr in range(felt.r0, felt.r1 + 1):
                for kk in range(felt.c0, felt.c1 + 1):
                    if oenske[rr][kk]:
                        daekket.add((rr, kk))
        # later values need not cover what this one did
        behov = [(r, k) for r, k in behov if (r, k) not in daekket]
    return ud


def _trim(f: Felt, praefiks: _Praefiks) -> Felt:
    """The rectangle without trailing rows and columns that hold no wanted cell."""
    r1, c1 = f.r1, f.c1
    while r1 > f.r0 and not praefiks.antal(Felt(r1, f.c0, r1, c1)):
        r1 -= 1
    while c1 > f.c0 and not praefiks.antal(Felt(f.r0, c1, r1, c1)):
        c1 -= 1
    return Felt(f.r0, f.c0, r1, c1)


def _loeb(vaerdier: Iterable[tuple[int, float]]) -> list[tuple[int, int, float]]:
    """Runs of consecutive indices with the same value: (first, last, value)."""
    ud: list[tuple[int, int, float]] = []
    for i, v in sorted(vaerdier):
        if ud and ud[-1][1] == i - 1 and ud[-1][2] == v:
            ud[-1] = (ud[-1][0], i, v)
        else:
            ud.append((i, i, v))
    return ud


@dataclass(frozen=True)
class Udformning:
    """Which formats a plan carries. Classic Excel gets them all; for Office.js `udform`
    starts from values, widths, number formats, fills and wraps alone and adds these in the
    order of TRIN, each one only if the whole report still fits the budget of calls."""

    fed_overskrifter: bool = True  # bold titles, headings, column heads and sums
    brede_saetninger: bool = True  # sentences merged across the table (else wrapped in col. A)
    justering: bool = True  # centred column heads, right-aligned units
    stoerrelse: bool = True  # larger titles and headings
    farve: bool = True  # font colours (check statuses, notes)
    fed_fremhaevning: bool = True  # bold names above explanations
    kursiv: bool = True


TRIN = ("fed_overskrifter", "brede_saetninger", "justering", "stoerrelse", "farve",
        "fed_fremhaevning", "kursiv")
ALT = Udformning()
INTET = Udformning(**dict.fromkeys(TRIN, False))


class _Planlaegning:
    """The plans of one sheet for any Udformning; what does not change between them (the grid,
    the merges and the rectangles of each format) is worked out once."""

    def __init__(self, ark: Ark, farver_pr_celle: bool) -> None:
        self.ark = ark
        self.farver_pr_celle = farver_pr_celle
        self.vaerdier, self._pos = _gitter(ark)
        _kategorier_som_tekst(self.vaerdier, ark)
        self._grund: dict[bool, tuple] = {}
        self._daek: dict[tuple, list] = {}
        self._fyld: list | None = None

    def _grundlag(self, brede: bool) -> tuple:
        """The merged areas and, per cell, the accepted values of every format."""
        if brede not in self._grund:
            pos = self._pos
            flet = _flettes(self.ark, pos, brede)
            bredde = len(pos[0]) if pos else 0
            flettet = [[False] * bredde for _ in pos]
            for f in flet:
                for r in range(f.r0, f.r1 + 1):
                    for k in range(f.c0, f.c1 + 1):
                        flettet[r][k] = True
            accept = [[_accepter(p, fl, raekke[k + 1] if k + 1 < bredde else None, brede)
                       for k, (p, fl) in enumerate(zip(raekke, flettet[r]))]
                      for r, raekke in enumerate(pos)]
            # a bold name in a row of bold headings or sums is a heading itself
            fremhaevet = [[p.start and p.celle.stil == "fed" and not any(
                q.start and q.celle.stil in _OVERSKRIFTSSTILE for q in raekke)
                for p in raekke] for raekke in pos]
            self._grund[brede] = (flet, accept, fremhaevet)
        return self._grund[brede]

    def _formater(self, egenskab: str, brede: bool, fed: tuple[bool, bool] = (True, True)):
        noegle = (egenskab, brede, fed)
        if noegle not in self._daek:
            _, accept, fremhaevet = self._grundlag(brede)
            if egenskab == "fed":
                overskrifter, fremhaevning = fed
                gitter = [[a["fed"] if (fremhaevning if f else overskrifter) else None
                           for a, f in zip(raekke, fr)] for raekke, fr in zip(accept, fremhaevet)]
            else:
                gitter = [[a[egenskab] for a in raekke] for raekke in accept]
            self._daek[noegle] = [(egenskab, felt, v)
                                  for felt, v in daek(gitter, _STANDARD[egenskab])]
        return self._daek[noegle]

    def _fyldning(self) -> list:
        """Fills: every cell counts, blank or not."""
        if self._fyld is None:
            pos = self._pos
            fyld = [[(STILE[p.celle.stil].fyld or "") if p.celle else "" for p in raekke]
                    for raekke in pos]
            felter = daek([[frozenset({f}) for f in raekke] for raekke in fyld], "")
            self._fyld = [("farve", felt, "#" + v) for felt, v in felter]
            if len(felter) > 1 and self.farver_pr_celle:
                self._fyld = []
                fyldte = [(r, k) for r, raekke in enumerate(fyld)
                          for k, f in enumerate(raekke) if f]
                r0, r1 = min(r for r, _ in fyldte), max(r for r, _ in fyldte)
                c0, c1 = min(k for _, k in fyldte), max(k for _, k in fyldte)
                pr_kald = max(1, _CELLER_PR_FARVNING // (c1 - c0 + 1))
                for start in range(r0, r1 + 1, pr_kald):
                    slut = min(r1, start + pr_kald - 1)
                    matrix = [["#" + fyld[r][k] if fyld[r][k] else ... for k in range(c0, c1 + 1)]
                              for r in range(start, slut + 1)]
                    self._fyld.append(("farver", Felt(start, c0, slut, c1), matrix))
        return self._fyld

    def plan(self, u: Udformning) -> Plan:
        plan = Plan(vaerdier=self.vaerdier)
        if not self.ark.raekker:
            return plan
        brede = u.brede_saetninger
        plan.flet = self._grundlag(brede)[0]
        med = {"fed": u.fed_overskrifter or u.fed_fremhaevning, "justering": u.justering,
               "stoerrelse": u.stoerrelse, "farve": u.farve, "kursiv": u.kursiv}
        for egenskab in _STANDARD:
            if not med.get(egenskab, True):
                continue
            if egenskab == "fed":
                plan.formater += self._formater(
                    egenskab, brede, (u.fed_overskrifter, u.fed_fremhaevning))
            else:
                plan.formater += self._formater(egenskab, brede)
        plan.fyld = self._fyldning()
        plan.bredder = _loeb(enumerate(self.ark.kolonnebredder))
        if brede:  # otherwise Excel fits every row to its wrapped text
            plan.hoejder = _loeb((r - 1, h) for r, h in self.ark.hoejder.items())
        plan.diagrammer = list(self.ark.diagrammer)
        return plan


def plan_ark(ark: Ark, udformning: Udformning = ALT, *, farver_pr_celle: bool = True) -> Plan:
    """Every call needed to write one layout sheet (see the module docstring)."""
    return _Planlaegning(ark, farver_pr_celle).plan(udformning)


def udform(arkene: list[Ark], loft: int, *, farver_pr_celle: bool = True) -> Udformning:
    """The richest formatting whose plans for all sheets take at most `loft` calls: the
    formats of TRIN are added in that order, each only if it still fits."""
    return _udform([_Planlaegning(a, farver_pr_celle) for a in arkene], loft)


def _udform(planer: list[_Planlaegning], loft: int) -> Udformning:
    valgt = INTET
    for trin in TRIN:
        proeve = replace(valgt, **{trin: True})
        if sum(p.plan(proeve).kald() for p in planer) <= loft:
            valgt = proeve
    return valgt


# ---------------------------------------------------------------- carrying it out


def _omraade(sheet, f: Felt):
    return sheet.range((f.r0 + 1, f.c0 + 1), (f.r1 + 1, f.c1 + 1))


def _saet_format(rng, egenskab: str, v: object) -> None:
    if egenskab == "talformat":
        rng.number_format = v
    elif egenskab == "fed":
        rng.font.bold = v
    elif egenskab == "kursiv":
        rng.font.italic = v
    elif egenskab == "stoerrelse":
        rng.font.size = v
    elif egenskab == "farve":
        rng.font.color = "#" + v
    elif egenskab == "ombryd":
        rng.wrap_text = v
    elif egenskab == "justering":
        rng.horizontal_alignment = v
    else:  # pragma: no cover - plan_ark makes no other
        raise ValueError(egenskab)


def _raekker_pr_skrivning(bredde: int) -> int:
    return max(1, _CELLER_PR_SKRIVNING // max(1, bredde))


def _skriv_vaerdier(sheet, vaerdier: list[list]) -> None:
    pr_kald = _raekker_pr_skrivning(len(vaerdier[0]))
    for start in range(0, len(vaerdier), pr_kald):
        sheet.range((start + 1, 1)).value = vaerdier[start:start + pr_kald]


def skriv_ark(book, ark: Ark, *, efter=None, udformning: Udformning = ALT,
              klienten: str | None = None, plan: Plan | None = None) -> None:
    """Replace (or add) one report sheet in an xlwings Book: values, formats, merges, widths."""
    klienten = klienten or klient(book)
    if plan is None:
        # set_colors is one call on Office.js, but a call per cell on the desktop engines
        plan = plan_ark(ark, udformning, farver_pr_celle=klienten == "Office.js")
    navne = {lo.normalt_arknavn(s.name): s.name for s in book.sheets}
    gammel = (0, 0)
    if lo.normalt_arknavn(ark.navn) in navne:
        sheet = book.sheets[navne[lo.normalt_arknavn(ark.navn)]]
        brugt = sheet.used_range.last_cell
        gammel = (brugt.row, brugt.column)
        sheet.clear()
        # clear() leaves charts; the last ones first, so the others keep their index
        for chart in reversed(list(sheet.charts)):
            chart.delete()
    else:
        sheet = book.sheets.add(ark.navn, after=efter if efter is not None else book.sheets[-1])
    if not ark.raekker:
        return
    _skriv_vaerdier(sheet, plan.vaerdier)
    for f in plan.flet:
        _omraade(sheet, f).merge(across=True)
    for egenskab, f, v in plan.formater:
        if egenskab == "justering" and klienten not in ("klassisk", "Office.js"):
            continue  # xlwings sets alignment only through desktop Excel and Office.js
        _saet_format(_omraade(sheet, f), egenskab, v)
    for slags, f, v in plan.fyld:
        if slags == "farver":
            _omraade(sheet, f).set_colors(v)
        else:
            _omraade(sheet, f).color = v
    omregn: Callable[[float], float] = bredde_i_punkter if klienten == "Office.js" else float
    for c0, c1, b in plan.bredder:
        sheet.range((1, c0 + 1), (1, c1 + 1)).column_width = omregn(b)
    # fit every row to its (wrapped) text, also rows heightened by the previous Refresh, which
    # clear() leaves; then the layout's own heights of merged, wrapped sentences
    sheet.range((1, 1), (max(gammel[0], len(plan.vaerdier)),
                         max(gammel[1], len(plan.vaerdier[0])))).rows.autofit()
    for r0, r1, h in plan.hoejder:
        sheet.range((r0 + 1, 1), (r1 + 1, 1)).row_height = h
    if klienten in ("klassisk", "Office.js"):  # xlwings' charts: desktop Excel and Office.js
        for d in plan.diagrammer:
            tegn_diagram(sheet, ark, d)


# ---------------------------------------------------------------- charts

_DIAGRAMTYPE = {("bjaelke", False): "bar_clustered", ("bjaelke", True): "bar_stacked",
                ("soejle", False): "column_clustered", ("soejle", True): "column_stacked"}


def diagramstoerrelse(ark: Ark, d: Diagram) -> tuple[float, float]:
    """Width and height in points of the block of cells the layout keeps for the chart: its
    columns at the layout's widths, its rows at Excel's standard height."""
    bredder = list(ark.kolonnebredder) + [STANDARDBREDDE] * (d.kolonne + diagrambredde(ark, d))
    spaend = bredder[d.kolonne - 1:d.kolonne - 1 + diagrambredde(ark, d)]
    return sum(bredde_i_punkter(b) for b in spaend), d.hoejde * STANDARDHOEJDE


def _serier(chart, antal: int) -> list:
    """The chart's series. Office.js cannot count them before the script returns (xlwings then
    says it is not implemented, a RuntimeError); a chart made here from its own data has one
    per series column."""
    try:
        serier = chart.series
        len(serier)
    except RuntimeError:
        import xlwings

        serier = xlwings.main.ChartSeriesCollection(
            impl=type(chart.impl.series)(chart.impl, count=antal))
    return [serier[i] for i in range(antal)]


def tegn_diagram(sheet, ark: Ark, d: Diagram):
    """One layout chart, anchored at its cell and as large as the block kept for it: the same
    chart as the openpyxl writer's (type, title, legend at the bottom, value axis format and
    title, bars top-down in the table's order, each series' name and colour)."""
    bredde, hoejde = diagramstoerrelse(ark, d)
    kilde = sheet.range((d.foerste, d.kategorikolonne),
                        (d.sidste, max(s.kolonne for s in d.serier)))
    chart = sheet.charts.add(width=bredde, height=hoejde, source=kilde, plot_by="columns",
                             chart_type=_DIAGRAMTYPE[(d.art, d.stablet)],
                             anchor=sheet.range((d.raekke, d.kolonne)))
    chart.title = d.titel
    chart.legend.position = "bottom"
    akse = {"number_format": d.talformat}
    if d.aksetitel:
        akse["title"] = d.aksetitel
    chart.value_axis.set(**akse)
    if d.art == "bjaelke":
        chart.category_axis.set(reverse_order=True, crosses="maximum")
    for serie, s in zip(_serier(chart, len(d.serier)), d.serier):
        serie.set(name=s.navn, **({"fill_color": "#" + s.farve} if s.farve else {}))
    return chart


# Calls one Refresh may take in Excel on the web (xlwings Lite, Server): each is a round trip.
LOFT_OFFICEJS = 150


def skriv_rapport(book, rapport: Rapport, *, loft: int | None = None,
                  fremdrift: Callable[[str], None] | None = None) -> Udformning:
    """Write every sheet of the report into the book; other sheets are not touched.

    Classic Excel gets every format. Office.js clients get as much as fits in `loft` calls
    (default LOFT_OFFICEJS) for the whole report; returns the formatting used. `fremdrift` is
    told the name of each sheet before it is written.
    """
    klienten = klient(book)
    rapport = _placer(book, rapport)
    planer = [_Planlaegning(a, farver_pr_celle=klienten == "Office.js") for a in rapport.ark]
    if klienten == "Office.js":
        loft = LOFT_OFFICEJS if loft is None else loft
        udformning = _udform(planer, loft - gamle_diagrammer(book, rapport))
    else:
        udformning = ALT
    forrige = None
    for ark, planlaegning in zip(rapport.ark, planer):
        if fremdrift:
            fremdrift(ark.navn)
        skriv_ark(book, ark, efter=forrige, udformning=udformning, klienten=klienten,
                  plan=planlaegning.plan(udformning))
        forrige = next(s for s in book.sheets if lo.normalt_arknavn(s.name) == lo.normalt_arknavn(ark.navn))
    return udformning


def gamle_diagrammer(book, rapport: Rapport) -> int:
    """The charts on the book's sheets that the report's sheets replace (each is removed with
    one call before the sheet is written again)."""
    navne = {lo.normalt_arknavn(s.name): s for s in book.sheets}
    return sum(len(navne[lo.normalt_arknavn(a.navn)].charts) for a in rapport.ark
               if lo.normalt_arknavn(a.navn) in navne)


def _placer(book, rapport: Rapport) -> Rapport:
    """The report with sheet names that never hit a sheet the tool did not make (as for files)."""
    navne = [s.name for s in book.sheets]
    kontrol = next((n for n in navne if lo.normalt_arknavn(n) == lo.normalt_arknavn(lo.KONTROLARK)), None)
    kontrolraekker = None
    if kontrol:
        vaerdier = book.sheets[kontrol].range((1, 1), (lo.KONTROLHOVED, 2)).value
        kontrolraekker = [list(r) if isinstance(r, list) else [r] for r in vaerdier or []]
    a1 = {n: book.sheets[n].range((1, 1)).value for n in navne}
    return lo.placer_i_bog(rapport, navne, kontrolraekker, a1, beskyttede_ark())


def celleblokke(aendringer: Iterable[tuple[int, int, object]]) -> list[tuple[int, int, list[list]]]:
    """Single-cell changes (1-based row, column, value) as few rectangular blocks as cover
    exactly those cells: (first row, first column, rows of values)."""
    celler: dict[tuple[int, int], object] = {}
    for r, k, v in aendringer:
        celler[(r, k)] = v
    # runs of adjacent columns in each row
    loeb: list[tuple[int, int, int]] = []  # row, first column, last column
    for r, k in sorted(celler):
        if loeb and loeb[-1][0] == r and loeb[-1][2] == k - 1:
            loeb[-1] = (r, loeb[-1][1], k)
        else:
            loeb.append((r, k, k))
    # consecutive rows over the same columns
    blokke: list[tuple[int, int, int, int]] = []  # r0, r1, c0, c1
    aabne: dict[tuple[int, int], int] = {}
    for r, c0, c1 in loeb:
        i = aabne.get((c0, c1))
        if i is not None and blokke[i][1] == r - 1:
            blokke[i] = (blokke[i][0], r, c0, c1)
        else:
            aabne[(c0, c1)] = len(blokke)
            blokke.append((r, r, c0, c1))
    return [(r0, c0, [[_excelvaerdi(celler[(r, k)]) for k in range(c0, c1 + 1)]
                      for r in range(r0, r1 + 1)]) for r0, r1, c0, c1 in blokke]


def skriv_celler(sheet, aendringer: Iterable[tuple[int, int, object]]) -> None:
    """Write single-cell changes (1-based row, column, value) to a sheet in blocks."""
    for r, k, raekker in celleblokke(aendringer):
        sheet.range((r, k)).value = raekker
