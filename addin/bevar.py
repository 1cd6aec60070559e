"""What openpyxl would drop if it loaded and saved a workbook: find it before a write-back.

openpyxl keeps cell data, styles, charts, images, tables, pivot tables, defined names, external
links and (with keep_vba) VBA, but silently drops the kinds listed here. Refresh refuses to
write into a workbook that holds any of them unless the user writes to a new file.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from addin.fejl import InputFejl

# Excel 365 marks a spilled formula with cell metadata (xl/metadata.xml, type XLDAPR); openpyxl
# drops the part and keeps the formula as a legacy {=...} array formula of fixed size.
DYNAMISKE_MATRIXFORMLER = "dynamiske matrixformler"

# (kind in Danish, test on a part name, text that marks it inside a part, or None)
_DELE: list[tuple[str, re.Pattern[str], str | None]] = [
    ("figurer, tekstbokse eller streger", re.compile(r"^xl/drawings/drawing\d+\.xml$"),
     r"<xdr:(sp|grpSp|cxnSp)\b"),
    ("minidiagrammer (sparklines)", re.compile(r"^xl/worksheets/sheet\d+\.xml$"),
     r"<x14:sparklineGroups\b"),
    ("betinget formatering fra Excel 2010+ (datalinjer, ikonsæt)",
     re.compile(r"^xl/worksheets/sheet\d+\.xml$"), r"<x14:conditionalFormattings?\b"),
    ("datavalidering med lister fra andre ark", re.compile(r"^xl/worksheets/sheet\d+\.xml$"),
     r"<x14:dataValidations?\b"),
    ("udsnitsværktøjer (slicers)", re.compile(r"^xl/(slicers|slicerCaches)/"), None),
    ("tidslinjer", re.compile(r"^xl/(timelines|timelineCaches)/"), None),
    ("formularkontrolelementer (knapper, afkrydsningsfelter)",
     re.compile(r"^xl/(ctrlProps|activeX)/"), None),
    ("brugerdefinerede XML-dele (customXml)", re.compile(r"^customXml/"), None),
    ("Office-tilføjelsesprogrammer og deres kode (webudvidelser, fx xlwings Lite)",
     re.compile(r"^xl/webextensions/"), None),
    ("kommentarernes formatering (størrelse, farve, placering)",
     re.compile(r"^xl/drawings/vmlDrawing\d+\.vml$"), None),
    ("trådede kommentarer", re.compile(r"^xl/threadedComments/"), None),
    ("printerindstillinger", re.compile(r"^xl/printerSettings/"), None),
    ("indlejrede objekter (OLE)", re.compile(r"^xl/embeddings/"), None),
    (DYNAMISKE_MATRIXFORMLER, re.compile(r"^xl/metadata\.xml$"), r"XLDAPR"),
    # any other cell metadata: pictures in cells and data types (rich values), cube functions
    ("billeder i celler, datatyper og anden cellemetadata",
     re.compile(r"^xl/(metadata\.xml$|richData/)"), r"\A(?![\s\S]*XLDAPR)"),
]


def tabt_indhold(path: str | Path) -> list[str]:
    """The kinds of content in an .xlsx/.xlsm that openpyxl drops on save, in Danish, with parts.

    An empty list means a load and save with openpyxl keeps everything in the workbook.
    """
    fil = str(path)
    try:
        z = zipfile.ZipFile(fil)
    except (zipfile.BadZipFile, OSError):
        raise InputFejl("Filen er ikke en gyldig projektmappe (.xlsx/.xlsm).", fil=fil) from None
    fund: dict[str, list[str]] = {}
    with z:
        navne = sorted(z.namelist())
        tekster: dict[str, str] = {}
        for art, navnemoenster, markoer in _DELE:
            for navn in navne:
                if not navnemoenster.search(navn):
                    continue
                if markoer is not None:
                    if navn not in tekster:
                        tekster[navn] = z.read(navn).decode("utf-8", errors="replace")
                    if not re.search(markoer, tekster[navn]):
                        continue
                fund.setdefault(art, []).append(navn)
    ud = []
    for art, _, _ in _DELE:
        if art in fund:
            dele = fund[art]
            vist = ", ".join(dele[:3]) + (f" og {len(dele) - 3} flere" if len(dele) > 3 else "")
            ud.append(f"{art[0].upper()}{art[1:]} ({vist})")
    return ud
