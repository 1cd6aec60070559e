"""`regnskab share` hands Økonomiforvaltningen nothing Excel's Document Inspector would flag.

A filled and refreshed regnskab workbook is made hostile (hidden and very hidden sheets, comments
and threaded comments, personal and custom properties, an external link with its parts, hidden,
constant and add-in names, conditional formatting and data validation calling the add-in, a chart
on a hidden sheet's data, local paths) as Excel would save it, with cached values. The share copy
is then scanned part by part, independently of the module's own inspector.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from types import SimpleNamespace
from xml.etree import ElementTree
from xml.sax.saxutils import unescape

import openpyxl
import pytest
from fyldning import fyld_fra_eksempel
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.data_source import NumData, NumVal
from openpyxl.comments import Comment
from openpyxl.formatting.rule import FormulaRule
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import PatternFill
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.hyperlink import Hyperlink

from addin.deling import _Renser, del_fil_rapport, er_lokal_sti, inspicer, uden_lokale_stier
from addin.udf import UDF_NAVNE
from conftest import ROD, SKABELONER, kør_cli

M = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
REGELFIL = r"C:\Users\anne\Documents\regler\regnskab.yaml"

# Mine tal: formulas Excel saved with their values (cell -> (formula, saved <v>, type))
FORMLER = {
    "A1": ("=CPR!B2", "4711", None),  # a hidden sheet's amount
    "A2": ("=[1]Ark1!$A$1", "52000", None),  # an external workbook, as Excel stores it
    "A3": ("=Sats*1000", "35", None),  # a constant name
    "A4": ("=MioTekst", "12,5 mio. kr.", "str"),  # a name calling the add-in
    "A5": ("=SUM(A1:A2)", "56711", None),  # ordinary: stays a formula
    "A6": ("=Resultat", "1100691", None),  # a kept name: stays
    "A8": ("=[1]Ark1!$A$2", None, None),  # no saved value: the link part's cache
    "A9": ("=CPR!B3", None, None),  # no saved value: the hidden cell itself
    # an external reference as a program writes it, with the path and no link part
    "A10": ("='C:\\Users\\anne\\Documents\\[Løn fortrolig 2025.xlsx]Ark1'!A1", "52000", None),
    "A11": ("=_xludf.MIO_KR(B11)", "0,1 mio. kr.", "str"),  # a plain add-in call
}

EXTERNAL_LINK = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<externalLink xmlns="{M}" '
    f'xmlns:r="{R}"><externalBook r:id="rId1"><sheetNames><sheetName val="Ark1"/></sheetNames>'
    '<sheetDataSet><sheetData sheetId="0"><row r="1"><cell r="A1"><v>52000</v></cell></row>'
    '<row r="2"><cell r="A2"><v>1000</v></cell></row></sheetData></sheetDataSet></externalBook>'
    '</externalLink>')
EXTERNAL_LINK_RELS = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{PR}">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/externalLinkPath" Target="file:///C:\\Users\\anne\\Documents\\'
    'L%C3%B8n%20fortrolig%202025.xlsx" TargetMode="External"/></Relationships>')
THREADED = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<ThreadedComments '
    'xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments">'
    '<threadedComment ref="C1" dT="2025-02-03T10:00:00.00" '
    'personId="{11111111-2222-3333-4444-555555555555}" '
    'id="{AAAAAAAA-2222-3333-4444-555555555555}"><text>Er CPR-tallene med?</text>'
    '</threadedComment></ThreadedComments>')
PERSONS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<personList '
    'xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments">'
    '<person displayName="Anne Hansen" id="{11111111-2222-3333-4444-555555555555}" '
    'userId="anne@kk.dk" providerId="AD"/></personList>')
APP = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://'
       'schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>'
       'Microsoft Excel</Application><Manager>Bo Jensen</Manager><Company>Københavns Kommune'
       '</Company><HyperlinkBase>C:\\Users\\anne\\</HyperlinkBase></Properties>')
ABSPATH = ('<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-'
           'compatibility/2006"><mc:Choice Requires="x15"><x15ac:absPath url="C:\\Users\\anne\\'
           'Documents\\" xmlns:x15ac="http://schemas.microsoft.com/office/spreadsheetml/2010/'
           '11/ac"/></mc:Choice></mc:AlternateContent>')


def _fjendtlig(mappe: Path) -> Path:
    """A refreshed regnskab workbook holding everything the Document Inspector looks for."""
    fil = fyld_fra_eksempel(SKABELONER / "regnskab.xlsx", ROD / "addin" / "data" /
                            "bif-regnskab-2024", mappe / "Regnskab BIF fortroligt udkast.xlsx")
    res = kør_cli("refresh", str(fil))
    assert res.returncode == 0, res.stderr
    wb = openpyxl.load_workbook(fil)
    cpr = wb.create_sheet("CPR")
    cpr["A1"], cpr["B1"] = "CPR-nummer", "Beløb"
    cpr["A2"], cpr["B2"] = "010101-1234", 4711
    cpr["A3"], cpr["B3"] = "020202-2345", 289
    cpr.sheet_state = "hidden"
    noter = wb.create_sheet("Noter")
    noter["A1"] = "Fortroligt notat om sygefravær"
    noter.sheet_state = "veryHidden"
    mine = wb.create_sheet("Mine tal", 0)
    for celle, (formel, _, _) in FORMLER.items():
        mine[celle] = formel
    mine["B11"] = 125
    mine["A7"] = "/home/anne/regnskab/noter.txt"
    mine["A12"] = "Se P:\\Økonomi\\2025\\budget.xlsx for detaljer"
    mine["A13"] = "Bilag"
    mine["A13"].hyperlink = "file:///C:/Users/anne/Documents/bilag.pdf"
    mine["B1"].comment = Comment("Tallet er fra CPR-arket", "Anne Hansen")
    mine["C1"].comment = Comment("[Threaded comment] Er CPR-tallene med?", "tc={AAAAAAAA}")
    mine.oddFooter.left.text = "&Z&F"
    mine.row_dimensions[20].hidden = True  # hidden rows stay; the report says so
    mine.column_dimensions.group("X", "Y", hidden=True)
    diagram = BarChart()
    diagram.add_data(Reference(cpr, min_col=2, min_row=2, max_row=3))
    diagram.series[0].val.numRef.numCache = NumData(
        pt=[NumVal(idx=0, v=4711), NumVal(idx=1, v=289)], ptCount=2)
    mine.add_chart(diagram, "E2")
    wb["Oversigt"]["A1"].comment = Comment("Tjek tallene inden mødet", "Anne Hansen")
    wb.defined_names["Sats"] = DefinedName("Sats", attr_text="0.035")
    wb.defined_names["_Intern"] = DefinedName("_Intern", attr_text="Oversigt!$B$6", hidden=True)
    wb.defined_names["MioTekst"] = DefinedName("MioTekst", attr_text="MIO_KR(12500)")
    wb.defined_names["Data"] = DefinedName("Data", attr_text="CPR!$B$2:$B$3")
    wb.defined_names["Resultat"] = DefinedName("Resultat", attr_text="Oversigt!$B$6")
    ov = wb["Oversigt"]
    roed = PatternFill("solid", fgColor="FFC7CE")
    ov.conditional_formatting.add("B6:B8", FormulaRule(formula=['MIO_KR(B6)<>""'], fill=roed))
    ov.conditional_formatting.add("C6:C8", FormulaRule(formula=["C6<0"], fill=roed))  # stays
    dv = DataValidation(type="custom", formula1="LEN(MIO_KR(H6))>0")
    dv.add("H6:H8")
    ov.add_data_validation(dv)
    ind = wb["Indstillinger"]
    raekke = next(r for r in ind.iter_rows(min_row=2) if r[0].value == "regelfil")
    raekke[1].value = REGELFIL
    wb.properties.creator, wb.properties.lastModifiedBy = "Anne Hansen", "Bo Jensen"
    wb.properties.description = "Udkast til Bo"
    wb.custom_doc_props.append(StringProperty(name="Klassifikation", value="Fortrolig"))
    wb.save(fil)
    return _som_excel_gemmer(fil)


def _som_excel_gemmer(fil: Path) -> Path:
    """Give the openpyxl-written file what Excel writes: cached formula values, the external
    link part, a threaded comment with its people list, app.xml fields and the absPath."""
    with zipfile.ZipFile(fil) as z:
        dele = {n: z.read(n) for n in z.namelist()}
    wb_xml = dele["xl/workbook.xml"].decode()
    rels = dele["xl/_rels/workbook.xml.rels"].decode()
    rid = re.search(r'<sheet [^>]*name="Mine tal"[^>]*r:id="(rId\d+)"', wb_xml).group(1)
    ark = "xl/" + re.search(rf'Target="/?(?:xl/)?([^"]+)" Id="{rid}"', rels).group(1)
    xml = dele[ark].decode()
    for celle, (_, v, t) in FORMLER.items():
        if v is None:
            continue
        xml, n = re.subn(rf'<c r="{celle}"([^>]*)>(<f>[^<]*</f>)<v>[^<]*</v></c>',
                         lambda m, celle=celle, v=v, t=t: f'<c r="{celle}"{m.group(1)}'
                         + (f' t="{t}"' if t else "") + f"><f>{m.group(2)[3:-4]}</f>"
                         f"<v>{v}</v></c>", xml)
        assert n == 1, celle
    dele[ark] = xml.encode()
    arkrels = ark.replace("worksheets/", "worksheets/_rels/") + ".rels"
    dele[arkrels] = dele[arkrels].replace(b"</Relationships>", (
        b'<Relationship Id="rIdTc1" Type="http://schemas.microsoft.com/office/2017/10/'
        b'relationships/threadedComment" Target="/xl/threadedComments/threadedComment1.xml"/>'
        b"</Relationships>"))
    dele["xl/threadedComments/threadedComment1.xml"] = THREADED.encode()
    dele["xl/persons/person.xml"] = PERSONS.encode()
    dele["xl/externalLinks/externalLink1.xml"] = EXTERNAL_LINK.encode()
    dele["xl/externalLinks/_rels/externalLink1.xml.rels"] = EXTERNAL_LINK_RELS.encode()
    dele["xl/_rels/workbook.xml.rels"] = rels.replace("</Relationships>", (
        '<Relationship Id="rIdX1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/externalLink" Target="externalLinks/externalLink1.xml"/>'
        '<Relationship Id="rIdP1" Type="http://schemas.microsoft.com/office/2017/10/'
        'relationships/person" Target="persons/person.xml"/></Relationships>')).encode()
    wb_xml = wb_xml.replace("<workbookPr/>", "<workbookPr/>" + ABSPATH, 1)
    assert ABSPATH in wb_xml
    wb_xml = wb_xml.replace("</sheets>", '</sheets><externalReferences><externalReference '
                            f'xmlns:r="{R}" r:id="rIdX1"/></externalReferences>', 1)
    dele["xl/workbook.xml"] = wb_xml.encode()
    dele["docProps/app.xml"] = APP.encode()
    dele["[Content_Types].xml"] = dele["[Content_Types].xml"].replace(b"</Types>", (
        b'<Override PartName="/xl/externalLinks/externalLink1.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"/>'
        b'<Override PartName="/xl/threadedComments/threadedComment1.xml" ContentType='
        b'"application/vnd.ms-excel.threadedcomments+xml"/><Override PartName="/xl/persons/'
        b'person.xml" ContentType="application/vnd.ms-excel.person+xml"/></Types>'))
    with zipfile.ZipFile(fil, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in dele.items():
            z.writestr(n, data)
    return fil


@pytest.fixture(scope="module")
def fjendtlig(tmp_path_factory) -> Path:
    return _fjendtlig(tmp_path_factory.mktemp("inspektor"))


@pytest.fixture(scope="module")
def kopi(fjendtlig: Path) -> tuple[Path, str]:
    ud = fjendtlig.with_name("kopi til ØKF.xlsx")
    res = kør_cli("share", str(fjendtlig), "--out", str(ud))
    assert res.returncode == 0, res.stderr
    return ud, res.stdout


# ------------------------------------------------------------ an independent package scan

UDF = re.compile(r"(?<![A-Za-z0-9_])(?:[\w.]*[.!])?(" + "|".join(UDF_NAVNE) + r")\s*\(", re.I)
EKSTERN = re.compile(r"\[\d+\]|\[[^\]]*\.xl[a-z]*\]", re.I)
STI = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]:[\\/]|\\\\[^\\\s]+\\|/(?:Users|home)/", re.I)
SKJULT = re.compile(r"\b(?:CPR|Noter)'?!")


def _dele(sti: Path) -> dict[str, str]:
    with zipfile.ZipFile(sti) as z:
        return {n: z.read(n).decode("utf-8", errors="replace") for n in z.namelist()
                if not n.endswith((".bin", ".png", ".jpeg", ".emf"))}


def _fund(sti: Path) -> list[str]:
    """Everything the Document Inspector (and the issue) objects to, part by part."""
    dele, fund = _dele(sti), []
    for n in dele:
        if re.match(r"xl/(comments|threadedComments|persons|externalLinks)|docProps/custom\.xml",
                    n) or "vbaProject" in n:
            fund.append(f"del {n}")
    wb = ElementTree.fromstring(dele["xl/workbook.xml"])
    for ark in wb.iter(f"{{{M}}}sheet"):
        if ark.get("state", "visible") != "visible":
            fund.append(f"ark {ark.get('name')} {ark.get('state')}")
    if re.search(r"externalReference|absPath", dele["xl/workbook.xml"]):
        fund.append("workbook.xml: ekstern kæde eller absPath")
    for dn in wb.iter(f"{{{M}}}definedName"):
        tekst = dn.text or ""
        if dn.get("hidden") in ("1", "true"):
            fund.append(f"skjult navn {dn.get('name')}")
        if UDF.search(tekst) or EKSTERN.search(tekst) or SKJULT.search(tekst):
            fund.append(f"navn {dn.get('name')}: {tekst}")
        if not re.search(r"[A-Za-z_]", tekst.replace("TRUE", "").replace("FALSE", "")):
            fund.append(f"konstant navn {dn.get('name')}")
    core = dele["docProps/core.xml"]
    for felt in ("creator", "lastModifiedBy", "description"):
        if re.search(rf"<\w+:{felt}(?:\s[^>]*)?>[^<]+<", core):
            fund.append(f"core.xml: {felt}")
    if re.search(r"<(Company|Manager|HyperlinkBase)>[^<]+<", dele["docProps/app.xml"]):
        fund.append("app.xml: firma, leder eller grundadresse")
    for n, xml in dele.items():
        if re.match(r"xl/(worksheets|charts|chartsheets)/[^/]+\.xml$", n):
            for f in re.findall(r"<(?:\w+:)?(?:f|formula|formula1|formula2)(?:\s[^>]*)?>([^<]*)<",
                                xml):
                if UDF.search(f) or EKSTERN.search(f) or SKJULT.search(f):
                    fund.append(f"{n}: formel {f}")
            for fod in re.findall(r"<(?:odd|even|first)(?:Header|Footer)>([^<]*)<", xml):
                fod = unescape(fod)
                if "&Z" in fod.upper() or STI.search(fod):
                    fund.append(f"{n}: sti i sidehoved/sidefod")
        if re.match(r"(xl|docProps)/.*\.xml$", n):
            for t in re.findall(r">([^<>]+)<", xml):
                if STI.search(t):
                    fund.append(f"{n}: lokal sti {t}")
        if n.endswith(".rels") and re.search(r'TargetMode="External"', xml) and (
                STI.search(xml) or "file:" in xml):
            fund.append(f"{n}: link til lokal fil")
        if "010101-1234" in xml or "sygefravær" in xml:
            fund.append(f"{n}: indhold fra et skjult ark")
    return fund


# ------------------------------------------------------------------------------- the tests


def test_den_fjendtlige_projektmappe_har_det_hele(fjendtlig: Path):
    """The fixture is realistic: both scans find every class in it, and openpyxl reads it."""
    fund = "\n".join(_fund(fjendtlig))
    for ventet in ("del xl/comments", "del xl/threadedComments", "del xl/persons",
                   "del xl/externalLinks", "del docProps/custom.xml", "ark CPR hidden",
                   "ark Noter veryHidden", "absPath", "skjult navn _Intern", "navn MioTekst",
                   "konstant navn Sats", "core.xml: creator", "core.xml: lastModifiedBy",
                   "app.xml", "formel MIO_KR(B6)", "formel LEN(MIO_KR(H6))", "formel [1]Ark1",
                   "formel CPR!B2", "lokal sti C:\\Users", "lokal sti /home/anne",
                   "link til lokal fil", "sti i sidehoved"):
        assert ventet in fund, ventet
    egne = "\n".join(inspicer(fjendtlig))
    for ventet in ("del xl/comments", "del xl/threadedComments", "del xl/persons",
                   "del xl/externalLinks", "docProps/custom.xml", "hidden ark 'CPR'",
                   "veryHidden ark 'Noter'", "absPath", "skjult navn _Intern",
                   "konstant navn Sats", "navn MioTekst", "dc:creator", "cp:lastModifiedBy",
                   "Company", "Manager", "formel (formula)", "formel (formula1)", "[1]Ark1",
                   "lokal sti på 'Indstillinger'", "link til en lokal fil",
                   "lokal sti på 'Mine tal'"):
        assert ventet in egne, ventet
    wb = openpyxl.load_workbook(fjendtlig)
    assert len(wb._external_links) == 1 and wb.custom_doc_props.names == ["Klassifikation"]
    v = openpyxl.load_workbook(fjendtlig, data_only=True)["Mine tal"]
    assert (v["A1"].value, v["A2"].value, v["A4"].value) == (4711, 52000, "12,5 mio. kr.")


def test_kopien_har_intet_af_det_inspektoeren_finder(kopi: tuple[Path, str]):
    ud, stdout = kopi
    assert "Delingskopi skrevet" in stdout
    assert _fund(ud) == []
    assert inspicer(ud) == []
    with zipfile.ZipFile(ud) as z:
        assert z.testzip() is None
        navne = z.namelist()
    assert not [n for n in navne if re.match(r"xl/(comments|threadedComments|persons|"
                                             r"externalLinks)|docProps/custom", n)]


def test_kopien_viser_de_samme_vaerdier(kopi: tuple[Path, str]):
    ud, _ = kopi
    wb = openpyxl.load_workbook(ud)
    assert "CPR" not in wb.sheetnames and "Noter" not in wb.sheetnames
    assert all(ws.sheet_state == "visible" for ws in wb.worksheets)
    m = wb["Mine tal"]
    assert m["A1"].value == 4711  # the hidden sheet's value Excel saved
    assert m["A2"].value == 52000  # the external workbook's value Excel saved
    assert m["A3"].value == 35 and m["A4"].value == "12,5 mio. kr."  # the removed names'
    assert m["A5"].value == "=SUM(A1:A2)"  # an ordinary formula stays
    assert m["A6"].value == "=Resultat"  # and so does a name that shows no secrets
    assert m["A8"].value == 1000  # no saved value: the link part's cached value
    assert m["A9"].value == 289  # no saved value: the hidden cell itself
    assert m["A10"].value == 52000
    assert m["A11"].value == "0,1 mio. kr."
    assert m["A7"].value == "noter.txt"
    assert m["A12"].value == "Se budget.xlsx for detaljer"
    assert m["A13"].value == "Bilag" and m["A13"].hyperlink is None
    assert m["B1"].comment is None and wb["Oversigt"]["A1"].comment is None
    assert set(wb.defined_names) == {"Resultat"}
    assert wb["Oversigt"].print_area  # print areas and titles stay
    regler = [r.formula for cf in wb["Oversigt"].conditional_formatting for r in cf.rules]
    assert regler == [["C6<0"]]  # the rule without the add-in stays
    assert not wb["Oversigt"].data_validations.dataValidation
    ind = wb["Indstillinger"]
    assert next(r[1].value for r in ind.iter_rows(min_row=2) if r[0].value == "regelfil") == (
        "regnskab.yaml")
    kontrol = {r[0]: r[1] for r in wb["Kontrol"].iter_rows(max_row=8, max_col=2,
                                                            values_only=True)}
    assert kontrol["Input"] == "(delingskopi)" and kontrol["Regelfil"] == "regnskab.yaml"
    serie = m._charts[0].series[0]
    assert serie.val.numRef is None and [p.v for p in serie.val.numLit.pt] == [4711, 289]
    with zipfile.ZipFile(ud) as z:
        core = z.read("docProps/core.xml").decode()
    assert not re.search(r"creator|lastModifiedBy|description", core)  # (openpyxl reads a
    assert wb.properties.title == "Regnskab"  # missing creator as "openpyxl"); the title stays
    assert len(wb.custom_doc_props) == 0 and wb._external_links == []
    original = openpyxl.load_workbook(next(ud.parent.glob("Regnskab*.xlsx")), data_only=True)
    kv = openpyxl.load_workbook(ud, data_only=True)
    assert kv["Oversigt"]["B6"].value == original["Oversigt"]["B6"].value == 1100691


def test_rapporten_naevner_hver_slags(fjendtlig: Path, tmp_path: Path):
    rapport = del_fil_rapport(fjendtlig, tmp_path / "kopi.xlsx")
    assert rapport.skjulte_ark == ("CPR", "Noter")
    # notes on Mine tal B1, Oversigt A1 and the template's Forklaringer I3, and a threaded
    # comment on Mine tal C1 (with the note Excel mirrors it in)
    assert rapport.kommentarer == 4
    assert rapport.personlige == ("forfatter", "senest ændret af", "beskrivelse", "firma",
                                  "leder", "grundadresse for links")
    assert rapport.egenskaber == ("Klassifikation",)
    assert rapport.eksterne_kaeder == ("Løn fortrolig 2025.xlsx",)
    assert set(rapport.navne) == {"Sats", "_Intern", "MioTekst", "Data"}
    assert rapport.betinget_formatering == (("Oversigt!B6:B8", "tilføjelsesfunktion"),)
    assert rapport.datavalidering == (("Oversigt!H6:H8", "tilføjelsesfunktion"),)
    assert rapport.diagramdata == 1 and rapport.filnavn_fjernet
    assert set(rapport.lokale_stier) == {"'Mine tal'!A7", "'Mine tal'!A12",
                                         "'Mine tal'!A13 (link)", "'Mine tal' (sidehoved/sidefod)",
                                         "Indstillinger!B5"}
    assert (rapport.celleformler, rapport.henvisningsformler) == (1, 7)
    linjer = rapport.linjer()
    print("\n".join(linjer))
    assert linjer[0] == "Erstattet af værdier: 1 celleformel, 0 matrixformler (0 celler)"
    assert "Erstattet af værdier, da de henviste til fjernet indhold: 7 formler" in linjer
    fjernet = next(linje for linje in linjer if linje.startswith("Fjernet: "))
    for del_ in ("2 skjulte ark (CPR, Noter)", "4 kommentarer",
                 "personlige oplysninger (forfatter, senest ændret af, beskrivelse, firma, leder,",
                 "1 brugerdefineret egenskab (Klassifikation)",
                 "1 ekstern kæde (Løn fortrolig 2025.xlsx)", "4 navne (",
                 "1 betinget formatering med tilføjelsesfunktioner (Oversigt!B6:B8)",
                 "1 datavalidering med tilføjelsesfunktioner (Oversigt!H6:H8)",
                 "5 lokale stier (", "originalens filnavn (Kontrol: Input = (delingskopi))"):
        assert del_ in fjernet, del_
    assert linjer[-1] == ("Bemærk: skjulte rækker og kolonner er med i kopien, som i "
                          "originalen (Mine tal: 1 række, 2 kolonner)")
    assert not any("kommentar" in linje.lower() for linje in linjer
                   if linje.startswith("Ikke med"))  # removed on purpose, not lost


def test_kopien_siger_intet_om_skjult_indhold_den_ikke_kan_vaerdisaette(tmp_path: Path):
    """A formula on a hidden sheet's formula without a saved value: refuse, write nothing."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Synlig"
    skjult = wb.create_sheet("Hjælp")
    skjult["A1"] = "=1+1"
    skjult.sheet_state = "hidden"
    ws["A1"] = "=Hjælp!A1*2"
    sti = tmp_path / "bog.xlsx"
    wb.save(sti)
    res = kør_cli("share", str(sti), "--out", str(tmp_path / "kopi.xlsx"))
    assert res.returncode == 2
    assert "Formlen =Hjælp!A1*2 har ingen gemt værdi" in res.stderr
    assert not (tmp_path / "kopi.xlsx").exists()


