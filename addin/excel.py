"""The Excel side: Refresh and Share, for a live book (xlwings) and for a file (headless).

`refresh(book)` is the one macro: it reads the input sheets and settings of an xlwings Book,
runs the same pipeline as `regnskab build`, and writes the report sheets through the same
layout step. `refresh_fil` does the same to a workbook file with openpyxl.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import openpyxl
import xlwings as xw
from xlwings import script

from addin.bevar import tabt_indhold
from addin.fejl import RegnskabFejl
from addin.indlaes import laes_workbook_ark, normaliser_kolonne
from addin.kilde import Kilde
from addin.layout import KONTROLARK
from addin.rapportarter import Bygget, Valg, byg_rapport, find_art, inputtabeller
from addin.skrivere import xlwings_skriver
from addin.skrivere.xlsx import gem, indsaet_rapport, saet_vaerdi


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
    return byg_rapport(find_art(kilde), kilde, Valg())


# ---------------------------------------------------------------- live book (xlwings)
#
# The same refresh runs in three clients: classic xlwings (desktop Excel through COM or
# AppleScript: `main()`), and xlwings Lite or xlwings Server (Office.js: `refresh_script`).
# Classic runs with screen updating and calculation off and shows progress in the status bar;
# Office.js has neither and gets every change as a list of actions sent back when the script
# ends. Either way a failure ends in one Danish alert, never a traceback.

TITEL = "Regnskab"
log = logging.getLogger(__name__)


def _book_ark(book) -> dict[str, list[list]]:
    """The input sheets' values of an xlwings Book (other sheets are not read)."""
    ud = {}
    tabeller = inputtabeller()
    for sheet in book.sheets:
        if normaliser_kolonne(sheet.name) in tabeller:
            # always rows of cells: a one-column sheet is a column, not one row
            vaerdier = sheet.used_range.options(ndim=2).value
            ud[sheet.name] = vaerdier if isinstance(vaerdier, list) else [[vaerdier]]
    return ud


def _klassisk(book) -> bool:
    return xlwings_skriver.klient(book) == "klassisk"


def _statuslinje(book) -> Callable[[str | bool], None]:
    """Show a text in Excel's status bar (False gives it back to Excel). Office.js has none:
    there, progress is not shown."""
    if not _klassisk(book):
        return lambda tekst: None

    def vis(tekst: str | bool) -> None:
        book.app.status_bar = tekst
    return vis


@contextmanager
def _uden_skaermopdatering(book) -> Iterator[None]:
    """Classic Excel: screen updating and calculation off while the sheets are written, the
    user's settings restored afterwards, also after an error. Office.js has no such settings
    (xlwings' remote app only queues a one-off suspension, and a calculation mode set there
    would stay in the workbook), so nothing is changed there."""
    if not _klassisk(book):
        yield
        return
    app = book.app
    try:
        skaerm, beregning = app.screen_updating, app.calculation
    except RuntimeError:  # an engine without these settings (or unreadable ones): leave them
        yield
        return
    app.screen_updating = False
    app.calculation = "manual"
    try:
        yield
    finally:
        try:
            app.calculation = beregning
        finally:
            app.screen_updating = skaerm


def refresh(book, *, vis: Callable[[str], None] | None = None):
    """Refresh the report sheets of an xlwings Book from its input sheets and settings.

    The same flow for every report kind: read the input sheets, recognise the kind, build, write
    the report sheets and the in-place changes (Forklaringer) through the xlwings writer. Errors
    are raised (`main` and `refresh_script` turn them into alerts); nothing is written before
    the report is built.
    """
    status = _statuslinje(book)
    vis = vis or (lambda tekst: status(f"{TITEL}: {tekst}"))
    try:
        vis("læser inputarkene …")
        ark = _book_ark(book)
        vis("beregner rapporten …")
        res = byg_arbejdsbog(ark, book.name, _bogmappe(book))
        navne = {normaliser_kolonne(s.name): s.name for s in book.sheets}
        # the in-place changes take calls too: the report gets what is left of the budget
        paa_stedet = sum(len(xlwings_skriver.celleblokke(aendr))
                         + (normaliser_kolonne(arknavn) not in navne)
                         for arknavn, aendr in res.paa_stedet.items())
        with _uden_skaermopdatering(book):
            xlwings_skriver.skriv_rapport(book, res.rapport,
                                          loft=xlwings_skriver.LOFT_OFFICEJS - paa_stedet,
                                          fremdrift=lambda navn: vis(f"skriver {navn} …"))
            navne = {normaliser_kolonne(s.name): s.name for s in book.sheets}
            for arknavn, aendr in res.paa_stedet.items():
                vis(f"skriver {arknavn} …")
                eksisterende = navne.get(normaliser_kolonne(arknavn))
                sheet = (book.sheets[eksisterende] if eksisterende
                         else book.sheets.add(arknavn, after=book.sheets[-1]))
                xlwings_skriver.skriv_celler(sheet, aendr)
        return res
    finally:
        status(False)


