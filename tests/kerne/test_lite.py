"""xlwings Lite: the lite/main.py a controller pastes, driven through xlwings' own dispatch with
python-calamine unavailable (Pyodide has no build of it), and the openpyxl reading fallback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from addin.indlaes import laes_workbook_ark
from conftest import ROD, SKABELONER, fyld_skabelon, golden_bif, laes_csv

_KOERSEL = r'''
import asyncio, importlib.util, json, sys
from pathlib import Path

sys.modules["python_calamine"] = None  # as in Pyodide: importing it fails
sys.path.insert(0, sys.argv[1])
import xlwings as xw
import xlwings.server

spec = importlib.util.spec_from_file_location("main", sys.argv[2])
main = importlib.util.module_from_spec(spec)
spec.loader.exec_module(main)
from conftest import payload_fra_fil

book = xw.Book(json=payload_fra_fil(Path(sys.argv[3])))
asyncio.run(xlwings.server.custom_scripts_call(main, "refresh", typehint_to_value={xw.Book: book}))
funktion = asyncio.run(xlwings.server.custom_functions_call(
    {"func_name": "AFVIGELSE", "args": [[[1000], [2000]], [[800], [2500]]],
     "version": xw.__version__, "client": "Office.js", "runtime": "1.4",
     "culture_info_name": "da-DK", "date_format": "dd-mm-yyyy"}, main))
print(json.dumps({
    "scripts": [m["function_name"] for m in xlwings.server.custom_scripts_meta(main)],
    "funktioner": sorted(m["id"] for m in xlwings.server.custom_functions_meta(main)["functions"]),
    "actions": book.json()["actions"], "funktion": funktion,
    "calamine": "python_calamine" in sys.modules and sys.modules["python_calamine"] is not None,
}, default=str))
'''


def test_lite_main_opdaterer_og_regner_uden_calamine(tmp_path: Path):
    fil = fyld_skabelon(SKABELONER / "regnskab.xlsx", golden_bif(), tmp_path / "regnskab.xlsx")
    koersel = tmp_path / "koersel.py"
    koersel.write_text(_KOERSEL, encoding="utf-8")
    miljoe = dict(os.environ, XLWINGS_ON_SERVER="true", XLWINGS_LICENSE_KEY="noncommercial")
    res = subprocess.run([sys.executable, str(koersel), str(ROD / "tests"),
                          str(ROD / "lite" / "main.py"), str(fil)],
                         capture_output=True, text=True, env=miljoe, cwd=tmp_path)
    assert res.returncode == 0, res.stderr[-3000:]
    ud = json.loads(res.stdout)
    assert ud["scripts"] == ["refresh"]
    assert {"AFVIGELSE", "KLASSIFICER", "MIO_KR", "PRISMAENGDETEKST"} <= {
        f.upper() for f in ud["funktioner"]}
    assert not ud["calamine"]
    assert not [a for a in ud["actions"] if a["func"] == "alert"]
    vaerdier = [v for a in ud["actions"] if a["func"] == "setValues" for r in a["values"]
                for v in r]
    # BIF Regnskab 2024, the overview's I alt (1.000 kr.): tests/data/bif-regnskab-2024
    i_alt = [r for r in laes_csv(golden_bif() / "bevillinger.csv")]
    assert sum(int(r["vedtaget_budget"]) for r in i_alt) in vaerdier
    assert ud["funktion"] == [[200], [-500]]


def test_openpyxl_laeser_de_samme_ark_som_calamine(tmp_path: Path, monkeypatch):
    fil = fyld_skabelon(SKABELONER / "regnskab.xlsx", golden_bif(), tmp_path / "r.xlsx")
    med = laes_workbook_ark(fil)
    monkeypatch.setitem(sys.modules, "python_calamine", None)
    uden = laes_workbook_ark(fil)
    assert med.keys() == uden.keys()

    def rens(rows):
        ud = [[None if v == "" else v for v in r] for r in rows]
        while ud and all(v is None for v in ud[-1]):
            ud.pop()
        return [r[:9] for r in ud]

    for navn in med:
        assert rens(med[navn]) == rens(uden[navn]), navn


def test_lite_mappen_indeholder_det_brugeren_indsaetter():
    krav = (ROD / "lite" / "requirements.txt").read_text(encoding="utf-8")
    assert "regnskab-addin" in krav.split()
    assert "python-calamine" not in krav
