"""Refresh: the xlwings macro on a real Book API payload, and the headless refresh of files."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlwings as xw
from openpyxl.comments import Comment
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from addin.excel import refresh
from conftest import (
    SKABELONER,
    ark_vaerdier,
    fyld_skabelon,
    golden_bif,
    kraever_libreoffice,
    kør_cli,
    laes_csv,
    payload_fra_fil,
    uden_stempel,
)

INPUTARK = {"Vejledning", "hovedprodukter", "bevillinger", "aktivitet", "Indstillinger"}
SKABELONFILER = ["regnskab.xlsx", "regnskab.xlsm", "budgetopfoelgning.xlsx",
                 "budgetopfoelgning.xlsm"]


@pytest.fixture
def licens(monkeypatch):
    monkeypatch.setenv("XLWINGS_LICENSE_KEY", "noncommercial")


def _oversigt_fra_handlinger(handlinger: list[dict], position: int) -> list[list]:
    vaerdier = [a for a in handlinger if a["func"] == "setValues"
                and a["sheet_position"] == position and a["start_row"] == 0]
    return vaerdier[-1]["values"]


@pytest.mark.parametrize("skabelon", SKABELONFILER)
def test_refresh_paa_book_api(tmp_path: Path, licens, skabelon: str):
    fil = fyld_skabelon(SKABELONER / skabelon, golden_bif(), tmp_path / skabelon)
    payload = payload_fra_fil(fil)
    navne = [s["name"] for s in payload["sheets"]]
    book = xw.Book(json=payload)
    refresh(book)
    handlinger = book.json()["actions"]
    assert handlinger
    # no formula is ever written, and input sheets are not touched
    assert not [a for a in handlinger if a["func"] in ("setFormula", "setFormulaArray")]
    for a in handlinger:
        for raekke in a["values"] or []:
            for v in raekke if isinstance(raekke, list) else [raekke]:
                assert not (isinstance(v, str) and v.startswith("=")), a
        if a["sheet_position"] is not None and a["sheet_position"] < len(navne):
            assert navne[a["sheet_position"]] not in INPUTARK, a
    # the maintained Forklaringer sheet: only the tool's columns and new rows below the data
    f_pos = navne.index("Forklaringer")
    sidste = len(payload["sheets"][f_pos]["values"])
    for a in handlinger:
        if a["sheet_position"] == f_pos:
            assert a["func"] == "setValues"
            assert a["start_column"] >= 8 or a["start_row"] >= sidste, a
    # the overview holds the golden figures
    oversigt = _oversigt_fra_handlinger(handlinger, navne.index("Oversigt"))
    raekker = [list(r[:6]) for r in oversigt]
    for b in laes_csv(golden_bif() / "bevillinger.csv"):
        assert [b["bevilling"], int(b["vedtaget_budget"]), int(b["tillaegsbevillinger"]),
                int(b["korrigeret_budget"]), int(b["regnskab"]), int(b["afvigelse"])] in raekker
    forventet = "Forventet regnskab 2024" if "budget" in skabelon else "Regnskab 2024"
    assert forventet in oversigt[2]
    # new report sheets (one per styringsområde, and the charts) are added
    tilfoejede = [a["args"][1] for a in handlinger if a["func"] == "addSheet"]
    assert tilfoejede == ["Service", "Anlæg", "Overførsler mv.", "Finansposter", "Diagrammer"]


@pytest.mark.parametrize("skabelon", ["regnskab.xlsx", "regnskab.xlsm"])
def test_headless_refresh_svarer_til_build(tmp_path: Path, skabelon: str):
    fil = fyld_skabelon(SKABELONER / skabelon, golden_bif(), tmp_path / skabelon)
    res = kør_cli("refresh", str(fil))
    assert res.returncode == 0, res.stderr
    bygget = tmp_path / "build.xlsx"
    assert kør_cli("build", str(fil), "--out", str(bygget)).returncode == 0
    a, b = ark_vaerdier(fil), ark_vaerdier(bygget)
    for navn in ("Oversigt", "Bemærkninger", "Service", "Anlæg", "Overførsler mv.",
                 "Finansposter", "Kontrol"):
        assert uden_stempel(a[navn]) == uden_stempel(b[navn]), navn


def _med_controllerindhold(fil: Path) -> None:
    """Add what a controller adds: a sheet with formulas and formats, a name, a comment, a list."""
    wb = openpyxl.load_workbook(fil, keep_vba=fil.suffix == ".xlsm")
    ws = wb.create_sheet("Mine noter")
    ws["A1"] = "Min egen beregning"
    ws["B1"] = "=SUM(bevillinger!C4:C11)"
    ws["B1"].number_format = "#,##0.00"
    ws["A1"].comment = Comment("Husk at tjekke tallet", "Controller")
    dv = DataValidation(type="list", formula1='"ja,nej"')
    dv.add("C1")
    ws.add_data_validation(dv)
    wb.defined_names["MinSum"] = DefinedName("MinSum", attr_text="'Mine noter'!$B$1")
    wb.save(fil)


@pytest.mark.parametrize("skabelon", ["regnskab.xlsx", "regnskab.xlsm"])
def test_refresh_to_gange_bevarer_alt_andet(tmp_path: Path, skabelon: str):
    fil = fyld_skabelon(SKABELONER / skabelon, golden_bif(), tmp_path / skabelon)
    _med_controllerindhold(fil)
    assert kør_cli("refresh", str(fil)).returncode == 0
    foerste = ark_vaerdier(fil)
    assert kør_cli("refresh", str(fil)).returncode == 0
    anden = ark_vaerdier(fil)
    assert {k: uden_stempel(v) for k, v in foerste.items()} == \
        {k: uden_stempel(v) for k, v in anden.items()}
    wb = openpyxl.load_workbook(fil)
    ws = wb["Mine noter"]
    assert ws["B1"].value == "=SUM(bevillinger!C4:C11)"
    assert ws["B1"].number_format == "#,##0.00"
    assert ws["A1"].comment.text == "Husk at tjekke tallet"
    assert [d.formula1 for d in ws.data_validations.dataValidation] == ['"ja,nej"']
    assert "MinSum" in wb.defined_names
    assert wb["hovedprodukter"].data_validations.dataValidation  # the template's own lists
    if fil.suffix == ".xlsm":
        with zipfile.ZipFile(fil) as z:
            assert "xl/vbaProject.bin" in z.namelist()
        from oletools.olevba import VBA_Parser

        moduler = {m[1].rsplit("/", 1)[-1] for m in VBA_Parser(str(fil)).extract_macros()}
        assert {"xlwings", "Module1"} <= moduler


def test_refresh_bevarer_forklaringer_og_tilfoejer_manglende(tmp_path: Path):
    fil = fyld_skabelon(SKABELONER / "regnskab.xlsx", golden_bif(), tmp_path / "r.xlsx")
    foer = [r for r in ark_vaerdier(fil)["Forklaringer"]]
    assert kør_cli("refresh", str(fil)).returncode == 0
    wb = openpyxl.load_workbook(fil)
    efter = [list(r) for r in wb["Forklaringer"].iter_rows(values_only=True)]
    # every typed cell (columns A-H) is unchanged
    for r0, r1 in zip(foer, efter):
        assert list(r0[:8]) == r1[:8]
    nye = efter[len(foer):]
    assert [(r[2], r[3], r[8]) for r in nye] == [
        ("hovedprodukt", "Løntilskud forsikrede", "mangler forklaring"),
        ("funktion", "Indskud i pengeinstitutter m.v.", "mangler forklaring"),
        ("funktion", "Anden kortfristet gæld med indenlandsk betalingsmodtager",
         "mangler forklaring"),
        ("funktion", "Deponerede beløb for lån m.v.", "mangler forklaring")]
    # the controller writes an explanation in a new row; the next refresh marks it ok
    raekke = len(foer) + 1
    wb["Forklaringer"].cell(row=raekke, column=5, value="mindreforbrug")
    wb["Forklaringer"].cell(row=raekke, column=6, value=0.9)
    wb["Forklaringer"].cell(row=raekke, column=7, value="Færre ansatte i løntilskud.")
    wb.save(fil)
    assert kør_cli("refresh", str(fil)).returncode == 0
    efter2 = [list(r) for r in openpyxl.load_workbook(fil)["Forklaringer"]
              .iter_rows(values_only=True)]
    assert efter2[raekke - 1][4:9] == ["mindreforbrug", 0.9, "Færre ansatte i løntilskud.",
                                       None, "ok"]
    assert len(efter2) == len(efter)


@kraever_libreoffice
def test_opdateret_skabelon_aabner_i_libreoffice(tmp_path: Path):
    from addin.libreoffice import konverter

    fil = fyld_skabelon(SKABELONER / "regnskab.xlsx", golden_bif(), tmp_path / "r.xlsx")
    assert kør_cli("refresh", str(fil)).returncode == 0
    assert konverter(fil, "pdf", tmp_path / "pdf").read_bytes().startswith(b"%PDF")


def test_refresh_naegter_at_tabe_indhold_og_skriver_gerne_til_ny_fil(tmp_path: Path):
    fil = fyld_skabelon(SKABELONER / "regnskab.xlsx", golden_bif(), tmp_path / "r.xlsx")
    with zipfile.ZipFile(fil, "a") as z:  # a customXml part, as SharePoint adds them
        z.writestr("customXml/item1.xml", "<root>metadata</root>")
    foer = fil.read_bytes()
    res = kør_cli("refresh", str(fil))
    assert res.returncode == 2
    assert "Brugerdefinerede XML-dele (customXml) (customXml/item1.xml)" in res.stderr
    assert "--out" in res.stderr and "Traceback" not in res.stderr
    assert fil.read_bytes() == foer
    ny = tmp_path / "ny.xlsx"
    res = kør_cli("refresh", str(fil), "--out", str(ny))
    assert res.returncode == 0, res.stderr
    assert fil.read_bytes() == foer
    assert "Oversigt" in openpyxl.load_workbook(ny).sheetnames


def test_enhed_kr_i_indstillingerne(tmp_path: Path):
    """Postings in kr. pasted into the template are summed exactly and shown in 1.000 kr."""
    fil = fyld_skabelon(SKABELONER / "regnskab.xlsx", golden_bif(), tmp_path / "r.xlsx")
    wb = openpyxl.load_workbook(fil)
    ws = wb["hovedprodukter"]
    for raekke in ws.iter_rows(min_row=4, min_col=6, max_col=9):
        for c in raekke:
            if isinstance(c.value, (int, float)):
                c.value = c.value * 1000 + 499.5  # kroner; rounds to the same t.kr.
    for raekke in wb["bevillinger"].iter_rows(min_row=4, min_col=3, max_col=5):
        for c in raekke:
            if isinstance(c.value, (int, float)):
                c.value = c.value * 1000
    for r in wb["Indstillinger"].iter_rows(min_row=2):
        if r[0].value == "enhed":
            r[1].value = "kr"
    wb.save(fil)
    assert kør_cli("refresh", str(fil)).returncode == 0
    oversigt = [list(r[:6]) for r in openpyxl.load_workbook(fil)["Oversigt"]
                .iter_rows(values_only=True)]
    assert ["Administration", 140407, 10134, 150541, 150503, 38] in oversigt