def test_tre_d_henvisning_over_et_skjult_ark_bliver_vaerdi(tmp_path: Path):
    wb = openpyxl.Workbook()
    for navn in ("Jan", "Feb", "Mar"):
        wb.create_sheet(navn)["A1"] = 1
    wb["Feb"].sheet_state = "hidden"
    wb.active["A1"] = "=SUM(Jan:Mar!A1)"
    wb.active["A2"] = "=SUM(Jan!A1,Mar!A1)"
    sti = tmp_path / "bog.xlsx"
    wb.save(sti)
    with zipfile.ZipFile(sti) as z:
        dele = {n: z.read(n) for n in z.namelist()}
    dele["xl/worksheets/sheet1.xml"] = dele["xl/worksheets/sheet1.xml"].replace(
        b"<f>SUM(Jan:Mar!A1)</f><v></v>", b"<f>SUM(Jan:Mar!A1)</f><v>3</v>")
    with zipfile.ZipFile(sti, "w") as z:
        for n, d in dele.items():
            z.writestr(n, d)
    rapport = del_fil_rapport(sti, tmp_path / "kopi.xlsx")
    ud = openpyxl.load_workbook(tmp_path / "kopi.xlsx")
    assert ud.active["A1"].value == 3  # Feb's 1 is in the sum Excel showed
    assert ud.active["A2"].value == "=SUM(Jan!A1,Mar!A1)"
    assert rapport.skjulte_ark == ("Feb",) and rapport.henvisningsformler == 1


