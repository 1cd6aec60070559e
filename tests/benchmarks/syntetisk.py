"""Synthetic posting exports (hovedprodukter rows in kr.) as .csv folders and streamed .xlsx files.

The .xlsx is written directly as SpreadsheetML (shared strings, numeric cells) and zipped, so a
million rows take seconds; python-calamine, openpyxl and LibreOffice read it like any workbook.
"""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import numpy as np

REGLER = Path(__file__).resolve().parents[2] / "rules" / "regnskab.yaml"
HOVED = ["styringsomraade", "bevilling", "navn", "korrigeret_udgift", "korrigeret_indtaegt",
         "regnskab_udgift", "regnskab_indtaegt"]
# (styringsomraade, bevilling, hovedprodukt): realistic spread over 3 styringsområder
LINJER = [(s, b, f"{b} {i + 1:02d}") for s, bevs in (
    ("Service", ["Administration", "Beskæftigelsesindsats", "Integrationsindsats"]),
    ("Overførsler mv.", ["Efterspørgselsstyrede overførsler", "Øvrige overførsler"]),
    ("Anlæg", ["Beskæftigelsesindsats anlæg"])) for b in bevs for i in range(8)]


def regelfil_kr(mappe: Path) -> Path:
    """The standard rules with `enhed: kr` (postings in kroner)."""
    sti = mappe / "regnskab-kr.yaml"
    sti.write_text(REGLER.read_text(encoding="utf-8").replace("enhed: tkr", "enhed: kr", 1),
                   encoding="utf-8")
    return sti


def posteringer(n: int, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """Line index (into LINJER) and the four amounts in øre (int64) of n postings."""
    rng = np.random.default_rng(seed)
    linje = rng.integers(0, len(LINJER), n)
    beloeb = np.zeros((n, 4), dtype=np.int64)
    udgift = rng.random(n) < 0.8
    stoerrelse = np.round(rng.lognormal(8, 1.5, n) * 100).astype(np.int64)  # øre
    kolonne = np.where(udgift, rng.integers(0, 2, n) * 2, rng.integers(0, 2, n) * 2 + 1)
    beloeb[np.arange(n), kolonne] = np.where(udgift, stoerrelse, -stoerrelse)
    return linje, beloeb


def _kr(oere: np.ndarray) -> list[str]:
    """Øre as kroner with two decimals, exactly ('-1234.05')."""
    return [f"{'-' if v < 0 else ''}{abs(v) // 100}.{abs(v) % 100:02d}" for v in oere.tolist()]


def skriv_csv(n: int, mappe: Path) -> Path:
    """A CSV folder with n postings in hovedprodukter.csv (machine format, comma separated),
    written a million rows at a time."""
    mappe.mkdir(parents=True, exist_ok=True)
    linje, beloeb = posteringer(n)
    with open(mappe / "hovedprodukter.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(HOVED)
        for start in range(0, n, 1_000_000):
            stop = min(start + 1_000_000, n)
            kol = [_kr(beloeb[start:stop, j]) for j in range(4)]
            for i, li in enumerate(linje[start:stop].tolist()):
                w.writerow([*LINJER[li], kol[0][i], kol[1][i], kol[2][i], kol[3][i]])
    return mappe


def skriv_parquet(n: int, mappe: Path, csv_mappe: Path) -> Path:
    """The postings of `csv_mappe` as hovedprodukter.parquet (amounts DECIMAL(18,2), as a data
    warehouse exports them), written by Polars."""
    import polars as pl

    mappe.mkdir(parents=True, exist_ok=True)
    pl.scan_csv(csv_mappe / "hovedprodukter.csv", schema_overrides={
        k: pl.Decimal(18, 2) for k in HOVED[3:]}).sink_parquet(mappe / "hovedprodukter.parquet")
    return mappe


def skriv_summeret(n: int, mappe: Path) -> Path:
    """The same n postings summed per line beforehand (one row per line, exact øre, in the order
    the lines first appear), as a finance system's report would give them."""
    mappe.mkdir(parents=True, exist_ok=True)
    linje, beloeb = posteringer(n)
    summer = np.zeros((len(LINJER), 4), dtype=np.int64)
    np.add.at(summer, linje, beloeb)
    _, foerste = np.unique(linje, return_index=True)
    with open(mappe / "hovedprodukter.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(HOVED)
        for li in linje[np.sort(foerste)].tolist():
            w.writerow([*LINJER[li], *_kr(summer[li])])
    return mappe


def _kolonnebogstav(i: int) -> str:
    return "ABCDEFG"[i]


def skriv_xlsx(n: int, sti: Path) -> Path:
    """A workbook with one sheet 'hovedprodukter' holding n postings, streamed to disk."""
    linje, beloeb = posteringer(n)
    strenge = HOVED + sorted({t for lin in LINJER for t in lin})
    indeks = {s: i for i, s in enumerate(strenge)}
    kol = [_kr(beloeb[:, j]) for j in range(4)]
    sti.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(sti, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", _TYPER)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("xl/workbook.xml", _BOG)
        z.writestr("xl/_rels/workbook.xml.rels", _BOG_RELS)
        sst = "".join(f"<si><t>{escape(s)}</t></si>" for s in strenge)
        z.writestr("xl/sharedStrings.xml", f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{_NS}"'
                   f' count="{len(strenge)}" uniqueCount="{len(strenge)}">{sst}</sst>')
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_NS}">'
                    f'<dimension ref="A1:G{n + 1}"/><sheetData>'.encode())
            hoved = "".join(f'<c r="{_kolonnebogstav(j)}1" t="s"><v>{indeks[h]}</v></c>'
                            for j, h in enumerate(HOVED))
            f.write(f'<row r="1">{hoved}</row>'.encode())
            tekst = [[indeks[t] for t in lin] for lin in LINJER]
            blok = []
            for i, li in enumerate(linje.tolist()):
                r = i + 2
                a, b, c = tekst[li]
                blok.append(f'<row r="{r}"><c r="A{r}" t="s"><v>{a}</v></c><c r="B{r}" t="s"><v>{b}'
                            f'</v></c><c r="C{r}" t="s"><v>{c}</v></c><c r="D{r}"><v>{kol[0][i]}'
                            f'</v></c><c r="E{r}"><v>{kol[1][i]}</v></c><c r="F{r}"><v>{kol[2][i]}'
                            f'</v></c><c r="G{r}"><v>{kol[3][i]}</v></c></row>')
                if len(blok) == 10_000:
                    f.write("".join(blok).encode())
                    blok = []
            f.write(("".join(blok) + "</sheetData></worksheet>").encode())
    return sti


_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_TYPER = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
          'package/2006/content-types"><Default Extension="rels" ContentType="application/'
          'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
          '"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/'
          'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName='
          '"/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
          'spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType='
          '"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.'
         'org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
         'openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/'
         'workbook.xml"/></Relationships>')
_BOG = (f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{_NS}" xmlns:r="{_R}"><sheets>'
        '<sheet name="hovedprodukter" sheetId="1" r:id="rId1"/></sheets></workbook>')
_BOG_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
             'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="'
             'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
             'Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.'
             'openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="'
             'sharedStrings.xml"/></Relationships>')
