"""The Excel templates: rebuilt byte for byte by the script, with the sheets a controller needs."""

from __future__ import annotations

import re
import shutil
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from conftest import ROD, SKABELONER

sys.path.insert(0, str(SKABELONER))
import byg_skabeloner  # noqa: E402

NAVNE = ["regnskab", "budgetopfoelgning", "balanceafstemning", "budgetnotat", "bevillingsudloeb",
         "budgetmodel", "budgetgaranti", "kommuneoversigt"]
FILER = [f"{n}{e}" for n in NAVNE for e in (".xlsx", ".xlsm")]
XLSM = [f"{n}.xlsm" for n in NAVNE]
REFRESH = "from addin.excel import main; main()"
DEL = "from addin.excel import share_main; share_main()"


@pytest.fixture(scope="module")
def bygget(tmp_path_factory) -> Path:
    ud = tmp_path_factory.mktemp("skabeloner")
    byg_skabeloner.byg_alle(ud)
    return ud


@pytest.mark.parametrize("navn", FILER)
def test_committede_filer_er_det_scriptet_bygger(bygget: Path, navn: str):
    assert (bygget / navn).read_bytes() == (SKABELONER / navn).read_bytes(), (
        f"{navn} er ikke det, workbook_templates/byg_skabeloner.py bygger: kør scriptet")


def test_scriptet_bygger_kun_skabelonerne(bygget: Path):
    """No Python file beside a template: the macros call the package, not `import <name>`."""
    assert sorted(p.name for p in bygget.iterdir()) == sorted(FILER)
    assert sorted(p.name for p in SKABELONER.iterdir() if p.is_file()) == \
        sorted(FILER + ["byg_skabeloner.py"])


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
    runde = {"runde"} if "budget" in navn else set()
    assert set(indst) == {"forvaltning", "aar", "enhed", "regelfil"} | runde
    if "budget" in navn:
        assert indst["regelfil"] == "budgetopfoelgning"
        assert [c.value for c in hp[3]][7] == "Forventet regnskab udgift"


def _moduler(sti: Path) -> dict[str, str]:
    """VBA module name -> source, as oletools reads the project."""
    from oletools.olevba import VBA_Parser

    parser = VBA_Parser(str(sti))
    try:
        return {m[2].rsplit(".", 1)[0]: m[3] for m in parser.extract_macros()}
    finally:
        parser.close()


def _subs(kode: str) -> dict[str, list[str]]:
    """Sub name -> its body lines (stripped), for the subs of one module."""
    subs: dict[str, list[str]] = {}
    navn = None
    for linje in kode.splitlines():
        linje = linje.strip()
        if m := re.fullmatch(r"(?:Public\s+)?Sub\s+(\w+)\s*\(\s*\)", linje, re.I):
            navn = m.group(1)
            subs[navn] = []
        elif re.fullmatch(r"End\s+Sub", linje, re.I):
            navn = None
        elif navn and linje:
            subs[navn].append(linje)
    return subs


def _runpython(kode: str) -> list[str]:
    """The Python commands of the RunPython calls in a module (string literals only)."""
    return re.findall(r'^\s*RunPython\s*\(?\s*"([^"]*)"\s*\)?\s*$', kode, re.M)


@pytest.mark.parametrize("navn", XLSM)
def test_xlsm_har_refresh_og_del_der_kalder_pakken(navn: str):
    sti = SKABELONER / navn
    with zipfile.ZipFile(sti) as z:
        assert "xl/vbaProject.bin" in z.namelist()
    moduler = _moduler(sti)
    assert set(moduler) == {"ThisWorkbook", "Sheet1", "Sheet2", byg_skabeloner.VBA_MODUL,
                            "xlwings", "Dictionary"}
    subs = _subs(moduler[byg_skabeloner.VBA_MODUL])
    assert subs == {"Refresh": [f'RunPython "{REFRESH}"'], "Del": [f'RunPython "{DEL}"']}
    # no other module defines Refresh or Del (Alt+F8 would list them twice)
    for modul, kode in moduler.items():
        if modul != byg_skabeloner.VBA_MODUL:
            assert not {"refresh", "del"} & {s.lower() for s in _subs(kode)}, modul