@pytest.mark.parametrize(("tekst", "ventet"), [
    (r"C:\Users\anne\regler.yaml", "regler.yaml"),
    ("/home/x/regler.yaml", "regler.yaml"),
    ("/Users/anne/Documents/Løn fortrolig 2025.xlsx", "Løn fortrolig 2025.xlsx"),
    (r"\\fil01\okonomi$\2025\budget.xlsx", "budget.xlsx"),
    ("file:///C:/Users/anne/a.pdf", "a.pdf"),
    (r"Gemt i D:\Arkiv\2025\ af Anne", "Gemt i 2025 af Anne"),
    (r"C:\Users\anne\ ", " "),
    ("regnskab.yaml", "regnskab.yaml"),
    ("kr./md. og 1/2 og A:B", "kr./md. og 1/2 og A:B"),
])
def test_lokale_stier_bliver_til_filnavne(tekst: str, ventet: str):
    assert uden_lokale_stier(tekst) == ventet
    assert er_lokal_sti(tekst) == (tekst != ventet)


def test_links_til_nettet_bliver_links_til_egne_filer_gaar(tmp_path: Path):
    wb = openpyxl.Workbook()
    ws = wb.active
    for celle, maal in (("A1", "https://www.kk.dk/budget"), ("A2", "mailto:okf@kk.dk"),
                        ("A3", "Bilag/bilag 1.pdf"), ("A4", r"\\fil01\okonomi\x.xlsx")):
        ws[celle] = "link"
        ws[celle].hyperlink = maal
    ws["A5"] = "intern"
    ws["A5"].hyperlink = Hyperlink(ref="A5", location="Skjult!A1")
    wb.create_sheet("Skjult").sheet_state = "hidden"
    wb.properties.creator = None
    sti = tmp_path / "bog.xlsx"
    wb.save(sti)
    rapport = del_fil_rapport(sti, tmp_path / "kopi.xlsx")
    ud = openpyxl.load_workbook(tmp_path / "kopi.xlsx").active
    assert [ud[c].hyperlink.target if ud[c].hyperlink else None
            for c in ("A1", "A2", "A3", "A4", "A5")] == [
        "https://www.kk.dk/budget", "mailto:okf@kk.dk", None, None, None]
    assert rapport.lokale_stier == ("Sheet!A3 (link)", "Sheet!A4 (link)")
    assert inspicer(tmp_path / "kopi.xlsx") == []


