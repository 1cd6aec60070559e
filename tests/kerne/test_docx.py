"""The Word export: same sentences and tables as the report, opens in LibreOffice."""

from __future__ import annotations

from pathlib import Path

from docx import Document

from conftest import DEMO, kraever_libreoffice, kør_cli


def test_docx_har_saetninger_punkter_og_tabeller(tmp_path: Path):
    ud = tmp_path / "r.docx"
    res = kør_cli("export-docx", str(DEMO), "--out", str(ud))
    assert res.returncode == 0, res.stderr
    doc = Document(str(ud))
    afsnit = [p.text for p in doc.paragraphs]
    assert "Styringsområdet udviser et mindreforbrug på 12,5 mio. kr." in afsnit
    assert "Boliger til flygtninge  3.199" in afsnit
    assert "Løntilskud forsikrede  925  (Se Kontrol: forklaring mangler)" in afsnit
    assert "Det skyldes flere modsatrettede forhold:" in afsnit
    punkter = [p.text for p in doc.paragraphs if p.style.name == "List Bullet"]
    assert any(t.startswith("Et merforbrug på 2,5 mio. kr. vedrørende hotelindkvartering") for t
               in punkter)
    celler = [[c.text for c in r.cells] for t in doc.tables for r in t.rows]
    assert ["Service", "1.100.691", "160.631", "1.261.322", "1.248.813", "12.509"] in celler
    assert "Kontroller" not in afsnit


@kraever_libreoffice
def test_docx_bliver_til_pdf(tmp_path: Path):
    from addin.libreoffice import konverter

    ud = tmp_path / "r.docx"
    assert kør_cli("export-docx", str(DEMO), "--out", str(ud)).returncode == 0
    assert konverter(ud, "pdf", tmp_path).read_bytes().startswith(b"%PDF")
