"""openpyxl writer: a layout.Rapport as report sheets of an .xlsx (new or an existing workbook)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference, Series
from openpyxl.chart.data_source import (
    AxDataSource,
    NumData,
    NumFmt,
    NumVal,
    StrData,
    StrRef,
    StrVal,
)
from openpyxl.chart.text import RichText, Text
from openpyxl.chart.title import Title
from openpyxl.drawing.spreadsheet_drawing import AnchorMarker, TwoCellAnchor
from openpyxl.drawing.text import (
    CharacterProperties,
    Paragraph,
    ParagraphProperties,
    RegularTextRun,
)
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook as WorkbookType
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from addin.layout import (
    KONTROLARK,
    KONTROLHOVED,
    STILE,
    Ark,
    Celle,
    Diagram,
    Rapport,
    Serie,
    Stil,
    normalt_arknavn,
    placer_i_bog,
)
from addin.skrivere import beskyttede_ark, celletekst, diagrambredde
from addin.skrivere.atomisk import skriv_atomisk

_TYND = Side(style="thin")


def _anvend_stil(celle, stil: Stil) -> None:
    if stil.fed or stil.kursiv or stil.skriftstoerrelse or stil.farve:
        celle.font = Font(bold=stil.fed, italic=stil.kursiv, size=stil.skriftstoerrelse,
                          color=stil.farve)
    if stil.talformat:
        celle.number_format = stil.talformat
    if stil.ombryd or stil.justering:
        celle.alignment = Alignment(horizontal=stil.justering, wrap_text=stil.ombryd,
                                    vertical="top" if stil.ombryd else None)
    if stil.fyld:
        celle.fill = PatternFill("solid", fgColor=stil.fyld)
    if stil.ramme_top or stil.ramme_bund:
        celle.border = Border(top=_TYND if stil.ramme_top else None,
                              bottom=_TYND if stil.ramme_bund else None)


def saet_vaerdi(celle, vaerdi) -> None:
    """Set a value through the writers' one gate (celletekst): text that Excel could read as a
    formula stays text (formula injection), control characters are removed."""
    vaerdi, som_tekst = celletekst(vaerdi)
    celle.value = vaerdi
    if som_tekst:
        celle.data_type = "s"


# ------------------------------------------------------------------------------ print layout

# Text widths in column units, per character. A column unit is the width of a digit of the font
# in use (Excel: Calibri 11; LibreOffice without Calibri: DejaVu Sans, bold DejaVu Serif Bold),
# and measured in its own digits a text is about as wide in either font. These are DejaVu Sans's.
_TEGN = {0.45: "'IJijl", 0.5: " ,.", 0.55: "-/:;\\f|", 0.6: "()[]t", 0.65: "!r", 0.7: "\"",
         0.8: "*_`s–§", 0.85: "?cz", 0.9: "FLk", 0.95: "PTYaeovxyøåé•",
         1.0: "$0123456789ESbdghnpqu{}ü", 1.05: "K", 1.1: "ABCRVXZÅ", 1.15: "U", 1.2: "DGHN",
         1.25: "&OQØ", 1.3: "#+<=>^w~", 1.35: "M", 1.5: "%½", 1.55: "@WmæÆ—"}
_TEGNBREDDE = {ch: b for b, tegn in _TEGN.items() for ch in tegn}
_FED = 1.15  # bold is this much wider (DejaVu Serif Bold to DejaVu Sans; Calibri: 1.05)
_LUFT = 1.0  # cell margins and slack, in column units
_LINJE = 15.0  # points per printed line of 11 pt text
_STANDARDBREDDE = 8.43  # Excel's width of a column the layout gives none
_PT_PR_ENHED = 5.25  # points per column unit in Excel (7 px; wider in LibreOffice with DejaVu)
_PT_PR_CM = 72 / 2.54
_EMU_PR_PT = 12700
_LUFT_PT = 3.0  # points between a chart and the edges of the rows kept for it
_NAVN = 100  # characters: longer wrapped text is a sentence, shorter a name or header
_A4 = (8.27, 11.69)  # inches


@dataclass
class Udskrift:
    """How a layout sheet is printed: its column widths, the cells that wrap although their
    style does not, row heights, orientation, repeated rows and manual page breaks."""

    bredder: list[float]
    ombryd: set[tuple[int, int]] = field(default_factory=set)  # (1-based row, 1-based column)
    hoejder: dict[int, float] = field(default_factory=dict)
    liggende: bool = False
    gentag: tuple[int, int] | None = None
    sideskift: list[int] = field(default_factory=list)  # 1-based rows that begin a page
    topjuster: set[int] = field(default_factory=set)  # rows with text on several lines


def tekstbredde(tekst: str, stil: Stil) -> float:
    """The printed width of `tekst` in column units (see _TEGN)."""
    faktor = (stil.skriftstoerrelse or 11) / 11 * (_FED if stil.fed else 1.0)
    return faktor * sum(_TEGNBREDDE.get(ch, 1.15 if ch.isupper() else 1.0) for ch in tekst)


def _ordbredde(tekst: str, stil: Stil) -> float:
    return max((tekstbredde(o, stil) for o in tekst.split()), default=0.0)


def _talbredde(v: float, stil: Stil) -> float:
    fmt = stil.talformat or ""
    if "." in fmt:
        tekst = f"{v:,.{len(fmt.split('.')[-1])}f}"
    elif fmt:
        tekst = f"{v:,.0f}"
    else:
        tekst = str(v)
    return tekstbredde(tekst, stil)


def _ombryd(tekst: str, stil: Stil, bredde: float) -> tuple[int, float]:
    """Wrap `tekst` as a spreadsheet does in a cell `bredde` column units wide: lines may break
    at spaces and after a hyphen or slash inside a word. Returns the number of lines and the
    width the cell needs so that no line breaks inside a word (0.0 when none does)."""
    plads = max(bredde - _LUFT, 1.0)
    mellemrum = tekstbredde(" ", stil)
    linjer, behov = 0, 0.0
    for stykke in tekst.split("\n"):
        linjer += 1
        brugt = 0.0  # width of the current line
        for ord_ in stykke.split():
            dele = re.split(r"(?<=[^-/][-/])(?=[^-/])", ord_)
            foran = mellemrum if brugt else 0.0
            for i, del_ in enumerate(dele):
                b = tekstbredde(del_, stil)
                if brugt and brugt + foran + b > plads + 1e-6:
                    if i:  # the word would break after a hyphen or slash
                        behov = max(behov, brugt + foran + tekstbredde("".join(dele[i:]), stil)
                                    + _LUFT)
                    linjer += 1
                    brugt, foran = 0.0, 0.0
                while b > plads + 1e-6:  # a word wider than the cell breaks anywhere
                    linjer += 1
                    b -= plads
                brugt += foran + b
                foran = 0.0
    return linjer, behov


def _celler(ark: Ark):
    """(1-based row, 0-based first column, cell) of every cell of the sheet."""
    for r, raekke in enumerate(ark.raekker, start=1):
        c = 0
        for celle in raekke:
            yield r, c, celle
            c += celle.flet


def _tom(celle: Celle) -> bool:
    return celle.vaerdi is None or celle.vaerdi == ""


def _er_tal(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _hovedraekke(raekke: list[Celle]) -> bool:
    return len(raekke) > 1 and all(c.stil.startswith("kolonnehoved") for c in raekke)


def _gentag(ark: Ark) -> tuple[int, int] | None:
    """The layout's repeated rows; else, on a sheet that is one table (one block of header rows,
    no merged text or headings below it), that table's header and unit rows."""
    if ark.gentag_raekker:
        return ark.gentag_raekker
    blokke: list[list[int]] = []
    for r, raekke in enumerate(ark.raekker, start=1):
        if _hovedraekke(raekke):
            if blokke and blokke[-1][1] == r - 1:
                blokke[-1][1] = r
            else:
                blokke.append([r, r])
    if len(blokke) != 1:
        return None
    start, slut = blokke[0]
    if slut < len(ark.raekker) and ark.raekker[slut] and all(
            c.stil == "enhed" or _tom(c) for c in ark.raekker[slut]):
        slut += 1
    if any(c.flet > 1 or c.stil in ("titel", "overskrift")
           for raekke in ark.raekker[slut:] for c in raekke):
        return None
    return (start, slut)


