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

from addin import forklaringer as fk
from addin.bevar import tabt_indhold
from addin.byg import Resultat, byg_fra_input
from addin.fejl import InputFejl, RegnskabFejl
from addin.forklaringsark import ARKNAVN, aendringer
from addin.indlaes import (
    TABELLER,
    input_fra_tabeller,
    laes_workbook_ark,
    normaliser_kolonne,
    tabeller_fra_ark,
)
from addin.layout import Rapport
from addin.rapportarter import find_art, inputark, regelfil_i_indstillinger
from addin.regler import Regler, indlaes_regler
from addin.regnskabslayout import FORKLARINGSARK, KONTROLARK
from addin.skrivere import xlwings_skriver
from addin.skrivere.xlsx import gem, indsaet_rapport

INDSTILLINGSARK = "indstillinger"


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


def _regler_fra_indstillinger(ark: dict[str, list[list]], mappe: Path | None) -> Regler:
    """The rule file the settings sheet names (relative to the workbook), else the default."""
    return indlaes_regler(regelfil_i_indstillinger(ark, mappe))


def byg_fra_ark(ark: dict[str, list[list]], kilde: str, mappe: Path | None) -> Resultat:
    """Build the report from a workbook's sheets (rows of values), settings included."""
    regler = _regler_fra_indstillinger(ark, mappe)
    tabeller = tabeller_fra_ark(ark, kilde)
    enhed = regler["enhed"]
    indst = tabeller.get("indstillinger")
    if indst is not None:
        for noegle, vaerdi in zip(indst.df["noegle"], indst.df["vaerdi"]):
            if normaliser_kolonne(noegle) == "enhed" and str(vaerdi).strip():
                enhed = str(vaerdi).strip().lower()
                if enhed not in ("tkr", "kr"):
                    raise InputFejl(f"Ugyldig enhed '{vaerdi}'; tilladt: tkr, kr.", fil=kilde,
                                    ark=indst.ark, raekke=int(indst.df.loc[
                                        indst.df["noegle"] == noegle, "_raekke"].iloc[0]),
                                    kolonne="vaerdi")
    return byg_fra_input(input_fra_tabeller(tabeller, kilde, enhed), regler)


def _rapport_uden_forklaringer(rapport: Rapport) -> Rapport:
    """In a workbook the Forklaringer sheet is the controller's input, maintained in place."""
    return Rapport([a for a in rapport.ark if a.navn != FORKLARINGSARK], rapport.metadata)


def _forklaringsaendringer(res: Resultat, ark: dict[str, list[list]]) -> list:
    tabel = fk.vedligehold(res.regnskab.forklaringer, fk.linjer(res.regnskab))
    rows = next((v for k, v in ark.items() if normaliser_kolonne(k) == "forklaringer"), [])
    return aendringer(rows, tabel)


# ---------------------------------------------------------------- live book (xlwings)


def _book_ark(book) -> dict[str, list[list]]:
    """The input sheets' values of an xlwings Book (other sheets are not read)."""
    ud = {}
    for sheet in book.sheets:
        if normaliser_kolonne(sheet.name) in set(TABELLER) | inputark():
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

    A regnskab / budgetopfølgning workbook gets the regnskab report; a workbook of another
    kind (balanceafstemning, budgetnotat, bevillingsudløb, budgetmodel) gets its own report.
    """
    frem = Fremdrift(_statuslinje(book))
    frem.trin("læser input")
    ark = _book_ark(book)
    mappe = _bogmappe(book)
    art = find_art(list(ark))
    if art is not None:
        res = art(ark, book.name, mappe)
        xlwings_skriver.skriv_rapport(book, res.rapport)
        frem.trin("færdig")
        return res
    res = byg_fra_ark(ark, book.name, mappe)
    frem.trin("skriver rapport")
    xlwings_skriver.skriv_rapport(book, _rapport_uden_forklaringer(res.rapport))
    navne = {normaliser_kolonne(s.name): s.name for s in book.sheets}
    if "forklaringer" in navne:
        sheet = book.sheets[navne["forklaringer"]]
    else:
        sheet = book.sheets.add(ARKNAVN, after=book.sheets[-1])
    for r, k, v in _forklaringsaendringer(res, ark):
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
    ark = laes_workbook_ark(sti)
    vba = sti.suffix.lower() == ".xlsm" and ud.suffix.lower() == ".xlsm"
    art = find_art(list(ark))
    if art is not None:
        res = art(ark, sti.name, sti.parent)
        wb = openpyxl.load_workbook(sti, keep_vba=vba, keep_links=True)
        indsaet_rapport(wb, res.rapport, foran=KONTROLARK)
        gem(wb, ud)
        frem.trin("færdig")
        return res
    res = byg_fra_ark(ark, sti.name, sti.parent)
    frem.trin("skriver rapport")
    wb = openpyxl.load_workbook(sti, keep_vba=vba, keep_links=True)
    indsaet_rapport(wb, _rapport_uden_forklaringer(res.rapport), foran=KONTROLARK)
    navne = {normaliser_kolonne(n): n for n in wb.sheetnames}
    ws = wb[navne["forklaringer"]] if "forklaringer" in navne else wb.create_sheet(ARKNAVN)
    for r, k, v in _forklaringsaendringer(res, ark):
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
