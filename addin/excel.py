"""The Excel side: Refresh and Share, for a live book (xlwings) and for a file (headless).

`refresh(book)` is the one macro: it reads the input sheets and settings of an xlwings Book,
runs the same pipeline as `regnskab build`, and writes the report sheets through the same
layout step. `refresh_fil` does the same to a workbook file with openpyxl.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

import openpyxl

from addin.bevar import tabt_indhold
from addin.fejl import RegnskabFejl
from addin.indlaes import laes_workbook_ark, normaliser_kolonne
from addin.kilde import Kilde
from addin.layout import KONTROLARK
from addin.rapportarter import Bygget, Valg, find_art, inputtabeller
from addin.skrivere import xlwings_skriver
from addin.skrivere.xlsx import gem, indsaet_rapport


class Fremdrift:
    """Report progress only when the work takes more than a second (status bar or stderr)."""

    def __init__(self, vis: Callable[[str], None]) -> None:
        self.start = time.monotonic()
        self.vis = vis
        self.vist = False

    def trin(self, tekst: str) -> None:
        if self.vist or time.monotonic() - self.start > 1.0:
            self.vist = True
            self.vis(f"Regnskab: {tekst} ({time.monotonic() - self.start:.1f} s)")


def byg_arbejdsbog(ark: dict[str, list[list]], navn: str, mappe: Path | None) -> Bygget:
    """Build the report of a workbook's sheets (rows of values): its kind from the sheets, its
    rule file from Indstillinger; sheets the controller types in are maintained in place."""
    kilde = Kilde(navn=navn, mappe=mappe, ark=ark, paa_stedet=True)
    return find_art(kilde).byg(kilde, Valg())


# ---------------------------------------------------------------- live book (xlwings)


def _book_ark(book) -> dict[str, list[list]]:
    """The input sheets' values of an xlwings Book (other sheets are not read)."""
    ud = {}
    tabeller = inputtabeller()
    for sheet in book.sheets:
        if normaliser_kolonne(sheet.name) in tabeller:
            vaerdier = sheet.used_range.value
            if not isinstance(vaerdier, list):
                vaerdier = [[vaerdier]]
            elif vaerdier and not isinstance(vaerdier[0], list):
                vaerdier = [vaerdier]
            ud[sheet.name] = vaerdier
    return ud


def _statuslinje(book) -> Callable[[str], None]:
    def vis(tekst: str) -> None:
        try:
            book.app.status_bar = tekst
        except Exception:  # Office.js and Lite have no status bar: progress is not essential
            pass
    return vis


def refresh(book):
    """Refresh the report sheets of an xlwings Book from its input sheets and settings.

    The same flow for every report kind: read the input sheets, recognise the kind, build, write
    the report sheets and the in-place changes (Forklaringer) through the xlwings writer.
    """
    frem = Fremdrift(_statuslinje(book))
    frem.trin("læser input")
    res = byg_arbejdsbog(_book_ark(book), book.name, _bogmappe(book))
    frem.trin("skriver rapport")
    xlwings_skriver.skriv_rapport(book, res.rapport)
    navne = {normaliser_kolonne(s.name): s.name for s in book.sheets}
    for arknavn, aendr in res.paa_stedet.items():
        eksisterende = navne.get(normaliser_kolonne(arknavn))
        sheet = (book.sheets[eksisterende] if eksisterende
                 else book.sheets.add(arknavn, after=book.sheets[-1]))
        for r, k, v in aendr:
            sheet.range((r, k)).value = "" if v is None else v
    frem.trin("færdig")
    return res


def _bogmappe(book) -> Path | None:
    try:
        fuld = Path(book.fullname)
        return fuld.parent if fuld.parent != Path(".") else None
    except Exception:  # books from Office.js have no path on disk
        return None


def main() -> None:
    """Classic xlwings: RunPython "import regnskab; regnskab.main()" or the ribbon's Run main."""
    import xlwings as xw

    refresh(xw.Book.caller())


try:  # xlwings Lite / Server: the same refresh as a script
    from xlwings import script as _script

    @_script
    def refresh_script(book) -> None:
        """Refresh: the report sheets from the input sheets (xlwings Lite/Server)."""
        refresh(book)
except ImportError:  # older xlwings without scripts: classic and headless still work
    pass


# ---------------------------------------------------------------- file (openpyxl)


def refresh_fil(sti: str | Path, ud: str | Path | None = None, *,
                vis: Callable[[str], None] | None = None):
    """Apply the Refresh to a workbook file and save it atomically (to `ud`, default in place).

    Refuses, naming what would be lost, when the workbook holds content openpyxl cannot keep
    and the result would overwrite it; writing to a new file is then the way forward.
    """
    sti = Path(sti)
    ud = Path(ud) if ud is not None else sti
    frem = Fremdrift(vis or (lambda t: print(t, file=sys.stderr)))
    tabt = tabt_indhold(sti)
    if tabt and ud.resolve() == sti.resolve():
        raise RegnskabFejl("Projektmappen indeholder noget, som ikke kan bevares ved gem: "
                           + "; ".join(tabt) + ". Skriv til en ny fil med --out NY.xlsx; "
                           "originalen røres ikke.", fil=str(sti))
    frem.trin("læser input")
    res = byg_arbejdsbog(laes_workbook_ark(sti), sti.name, sti.parent)
    frem.trin("skriver rapport")
    vba = sti.suffix.lower() == ".xlsm" and ud.suffix.lower() == ".xlsm"
    wb = openpyxl.load_workbook(sti, keep_vba=vba, keep_links=True)
    indsaet_rapport(wb, res.rapport, foran=KONTROLARK)
    navne = {normaliser_kolonne(n): n for n in wb.sheetnames}
    for arknavn, aendr in res.paa_stedet.items():
        eksisterende = navne.get(normaliser_kolonne(arknavn))
        ws = wb[eksisterende] if eksisterende else wb.create_sheet(arknavn)
        for r, k, v in aendr:
            ws.cell(row=r, column=k).value = v
    gem(wb, ud)
    frem.trin("færdig")
    return res


def share_main() -> None:
    """Classic xlwings: write '<name> - deling.xlsx' beside the (saved) workbook."""
    import xlwings as xw

    from addin.deling import del_fil

    book = xw.Book.caller()
    sti = Path(book.fullname)
    ud = sti.with_name(f"{sti.stem} - deling.xlsx")
    antal = del_fil(sti, ud)
    _statuslinje(book)(f"Delingskopi skrevet: {ud} ({antal} funktioner erstattet af værdier)")