def arkbredde(ark: Ark, tom: int = 1) -> int:
    """The columns a sheet prints: those of its widest row, and those its charts span."""
    celler = max((sum(c.flet for c in r) for r in ark.raekker), default=tom)
    return max([celler] + [d.kolonne - 1 + diagrambredde(ark, d) for d in ark.diagrammer])


def udskrift(ark: Ark) -> Udskrift:
    """Decide how the sheet prints: every column at least as wide as the longest word of a wrapped
    header or name in it and as its numbers; text that would be cut off by its neighbour gets a
    slightly wider column or wraps; rows as tall as their wrapped text; landscape when the sheet
    is wider than a portrait page; page breaks before sections that would otherwise split."""
    n = arkbredde(ark, 0)
    bredder = [float(b) for b in ark.kolonnebredder]
    bredder += [_STANDARDBREDDE] * (n - len(bredder))
    ud = Udskrift(bredder)

    def mindst(c: int, flet: int, behov: float) -> None:
        mangler = behov - sum(bredder[c:c + flet])
        if mangler > 0:
            bredder[c + flet - 1] += mangler

    def hele_ord(celler) -> None:
        """Wrapped text breaks at spaces only: no word is wider than its cell, and a name or
        header (not a sentence) does not break after a hyphen or slash either."""
        for _ in range(5):
            aendret = False
            for _, c, celle in celler:
                stil = STILE[celle.stil]
                mindst(c, celle.flet, _ordbredde(celle.vaerdi, stil) + _LUFT)
                if len(celle.vaerdi) > _NAVN:
                    continue
                behov = _ombryd(celle.vaerdi, stil, sum(bredder[c:c + celle.flet]))[1]
                if behov:
                    mindst(c, celle.flet, behov)
                    aendret = True
            if not aendret:
                return

    # 1. numbers and the words of wrapped cells must fit their columns
    for _, c, celle in _celler(ark):
        if _er_tal(celle.vaerdi):
            mindst(c, celle.flet, _talbredde(celle.vaerdi, STILE[celle.stil]) + _LUFT)
    hele_ord([(r, c, celle) for r, c, celle in _celler(ark) if isinstance(celle.vaerdi, str)
              and celle.vaerdi and STILE[celle.stil].ombryd])

    # 2. text that does not wrap must not be cut off by a neighbour (or a merge, or the edge);
    # it may run into cells the layout leaves out or sets to None, not into placed empty cells
    optaget = {(r, k) for r, c, celle in _celler(ark) if celle.vaerdi is not None
               or celle.flet > 1 for k in range(c, c + celle.flet)}

    def mangler(r: int, c: int, celle: Celle) -> float:
        stil = STILE[celle.stil]
        plads = sum(bredder[c:c + celle.flet])
        if celle.flet == 1:
            hoejre = venstre = 0.0
            k = c + 1
            while k < n and (r, k) not in optaget:
                hoejre += bredder[k]
                k += 1
            k = c - 1
            while k >= 0 and (r, k) not in optaget:
                venstre += bredder[k]
                k -= 1
            plads += {"right": venstre, "center": 2 * min(venstre, hoejre)}.get(
                stil.justering, hoejre)
        return tekstbredde(celle.vaerdi, stil) + _LUFT - plads

    klippede = [(r, c, celle) for r, c, celle in _celler(ark)
                if isinstance(celle.vaerdi, str) and celle.vaerdi
                and not STILE[celle.stil].ombryd and mangler(r, c, celle) > 0]
    foer = list(bredder)
    for r, c, celle in klippede:  # a little wider where that is enough
        m = mangler(r, c, celle)
        if m <= 0 or celle.flet > 1:
            continue
        if bredder[c] + m - foer[c] <= max(3.0, 0.15 * foer[c]):
            bredder[c] += m
        elif STILE[celle.stil].justering is None and all(
                (r, k) not in optaget for k in range(c + 1, n)) \
                and bredder[-1] + m - foer[-1] <= 20:
            bredder[-1] += m  # runs into the empty cells up to the sheet's right edge
    for r, c, celle in klippede:  # otherwise it wraps, at spaces only
        if mangler(r, c, celle) > 0:
            hele_ord([(r, c, celle)])
            if mangler(r, c, celle) > 0:
                ud.ombryd.add((r, c + 1))

    # 3. rows as tall as their wrapped text
    for r, c, celle in _celler(ark):
        stil = STILE[celle.stil]
        if not (stil.ombryd or (r, c + 1) in ud.ombryd) or _tom(celle) \
                or not isinstance(celle.vaerdi, str):
            continue
        linjer = _ombryd(celle.vaerdi, stil, sum(bredder[c:c + celle.flet]))[0]
        behov = linjer * _LINJE * (stil.skriftstoerrelse or 11) / 11
        hoejde = ud.hoejder.get(r, ark.hoejder.get(r))
        if (hoejde is None and linjer > 1) or (hoejde is not None and behov > hoejde):
            ud.hoejder[r] = behov
        if linjer > 1:
            ud.topjuster.add(r)
    ud.hoejder = {**ark.hoejder, **ud.hoejder}

    # 4. orientation, repeated rows, page breaks
    ud.liggende = ark.liggende or sum(bredder[:n]) > _sidebredde(False)
    ud.gentag = _gentag(ark)
    ud.sideskift = _sideskift(ark, ud)
    return ud


