"""The Word export is print-ready: columns as wide as their words (no name breaks inside a word
on A4), header rows repeated, rows never split, Word's own headings, a footer with the title
and "Side X af Y", and a landscape section for a table too wide for portrait."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Cm

from addin.layout import Ark, Celle, Rapport
from addin.skrivere.docx import ny_docx, tabelmaal, tekstbredde
from conftest import DEMO, kraever_libreoffice, kør_cli

ORD = re.compile(r"[^\W\d_]+")
LANGE = ("Tillægsbevillinger", "Beskæftigelsesindsats", "Efterspørgselsstyrede")


def _ord(tekst: str) -> list[str]:
    return ORD.findall(unicodedata.normalize("NFKC", tekst))


def _t(e) -> str:
    return "".join(x.text or "" for x in e.iter(qn("w:t")))


def _tabeltekst(doc) -> list[str]:
    """Each table cell's text once (python-docx repeats a merged cell for every column)."""
    return [_t(tc) for t in doc.tables for tr in t._tbl.tr_lst for tc in tr.tc_lst]


def _al_tekst(doc) -> list[str]:
    fod = [p.text for s in doc.sections for p in s.footer.paragraphs]
    return [p.text for p in doc.paragraphs] + _tabeltekst(doc) + fod


@pytest.fixture(scope="module")
def bif(tmp_path_factory) -> Path:
    ud = tmp_path_factory.mktemp("tryk") / "bemaerkninger.docx"
    res = kør_cli("export-docx", str(DEMO), "--out", str(ud))
    assert res.returncode == 0, res.stderr
    return ud


@pytest.fixture(scope="module")
def pdftekst(bif: Path) -> str:
    if shutil.which("soffice") is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice eller pdftotext er ikke installeret")
    from addin.libreoffice import konverter

    pdf = konverter(bif, "pdf", bif.parent)
    ud = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                        text=True, check=True).stdout
    return unicodedata.normalize("NFKC", ud)


@kraever_libreoffice
def test_ingen_navne_brydes_inde_i_ordet(bif: Path, pdftekst: str):
    doc = Document(str(bif))
    sider = pdftekst.count("\f") or 1
    print(f"BIF-bemærkningerne som PDF: {sider} sider")
    navne = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    lange = {o for t in _tabeltekst(doc) + navne for o in _ord(t) if len(o) >= 8} | set(LANGE)
    assert set(LANGE) <= {o for t in _tabeltekst(doc) for o in _ord(t)}
    docord = [o for t in _al_tekst(doc) for o in _ord(t)]
    pdford = _ord(pdftekst)
    # every long name or header word is printed whole as often as the document holds it
    for o in sorted(lange):
        assert pdford.count(o) >= docord.count(o), (o, pdford.count(o), docord.count(o))
    # and the printout holds no fragment ('Beskæftigelsesin', 'dsats'): no word the document lacks
    fremmede = set(pdford) - set(docord)
    assert not fremmede, sorted(fremmede)
    for linje in pdftekst.splitlines():
        assert not re.search(r"(Beskæftigelsesin|Efterspørgselsst|Tillægsbevillin)\s*$", linje)
    # the footer's fields are drawn: 'Side X af Y' on every page
    fod = re.findall(r"Side (\d+) af (\d+)", pdftekst)
    assert [int(x) for x, _ in fod] == list(range(1, sider + 1))
    assert {int(y) for _, y in fod} == {sider}


def test_tabeller_har_gentagne_hoveder_og_hele_raekker(bif: Path):
    doc = Document(str(bif))
    assert doc.tables
    for t in doc.tables:
        raekker = t._tbl.tr_lst
        assert raekker[0].trPr.find(qn("w:tblHeader")) is not None
        assert all(r.trPr is not None and r.trPr.find(qn("w:cantSplit")) is not None
                   for r in raekker)
        assert t._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
        gitter = [int(g.get(qn("w:w"))) for g in t._tbl.tblGrid.findall(qn("w:gridCol"))]
        assert len(set(gitter)) > 1  # widths from content, not equal columns
        assert sum(gitter) <= Cm(17).twips + 1
    hoved = doc.tables[1]._tbl.tr_lst  # a bevilling: two heading rows and the unit row
    assert [r.trPr.find(qn("w:tblHeader")) is not None for r in hoved[:4]] == \
        [True, True, True, False]