def _bogmappe(book) -> Path | None:
    try:
        fuld = Path(book.fullname)
        return fuld.parent if fuld.parent != Path(".") else None
    except Exception:  # books from Office.js have no path on disk
        return None


def _advar(book, tekst: str, *, mode: str = "critical") -> None:
    book.app.alert(tekst, title=TITEL, buttons="ok", mode=mode)


def _koer(book, opgave: Callable[[], object], hvad: str, *, delvist: str = "") -> bool:
    """Run a macro's work; any error becomes one Danish alert (never a traceback). Office.js
    actions queued before the error are dropped, so the workbook is left as it was; in classic
    Excel an unexpected error may have come half-way, which `delvist` tells the user. Returns
    whether the work succeeded."""
    koe = None if _klassisk(book) else book.json()["actions"]
    foer = len(koe) if koe is not None else 0
    try:
        opgave()
        return True
    except RegnskabFejl as e:
        fejl = e.tekst()
        uventet = False
    except Exception as e:  # the user sees a message, the log (if enabled) the details
        log.debug("Uventet fejl under %s", hvad, exc_info=True)
        besked = str(e).strip().splitlines()[0][:300] if str(e).strip() else ""
        fejl = (f"Uventet fejl under {hvad}: {type(e).__name__}"
                + (f": {besked}" if besked else "") + ".")
        uventet = True
    if koe is not None:
        del koe[foer:]
        fejl += " Projektmappen er ikke ændret."
    elif uventet and delvist:
        fejl += " " + delvist
    _advar(book, fejl)
    return False


_DELVIST = "Rapportarkene kan være delvist opdateret; kør opdateringen igen."


def main() -> None:
    """Classic xlwings: RunPython "from addin.excel import main; main()" (the templates' macro)
    or the ribbon's Run main."""
    book = xw.Book.caller()
    _koer(book, lambda: refresh(book), "opdateringen", delvist=_DELVIST)


@script
def refresh_script(book: xw.Book) -> None:
    """Refresh: the report sheets from the input sheets (xlwings Lite/Server). The workbook is
    injected by the type hint; its changes go back to Excel when the script returns."""
    opdater_bog(book)


def opdater_bog(book: xw.Book) -> None:
    """Refresh with any error shown as one Danish alert: the body of every script entry point
    (also lite/main.py's, which cannot call the decorated script directly)."""
    _koer(book, lambda: refresh(book), "opdateringen", delvist=_DELVIST)


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
            saet_vaerdi(ws.cell(row=r, column=k), v)
    gem(wb, ud)
    frem.trin("færdig")
    return res


def share_main() -> None:
    """Classic xlwings (the Del macro): save the workbook, so unsaved edits are in the copy, then
    write '<name> - deling.xlsx' beside it and say what was replaced and removed. (Office.js
    clients have no file system to write the copy to.)"""
    from addin.deling import del_fil_rapport
    from addin.kontrol import antal

    book = xw.Book.caller()

    def del_() -> None:
        book.save()
        sti = Path(book.fullname)
        ud = sti.with_name(f"{sti.stem} - deling.xlsx")
        status = _statuslinje(book)
        try:
            status(f"{TITEL}: skriver delingskopien …")
            rapport = del_fil_rapport(sti, ud)
        finally:
            status(False)
        linjer = [f"Delingskopi skrevet: {ud} ({antal(int(rapport), 'funktion', 'funktioner')} "
                  "erstattet af værdier).", *rapport.linjer()]
        _advar(book, "\n".join(linjer), mode="info")

    _koer(book, del_, "delingen")
