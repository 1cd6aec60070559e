"""The kommune overview as a report kind: the bundled example, the template refreshed in place
(the workbook lying among the reports), the folder named in the workbook, and Excel on the web."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from addin.data import eksempel
from addin.rapporter.regnskab.byg import byg_regnskab
from conftest import DATA, ROD, SKABELONER, ark_vaerdier, kør_cli

EKSEMPEL = eksempel("kommune-2024")


def _i_alt(rows: list[list]) -> list:
    rows = [r for r in rows if any(v is not None for v in r)]
    assert rows[-1][0] == "I alt"
    return list(rows[-1][1:6])


@pytest.mark.parametrize("fil,kilde", [("BIF regnskab 2024.xlsx", None),
                                       ("KFF regnskab 2024.xlsx", "kff-regnskab-2024")])
def test_eksemplets_rapporter_svarer_til_en_frisk_bygning(fil: str, kilde: str | None):
    """The bundled reports (tests/data/samle/lav_eksempel.py) still show what the engine computes
    from their input today."""
    frisk = byg_regnskab(eksempel("bif-regnskab-2024") if kilde is None
                         else DATA / "samle" / kilde).rapport.find("Oversigt").vaerdier()
    assert _i_alt(ark_vaerdier(EKSEMPEL / "rapporter" / fil)["Oversigt"]) == _i_alt(frisk)


def _skabelon(tmp: Path, endelse: str = ".xlsx", mappe: str = "indsendt") -> Path:
    """The kommune template with the folder typed in, the example's reports in that folder and
    a copy of the workbook itself among them (it must be skipped)."""
    (tmp / "indsendt").mkdir(parents=True)
    for f in (EKSEMPEL / "rapporter").glob("*.xlsx"):
        shutil.copy(f, tmp / "indsendt" / f.name)
    wb = openpyxl.load_workbook(SKABELONER / f"kommuneoversigt{endelse}",
                                keep_vba=endelse == ".xlsm")
    wb["samling"]["A4"] = mappe
    sti = tmp / f"kommune{endelse}"
    wb.save(sti)
    return sti


@pytest.mark.parametrize("endelse", [".xlsx", ".xlsm"])
def test_skabelonen_opdateres_to_gange_paa_stedet(tmp_path: Path, endelse: str):
    bog = _skabelon(tmp_path, endelse)
    for _ in range(2):
        res = kør_cli("refresh", str(bog))
        assert res.returncode == 0, res.stderr
        shutil.copy(bog, tmp_path / "indsendt" / f"kommune-kopi{endelse}")  # skipped next time
    ark = ark_vaerdier(bog)
    assert [n for n in ark if n != "xlwings.conf"][:3] == ["Vejledning", "samling",
                                                          "Indstillinger"]
    assert ark["samling"][3][0] == "indsendt"  # the controller's input is left as typed
    oversigt = ark["Kommuneoversigt"]
    assert [r[0] for r in oversigt if r[0] in ("Beskæftigelses- og Integrationsforvaltningen",
                                               "Kultur- og Fritidsforvaltningen")][:2] == [
        "Beskæftigelses- og Integrationsforvaltningen", "Kultur- og Fritidsforvaltningen"]
    i_alt = next(r for r in oversigt if r[0] == "I alt")
    assert i_alt[1:6] == [10_663_526, -12_795, 10_650_731, 10_556_049, 94_682]
    assert sum(1 for n in ark if n.startswith("Status ")) == 2
    assert "Kommuneoversigt" in res.stdout or "Kontroller:" in res.stdout


def test_build_check_og_word_paa_eksemplet(tmp_path: Path):
    res = kør_cli("build", str(EKSEMPEL), "--out", str(tmp_path / "k.xlsx"))
    assert res.returncode == 0, res.stderr
    # BIF's copy reads as unchanged since its Refresh (its stamp's hash includes the rule text:
    # after a change to rules/regnskab.yaml, run python tests/data/samle/lav_eksempel.py)
    assert res.stdout.splitlines()[-1] == "Kontroller: 9 ok, 4 advarsler, 1 fejl", res.stdout
    res = kør_cli("export-docx", str(EKSEMPEL), "--out", str(tmp_path / "k.docx"))
    assert res.returncode == 0, res.stderr
    from docx import Document

    tekst = [p.text for p in Document(str(tmp_path / "k.docx")).paragraphs]
    assert "Kommunen udviser et mindreforbrug på 94,7 mio. kr." in tekst
    assert "Kultur- og Fritidsforvaltningen – Regnskab 2024" in tekst


@pytest.mark.parametrize("mappe,ord_", [("/tmp", "fuld sti"), ("../andet", "'..'"),
                                        ("findes-ikke", "findes ikke")])
def test_mappen_i_projektmappen_skal_ligge_ved_siden_af(tmp_path: Path, mappe: str, ord_: str):
    bog = _skabelon(tmp_path, mappe=mappe)
    res = kør_cli("refresh", str(bog))
    assert res.returncode == 2
    assert "ark 'samling', række 4, kolonne 'mappe'" in res.stderr and ord_ in res.stderr
    assert "Uventet fejl" not in res.stderr


_WEB = r'''
import asyncio, json, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
import xlwings as xw
import xlwings.server
import addin.excel
from conftest import payload_fra_fil

book = xw.Book(json=payload_fra_fil(Path(sys.argv[2])))
asyncio.run(xlwings.server.custom_scripts_call(addin.excel, "refresh_script",
                                               typehint_to_value={xw.Book: book}))
print(json.dumps(book.json()["actions"]))
'''


def test_excel_i_browseren_faar_en_dansk_besked(tmp_path: Path):
    """On the web the workbook has no folder on disk: one Danish alert, the book unchanged."""
    bog = _skabelon(tmp_path)
    env = dict(os.environ, XLWINGS_ON_SERVER="true", XLWINGS_LICENSE_KEY="noncommercial")
    res = subprocess.run([sys.executable, "-c", _WEB, str(ROD / "tests"), str(bog)],
                         capture_output=True, text=True, env=env, cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    handlinger = json.loads(res.stdout.splitlines()[-1])
    assert [a["func"] for a in handlinger] == ["alert"]
    assert "Excel i browseren" in handlinger[0]["args"][0]