def test_intet_at_fjerne(tmp_path: Path):
    wb = openpyxl.Workbook()
    wb.active["A1"] = "=1+1"
    wb.properties.creator = None
    sti = tmp_path / "bog.xlsx"
    wb.save(sti)
    rapport = del_fil_rapport(sti, tmp_path / "kopi.xlsx")
    assert rapport.linjer() == ["Erstattet af værdier: 0 celleformler, 0 matrixformler (0 celler)",
                                "Fjernet: intet (ingen makroer og intet skjult indhold)"]
    assert openpyxl.load_workbook(tmp_path / "kopi.xlsx").active["A1"].value == "=1+1"


def test_pivottabel_paa_et_skjult_ark_fjernes():
    """openpyxl cannot make pivot tables; the decision is tested on stand-ins. A removed pivot
    table leaves the cells it showed as plain values, and its cache (the hidden data) goes."""
    wb = openpyxl.Workbook()
    wb.create_sheet("Data").sheet_state = "hidden"

    def pivot(navn: str, ark: str, kilde: str = "worksheet") -> SimpleNamespace:
        return SimpleNamespace(name=navn, cache=SimpleNamespace(cacheSource=SimpleNamespace(
            type=kilde, worksheetSource=SimpleNamespace(sheet=ark, name=None, ref="A1:B3"))))

    wb.active._pivots = [pivot("PT1", "Data"), pivot("PT2", "Sheet"), pivot("PT3", "", "external")]
    assert _Renser(wb).fjern_pivottabeller() == ["Sheet: PT1", "Sheet: PT3"]
    assert [p.name for p in wb.active._pivots] == ["PT2"]
