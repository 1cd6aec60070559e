"""`regnskab share`: a copy for Økonomiforvaltningen with values instead of add-in functions."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl

from conftest import SKABELONER, fyld_skabelon, golden_bif, kør_cli


def test_share_erstatter_udf_kald_og_fjerner_vba(tmp_path: Path):
    fil = fyld_skabelon(SKABELONER / "regnskab.xlsm", golden_bif(), tmp_path / "r.xlsm")
    assert kør_cli("refresh", str(fil)).returncode == 0
    wb = openpyxl.load_workbook(fil, keep_vba=True)
    ws = wb.create_sheet("Mit ark")
    ws["A1"], ws["B1"] = 1261322, 1248813
    ws["C1"] = "=AFVIGELSE(A1,B1)"
    ws["D1"] = "=_xludf.AFVIGELSESTEKST(C1;\"styringsomraade\")"
    ws["E1"] = '=KLASSIFICER(12509, "styringsomraade")'
    ws["F1"] = "=SUM(A1:B1)"  # an ordinary formula stays
    wb.save(fil)
    kopi = tmp_path / "kopi.xlsx"
    res = kør_cli("share", str(fil), "--out", str(kopi))
    assert res.returncode == 0, res.stderr
    assert "3 funktioner erstattet" in res.stdout
    ud = openpyxl.load_workbook(kopi)
    m = ud["Mit ark"]
    assert m["C1"].value == 12509
    # openpyxl-saved files carry no cached values: D1 is computed from C1's computed value
    assert m["D1"].value == "Styringsområdet udviser et mindreforbrug på 12,5 mio. kr."
    assert m["E1"].value == "mindreforbrug"
    assert m["F1"].value == "=SUM(A1:B1)"
    with zipfile.ZipFile(kopi) as z:
        assert "xl/vbaProject.bin" not in z.namelist()
    for ws in ud.worksheets:
        for raekke in ws.iter_rows(values_only=True):
            for v in raekke:
                assert not (isinstance(v, str) and v.startswith("=") and "AFVIGELSE" in v.upper())
    assert ud["Oversigt"]["B6"].value == 1100691


def test_share_vil_ikke_overskrive_originalen(tmp_path: Path):
    fil = fyld_skabelon(SKABELONER / "regnskab.xlsx", golden_bif(), tmp_path / "r.xlsx")
    res = kør_cli("share", str(fil), "--out", str(fil))
    assert res.returncode == 2
    assert "andet navn end originalen" in res.stderr


def test_share_siger_til_naar_en_formel_ikke_kan_beregnes(tmp_path: Path):
    fil = fyld_skabelon(SKABELONER / "regnskab.xlsx", golden_bif(), tmp_path / "r.xlsx")
    wb = openpyxl.load_workbook(fil)
    wb["Oversigt"]["H2"] = "=MIO_KR(SUM(B6:B8))"
    wb.save(fil)
    kopi = tmp_path / "kopi.xlsx"
    res = kør_cli("share", str(fil), "--out", str(kopi))
    assert res.returncode == 2
    assert res.stderr.startswith(f"Fejl: fil {fil}, ark 'Oversigt', række 2, kolonne 'H': "
                                 "Formlen =MIO_KR(SUM(B6:B8)) har ingen gemt værdi")
    assert not kopi.exists()