def _sidebredde(liggende: bool, margin: float = 0.75) -> float:
    """Column units across the printable width of an A4 page at 100 %."""
    tommer = (_A4[1] if liggende else _A4[0]) - 2 * margin
    return tommer * 72 / _PT_PR_ENHED


def _raekkehoejde(ark: Ark, ud: Udskrift, r: int) -> float:
    if r in ud.hoejder:
        return ud.hoejder[r]
    stoerst = max((STILE[c.stil].skriftstoerrelse or 11 for c in ark.raekker[r - 1]), default=11)
    return _LINJE * stoerst / 11


def _sideskift(ark: Ark, ud: Udskrift, margin: float = 1.0) -> list[int]:
    """Rows before which a page break keeps a section (ark.afsnit) on one page: where the section
    does not fit what is left of the page and fits a page of its own (or little is left).
    Heights are estimated on the high side, so a break comes rather too early than too late."""
    starter = sorted({s for s in ark.afsnit if 1 < s <= len(ark.raekker)})
    if not starter:
        return []
    n = arkbredde(ark)
    skala = min(1.0, _sidebredde(ud.liggende) / max(sum(ud.bredder[:n]), 1.0))
    hoejde = [_raekkehoejde(ark, ud, r) for r in range(1, len(ark.raekker) + 1)]
    side = ((_A4[0] if ud.liggende else _A4[1]) - 2 * margin) * 72 / skala
    if ud.gentag:
        side -= sum(hoejde[ud.gentag[0] - 1:ud.gentag[1]])
    slut = dict(zip(starter, [s - 1 for s in starter[1:]] + [len(ark.raekker)]))
    skift, brugt = [], 0.0
    for r in range(1, len(ark.raekker) + 1):
        if r in slut:
            afsnit = sum(hoejde[r - 1:slut[r]])
            if brugt and brugt + afsnit > side and (afsnit <= side or side - brugt < 0.4 * side):
                skift.append(r)
                brugt = 0.0
        brugt = hoejde[r - 1] if brugt + hoejde[r - 1] > side else brugt + hoejde[r - 1]
    return skift


