"""The Excel templates: rebuilt byte for byte by the script, with the sheets a controller needs."""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from conftest import ROD, SKABELONER

sys.path.insert(0, str(SKABELONER))
import byg_skabeloner  # noqa: E402

FILER = ["regnskab.xlsx", "regnskab.xlsm", "budgetopfoelgning.xlsx", "budgetopfoelgning.xlsm",
         "balanceafstemning.xlsx", "balanceafstemning.xlsm", "budgetnotat.xlsx",
         "budgetnotat.xlsm", "bevillingsudloeb.xlsx", "bevillingsudloeb.xlsm", "budgetmodel.xlsx",
         "budgetmodel.xlsm", "regnskab.py", "budgetopfoelgning.py", "balanceafstemning.py",
         "budgetnotat.py", "bevillingsudloeb.py", "budgetmodel.py"]


@pytest.fixture(scope="module")
def bygget(tmp_path_factory) -> Path:
    ud = tmp_path_factory.mktemp("skabeloner")
    byg_skabeloner.byg_alle(ud)
    return ud


@pytest.mark.parametrize("navn", FILER)
def test_committede_filer_er_det_scriptet_bygger(bygget: Path, navn: str):
    assert (bygget / navn).read_bytes() == (SKABELONER / navn).read_bytes(), (
        f"{navn} er ikke det, workbook_templates/byg_skabeloner.py bygger: kør scriptet")


@pytest.mark.parametrize("navn", ["regnskab.xlsx", "budgetopfoelgning.xlsm"])
def test_skabelonens_ark(navn: str):
    wb = openpyxl.load_workbook(SKABELONER / navn)
    for ark in ("Vejledning", "hovedprodukter", "bevillinger", "aktivitet", "Forklaringer",
                "Indstillinger", "Oversigt", "Bemærkninger", "Kontrol"):
        assert ark in wb.sheetnames
    hp = wb["hovedprodukter"]
    assert [c.value for c in hp[3]][:5] == ["Styringsområde", "Bevilling", "Niveau", "Kode",
                                            "Navn"]
    assert hp["E2"].value == "Jobcenterdrift"  # the example row, above the header
    assert hp.max_row == 3  # otherwise empty
    assert any("hovedprodukt,funktion" in (d.formula1 or "")
               for d in hp.data_validations.dataValidation)
    indst = {r[0]: r[1] for r in wb["Indstillinger"].iter_rows(min_row=2, values_only=True)}
    assert set(indst) == {"forvaltning", "aar", "enhed", "regelfil"}
    if "budget" in navn:
        assert indst["regelfil"] == "budgetopfoelgning"
        assert [c.value for c in hp[3]][7] == "Forventet regnskab udgift"


def test_xlsm_har_xlwings_vba_og_udf_modul():
    from oletools.olevba import VBA_Parser

    for navn in ("regnskab.xlsm", "budgetopfoelgning.xlsm"):
        sti = SKABELONER / navn
        with zipfile.ZipFile(sti) as z:
            assert "xl/vbaProject.bin" in z.namelist()
        moduler = {m[1].rsplit("/", 1)[-1] for m in VBA_Parser(str(sti)).extract_macros()}
        assert {"xlwings", "Module1"} <= moduler
        wb = openpyxl.load_workbook(sti, keep_vba=True)
        conf = {r[0]: r[1] for r in wb["xlwings.conf"].iter_rows(values_only=True) if r[0]}
        assert conf["UDF Modules"] == "addin.udf"
        # RunPython "import <workbook name>; ....main()": the module beside the workbook
        modul = (SKABELONER / navn).with_suffix(".py").read_text(encoding="utf-8")
        assert "from addin.excel import main" in modul


def test_xlsm_vba_passer_til_den_installerede_xlwings():
    """The VBA declares xlwings64-<version>.dll; Python's xlwings must be that very version."""
    import re

    import xlwings
    from oletools.olevba import VBA_Parser

    xlsm = sorted(SKABELONER.glob("*.xlsm"))
    assert len(xlsm) == 6
    for sti in xlsm:
        kode = "\n".join(m[3] for m in VBA_Parser(str(sti)).extract_macros())
        dll = set(re.findall(r"xlwings(?:32|64)-([0-9.]+)\.dll", kode))
        assert dll == {xlwings.__version__}, (sti.name, dll)
        assert f'XLWINGS_VERSION As String = "{xlwings.__version__}"' in kode, sti.name


def test_rules_findes_for_budgetopfoelgning():
    from addin.regler import indlaes_regler

    r = indlaes_regler(ROD / "rules" / "budgetopfoelgning.yaml")
    assert r.regnskab_betegnelse == "Forventet regnskab"
