"""Word writer: the same layout.Rapport as a .docx (paragraphs for sentences, tables for tables)."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from addin.layout import HELTAL, STILE, Ark, Celle, Rapport
from addin.skrivere import celletekst
from addin.skrivere.atomisk import skriv_atomisk
from addin.talformat import decimaltal, tusinder


def _tekst(c: Celle) -> str:
    """A cell's value as a Danish user reads it: 1.100.691, 12,5."""
    v = c.vaerdi
    if v is None:
        return ""
    if isinstance(v, bool):
        return "Ja" if v else "Nej"
    if isinstance(v, (int, float)):
        fmt = STILE[c.stil].talformat
        if fmt == HELTAL or (fmt is None and float(v).is_integer()):
            return tusinder(v)
        return decimaltal(v, 1)
    return str(celletekst(v)[0])


def _udfyldte(raekke: list[Celle]) -> list[Celle]:
    return [c for c in raekke if c.vaerdi not in (None, "")]


def _er_overskrift_med_beloeb(raekke: list[Celle]) -> bool:
    """'Boliger til flygtninge 3.199': a line's heading with its afvigelse, not a table."""
    u = _udfyldte(raekke)
    maerke = len(u) == 3 and u[2].stil == "advarsel"
    return (len(u) == 2 or maerke) and u[0] is raekke[0] and u[0].stil == "fed" and \
        isinstance(u[1].vaerdi, (int, float))


def _er_tabelraekke(raekke: list[Celle]) -> bool:
    if _er_overskrift_med_beloeb(raekke):
        return False
    return len(_udfyldte(raekke)) > 1 or \
        any(c.stil.startswith("kolonnehoved") or c.stil == "enhed" for c in raekke)


def _tabel(doc: Document, rows: list[list[Celle]]) -> None:
    bredde = max(sum(c.flet for c in r) for r in rows)
    t = doc.add_table(rows=0, cols=bredde)
    t.style = "Table Grid"
    for raekke in rows:
        celler = t.add_row().cells
        i = 0
        for c in raekke:
            celle = celler[i]
            if c.flet > 1:
                celle = celle.merge(celler[i + c.flet - 1])
            stil = STILE[c.stil]
            p = celle.paragraphs[0]
            run = p.add_run(_tekst(c))
            run.bold = stil.fed
            run.italic = stil.kursiv
            run.font.size = Pt(8)
            if isinstance(c.vaerdi, (int, float)) or stil.justering == "right":
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            elif stil.justering == "center":
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            i += c.flet
    if bredde > 1:
        resten = Cm(11.5 / (bredde - 1))
        for raekke in t.rows:
            for j, celle in enumerate(raekke.cells):
                celle.width = Cm(5.5) if j == 0 else resten


def _afsnit(doc: Document, c: Celle) -> None:
    tekst = _tekst(c)
    if c.stil == "titel":
        doc.add_heading(tekst, level=1)
    elif c.stil == "overskrift":
        doc.add_heading(tekst, level=2)
    elif tekst.startswith("• "):
        doc.add_paragraph(tekst[2:], style="List Bullet")
    else:
        p = doc.add_paragraph()
        run = p.add_run(tekst)
        run.bold = STILE[c.stil].fed


def skriv_ark(doc: Document, ark: Ark) -> None:
    """One layout sheet: runs of table rows become a table, other rows paragraphs."""
    blok: list[list[Celle]] = []
    raekker = ark.raekker + [[]]
    for i, raekke in enumerate(raekker):
        naeste = raekker[i + 1] if i + 1 < len(raekker) else []
        # a bold group label inside a table (an activity name) stays in the table
        gruppe = bool(blok) and len(_udfyldte(raekke)) == 1 and raekke[0].stil == "fed" \
            and _er_tabelraekke(naeste)
        if raekke and (_er_tabelraekke(raekke) or gruppe):
            blok.append(raekke)
            continue
        if blok:
            _tabel(doc, blok)
            blok = []
        if _er_overskrift_med_beloeb(raekke):
            u = _udfyldte(raekke)
            afsnit = doc.add_paragraph()
            afsnit.add_run(f"{_tekst(u[0])}  {_tekst(u[1])}").bold = True
            if len(u) == 3:
                afsnit.add_run(f"  ({_tekst(u[2])})").italic = True
            continue
        tekst = _udfyldte(raekke)
        if tekst:
            _afsnit(doc, tekst[0])


def ny_docx(rapport: Rapport, *, ark: list[str] | None = None) -> Document:
    """A Word document of the report's sheets (all, or those named in `ark`)."""
    doc = Document()
    sektion = doc.sections[0]
    sektion.page_width, sektion.page_height = Cm(21.0), Cm(29.7)
    sektion.orientation = WD_ORIENT.PORTRAIT
    for side in ("left_margin", "right_margin"):
        setattr(sektion, side, Cm(2.0))
    doc.core_properties.title = rapport.metadata.get("titel", "")
    for a in rapport.ark:
        if ark is None or a.navn in ark:
            skriv_ark(doc, a)
    return doc


def skriv_docx(rapport: Rapport, sti: Path | str, *, ark: list[str] | None = None) -> Path:
    """Write the report as .docx at `sti` (atomically)."""
    doc = ny_docx(rapport, ark=ark)
    return skriv_atomisk(sti, lambda p: doc.save(str(p)))
