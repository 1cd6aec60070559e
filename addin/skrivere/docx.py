"""Word writer: the same layout.Rapport as a print-ready .docx.

Sentences become paragraphs, the report's titles Word's built-in headings (Overskrift 1/2/3 in a
Danish Word, so the navigation pane and a table of contents work) and runs of table rows Word
tables. A table's columns are as wide as their content needs: no column is narrower than its
longest word or widest figure, the name column takes the room that is left and wraps at spaces.
A table too wide for A4 portrait gets a smaller font, then a landscape section of its own. Header
rows repeat on every page, rows never split, and the footer carries the report's title and
"Side X af Y".
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Cm, Pt, RGBColor, Twips
from docx.text.paragraph import Paragraph

from addin.layout import HELTAL, STILE, Ark, Celle, Rapport
from addin.skrivere import celletekst
from addin.skrivere.atomisk import skriv_atomisk
from addin.talformat import decimaltal, tusinder

SKRIFT = "Calibri"
A4 = (Cm(21.0), Cm(29.7))
MARGEN_SIDE, MARGEN_TOP, MARGEN_BUND = Cm(2.0), Cm(2.5), Cm(2.5)
TABELSKRIFT = (9.0, 8.0)  # pt: a table's font, smaller when it does not fit otherwise
LIGGENDE_SKRIFT = (9.0, 8.0, 7.0, 6.0)  # pt, in a landscape section
CELLEMARGEN = 70  # twips (≈ 0,12 cm) left and right inside every table cell
SIKKERHED = 60  # twips added to every column: rounding in the renderer's line breaking
SAMLET_RAEKKER = 30  # a table of at most this many rows is kept on one page
MELLEMRUM_HOEJDE = 110  # twips: a blank row between groups of a table (≈ 2 mm)
HEADINGS = {"titel": 1, "overskrift": 2}

# Advance widths in 1/1000 em, rounded up: the wider of DejaVu Sans and DejaVu Serif, which is
# what LibreOffice draws when Calibri is missing; Calibri and Arial are narrower, so a column
# wide enough here is wide enough in Word too.
_BREDDER = {
    300: "'", 350: "ijl .,/:;", 400: "fI-()", 450: "tJ!", 500: "r–*\"§", 550: "sz”“?",
    600: "cvxy", 650: "abdeghknopqu0123456789øåéüöä»«", 700: "FLPSTYZ", 750: "ABEKVXÅÉÄ",
    800: "CGR", 850: "DOQUØÜÖ+", 900: "wHN&", 1000: "mæ%", 1050: "MWÆ",
}
_BREDDER_FED = {
    350: " '", 400: "ijl.,/:;", 450: "f-", 500: "tIJ–()!", 550: "r*\"§", 600: "sz?",
    650: "cx»«", 700: "aekovy0123456789øåéöä”“", 750: "bdghnpquFLSTYZü", 800: "ACEPVXÅÉÄ",
    850: "BR+", 900: "DGKOQUØÜÖ", 950: "wHN&", 1050: "æ%", 1100: "mÆ", 1150: "MW",
}
_TEGN = {c: b for b, tegn in _BREDDER.items() for c in tegn}
_TEGN_FED = {c: b for b, tegn in _BREDDER_FED.items() for c in tegn}


def tekstbredde(tekst: str, pt: float, fed: bool = False) -> float:
    """The printed width of `tekst` in points at `pt` (an upper bound over the usual fonts)."""
    tabel, ukendt = (_TEGN_FED, 1000) if fed else (_TEGN, 900)
    return sum(tabel.get(c, ukendt) for c in tekst) * pt / 1000


def _tekst(c: Celle) -> str:
    """A cell's value as a Danish user reads it: 1.100.691, 12,5."""
    v = c.vaerdi
    if v is None:
        return ""
    if isinstance(v, bool):
        return "Ja" if v else "Nej"
    if isinstance(v, (int, float)):
        fmt = STILE[c.stil].talformat
        if fmt == HELTAL or (fmt is None and float(v).is_integer()):
            return tusinder(v)
        return decimaltal(v, 1)
    return str(celletekst(v)[0])


def _udfyldte(raekke: list[Celle]) -> list[Celle]:
    return [c for c in raekke if c.vaerdi not in (None, "")]


