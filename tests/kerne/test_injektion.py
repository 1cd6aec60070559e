"""Formula injection: text from input starting with =, +, -, @ or a tab is written as text."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from addin.fejl import RegelFejl
from addin.regler import indlaes_regler
from conftest import kør_cli

NAVNE = ['=HYPERLINK("http://example.com/x","Klik")', "+1+2", "-2+3", "@SUM(A1:A2)",
         "\t=1+1"]


def test_tekst_der_ligner_formler_skrives_som_tekst(tmp_path: Path):
    ind = tmp_path / "input"
    ind.mkdir()
    rows = ["styringsomraade,bevilling,navn,korrigeret_udgift,korrigeret_indtaegt,"
            "regnskab_udgift,regnskab_indtaegt"]
    for i, navn in enumerate(NAVNE):
        citeret = '"' + navn.replace('"', '""') + '"'
        rows.append(f"Service,Administration,{citeret},{100 + i},0,90,0")
    (ind / "hovedprodukter.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    ud = tmp_path / "r.xlsx"
    res = kør_cli("build", str(ind), "--out", str(ud))
    assert res.returncode == 0, res.stderr
    ws = openpyxl.load_workbook(ud)["Service"]
    fundet = {}
    for række in ws.iter_rows():
        c = række[0]
        if isinstance(c.value, str) and c.value.lstrip("\t") in {n.lstrip("\t") for n in NAVNE}:
            fundet.setdefault(c.value, c.data_type)
    # names are stripped of surrounding white space on input; each is text ("s"), never "f"
    assert set(fundet) == {n.strip() for n in NAVNE}
    assert set(fundet.values()) == {"s"}


def test_regelfil_med_python_objekt_afvises(tmp_path: Path):
    tekst = (Path(__file__).resolve().parents[2] / "rules" / "regnskab.yaml").read_text(
        encoding="utf-8")
    sti = tmp_path / "ond.yaml"
    sti.write_text(tekst.replace("navn: Standardregler, regnskab",
                                 "navn: !!python/object/apply:os.system ['touch hacket']"),
                   encoding="utf-8")
    with pytest.raises(RegelFejl) as e:
        indlaes_regler(sti)
    assert e.value.besked.startswith("YAML-mærket '!!python/object/apply:os.system' er ikke "
                                     "tilladt i regelfiler")
    assert e.value.raekke == 5
    assert not (tmp_path / "hacket").exists() and not Path("hacket").exists()
