"""The Refresh macro as Excel's clients run it, and the xlwings writer's plan of calls.

xlwings Lite and xlwings Server call a script through `xlwings.server.custom_scripts_call`, which
injects the workbook by the parameter's type hint; that module only registers scripts when
XLWINGS_ON_SERVER=true is set before xlwings is imported, so the dispatch runs in a subprocess.
Each action in `book.json()["actions"]` is one round trip in Excel on the web: a Refresh of a
regnskab workbook the size of the BIF example must stay within the budget.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import fields
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from addin.excel import byg_arbejdsbog
from addin.indlaes import laes_workbook_ark
from addin.layout import STILE, Ark, Celle
from addin.skrivere import xlwings_skriver as xs
from conftest import SKABELONER, fyld_skabelon, golden_bif, laes_csv

TESTS = Path(__file__).resolve().parents[1]
INPUTARK = {"Vejledning", "hovedprodukter", "bevillinger", "aktivitet", "Indstillinger"}

_KOERSEL = r'''
import asyncio, json, sys
from pathlib import Path

sys.path.insert(0, sys.argv[1])
import xlwings as xw
import xlwings.server

import addin.excel
from conftest import payload_fra_fil


def koer(fil):
    payload = payload_fra_fil(Path(fil))
    book = xw.Book(json=payload)
    asyncio.run(xlwings.server.custom_scripts_call(
        addin.excel, "refresh_script", typehint_to_value={xw.Book: book}))
    return {"navne": [s["name"] for s in payload["sheets"]],
            "raekker": {s["name"]: len(s["values"]) for s in payload["sheets"]},
            "actions": book.json()["actions"]}


ud = {"scripts": [m["function_name"] for m in xlwings.server.custom_scripts_meta(addin.excel)],
      "ok": koer(sys.argv[2]), "inputfejl": koer(sys.argv[3])}


def uventet(*args, **kwargs):
    raise ZeroDivisionError("division by zero")


addin.excel.byg_arbejdsbog = uventet
ud["uventet"] = koer(sys.argv[2])
Path(sys.argv[4]).write_text(json.dumps(ud, default=str), encoding="utf-8")
'''


@pytest.fixture(scope="module")
def koersler(tmp_path_factory) -> dict:
    """One subprocess: the script dispatched on the filled regnskab template, on one with text
    in an amount cell, and with an unexpected error inside the build."""
    mappe = tmp_path_factory.mktemp("dispatch")
    ok = fyld_skabelon(SKABELONER / "regnskab.xlsx", golden_bif(), mappe / "regnskab.xlsx")
    fejl = fyld_skabelon(SKABELONER / "regnskab.xlsx", golden_bif(), mappe / "fejl.xlsx")
    wb = openpyxl.load_workbook(fejl)
    assert wb["bevillinger"].cell(row=3, column=3).value == "Vedtaget budget"
    wb["bevillinger"].cell(row=4, column=3, value="mange")
    wb.save(fejl)
    koersel = mappe / "koersel.py"
    koersel.write_text(_KOERSEL, encoding="utf-8")
    ud = mappe / "ud.json"
    env = {**os.environ, "XLWINGS_ON_SERVER": "true", "XLWINGS_LICENSE_KEY": "noncommercial"}
    res = subprocess.run([sys.executable, str(koersel), str(TESTS), str(ok), str(fejl), str(ud)],
                         capture_output=True, text=True, env=env, cwd=mappe)
    assert res.returncode == 0, res.stderr
    return json.loads(ud.read_text(encoding="utf-8"))


def _vaerdier(handlinger: list[dict]) -> list:
    return [v for a in handlinger if a["func"] == "setValues"
            for r in a["values"] for v in (r if isinstance(r, list) else [r])]


def test_refresh_script_er_registreret(koersler):
    assert "refresh_script" in koersler["scripts"]


def test_refresh_gennem_dispatch_holder_sig_under_loftet(koersler):
    k = koersler["ok"]
    handlinger, navne = k["actions"], k["navne"]
    n = len(handlinger)
    print(f"handlinger: {n}")
    assert n <= 150
    assert not [a for a in handlinger if a["func"] in ("setFormula", "setFormulaArray", "alert")]
    assert not [v for v in _vaerdier(handlinger) if isinstance(v, str) and v.startswith("=")]
    for a in handlinger:  # the input sheets are not touched; Forklaringer only by setValues
        if a["sheet_position"] is not None and a["sheet_position"] < len(navne):
            assert navne[a["sheet_position"]] not in INPUTARK, a
            if navne[a["sheet_position"]] == "Forklaringer":
                assert a["func"] == "setValues", a
    # one setValues per report sheet: the whole overview at once, with the golden figures
    oversigt = [a for a in handlinger if a["func"] == "setValues"
                and a["sheet_position"] == navne.index("Oversigt")]
    assert len(oversigt) == 1
    raekker = [list(r[:6]) for r in oversigt[0]["values"]]
    bevillinger = laes_csv(golden_bif() / "bevillinger.csv")
    kolonner = ["vedtaget_budget", "tillaegsbevillinger", "korrigeret_budget", "regnskab",
                "afvigelse"]
    for b in bevillinger:
        assert [b["bevilling"], *(int(b[k]) for k in kolonner)] in raekker
    i_alt = ["I alt", *(sum(int(b[k]) for b in bevillinger) for k in kolonner)]
    assert i_alt == ["I alt", 9783526, -37795, 9745731, 9681549, 64182]
    assert i_alt in raekker
    tilfoejet = [a["args"][1] for a in handlinger if a["func"] == "addSheet"]
    assert tilfoejet == ["Service", "Anlæg", "Overførsler mv.", "Finansposter", "Diagrammer"]


def test_kolonnebredder_i_punkter_for_officejs(koersler):
    k = koersler["ok"]
    pos = k["navne"].index("Oversigt")
    bredder = {(a["start_column"], a["column_count"]): a["args"][0] for a in k["actions"]
               if a["func"] == "setColumnWidth" and a["sheet_position"] == pos}
    # the layout's [40, 16, 18, 16, 16, 14] characters, as points: 5.25 * n + 3.75
    assert bredder == {(0, 1): 213.75, (1, 1): 87.75, (2, 1): 98.25, (3, 2): 87.75,
                       (5, 1): 77.25}
    assert xs.bredde_i_punkter(8.43) == pytest.approx(48.0, abs=0.1)  # Excel's default: 64 px


def test_inputfejl_giver_een_dansk_advarsel_og_intet_andet(koersler):
    handlinger = koersler["inputfejl"]["actions"]
    assert [a["func"] for a in handlinger] == ["alert"]
    besked, titel, knapper, *_ = handlinger[0]["args"]
    assert titel == "Regnskab" and knapper == "ok"
    assert "ark 'bevillinger', række 4, kolonne 'Vedtaget budget'" in besked
    assert "'mange' er ikke et tal" in besked
    assert "Projektmappen er ikke ændret" in besked
    assert "Traceback" not in besked and "File \"" not in besked


def test_uventet_fejl_giver_dansk_advarsel_uden_traceback(koersler):
    handlinger = koersler["uventet"]["actions"]
    assert [a["func"] for a in handlinger] == ["alert"]
    besked = handlinger[0]["args"][0]
    assert besked.startswith("Uventet fejl under opdateringen: ZeroDivisionError: division by zero")
    assert "Traceback" not in besked and "File \"" not in besked


# ---------------------------------------------------------------- the plan, without a Book


@pytest.fixture(scope="module")
def bif_rapport(tmp_path_factory):
    fil = fyld_skabelon(SKABELONER / "regnskab.xlsx", golden_bif(),
                        tmp_path_factory.mktemp("plan") / "regnskab.xlsx")
    return byg_arbejdsbog(laes_workbook_ark(fil), fil.name, fil.parent).rapport


def _udfoer(plan: xs.Plan) -> tuple[dict, dict, set]:
    """What Excel holds after the plan: per cell its formats and fill, and the merged cells."""
    format_: dict[tuple[int, int], dict] = {}
    fyld: dict[tuple[int, int], str] = {}
    flettet = {(r, k) for f in plan.flet for r in range(f.r0, f.r1 + 1)
               for k in range(f.c0, f.c1 + 1)}
    for egenskab, f, v in plan.formater:
        for r in range(f.r0, f.r1 + 1):
            for k in range(f.c0, f.c1 + 1):
                format_.setdefault((r, k), dict(xs._STANDARD))[egenskab] = v
    for slags, f, v in plan.fyld:
        for r in range(f.r0, f.r1 + 1):
            for k in range(f.c0, f.c1 + 1):
                farve = v if slags == "farve" else v[r - f.r0][k - f.c0]
                if farve is not ...:
                    fyld[(r, k)] = farve
    return format_, fyld, flettet


def _celler(ark: Ark):
    for r, raekke in enumerate(ark.raekker):
        k = 0
        for c in raekke:
            yield r, k, c
            k += c.flet


@pytest.mark.parametrize("alt", [True, False], ids=["klassisk", "officejs"])
def test_planen_giver_layoutets_udseende(bif_rapport, alt: bool):
    udformning = xs.ALT if alt else xs.udform(bif_rapport.ark, xs.LOFT_OFFICEJS)
    if not alt:
        assert udformning.fed_overskrifter and not udformning.brede_saetninger
    for ark in bif_rapport.ark:
        plan = xs.plan_ark(ark, udformning, farver_pr_celle=not alt)
        format_, fyld, flettet = _udfoer(plan)
        assert len(plan.vaerdier) == len(ark.raekker)
        for r, k, c in _celler(ark):
            stil = STILE[c.stil]
            # fills exactly as the style, blank cells and spanned cells included
            for i in range(k, k + c.flet):
                assert fyld.get((r, i)) == ("#" + stil.fyld if stil.fyld else None), (ark.navn, r, i)
            if c.vaerdi in (None, ""):
                continue
            f = format_.get((r, k), xs._STANDARD)
            sted = (ark.navn, r + 1, k + 1, c.stil, c.vaerdi)
            if isinstance(c.vaerdi, (int, float)):
                assert f["talformat"] == (stil.talformat or "General"), sted
            # a format is either the style's or (left out for Office.js) Excel's default
            for egenskab, stilens in (("fed", stil.fed), ("kursiv", stil.kursiv),
                                      ("stoerrelse", stil.skriftstoerrelse),
                                      ("farve", stil.farve)):
                if alt:
                    assert f[egenskab] == stilens, (egenskab, *sted)
                else:
                    assert f[egenskab] in (stilens, xs._STANDARD[egenskab]), (egenskab, *sted)
            if c.flet > 1 and isinstance(c.vaerdi, str):
                skal = stil.ombryd and r + 1 in ark.hoejder
                # wide sentences: merged and wrapped; else overflowing text never wraps early
                if alt and skal:
                    assert (r, k) in flettet and f["ombryd"], sted
                if (r, k) not in flettet and (alt or not stil.ombryd):
                    assert not f["ombryd"] or len(c.vaerdi) < 40, sted
                if alt and stil.justering == "center" and (r, k) not in flettet:
                    for i in range(k, k + c.flet):
                        assert format_[(r, i)]["justering"] == "center_across_selection", sted
        if udformning.brede_saetninger:
            hoejder = {r: h for r0, r1, h in plan.hoejder for r in range(r0 + 1, r1 + 2)}
            assert hoejder == ark.hoejder, ark.navn
        else:
            assert not plan.hoejder and not plan.flet, ark.navn
        bredder = {k: b for c0, c1, b in plan.bredder for k in range(c0, c1 + 1)}
        assert bredder == dict(enumerate(ark.kolonnebredder)), ark.navn


def test_fuld_formatering_er_langt_billigere_end_celle_for_celle(bif_rapport):
    # before: 1.742 actions, a call per cell and format; classic still gets every format
    kald = sum(xs.plan_ark(a, xs.ALT, farver_pr_celle=False).kald() for a in bif_rapport.ark)
    assert kald < 600


_VAERDIER = st.one_of(st.none(), st.frozensets(st.integers(0, 2), min_size=1))


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 7).flatmap(lambda b: st.lists(st.lists(_VAERDIER, min_size=b, max_size=b),
                                                    min_size=1, max_size=8)))
def test_daek_giver_hver_celle_en_tilladt_vaerdi(accept):
    felter = xs.daek(accept, 0)
    gitter = [[0] * len(accept[0]) for _ in accept]
    for f, v in felter:
        assert v != 0
        for r in range(f.r0, f.r1 + 1):
            for k in range(f.c0, f.c1 + 1):
                gitter[r][k] = v
    for r, raekke in enumerate(accept):
        for k, a in enumerate(raekke):
            assert a is None or gitter[r][k] in a, (r, k)


def test_celleblokke_daekker_praecis_aendringerne():
    aendr = [(r, k, f"{r}-{k}") for r in range(4, 40) for k in (9, 10)]
    aendr += [(40, k, "=ny") for k in range(1, 5)]
    aendr += [(41, 2, None)]
    blokke = xs.celleblokke(aendr)
    assert [(r, k, len(v), len(v[0])) for r, k, v in blokke] == [
        (4, 9, 36, 2), (40, 1, 1, 4), (41, 2, 1, 1)]
    assert blokke[1][2][0][0] == "'=ny" and blokke[2][2] == [[""]]


def test_udformningens_trin_er_dens_felter():
    assert set(xs.TRIN) == {f.name for f in fields(xs.Udformning)}


# ---------------------------------------------------------------- classic Excel, without Excel


class _App:
    def __init__(self) -> None:
        self.screen_updating = True
        self.calculation = "automatic"
        self.statuslinje: list = []
        self.advarsler: list = []
        self.under_skrivning: tuple | None = None

    @property
    def engine(self):
        return type("Engine", (), {"name": "excel"})()

    @property
    def status_bar(self):
        return self.statuslinje[-1] if self.statuslinje else False

    @status_bar.setter
    def status_bar(self, v) -> None:
        self.statuslinje.append(v)

    def alert(self, prompt, title=None, buttons="ok", mode=None, callback=None):
        self.advarsler.append((prompt, title, mode))


class _Bog:
    name = "regnskab.xlsm"
    fullname = "regnskab.xlsm"
    sheets: list = []

    def __init__(self) -> None:
        self.app = _App()


def test_klassisk_main_slukker_og_genskaber_og_advarer_paa_dansk(monkeypatch):
    import addin.excel as excel

    bog = _Bog()
    monkeypatch.setattr(excel.xw.Book, "caller", staticmethod(lambda: bog))
    monkeypatch.setattr(excel, "byg_arbejdsbog", lambda *a: type(
        "Bygget", (), {"rapport": None, "paa_stedet": {}})())

    def skriv(book, rapport, **kw):
        book.app.under_skrivning = (book.app.screen_updating, book.app.calculation)
        kw["fremdrift"]("Oversigt")
        raise RuntimeError("COM-fejl\nmed flere linjer")

    monkeypatch.setattr(excel.xlwings_skriver, "skriv_rapport", skriv)
    excel.main()
    app = bog.app
    assert app.under_skrivning == (False, "manual")
    assert (app.screen_updating, app.calculation) == (True, "automatic")
    assert app.statuslinje[:3] == ["Regnskab: læser inputarkene …", "Regnskab: beregner rapporten …",
                                   "Regnskab: skriver Oversigt …"]
    assert app.statuslinje[-1] is False
    [(besked, titel, mode)] = app.advarsler
    assert besked.startswith("Uventet fejl under opdateringen: RuntimeError: COM-fejl.")
    assert "delvist" in besked and "Traceback" not in besked and "med flere" not in besked
    assert (titel, mode) == ("Regnskab", "critical")


def test_klassisk_inputfejl_advarer_uden_at_skrive(monkeypatch):
    import addin.excel as excel
    from addin.fejl import InputFejl

    bog = _Bog()
    monkeypatch.setattr(excel.xw.Book, "caller", staticmethod(lambda: bog))

    def byg(*a):
        raise InputFejl("'mange' er ikke et tal", ark="bevillinger", raekke=4)

    monkeypatch.setattr(excel, "byg_arbejdsbog", byg)
    excel.main()
    assert bog.app.advarsler == [("ark 'bevillinger', række 4: 'mange' er ikke et tal",
                                  "Regnskab", "critical")]
    assert bog.app.under_skrivning is None and bog.app.statuslinje[-1] is False


def test_klassisk_skriver_kolonnebredder_i_tegn(monkeypatch):
    import xlwings as xw

    monkeypatch.setenv("XLWINGS_LICENSE_KEY", "noncommercial")
    book = xw.Book(json={"client": "Office.js", "version": xw.__version__,
                         "book": {"name": "x.xlsx", "active_sheet_index": 0, "selection": "A1"},
                         "names": [], "sheets": [{"name": "Ark1", "values": [[""]],
                                                  "pictures": [], "tables": []}]})
    ark = Ark("Rapport", kolonnebredder=[40, 16])
    ark.tilfoej(Celle("Titel", "titel"), Celle(1234, "beloeb"))
    xs.skriv_ark(book, ark, klienten="klassisk")
    bredder = [a["args"][0] for a in book.json()["actions"] if a["func"] == "setColumnWidth"]
    assert bredder == [40.0, 16.0]


def test_klassisk_deling_melder_resultat_og_fejl_paa_dansk(monkeypatch, tmp_path: Path):
    """The Del macro saves first (unsaved edits go into the copy), then reports what the copy
    replaced and removed, in one Danish message."""
    import addin.deling
    import addin.excel as excel
    from addin.fejl import RegnskabFejl

    bog = _Bog()
    bog.fullname = str(tmp_path / "regnskab.xlsm")
    gemt = []
    bog.save = lambda: gemt.append(bog.fullname)

    class _Rapport:
        def __int__(self) -> int:
            return 3

        def linjer(self) -> list[str]:
            return ["Fjernet: 1 kommentar"]

    monkeypatch.setattr(excel.xw.Book, "caller", staticmethod(lambda: bog))
    monkeypatch.setattr(addin.deling, "del_fil_rapport", lambda sti, ud: _Rapport())
    excel.share_main()
    ud = tmp_path / "regnskab - deling.xlsx"
    assert gemt == [bog.fullname]
    assert bog.app.advarsler == [
        (f"Delingskopi skrevet: {ud} (3 funktioner erstattet af værdier).\nFjernet: 1 kommentar",
         "Regnskab", "info")]
    assert bog.app.statuslinje == ["Regnskab: skriver delingskopien …", False]

    def afvis(sti, ud):
        raise RegnskabFejl("Kopien skal have et andet navn end originalen.", fil=str(ud))

    monkeypatch.setattr(addin.deling, "del_fil_rapport", afvis)
    bog.app.advarsler.clear()
    excel.share_main()
    assert bog.app.advarsler == [(f"fil {ud}: Kopien skal have et andet navn end originalen.",
                                  "Regnskab", "critical")]
    assert bog.app.statuslinje[-1] is False