def _er_overskrift_med_beloeb(raekke: list[Celle]) -> bool:
    """'Boliger til flygtninge 3.199': a line's heading with its afvigelse, not a table."""
    u = _udfyldte(raekke)
    maerke = len(u) == 3 and u[2].stil == "advarsel"
    return (len(u) == 2 or maerke) and u[0] is raekke[0] and u[0].stil == "fed" and \
        isinstance(u[1].vaerdi, (int, float))


def _er_tabelraekke(raekke: list[Celle]) -> bool:
    if _er_overskrift_med_beloeb(raekke):
        return False
    return len(_udfyldte(raekke)) > 1 or \
        any(c.stil.startswith("kolonnehoved") or c.stil == "enhed" for c in raekke)


def _er_hoved(c: Celle) -> bool:
    return c.stil.startswith("kolonnehoved") or c.stil == "enhed"


def _hovedraekker(rows: list[list[Celle]]) -> int:
    """How many leading rows are the table's header (column headings and the unit row)."""
    n = 0
    for r in rows:
        u = _udfyldte(r)
        if not u or not all(_er_hoved(c) for c in u):
            break
        n += 1
    return n if n < len(rows) else 0


# ---------------------------------------------------------------- column widths


@dataclass
class Tabelmaal:
    """How a table is printed: column widths (twips), font size (pt) and page orientation."""

    bredder: list[int]
    skrift: float
    liggende: bool
    passer: bool = True  # False: not even the smallest font fits; words may break


def _placeringer(raekke: list[Celle]):
    i = 0
    for c in raekke:
        yield i, c
        i += max(c.flet, 1)


@dataclass
class _Behov:
    """Each column's widths in twips, padding included: `mindst` its longest word or figure,
    `naturlig` a text column's text on one line, `hoved` a number column's headings on one
    line (they may wrap at spaces when room is short); `tal` whether it holds numbers."""

    mindst: list[float]
    naturlig: list[float]
    hoved: list[float]
    tal: list[bool]


def _kolonnebehov(rows: list[list[Celle]], bredde: int, pt: float) -> _Behov:
    tal = [False] * bredde
    for r in rows:
        for i, c in _placeringer(r):
            if isinstance(c.vaerdi, (int, float)) and not isinstance(c.vaerdi, bool):
                tal[i] = True
    mindst, naturlig, hoved = [0.0] * bredde, [0.0] * bredde, [0.0] * bredde
    flettede = []
    for r in rows:
        for i, c in _placeringer(r):
            tekst = _tekst(c)
            if not tekst:
                continue
            fed = STILE[c.stil].fed
            hel = tekstbredde(tekst, pt, fed) * 20
            if isinstance(c.vaerdi, (int, float)) or c.stil == "enhed":
                ord_ = hel  # a figure or '1.000 kr.' never wraps
            else:
                ord_ = max(tekstbredde(o, pt, fed) for o in tekst.split()) * 20
            if c.flet > 1:
                flettede.append((i, c.flet, ord_, hel))
                continue
            mindst[i] = max(mindst[i], ord_)
            if tal[i] and _er_hoved(c):
                hoved[i] = max(hoved[i], hel)
            else:
                naturlig[i] = max(naturlig[i], hel)
    ekstra = 2 * CELLEMARGEN + SIKKERHED
    mindst = [m + ekstra for m in mindst]
    naturlig = [max(n + ekstra, m) for n, m in zip(naturlig, mindst)]
    hoved = [max(h + ekstra, n) for h, n in zip(hoved, naturlig)]
    for i, n, ord_, hel in flettede:
        for maal, behov in ((mindst, ord_), (naturlig, ord_), (hoved, hel)):
            mangler = behov + ekstra - sum(maal[i:i + n])
            for j in range(i, i + n):
                maal[j] += max(mangler, 0) / n
        for j in range(i, i + n):
            naturlig[j] = max(naturlig[j], mindst[j])
            hoved[j] = max(hoved[j], naturlig[j])
    return _Behov(mindst, naturlig, hoved, tal)