def _hf(tekst: str) -> str:
    """Text for a page header or footer: '&' doubled (it starts a code), kept short."""
    return " ".join(str(tekst).split())[:80].replace("&", "&&")


def skriv_ark(ws: Worksheet, ark: Ark) -> None:
    """Fill an empty worksheet with one layout sheet: values, styles, merges, widths, print setup."""
    ud = udskrift(ark)
    for r, raekke in enumerate(ark.raekker, start=1):
        c = 1
        for celle in raekke:
            assert isinstance(celle, Celle)
            xc = ws.cell(row=r, column=c)
            saet_vaerdi(xc, celle.vaerdi)
            stil = STILE[celle.stil]
            _anvend_stil(xc, stil)
            ombryd = (r, c) in ud.ombryd  # would be cut off: wraps
            if ombryd or (r in ud.topjuster and not xc.alignment.vertical):
                # a row with text on several lines reads from the top
                xc.alignment = Alignment(horizontal=stil.justering, vertical="top",
                                         wrap_text=stil.ombryd or ombryd)
            if celle.flet > 1:
                ws.merge_cells(start_row=r, start_column=c, end_row=r,
                               end_column=c + celle.flet - 1)
            c += celle.flet
    for r, hoejde in ud.hoejder.items():
        ws.row_dimensions[r].height = hoejde
    for i, bredde in enumerate(ud.bredder, start=1):
        ws.column_dimensions[get_column_letter(i)].width = round(bredde, 2)
    if ark.frys_raekker:
        ws.freeze_panes = ws.cell(row=ark.frys_raekker + 1, column=1)
    if ud.gentag:
        ws.print_title_rows = f"{ud.gentag[0]}:{ud.gentag[1]}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if ud.liggende else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    for r in ud.sideskift:
        ws.row_breaks.append(Break(id=r - 1))
    ws.oddHeader.center.text = _hf(ark.sidehoved) if ark.sidehoved else "&F"
    if ark.sidehoved_venstre:
        ws.oddHeader.left.text = _hf(ark.sidehoved_venstre)
    ws.oddFooter.center.text = "Side &P af &N"
    ws.oddFooter.right.text = "&A"
    bredde = arkbredde(ark)
    if ark.raekker:
        ws.print_area = f"A1:{get_column_letter(max(bredde, 1))}{len(ark.raekker)}"
    for d in ark.diagrammer:
        tegn_diagram(ws, ark, d, ud.bredder)


