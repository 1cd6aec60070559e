"""openpyxl writer: a layout.Rapport as report sheets of an .xlsx (new or an existing workbook)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook as WorkbookType
from openpyxl.worksheet.worksheet import Worksheet

from addin.layout import (
    KONTROLARK,
    STILE,
    Ark,
    Celle,
    Rapport,
    Stil,
    egne_i_bog,
    normalt_arknavn,
    placer_rapportark,
)
from addin.skrivere import beskyttede_ark, celletekst
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


def skriv_ark(ws: Worksheet, ark: Ark) -> None:
    """Fill an empty worksheet with one layout sheet: values, styles, merges, widths, print setup."""
    for r, raekke in enumerate(ark.raekker, start=1):
        c = 1
        for celle in raekke:
            assert isinstance(celle, Celle)
            xc = ws.cell(row=r, column=c)
            saet_vaerdi(xc, celle.vaerdi)
            _anvend_stil(xc, STILE[celle.stil])
            if celle.flet > 1:
                ws.merge_cells(start_row=r, start_column=c, end_row=r,
                               end_column=c + celle.flet - 1)
            c += celle.flet
    for r, hoejde in ark.hoejder.items():
        ws.row_dimensions[r].height = hoejde
    for i, bredde in enumerate(ark.kolonnebredder, start=1):
        ws.column_dimensions[get_column_letter(i)].width = bredde
    if ark.frys_raekker:
        ws.freeze_panes = ws.cell(row=ark.frys_raekker + 1, column=1)
    if ark.gentag_raekker:
        ws.print_title_rows = f"{ark.gentag_raekker[0]}:{ark.gentag_raekker[1]}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if ark.liggende else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    bredde = max((sum(c.flet for c in r) for r in ark.raekker), default=1)
    if ark.raekker:
        ws.print_area = f"A1:{get_column_letter(max(bredde, 1))}{len(ark.raekker)}"


def indsaet_rapport(wb: WorkbookType, rapport: Rapport, *, foran: str | None = None) -> Rapport:
    """Replace (or add) the report's sheets in `wb`, leaving every other sheet as it is.

    Only sheets an earlier Refresh made are replaced (see layout.placer_rapportark); a replaced
    sheet keeps its position; new sheets go before the sheet named `foran` (when given and
    present) or at the end. Returns the report with the sheet names used.
    """
    normal = {normalt_arknavn(n): n for n in wb.sheetnames}
    kontrol = normal.get(normalt_arknavn(KONTROLARK))
    kontrolraekker = ([list(r) for r in wb[kontrol].iter_rows(max_row=12, max_col=2,
                                                                values_only=True)]
                      if kontrol else None)
    egne = egne_i_bog(rapport, kontrolraekker, {ws.title: ws["A1"].value for ws in wb.worksheets},
                      beskyttede_ark())
    rapport = placer_rapportark(rapport, wb.sheetnames, egne)
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
        skriv_ark(ws, ark)
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