def test_overskrifter_er_words_egne(bif: Path):
    doc = Document(str(bif))
    stil = {p.text: p.style.name for p in doc.paragraphs}
    assert stil["Beskæftigelses- og Integrationsforvaltningen – Regnskab 2024"] == "Heading 1"
    assert stil["Service"] == "Heading 1"
    assert stil["Beskæftigelsesindsats"] == "Heading 2"
    assert stil["Aktivitetsoversigt"] == "Heading 2"
    assert stil["Boliger til flygtninge  3.199"] == "Heading 3"
    assert stil["I alt  11.971"] == "Normal"
    assert doc.styles["Heading 1"].element.get(qn("w:styleId")) == "Heading1"


def test_sidefod_og_side(bif: Path):
    doc = Document(str(bif))
    assert doc.core_properties.title == "Regnskab 2024"
    for s in doc.sections:
        assert abs(s.page_width - Cm(21.0)) < Cm(0.01)  # A4, stored in whole twips
        assert abs(s.page_height - Cm(29.7)) < Cm(0.01)
        assert abs(s.left_margin - Cm(2.0)) < Cm(0.01) and s.right_margin == s.left_margin
    fod = doc.sections[0].footer
    xml = fod._element.xml
    felter = [t.text.strip() for t in fod._element.iter(qn("w:instrText"))]
    assert felter == ["PAGE", "NUMPAGES"]
    assert "Regnskab 2024" in fod.paragraphs[0].text and "Side " in xml and " af " in xml


def _tal_raekke(navn: str, n: int) -> list[Celle]:
    return [Celle(navn)] + [Celle(1_234_567 * (i + 1), "beloeb") for i in range(n)]


def test_bred_tabel_faar_en_liggende_sektion():
    ark = Ark("Ark")
    ark.tilfoej(Celle("Rapport", "titel"))
    ark.tilfoej(Celle("Smal", "overskrift"))
    ark.tilfoej(*[Celle(h, "kolonnehoved") for h in ("Navn", "Beløb", "Beløb")])
    ark.raekker.append(_tal_raekke("Beskæftigelsesindsats", 2))
    ark.tilfoej(Celle("Bred", "overskrift"))
    ark.tilfoej(*[Celle(f"Tillægsbevillinger {i}", "kolonnehoved") for i in range(10)])
    ark.raekker.append(_tal_raekke("Efterspørgselsstyrede overførsler", 9))
    ark.tilfoej(Celle("Efter den brede tabel.", "saetning"))
    doc = ny_docx(Rapport([ark], {"titel": "Prøve"}))
    retning = ["L" if s.page_width > s.page_height else "P" for s in doc.sections]
    assert retning == ["P", "L", "P"]
    # the heading of the wide table moved into the landscape section with it
    body = list(doc.element.body)
    brud = [i for i, e in enumerate(body) if e.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None]
    bred = next(i for i, e in enumerate(body) if e.tag == qn("w:p") and _t(e) == "Bred")
    assert brud[0] < bred < brud[1]
    # each width has its own footer, all with the fields
    for s in doc.sections:
        assert "NUMPAGES" in s.footer._element.xml
    assert not doc.sections[1].footer.is_linked_to_previous


def test_liggende_ark_sidst_giver_ingen_tom_side():
    ark = Ark("Oversigt", liggende=True)
    ark.tilfoej(*[Celle(h, "kolonnehoved") for h in ("Navn", "Beløb")])
    ark.raekker.append(_tal_raekke("Et navn", 1))
    doc = ny_docx(Rapport([Ark("Først", [[Celle("Indledning", "titel")]]), ark], {}))
    retning = ["L" if s.page_width > s.page_height else "P" for s in doc.sections]
    assert retning == ["P", "L"]


def test_kolonne_mindst_saa_bred_som_laengste_ord():
    rows = [[Celle("Bevilling", "kolonnehoved_venstre"), Celle("Tillægsbevillinger", "kolonnehoved")],
            [Celle("Efterspørgselsstyrede overførsler"), Celle(-152_424, "beloeb")]]
    maal = tabelmaal(rows, Cm(16).twips, Cm(25.7).twips)
    assert not maal.liggende and maal.passer
    assert maal.bredder[0] / 20 > tekstbredde("Efterspørgselsstyrede", maal.skrift)
    assert maal.bredder[1] / 20 > tekstbredde("Tillægsbevillinger", maal.skrift, fed=True)
    assert sum(maal.bredder) == Cm(16).twips