# ------------------------------------------------------------------------------ charts


def _celle(ark: Ark, raekke: int, kolonne: int):
    """The layout value at a 1-based row and column (None where the row has no cell there)."""
    k = 1
    for celle in ark.raekker[raekke - 1]:
        if k <= kolonne < k + celle.flet:
            return celle.vaerdi if k == kolonne else None
        k += celle.flet
    return None


def _talcache(ark: Ark, d: Diagram, kolonne: int) -> NumData:
    """The values a series shows, cached in the chart (what a reader shows before it
    recalculates, and what the share copy keeps)."""
    pt = []
    for i, r in enumerate(range(d.foerste, d.sidste + 1)):
        v = _celle(ark, r, kolonne)
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            pt.append(NumVal(idx=i, v=v))
    return NumData(formatCode="General", ptCount=d.sidste - d.foerste + 1, pt=pt)


def _tekstcache(ark: Ark, d: Diagram) -> StrData:
    """The category labels, cached in the chart like the values."""
    tekster = [celletekst(_celle(ark, r, d.kategorikolonne))[0]
               for r in range(d.foerste, d.sidste + 1)]
    return StrData(ptCount=len(tekster), pt=[StrVal(idx=i, v="" if t is None else str(t))
                                             for i, t in enumerate(tekster)])


def _serie(ws: Worksheet, ark: Ark, d: Diagram, s: Serie, kategorier: AxDataSource) -> Series:
    """One series over its column of the chart's rows, with its name, cache and fill."""
    ref = Reference(ws, min_col=s.kolonne, min_row=d.foerste, max_row=d.sidste)
    serie = Series(ref, title=s.navn)
    serie.val.numRef.numCache = _talcache(ark, d, s.kolonne)
    serie.cat = kategorier
    serie.invertIfNegative = False  # a negative bar keeps its colour
    if s.farve:
        serie.graphicalProperties.solidFill = s.farve
    serie.graphicalProperties.line.noFill = True  # no outline: a zero draws nothing
    return serie


def _skrift(pt: float, fed: bool = False) -> RichText:
    """Text properties of a chart element: its font size (and weight)."""
    egenskaber = CharacterProperties(sz=int(pt * 100), b=fed)
    return RichText(p=[Paragraph(pPr=ParagraphProperties(defRPr=egenskaber),
                                 endParaRPr=egenskaber)])


def _titel(tekst: str, pt: float, fed: bool = True) -> Title:
    """A chart or axis title in the given size, never laid over the plot."""
    egenskaber = CharacterProperties(sz=int(pt * 100), b=fed)
    rich = RichText(p=[Paragraph(pPr=ParagraphProperties(defRPr=egenskaber),
                                 r=[RegularTextRun(rPr=egenskaber, t=tekst)])])
    return Title(tx=Text(rich=rich), overlay=False)


