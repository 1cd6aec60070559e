"""tabt_indhold: content openpyxl drops is found (and really is dropped); content it keeps survives."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

import openpyxl
import pytest
from openpyxl.chart import BarChart, Reference
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.table import Table

from addin.bevar import tabt_indhold
from addin.fejl import InputFejl

X14 = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"
XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"


def _grund() -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    for i in range(1, 6):
        ws.append([f"r{i}", i * 10])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _med(sti: Path, ekstra: dict[str, str | bytes], ark_ext: str = "") -> Path:
    """The base workbook with extra parts and (optionally) an extLst in sheet1.xml."""
    with zipfile.ZipFile(io.BytesIO(_grund())) as ind, zipfile.ZipFile(sti, "w") as ud:
        for navn in ind.namelist():
            data = ind.read(navn)
            if navn == "xl/worksheets/sheet1.xml" and ark_ext:
                data = data.replace(b"</worksheet>", (
                    f'<extLst><ext uri="{{x}}" xmlns:x14="{X14}">{ark_ext}</ext></extLst>'
                    "</worksheet>").encode())
            ud.writestr(navn, data)
        for navn, data in ekstra.items():
            ud.writestr(navn, data)
    return sti


TILFAELDE = {
    "figurer": ({"xl/drawings/drawing1.xml": f'<xdr:wsDr xmlns:xdr="{XDR}"><xdr:twoCellAnchor>'
                 '<xdr:sp><xdr:txBody/></xdr:sp></xdr:twoCellAnchor></xdr:wsDr>'}, "",
                "Figurer, tekstbokse eller streger (xl/drawings/drawing1.xml)"),
    "sparklines": ({}, "<x14:sparklineGroups><x14:sparklineGroup/></x14:sparklineGroups>",
                   "Minidiagrammer (sparklines) (xl/worksheets/sheet1.xml)"),
    "datalinjer": ({}, "<x14:conditionalFormattings><x14:conditionalFormatting/>"
                   "</x14:conditionalFormattings>",
                   "Betinget formatering fra Excel 2010+ (datalinjer, ikonsæt) "
                   "(xl/worksheets/sheet1.xml)"),
    "listevalidering": ({}, "<x14:dataValidations><x14:dataValidation/></x14:dataValidations>",
                        "Datavalidering med lister fra andre ark (xl/worksheets/sheet1.xml)"),
    "slicers": ({"xl/slicers/slicer1.xml": "<slicers/>"}, "",
                "Udsnitsværktøjer (slicers) (xl/slicers/slicer1.xml)"),
    "formularkontroller": ({"xl/ctrlProps/ctrlProp1.xml": "<formControlPr/>"}, "",
                           "Formularkontrolelementer (knapper, afkrydsningsfelter) "
                           "(xl/ctrlProps/ctrlProp1.xml)"),
    "customxml": ({"customXml/item1.xml": "<a/>"}, "",
                  "Brugerdefinerede XML-dele (customXml) (customXml/item1.xml)"),
    "xlwings_lite": ({"xl/webextensions/webextension1.xml": "<we:webextension/>"}, "",
                     "Office-tilføjelsesprogrammer og deres kode (webudvidelser, fx xlwings Lite) "
                     "(xl/webextensions/webextension1.xml)"),
    "kommentarformat": ({"xl/drawings/vmlDrawing1.vml": "<xml/>"}, "",
                        "Kommentarernes formatering (størrelse, farve, placering) "
                        "(xl/drawings/vmlDrawing1.vml)"),
    "printer": ({"xl/printerSettings/printerSettings1.bin": b"\0" * 64}, "",
                "Printerindstillinger (xl/printerSettings/printerSettings1.bin)"),
}


@pytest.mark.parametrize("navn", sorted(TILFAELDE))
def test_tabt_indhold_findes_og_forsvinder_ved_openpyxl_gem(navn: str, tmp_path: Path):
    dele, ext, forventet = TILFAELDE[navn]
    sti = _med(tmp_path / "bog.xlsx", dele, ext)
    assert tabt_indhold(sti) == [forventet]
    # the finding is true: after an openpyxl load and save the content is gone
    wb = openpyxl.load_workbook(sti)
    gemt = tmp_path / "gemt.xlsx"
    wb.save(gemt)
    assert tabt_indhold(gemt) == []
    with zipfile.ZipFile(gemt) as z:
        alt = b"".join(z.read(n) for n in z.namelist())
        assert not set(dele) & set(z.namelist())
    if ext:
        assert b"x14:" not in alt


def test_flere_arter_i_samme_bog(tmp_path: Path):
    sti = _med(tmp_path / "bog.xlsx", {"customXml/item1.xml": "<a/>",
                                       "xl/printerSettings/printerSettings1.bin": b"\0"},
               "<x14:sparklineGroups/>")
    assert [t.split(" (")[0] for t in tabt_indhold(sti)] == [
        "Minidiagrammer", "Brugerdefinerede XML-dele", "Printerindstillinger"]


def _png() -> bytes:
    def chunk(t: bytes, d: bytes) -> bytes:
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\0\xff\0\0")) + chunk(b"IEND", b""))


def test_indhold_openpyxl_beholder_overlever(tmp_path: Path):
    """Charts, tables, defined names and VBA survive; images too where Pillow is installed
    (openpyxl needs Pillow to read images back)."""
    try:
        import PIL  # noqa: F401
        from openpyxl.drawing.image import Image
    except ImportError:
        Image = None
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    ws.append(["navn", "beloeb"])
    for i in range(1, 5):
        ws.append([f"r{i}", i * 10])
    ws.add_table(Table(displayName="Tabel1", ref="A1:B5"))
    diagram = BarChart()
    diagram.add_data(Reference(ws, min_col=2, min_row=1, max_row=5), titles_from_data=True)
    ws.add_chart(diagram, "D2")
    if Image is not None:
        billede = tmp_path / "p.png"
        billede.write_bytes(_png())
        ws.add_image(Image(str(billede)), "D20")
    wb.defined_names["Beloeb"] = DefinedName("Beloeb", attr_text="Data!$B$2:$B$5")
    sti = tmp_path / "bog.xlsx"
    wb.save(sti)
    # an .xlsm with a VBA project: openpyxl keeps it with keep_vba=True
    xlsm = tmp_path / "bog.xlsm"
    with zipfile.ZipFile(sti) as ind, zipfile.ZipFile(xlsm, "w") as ud:
        for n in ind.namelist():
            ud.writestr(n, ind.read(n))
        ud.writestr("xl/vbaProject.bin", b"VBA-projekt")
    assert tabt_indhold(xlsm) == []
    wb2 = openpyxl.load_workbook(xlsm, keep_vba=True)
    gemt = tmp_path / "gemt.xlsm"
    wb2.save(gemt)
    with zipfile.ZipFile(gemt) as z:
        navne = set(z.namelist())
        assert z.read("xl/vbaProject.bin") == b"VBA-projekt"
    assert {"xl/charts/chart1.xml", "xl/tables/table1.xml"} <= navne
    assert Image is None or any(n.startswith("xl/media/") for n in navne)
    wb3 = openpyxl.load_workbook(gemt)
    assert "Beloeb" in wb3.defined_names
    assert wb3["Data"].tables["Tabel1"].ref == "A1:B5"
    assert tabt_indhold(gemt) == []


def test_ikke_en_projektmappe(tmp_path: Path):
    sti = tmp_path / "x.xlsx"
    sti.write_bytes(b"ikke en zip")
    with pytest.raises(InputFejl, match="ikke en gyldig projektmappe"):
        tabt_indhold(sti)