@pytest.mark.parametrize("navn", XLSM)
def test_vba_afhaenger_ikke_af_filnavnet(navn: str):
    """Nothing builds `import <workbook name>`: the quickstart's SampleCall is gone."""
    alt = "\n".join(_moduler(SKABELONER / navn).values())
    stamme = navn.removesuffix(".xlsm")
    assert "SampleCall" not in alt
    assert f"import {stamme}" not in alt
    assert not re.search(r'"import\s*"\s*&', alt)  # "import " & <name>
    for modul, kode in _moduler(SKABELONER / navn).items():
        if modul != "xlwings":  # the library itself passes ThisWorkbook.Name to Python as --wb
            assert not re.search(r"(ThisWorkbook|ActiveWorkbook)\.(Full)?Name", kode), modul
            assert set(_runpython(kode)) <= {REFRESH, DEL}, modul


def test_kopi_med_mellemrum_i_navnet_kalder_stadig_pakken(tmp_path: Path):
    """Renamed to 'Regnskab 2024 (kopi).xlsm' the macros run the same Python command.

    RunPython hands the command to `python -c`: it must be valid Python that imports from the
    package, whatever the file is called. The quickstart's SampleCall built
    `import Regnskab 2024 (kopi);Regnskab 2024 (kopi).main()` from the file name: a SyntaxError.
    """
    import importlib

    kopi = tmp_path / "Regnskab 2024 (kopi).xlsm"
    shutil.copyfile(SKABELONER / "regnskab.xlsm", kopi)
    moduler = _moduler(kopi)
    assert moduler == _moduler(SKABELONER / "regnskab.xlsm")
    kommandoer = _runpython(moduler[byg_skabeloner.VBA_MODUL])
    assert kommandoer == [REFRESH, DEL]
    alt = "\n".join(moduler.values())
    assert "Regnskab 2024" not in alt and "kopi" not in alt
    for kommando in kommandoer:
        compile(kommando, "<RunPython>", "exec")
        m = re.fullmatch(r"from ([\w.]+) import (\w+); (\w+)\(\)", kommando)
        assert m and m.group(2) == m.group(3)
        assert callable(getattr(importlib.import_module(m.group(1)), m.group(2)))
    gammel = kopi.stem  # what SampleCall did: Left(Name, InStrRev(Name, ".") - 1)
    with pytest.raises(SyntaxError):
        compile(f"import {gammel};{gammel}.main()", "<RunPython>", "exec")


@pytest.mark.parametrize("navn", XLSM)
def test_xlwings_conf_har_kun_udf_modulet(navn: str):
    """A present row beats the ribbon even when empty: only what differs from the defaults."""
    wb = openpyxl.load_workbook(SKABELONER / navn, keep_vba=True)
    conf = wb["xlwings.conf"]
    assert conf.sheet_state == "hidden"
    assert [r for r in conf.iter_rows(values_only=True) if any(v is not None for v in r)] == \
        [("UDF Modules", "addin.udf")]
    assert "_xlwings.conf" not in wb.sheetnames


@pytest.mark.parametrize("navn", NAVNE)
def test_vejledningen_siger_alt_f8(navn: str):
    for endelse in (".xlsx", ".xlsm"):
        wb = openpyxl.load_workbook(SKABELONER / f"{navn}{endelse}", keep_vba=endelse == ".xlsm")
        tekst = "\n".join(str(c.value) for c in wb["Vejledning"]["A"] if c.value)
        assert "Alt+F8 > Refresh" in tekst and "Alt+F8 > Del" in tekst
        assert "Run main" not in tekst and "SampleCall" not in tekst


def test_xlsm_vba_passer_til_den_installerede_xlwings():
    """The VBA declares xlwings64-<version>.dll; Python's xlwings must be that very version."""
    import xlwings
    from oletools.olevba import VBA_Parser

    xlsm = sorted(SKABELONER.glob("*.xlsm"))
    assert len(xlsm) == len(NAVNE)
    for sti in xlsm:
        kode = "\n".join(m[3] for m in VBA_Parser(str(sti)).extract_macros())
        dll = set(re.findall(r"xlwings(?:32|64)-([0-9.]+)\.dll", kode))
        assert dll == {xlwings.__version__}, (sti.name, dll)
        assert f'XLWINGS_VERSION As String = "{xlwings.__version__}"' in kode, sti.name


def test_rules_findes_for_budgetopfoelgning():
    from addin.regler import indlaes_regler

    r = indlaes_regler(ROD / "rules" / "budgetopfoelgning.yaml")
    assert r.regnskab_betegnelse == "Forventet regnskab"