def tegn_diagram(ws: Worksheet, ark: Ark, d: Diagram, bredder: list[float]) -> BarChart:
    """One layout chart as a native bar chart over the sheet's own cells, filling exactly the
    rows and columns the layout keeps for it (a two-cell anchor, so it follows the cells in
    Excel and LibreOffice alike)."""
    ch = BarChart()
    ch.type = "bar" if d.art == "bjaelke" else "col"
    ch.grouping = "stacked" if d.stablet else "clustered"
    if d.stablet:
        ch.overlap = 100
    ch.gapWidth = 60
    ch.title = _titel(d.titel, 12)
    ch.legend.position = "b"
    ch.legend.txPr = _skrift(9)
    kategorier = AxDataSource(strRef=StrRef(
        f=str(Reference(ws, min_col=d.kategorikolonne, min_row=d.foerste, max_row=d.sidste)),
        strCache=_tekstcache(ark, d)))
    for s in d.serier:
        ch.series.append(_serie(ws, ark, d, s, kategorier))
    # openpyxl 3.1 leaves `delete` unset, which some readers take as hidden axes
    ch.x_axis.delete = False
    ch.y_axis.delete = False
    ch.y_axis.numFmt = NumFmt(formatCode=d.talformat, sourceLinked=False)
    if d.aksetitel:
        ch.y_axis.title = _titel(d.aksetitel, 9, fed=False)
    ch.y_axis.txPr = _skrift(8)  # room for every value label across the chart
    ch.x_axis.txPr = _skrift(9)
    ch.x_axis.tickLblPos = "low"  # the names beside the bars, not on a negative bar
    if d.art == "bjaelke":  # read top-down in the table's order; values stay at the bottom
        ch.x_axis.scaling.orientation = "maxMin"
        ch.y_axis.crosses = "max"
    bredde = diagrambredde(ark, d)
    ch.width = sum(bredder[d.kolonne - 1:d.kolonne - 1 + bredde]) * _PT_PR_ENHED / _PT_PR_CM
    ch.height = d.hoejde * _LINJE / _PT_PR_CM
    # a little inside its block, so the chart never touches the page break above it or the
    # row below it (LibreOffice prints an object touching a break on both pages)
    luft = int(_LUFT_PT * _EMU_PR_PT)
    anker = TwoCellAnchor(editAs="oneCell",
                          _from=AnchorMarker(col=d.kolonne - 1, row=d.raekke - 1, rowOff=luft),
                          to=AnchorMarker(col=d.kolonne - 1 + bredde, row=d.raekke - 2 + d.hoejde,
                                          rowOff=int(_LINJE * _EMU_PR_PT) - luft))
    for r in range(d.raekke, d.raekke + d.hoejde):  # the same height in every reader
        ws.row_dimensions[r].height = _LINJE
    ws.add_chart(ch, anker)
    return ch


def indsaet_rapport(wb: WorkbookType, rapport: Rapport, *, foran: str | None = None) -> Rapport:
    """Replace (or add) the report's sheets in `wb`, leaving every other sheet as it is.

    Only sheets an earlier Refresh made are replaced (see layout.placer_rapportark); a replaced
    sheet keeps its position; new sheets go before the sheet named `foran` (when given and
    present) or at the end. Returns the report with the sheet names used.
    """
    normal = {normalt_arknavn(n): n for n in wb.sheetnames}
    kontrol = normal.get(normalt_arknavn(KONTROLARK))
    kontrolraekker = ([list(r) for r in wb[kontrol].iter_rows(max_row=KONTROLHOVED, max_col=2,
                                                                values_only=True)]
                      if kontrol else None)
    rapport = placer_i_bog(rapport, wb.sheetnames, kontrolraekker,
                           {ws.title: ws["A1"].value for ws in wb.worksheets}, beskyttede_ark())
    for ark in rapport.ark:
        gammelt = normal.get(normalt_arknavn(ark.navn))
        if gammelt is not None:
            pos = wb.sheetnames.index(gammelt)
            wb.remove(wb[gammelt])
            ws = wb.create_sheet(ark.navn, pos)
        elif foran and normal.get(normalt_arknavn(foran)) in wb.sheetnames:
            ws = wb.create_sheet(ark.navn, wb.sheetnames.index(normal[normalt_arknavn(foran)]))
        else:
            ws = wb.create_sheet(ark.navn)
        skriv_ark(ws, replace(ark, sidehoved=ark.sidehoved or rapport.metadata.get("titel"),
                              sidehoved_venstre=ark.sidehoved_venstre
                              or rapport.metadata.get("forvaltning")))
    return rapport


def ny_workbook(rapport: Rapport) -> WorkbookType:
    """A new workbook holding only the report's sheets."""
    wb = Workbook()
    wb.remove(wb.active)
    indsaet_rapport(wb, rapport)
    if rapport.metadata:
        wb.properties.title = rapport.metadata.get("titel")
        wb.properties.subject = rapport.metadata.get("emne")
        wb.properties.keywords = rapport.metadata.get("noegleord")
    return wb


def gem(wb: WorkbookType, sti: Path | str) -> Path:
    """Save atomically: the file at `sti` is either the old one or the complete new one."""
    return skriv_atomisk(sti, wb.save)


def skriv_rapport(rapport: Rapport, sti: Path | str) -> Path:
    """Write the report as a new .xlsx at `sti` (atomically)."""
    return gem(ny_workbook(rapport), sti)
