"""Print-ready report sheets (addin/skrivere/xlsx.py: udskrift, skriv_ark).

Every sheet of every kind prints on A4, one page wide, landscape when it is wider than a portrait
page, with its header rows repeated where it is one table, and a page header and footer (report,
'Side X af Y', sheet). Printed by LibreOffice and read back with `pdftotext -layout`, no name or
header breaks inside a word and no text is cut off by its neighbour.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from openpyxl import Workbook

from addin.layout import KONTROLARK, RAPPORTARK_NOEGLE, STILE, Ark, Celle
from addin.skrivere.xlsx import skriv_ark, tekstbredde, udskrift
from conftest import ROD, kraever_libreoffice, kør_cli

ARTER = ("bif-regnskab-2024", "balance-2024", "budgetnotat-bi03-2023", "bevillingsudloeb-2026",
         "budgetmodel-eksempel")
# sheets that are one table: their header rows repeat on every printed page
EN_TABEL = {KONTROLARK, "Oversigt", "Forklaringer", "Tabel 1.1", "Ældre end 1 år", "Tabel 2.1",
            "Handleplanoversigt", "Systemafstemninger", "Tekst", "Økonomi", "Vurderinger"}
STAAENDE = 95  # column units across a portrait A4 page at 100 % (Excel)


def _skriv(ark: Ark):
    ws = Workbook().active
    skriv_ark(ws, ark)
    return ws


def _bredde(ws, kolonne: str) -> float:
    return ws.column_dimensions[kolonne].width + 0.005  # written with two decimals


# ------------------------------------------------------------------------------ the rules


def test_et_ord_i_en_overskrift_faar_plads_i_sin_kolonne():
    ark = Ark("Oversigt", kolonnebredder=[30, 15, 15])
    ark.tilfoej(Celle("Bevilling", "kolonnehoved_venstre"),
                Celle("Tillægsbevillinger", "kolonnehoved"), Celle("Korrigeret budget 2024",
                                                                   "kolonnehoved"))
    ark.tilfoej("Service", Celle(160631, "beloeb"), Celle(-1261322, "beloeb_fed"))
    ws = _skriv(ark)
    assert _bredde(ws, "B") >= tekstbredde("Tillægsbevillinger", STILE["kolonnehoved"]) + 1
    assert ws.column_dimensions["C"].width == 15  # 'Korrigeret budget 2024' wraps at spaces
    assert ws.column_dimensions["A"].width == 30


def test_tal_faar_plads_og_bindestreg_i_et_navn_bryder_ikke():
    ark = Ark("A", kolonnebredder=[4, 9])
    ark.tilfoej(Celle(-1234567890, "beloeb_fed"), Celle("I alt 2026-2029", "kolonnehoved"))
    ws = _skriv(ark)
    assert _bredde(ws, "A") >= tekstbredde("-1.234.567.890", STILE["beloeb_fed"]) + 1
    assert _bredde(ws, "B") >= tekstbredde("2026-2029", STILE["kolonnehoved"]) + 1


def test_enheden_ombrydes_naar_den_loeber_ind_i_naboen():
    ark = Ark("Økonomi", kolonnebredder=[30, 12, 12])
    ark.tilfoej(Celle("Aktivitet", "kolonnehoved_venstre"), Celle("2022", "kolonnehoved"),
                Celle("2023", "kolonnehoved"))
    ark.tilfoej(Celle(""), *[Celle("1.000 kr., 2023 p/l", "enhed")] * 2)
    ark.tilfoej("Service", Celle(10080, "beloeb"), Celle(8379, "beloeb"))
    ws = _skriv(ark)
    for c in ("B2", "C2"):
        assert ws[c].alignment.wrap_text and ws[c].alignment.horizontal == "right"
    assert ws.row_dimensions[2].height >= 30  # two lines
    assert _bredde(ws, "B") < 15  # not widened to the whole unit text


def test_et_navn_klippet_af_naboen_faar_lidt_mere_plads_eller_ombrydes():
    ark = Ark("Tabel", kolonnebredder=[20, 10, 40])
    ark.tilfoej("Administration og it mm.", Celle(1, "beloeb"), None)  # a little too wide
    ark.tilfoej("Anden kortfristet gæld med indenlandsk betalingsmodtager", Celle(2, "beloeb"))
    ark.tilfoej(Celle("En titel der gerne må løbe ind i de tomme celler", "titel"))
    ws = _skriv(ark)
    assert 20 < _bredde(ws, "A") <= 23
    assert not ws["A1"].alignment.wrap_text
    assert ws["A2"].alignment.wrap_text and ws.row_dimensions[2].height >= 30
    assert ws["B2"].alignment.vertical == "top"  # the row reads from the top
    assert not ws["A3"].alignment.wrap_text and ws.row_dimensions[3].height is None


def test_ombrudt_tekst_faar_hoejde_til_alle_linjer():
    ark = Ark("Kontrol", kolonnebredder=[10, 30])
    ark.tilfoej("advarsel", Celle("ord " * 40, "punkt"))
    r = ark.tilfoej("ok", Celle("kort", "punkt"))
    ark.hoejder[r] = 45.0  # the layout's own height stays when it is enough
    ws = _skriv(ark)
    assert ws.row_dimensions[1].height >= 4 * 15
    assert ws.row_dimensions[r].height == 45.0


def test_sidehoved_og_sidefod():
    ark = Ark("Service", kolonnebredder=[40], sidehoved="Regnskab 2024 & noter",
              sidehoved_venstre="Beskæftigelses- og Integrationsforvaltningen")
    ark.tilfoej("x")
    ws = _skriv(ark)
    assert ws.oddHeader.center.text == "Regnskab 2024 && noter"
    assert ws.oddHeader.left.text == "Beskæftigelses- og Integrationsforvaltningen"
    assert ws.oddFooter.center.text == "Side &P af &N"
    assert ws.oddFooter.right.text == "&A"
    uden = Ark("Service", kolonnebredder=[40])
    uden.tilfoej("x")
    assert _skriv(uden).oddHeader.center.text == "&F"  # the file's name until a title is given


@pytest.mark.parametrize("bredder,liggende,retning", [
    ([40, 40], False, "portrait"), ([40, 40, 40], False, "landscape"),
    ([40], True, "landscape")])
def test_retning_efter_bredde(bredder, liggende, retning):
    ark = Ark("A", kolonnebredder=bredder, liggende=liggende)
    ark.tilfoej(*["x"] * len(bredder))
    ws = _skriv(ark)
    assert ws.page_setup.orientation == retning
    assert int(ws.page_setup.paperSize) == 9
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage


def test_gentagne_raekker_paa_et_ark_med_en_tabel():
    en = Ark("Vurderinger", kolonnebredder=[10, 10])
    en.tilfoej(Celle("Titel", "titel"))
    en.tom()
    en.tilfoej(*[Celle(h, "kolonnehoved_venstre") for h in ("Nr.", "Titel")])
    for i in range(50):
        en.tilfoej(i, "x")
    assert _skriv(en).print_title_rows == "$3:$3"
    to = Ark("DUT", kolonnebredder=[10, 10])
    for _ in range(2):
        to.tilfoej(Celle("Tabel", "overskrift"))
        to.tilfoej(*[Celle(h, "kolonnehoved") for h in ("Kode", "Post")])
        to.tilfoej(Celle(""), Celle("mio. kr.", "enhed"))
        to.tilfoej(1, "x")
    assert _skriv(to).print_title_rows is None
    assert udskrift(Ark("A", gentag_raekker=(2, 3))).gentag == (2, 3)


def test_sideskift_foer_et_afsnit_der_ellers_deles():
    ark = Ark("Service", kolonnebredder=[40, 15])
    starter = []
    for afsnit in range(4):
        starter.append(ark.tilfoej(Celle(f"Bevilling {afsnit}", "overskrift")))
        for i in range(25):
            ark.tilfoej(f"linje {i}", Celle(i, "beloeb"))
    ark.afsnit = starter
    ws = _skriv(ark)  # portrait: about 45 rows a page, so every second section moves
    brud = [b.id + 1 for b in ws.row_breaks.brk]
    assert brud and set(brud) <= set(starter[1:])
    assert not _skriv(Ark("Tom")).row_breaks.brk


# ------------------------------------------------------------------------ every report kind


@pytest.fixture(scope="module")
def bygget(tmp_path_factory) -> Path:
    mappe = tmp_path_factory.mktemp("tryk")
    for art in ARTER:
        res = kør_cli("build", str(ROD / "addin" / "data" / art), "--out", str(mappe / f"{art}.xlsx"))
        assert res.returncode == 0, res.stdout + res.stderr
    return mappe


def _rapportark(wb) -> list[str]:
    kontrol = wb[KONTROLARK]
    for r in kontrol.iter_rows(max_col=2, values_only=True):
        if r[0] == RAPPORTARK_NOEGLE:
            return r[1].split("; ")
    raise AssertionError("Kontrol-arket nævner ikke rapportarkene")


@pytest.mark.parametrize("art", ARTER)
def test_hvert_rapportark_har_sin_udskriftsopsaetning(bygget, art):
    wb = openpyxl.load_workbook(bygget / f"{art}.xlsx")
    for navn in _rapportark(wb):
        ws = wb[navn]
        assert int(ws.page_setup.paperSize) == 9, navn
        assert ws.sheet_properties.pageSetUpPr.fitToPage, navn
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0, navn
        bredde = sum(ws.column_dimensions[openpyxl.utils.get_column_letter(i)].width or 8.43
                     for i in range(1, ws.max_column + 1))
        if bredde > STAAENDE:
            assert ws.page_setup.orientation == "landscape", navn
        assert ws.oddHeader.center.text, navn
        assert ws.oddFooter.center.text == "Side &P af &N", navn
        assert ws.oddFooter.right.text == "&A", navn
        if navn in EN_TABEL:
            assert ws.print_title_rows, navn


TEGN = ",.;:()[]\"'!?•–"


def _ord(tekst: str) -> list[str]:
    return [o.strip(TEGN) for o in str(tekst).split()]


def _brudte_ord(wb, tekst: str) -> set[tuple[str, str]]:
    """Printed words that are a piece of a longer name or header word (len >= 8) of the
    workbook and no word of their own: a word broken across lines or cut off."""
    alle, lange = set(), set()
    for ws in wb:
        alle |= set(_ord(ws.title))
        for raekke in ws.iter_rows(values_only=True):
            for v in raekke:
                if isinstance(v, str):
                    alle |= set(_ord(v))
                    if len(v) <= 100:  # a name or header, not a sentence
                        lange |= {o for o in _ord(v) if len(o) >= 8}
    fund = set()
    for t in _ord(tekst):
        if len(t) >= 3 and t not in alle and not t.replace(".", "").replace("-", "").isdigit():
            fund |= {(t, o) for o in lange if o != t and (o.startswith(t) or o.endswith(t))}
    return fund


def _klippet(wb, tekst: str) -> set[tuple[str, int, int]]:
    """Texts of cells that do not wrap and are printed fewer times than there are cells."""
    alt = "\n".join(" ".join(linje.split()) for linje in tekst.splitlines())
    antal = Counter(" ".join(c.value.split()) for ws in wb for raekke in ws.iter_rows()
                    for c in raekke if isinstance(c.value, str) and c.value.strip()
                    and not c.alignment.wrap_text)
    return {(t, n, alt.count(t)) for t, n in antal.items() if alt.count(t) < n}


@pytest.fixture(scope="module")
def pdfer(bygget) -> Path:
    """All kinds printed to PDF in one LibreOffice run (Danish locale, as addin.libreoffice)."""
    from addin.libreoffice import _profil, soffice

    with tempfile.TemporaryDirectory(prefix="lo-profil-") as tmp:
        proc = subprocess.run([soffice(), f"-env:UserInstallation={_profil(Path(tmp))}",
                               "--headless", "--norestore", "--convert-to", "pdf", "--outdir",
                               str(bygget), *[str(bygget / f"{a}.xlsx") for a in ARTER]],
                              capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    return bygget


@kraever_libreoffice
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext er ikke installeret")
@pytest.mark.parametrize("art", ARTER)
def test_udskriften_bryder_ingen_ord_og_klipper_ingen_tekst(pdfer, art):
    wb = openpyxl.load_workbook(pdfer / f"{art}.xlsx")
    tekst = subprocess.run(["pdftotext", "-layout", str(pdfer / f"{art}.pdf"), "-"],
                           capture_output=True, text=True, check=True).stdout
    sider = [s for s in tekst.split("\f") if s.strip()]
    pr_ark = Counter(next((n for n in sorted(wb.sheetnames, key=len, reverse=True)
                           if s.rstrip().endswith(n)), "?") for s in sider)
    print(f"\n{art}: {len(sider)} sider {dict(pr_ark)}")
    assert "?" not in pr_ark  # every page's footer names its sheet
    assert re.search(rf"Side 1 af {len(sider)}\b", tekst)
    assert not _brudte_ord(wb, tekst)
    assert not _klippet(wb, tekst)