def _fordel(b: _Behov, plads: float) -> list[float] | None:
    """Widths filling `plads`, or None when the words alone do not fit. Every column starts at
    its minimum; the room left goes first to the text columns until their text is on one line,
    then to number columns until their headings are, then to make the number columns equally
    wide, each time in proportion to what a column lacks; what is still left goes to the name
    column (the widest text column), or evenly to all columns in a table of numbers only."""
    if sum(b.mindst) > plads:
        return None
    bredder = list(b.mindst)
    for trin in range(3):
        if trin == 2:  # number columns alike: as wide as the widest of them
            bredest = max((w for w, t in zip(bredder, b.tal) if t), default=0.0)
            maal = [bredest if t else w for w, t in zip(bredder, b.tal)]
        else:
            maal = (b.naturlig, b.hoved)[trin]
        rum = plads - sum(bredder)
        mangel = [max(m - w, 0.0) for m, w in zip(maal, bredder)]
        if sum(mangel) == 0:
            continue
        andel = min(1.0, rum / sum(mangel))
        bredder = [w + d * andel for w, d in zip(bredder, mangel)]
    rest = plads - sum(bredder)
    tekst = [j for j, t in enumerate(b.tal) if not t]
    if not tekst:
        return [w + rest / len(bredder) for w in bredder]
    navn = max(tekst, key=lambda j: b.naturlig[j])
    bredder[navn] += rest
    return bredder


def _heltal(bredder: list[float], plads: int) -> list[int]:
    ud = [int(b) for b in bredder]
    ud[0] += plads - sum(ud)
    return ud


def tabelmaal(rows: list[list[Celle]], staaende: int, liggende: int) -> Tabelmaal:
    """Widths for a table on a page `staaende` twips wide (portrait) or `liggende` (landscape)."""
    bredde = max(sum(max(c.flet, 1) for c in r) for r in rows)
    for plads, skrifter, lig in ((staaende, TABELSKRIFT, False), (liggende, LIGGENDE_SKRIFT, True)):
        for pt in skrifter:
            b = _fordel(_kolonnebehov(rows, bredde, pt), plads)
            if b is not None:
                return Tabelmaal(_heltal(b, plads), pt, lig)
    pt = LIGGENDE_SKRIFT[-1]
    mindst = _kolonnebehov(rows, bredde, pt).mindst
    return Tabelmaal(_heltal([m * liggende / sum(mindst) for m in mindst], liggende), pt, True,
                     passer=False)


# ---------------------------------------------------------------- XML helpers


def _el(tag: str, **attrs: str):
    e = OxmlElement(tag)
    for k, v in attrs.items():
        e.set(qn(f"w:{k}"), v)
    return e


# child order the schema demands (Word refuses a document that breaks it)
_ORDEN = {
    qn("w:tblPr"): ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
                "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders",
                "shd", "tblLayout", "tblCellMar", "tblLook"),
    qn("w:tcPr"): ("cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap",
               "tcMar", "textDirection", "tcFitText", "vAlign", "hideMark"),
}


def _saet(parent, tag: str, **attrs: str):
    """Replace child `tag` of `parent` by a new one with `attrs`, in the schema's order."""
    for gammel in parent.findall(qn(tag)):
        parent.remove(gammel)
    e = _el(tag, **attrs)
    orden = [qn(f"w:{t}") for t in _ORDEN.get(parent.tag, ())]
    if qn(tag) in orden:
        efter = set(orden[orden.index(qn(tag)) + 1:])
        for barn in parent:
            if barn.tag in efter:
                barn.addprevious(e)
                return e
    parent.append(e)
    return e


def _kant(tcPr_eller_tblPr, tag: str, sider: dict[str, tuple[str, int, str]]) -> None:
    kanter = _saet(tcPr_eller_tblPr, tag)
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        if side in sider:
            val, sz, farve = sider[side]
            kanter.append(_el(f"w:{side}", val=val, sz=str(sz), space="0", color=farve))


def _skygge(tcPr, farve: str) -> None:
    _saet(tcPr, "w:shd", val="clear", color="auto", fill=farve)


def _felt(paragraph, kode: str) -> None:
    """A field (PAGE, NUMPAGES) as begin / instrText / separate / result / end runs."""
    instr = _el("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {kode} "
    for del_ in (_el("w:fldChar", fldCharType="begin"), instr,
                 _el("w:fldChar", fldCharType="separate"), "1",
                 _el("w:fldChar", fldCharType="end")):
        run = paragraph.add_run()
        if isinstance(del_, str):
            run.text = del_  # shown until the field is updated
        else:
            run._r.append(del_)


# ---------------------------------------------------------------- document parts


def _skrifttype(rPr, navn: str) -> None:
    """A named font instead of the theme's (Calibri is what Word shows either way; named, a
    renderer without the theme's fonts picks a sans-serif stand-in)."""
    for gammel in rPr.findall(qn("w:rFonts")):
        rPr.remove(gammel)
    rPr.insert(0, _el("w:rFonts", ascii=navn, hAnsi=navn, cs=navn, eastAsia=navn))


def _typografier(doc: Document) -> None:
    """Calibri, Danish, compact paragraphs; built-in headings in sober sizes and colours."""
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rPr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _skrifttype(rPr, SKRIFT)
    _saet(rPr, "w:lang", val="da-DK", eastAsia="da-DK", bidi="ar-SA")
    normal = doc.styles["Normal"]
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.1
    for niveau, (str_, foer, efter, farve) in {1: (14, 18, 6, "1F4E79"), 2: (12, 12, 4, "1F4E79"),
                                              3: (11, 10, 3, "000000")}.items():
        s = doc.styles[f"Heading {niveau}"]
        _skrifttype(s.element.get_or_add_rPr(), SKRIFT)
        s.font.size = Pt(str_)
        s.font.bold = True
        s.font.color.rgb = RGBColor.from_string(farve)
        s.paragraph_format.space_before = Pt(foer)
        s.paragraph_format.space_after = Pt(efter)
        s.paragraph_format.keep_with_next = True
    fod = doc.styles["Footer"]
    pPr = fod.element.get_or_add_pPr()
    for tabs in pPr.findall(qn("w:tabs")):
        pPr.remove(tabs)
    fod.font.size = Pt(8)
    fod.font.color.rgb = RGBColor.from_string("595959")


def _tekstbredde(s: Section) -> int:
    return int(s.page_width - s.left_margin - s.right_margin) // 635  # EMU -> twips


def _sideopsaetning(s: Section, liggende: bool) -> None:
    s.orientation = WD_ORIENT.LANDSCAPE if liggende else WD_ORIENT.PORTRAIT
    s.page_width, s.page_height = (A4[1], A4[0]) if liggende else A4
    s.left_margin = s.right_margin = MARGEN_SIDE
    s.top_margin, s.bottom_margin = MARGEN_TOP, MARGEN_BUND
    s.header_distance = s.footer_distance = Cm(1.25)


def _sidefod(doc: Document, titel: str) -> None:
    """Every section's footer: the report's title left, 'Side X af Y' right. A section as wide
    as the one before shares its footer (Word's 'link to previous')."""
    forrige = None
    for s in doc.sections:
        bredde = _tekstbredde(s)
        if bredde == forrige:
            continue
        forrige = bredde
        s.footer.is_linked_to_previous = False
        p = s.footer.paragraphs[0]
        p.style = doc.styles["Footer"]
        p.paragraph_format.tab_stops.add_tab_stop(Twips(bredde), WD_TAB_ALIGNMENT.RIGHT)
        p.add_run(titel)
        p.add_run("\tSide ")
        _felt(p, "PAGE")
        p.add_run(" af ")
        _felt(p, "NUMPAGES")


def _tabelafsnit(p, pt: float, keep: bool, mellemrum: bool) -> None:
    """A table cell's paragraph: no spacing, single lines, its mark in the table's font size
    (an empty cell must not make its row taller), kept with the next row when `keep`."""
    fmt = Paragraph(p, None).paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing = Pt(1) if mellemrum else 1.0
    fmt.keep_with_next = keep
    pPr = p.get_or_add_pPr()
    maerke = pPr.find(qn("w:rPr"))
    if maerke is None:
        maerke = _el("w:rPr")
        pPr.append(maerke)
    _saet(maerke, "w:sz", val=str(round(pt * 2)))


class _Skriver:
    """Writes sheets into one document, opening landscape sections for wide tables."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.body = doc.element.body
        self.liggende_slut = None  # the break closing the last landscape section
        self.efter_tabel = False  # the last thing written was a table
        self.slaegter: dict[tuple, list[list[Celle]]] = {}  # kind -> the rows of all its tables

    def _sektion(self) -> Section:
        return Section(self.body.find(qn("w:sectPr")), self.doc.part)

    def _skift(self, foer) -> object:
        """A section break: a small empty paragraph carrying a copy of the current section's
        properties, placed before element `foer` (None: at the end)."""
        p = _el("w:p")
        pPr = p.makeelement(qn("w:pPr"), {})
        p.append(pPr)
        spacing = _el("w:spacing", before="0", after="0", line="20", lineRule="exact")
        pPr.append(spacing)
        pPr.append(copy.deepcopy(self.body.find(qn("w:sectPr"))))
        if foer is None:
            self.body.find(qn("w:sectPr")).addprevious(p)
        else:
            foer.addprevious(p)
        return p

    def liggende(self) -> bool:
        """Is the section being written a landscape one?"""
        s = self._sektion()
        return s.page_width > s.page_height

    def aabn_liggende(self, foelg_med: bool) -> None:
        """Start a landscape section here; with `foelg_med` the headings just written move
        along, so a heading never stays behind on the portrait page."""
        if self.liggende():
            return
        indhold = [e for e in self.body if e.tag != qn("w:sectPr")]
        start = len(indhold)
        while foelg_med and start > 0 and self._holder_sammen(indhold[start - 1]):
            start -= 1
        if start > 0 and indhold[start - 1] is self.liggende_slut:
            # only headings since the last landscape section ended: continue that one
            self.body.remove(self.liggende_slut)
            self.liggende_slut = None
        elif start > 0:
            self._skift(indhold[start] if start < len(indhold) else None)
        _sideopsaetning(self._sektion(), True)

    def luk_liggende(self) -> None:
        """End the landscape section; what follows is portrait again."""
        if self.liggende():
            self.liggende_slut = self._skift(None)
            _sideopsaetning(self._sektion(), False)

    def afslut(self) -> None:
        """A document ending in a landscape section ends there, without an empty portrait page."""
        indhold = [e for e in self.body if e.tag != qn("w:sectPr")]
        if indhold and indhold[-1] is self.liggende_slut:
            sidste = self.liggende_slut.find(qn("w:pPr")).find(qn("w:sectPr"))
            self.body.replace(self.body.find(qn("w:sectPr")), sidste)
            self.body.remove(self.liggende_slut)
            self.liggende_slut = None

    @staticmethod
    def _holder_sammen(e) -> bool:
        if e.tag != qn("w:p"):
            return False
        pPr = e.find(qn("w:pPr"))
        return pPr is not None and pPr.find(qn("w:sectPr")) is None and (
            pPr.find(qn("w:keepNext")) is not None or pPr.find(qn("w:pStyle")) is not None
            and pPr.find(qn("w:pStyle")).get(qn("w:val")).startswith("Heading"))

    # ------------------------------------------------------------ tables

    def tabel(self, rows: list[list[Celle]]) -> None:
        """A table: in portrait if it fits there, else in a landscape section of its own."""
        bredde = _tekstbredde(self._sektion())
        alle = self.slaegter.get(_slaegt(rows), rows)  # measured with its kind's rows
        if self.liggende():
            self._tabel(rows, tabelmaal(alle, bredde, bredde))
            return
        maal = tabelmaal(alle, bredde, int(A4[1] - 2 * MARGEN_SIDE) // 635)
        if maal.liggende:
            self.aabn_liggende(foelg_med=True)
            self._tabel(rows, maal)
            self.luk_liggende()
        else:
            self._tabel(rows, maal)

    def _tabel(self, rows: list[list[Celle]], maal: Tabelmaal) -> None:
        bredde = len(maal.bredder)
        t = self.doc.add_table(rows=0, cols=bredde)
        t.autofit = False
        t.alignment = WD_TABLE_ALIGNMENT.LEFT
        tblPr = t._tbl.tblPr
        _saet(tblPr, "w:tblW", w=str(sum(maal.bredder)), type="dxa")
        _kant(tblPr, "w:tblBorders", {"top": ("single", 6, "000000"),
                                      "bottom": ("single", 6, "000000")})
        mar = _saet(tblPr, "w:tblCellMar")
        for side in ("left", "right"):
            mar.append(_el(f"w:{side}", w=str(CELLEMARGEN), type="dxa"))
        for gc, b in zip(t._tbl.tblGrid.findall(qn("w:gridCol")), maal.bredder):
            gc.set(qn("w:w"), str(b))
        hoved = _hovedraekker(rows)
        # a table that fits on a page is kept on one page (with the heading before it)
        samlet = len(rows) <= SAMLET_RAEKKER
        for nr, raekke in enumerate(rows):
            row = t.add_row()
            trPr = row._tr.get_or_add_trPr()
            trPr.append(_el("w:cantSplit"))
            if nr < hoved:
                trPr.append(_el("w:tblHeader"))
            if not _udfyldte(raekke) and nr >= hoved:
                trPr.append(_el("w:trHeight", val=str(MELLEMRUM_HOEJDE), hRule="exact"))
            celler = row.cells
            # a label alone in its row (an activity's name) stays with the rows under it
            gruppe = len(_udfyldte(raekke)) == 1 and raekke[0].vaerdi not in (None, "")
            for i, c in _placeringer(raekke):
                celle = celler[i]
                if c.flet > 1:
                    celle = celle.merge(celler[i + c.flet - 1])
                celle.width = Twips(sum(maal.bredder[i:i + max(c.flet, 1)]))
                self._celle(celle, c, maal.skrift, hoved=nr < hoved)
            keep = nr < hoved or gruppe or samlet and nr < len(rows) - 1
            for tc in row._tr.tc_lst:
                for p in tc.iter(qn("w:p")):
                    _tabelafsnit(p, maal.skrift, keep, mellemrum=not _udfyldte(raekke))
        self.efter_tabel = True

    @staticmethod
    def _celle(celle, c: Celle, pt: float, *, hoved: bool) -> None:
        stil = STILE[c.stil]
        p = celle.paragraphs[0]
        run = p.add_run(_tekst(c))
        run.bold = stil.fed
        run.italic = stil.kursiv
        run.font.size = Pt(pt)
        if stil.farve:
            run.font.color.rgb = RGBColor.from_string(stil.farve)
        if isinstance(c.vaerdi, (int, float)) or stil.justering == "right":
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif stil.justering == "center":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        tcPr = celle._tc.get_or_add_tcPr()
        if stil.fyld:
            _skygge(tcPr, stil.fyld)
        kanter = {}
        if stil.ramme_top:
            kanter["top"] = ("single", 6, "000000")
        if stil.ramme_bund:
            kanter["bottom"] = ("single", 6, "000000")
        if kanter:
            _kant(tcPr, "w:tcBorders", kanter)
        if hoved:
            celle.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM

    # ------------------------------------------------------------ paragraphs

    def _ny(self, tekst: str = "", stil: str | None = None):
        """A new paragraph; the first one after a table keeps a little distance to it."""
        p = self.doc.add_paragraph(tekst, style=stil)
        if self.efter_tabel and p.paragraph_format.space_before is None and \
                not (stil or "").startswith("Heading"):
            p.paragraph_format.space_before = Pt(8)
        self.efter_tabel = False
        return p

    def overskrift_med_beloeb(self, raekke: list[Celle]) -> None:
        """'Boliger til flygtninge  3.199': a product's heading (Overskrift 3) with its
        afvigelse; the bevilling's 'I alt' line stays a bold line."""
        u = _udfyldte(raekke)
        tekst = f"{_tekst(u[0])}  {_tekst(u[1])}"
        if _tekst(u[0]) == "I alt":
            p = self._ny()
            p.add_run(tekst).bold = True
            p.paragraph_format.keep_with_next = True
        else:
            p = self._ny(tekst, "Heading 3")
        if len(u) == 3:
            run = p.add_run(f"  ({_tekst(u[2])})")
            run.italic = True
            run.bold = False
            if STILE[u[2].stil].farve:
                run.font.color.rgb = RGBColor.from_string(STILE[u[2].stil].farve)

    def afsnit(self, c: Celle) -> None:
        tekst = _tekst(c)
        stil = STILE[c.stil]
        if c.stil in HEADINGS:
            self._ny(tekst, f"Heading {HEADINGS[c.stil]}")
        elif tekst.startswith("• "):
            self._ny(tekst[2:], "List Bullet")
        else:
            p = self._ny()
            run = p.add_run(tekst)
            run.bold = stil.fed
            run.italic = stil.kursiv
            if stil.farve:
                run.font.color.rgb = RGBColor.from_string(stil.farve)
            # a bold label alone (an underlying ydelse) introduces what follows
            p.paragraph_format.keep_with_next = stil.fed


def _dele(ark: Ark):
    """A sheet's parts in order: ('tabel', rows) for a run of table rows, ('beloeb', row) for a
    heading with its amount, ('afsnit', cell) for a title or a sentence."""
    blok: list[list[Celle]] = []
    raekker = ark.raekker + [[]]
    for i, raekke in enumerate(raekker):
        naeste = raekker[i + 1] if i + 1 < len(raekker) else []
        # a bold group label inside a table (an activity name) stays in the table, and so does
        # a blank row between two groups of the same table
        gruppe = bool(blok) and len(_udfyldte(raekke)) == 1 and raekke[0].stil == "fed" \
            and _er_tabelraekke(naeste)
        mellemrum = bool(blok) and not _udfyldte(raekke) and bool(naeste) and \
            _er_tabelraekke(naeste)
        if raekke and (_er_tabelraekke(raekke) or gruppe) or mellemrum:
            blok.append(raekke)
            continue
        if blok:
            yield "tabel", blok
            blok = []
        if _er_overskrift_med_beloeb(raekke):
            yield "beloeb", raekke
            continue
        tekst = _udfyldte(raekke)
        if tekst:
            yield "afsnit", tekst[0]


def _slaegt(rows: list[list[Celle]]) -> tuple | None:
    """Tables with the same header rows are one kind (every bevilling's table of hovedprodukter):
    they get the same column widths."""
    n = _hovedraekker(rows)
    return tuple((c.vaerdi, c.stil, c.flet) for r in rows[:n] for c in r) + (n,) if n else None


def _skriv_ark(skriver: _Skriver, ark: Ark) -> None:
    """One layout sheet: runs of table rows become a table, other rows paragraphs. A sheet the
    layout prints in landscape gets a landscape section."""
    if ark.liggende:
        skriver.aabn_liggende(foelg_med=False)
    for slags, del_ in _dele(ark):
        if slags == "tabel":
            skriver.tabel(del_)
        elif slags == "beloeb":
            skriver.overskrift_med_beloeb(del_)
        else:
            skriver.afsnit(del_)
    if ark.liggende:
        skriver.luk_liggende()


def skriv_ark(doc: Document, ark: Ark) -> None:
    """One layout sheet appended to `doc` (see ny_docx for the page set-up)."""
    skriver = _Skriver(doc)
    _skriv_ark(skriver, ark)
    skriver.afslut()


def ny_docx(rapport: Rapport, *, ark: list[str] | None = None) -> Document:
    """A Word document of the report's sheets (all, or those named in `ark`)."""
    doc = Document()
    _typografier(doc)
    _sideopsaetning(doc.sections[0], False)
    titel = rapport.metadata.get("titel", "")
    doc.core_properties.title = titel
    doc.core_properties.language = "da-DK"
    # the template's one empty paragraph would start the document with a blank line
    for p in list(doc.paragraphs):
        p._p.getparent().remove(p._p)
    valgte = [a for a in rapport.ark if ark is None or a.navn in ark]
    skriver = _Skriver(doc)
    for a in valgte:
        for slags, rows in _dele(a):
            if slags == "tabel" and _slaegt(rows) is not None:
                skriver.slaegter.setdefault(_slaegt(rows), []).extend(rows)
    for a in valgte:
        _skriv_ark(skriver, a)
    skriver.afslut()
    _sidefod(doc, titel)
    return doc


def skriv_docx(rapport: Rapport, sti: Path | str, *, ark: list[str] | None = None) -> Path:
    """Write the report as .docx at `sti` (atomically)."""
    doc = ny_docx(rapport, ark=ark)
    return skriv_atomisk(sti, lambda p: doc.save(str(p)))
