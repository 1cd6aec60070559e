"""The worksheet functions driven the way Excel's clients drive them (xlwings 0.37.8).

Lite/Server (Office.js): `xlwings.server.custom_functions_call(data, addin.udf)` with each
argument as Office.js sends it (a list of rows; a single cell [[x]]; an omitted optional
argument null), and the function metadata Excel registers (`custom_functions_meta`).
Classic (Windows, VBA): `xlwings.udfs.generate_vba_wrapper` and `import_udfs`, which write the
VBA wrappers and set the function help with Application.MacroOptions.

xlwings chooses its decorators when first imported (XLWINGS_ON_SERVER, the platform), and other
tests in this process may already have imported it, so each client runs in its own Python
process (a driver below) that reports JSON.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from addin import udf
from conftest import ROD

FUNKTIONER = ("AFVIGELSE", "KLASSIFICER", "FORKLARINGSKRAV", "AFVIGELSESTEKST", "MIO_KR",
              "MAENGDEEFFEKT", "PRISEFFEKT", "PRISMAENGDETEKST")
ARGUMENTER = {
    "AFVIGELSE": ["korrigeret", "regnskab"],
    "KLASSIFICER": ["afvigelse", "niveau"],
    "FORKLARINGSKRAV": ["afvigelse", "korrigeret", "niveau"],
    "AFVIGELSESTEKST": ["afvigelse", "niveau"],
    "MIO_KR": ["tkr"],
    "MAENGDEEFFEKT": ["budget_antal", "regnskab_antal", "budget_pris", "regnskab_pris"],
    "PRISEFFEKT": ["budget_antal", "regnskab_antal", "budget_pris", "regnskab_pris"],
    "PRISMAENGDETEKST": ["budget_antal", "regnskab_antal", "budget_pris", "regnskab_pris"],
}
VALGFRIE = {"KLASSIFICER": {"niveau"}, "FORKLARINGSKRAV": {"niveau"},
            "AFVIGELSESTEKST": {"niveau"}, "MAENGDEEFFEKT": {"regnskab_pris"}}

_SERVER = r'''
import asyncio, json, os, sys
os.environ["XLWINGS_ON_SERVER"] = "true"
os.environ["XLWINGS_LICENSE_KEY"] = "noncommercial"
import xlwings as xw
import xlwings.server
from addin import udf

def kald(navn, args):
    data = {"func_name": navn, "args": args, "version": xw.__version__, "client": "Office.js",
            "runtime": "1.4", "culture_info_name": "da-DK", "date_format": "dd-mm-yyyy"}
    try:
        return {"resultat": asyncio.run(xlwings.server.custom_functions_call(data, udf))}
    except Exception as e:
        return {"undtagelse": repr(e)}

kaldene = json.load(sys.stdin)
print(json.dumps({"resultater": [kald(n, a) for n, a in kaldene],
                  "meta": xlwings.server.custom_functions_meta(udf),
                  "func": xw.func.__module__}))
'''

_KLASSISK = r'''
import io, json, os, sys, types
os.environ.pop("XLWINGS_ON_SERVER", None)
os.environ.pop("XLWINGS_LICENSE_KEY", None)

# xlwings/udfs.py imports pywin32 at the top; these stubs carry what it touches on import
# and in generate_vba_wrapper/import_udfs.
pythoncom = types.ModuleType("pythoncom")
pythoncom.CoInitialize = lambda: None
pythoncom.IID_IDispatch = None
pywintypes = types.ModuleType("pywintypes")
class com_error(Exception):
    pass
pywintypes.com_error = com_error
win32com = types.ModuleType("win32com")
client = types.ModuleType("win32com.client")
client.Dispatch = lambda *a, **k: None
win32com.client = client
sys.modules.update({"pythoncom": pythoncom, "pywintypes": pywintypes, "win32com": win32com,
                    "win32com.client": client})

import xlwings as xw
import xlwings.udfs as udfs
# What xlwings/__init__.py binds on Windows with pywin32
xw.func, xw.arg, xw.ret = udfs.xlfunc, udfs.xlarg, udfs.xlret
from addin import udf

vba_import, makrooptioner = [], []

class Komponenter:
    def __call__(self, navn):
        raise com_error("ingen modul " + navn)
    def Remove(self, komponent):
        pass
    def Import(self, sti):
        with open(sti, encoding="utf-8") as f:
            vba_import.append(f.read())

class Program:
    Version = "16.0"
    def MacroOptions(self, makro, **kw):
        makrooptioner.append({"makro": makro, **kw})

class Projektmappe:
    Name = "regnskab.xlsm"
    Application = Program()
    VBProject = types.SimpleNamespace(VBComponents=Komponenter())

# get_udf_module would open the workbook through COM; hand it the module as if cached
udfs.udf_modules["addin.udf"] = {"filename": udf.__file__, "filetime": None, "module": udf}
ud = io.StringIO()
udfs.generate_vba_wrapper("addin.udf", udf, ud, Projektmappe())
udfs.import_udfs("addin.udf", Projektmappe())
print(json.dumps({
    "vba": ud.getvalue(), "vba_import": vba_import, "makrooptioner": makrooptioner,
    "pro": udfs.__pro__, "func": xw.func.__module__,
    "xlfunc": {n: {"category": getattr(udf, n).__xlfunc__["category"],
                   "args": [a["name"] for a in getattr(udf, n).__xlfunc__["args"]],
                   "options": [a["options"] for a in getattr(udf, n).__xlfunc__["args"]]}
               for n in udf.UDF_NAVNE},
}, default=str))
'''


def _koer(kode: str, stdin: str = "") -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("XLWINGS_ON_SERVER",
                                                              "XLWINGS_LICENSE_KEY")}
    p = subprocess.run([sys.executable, "-c", kode], input=stdin, capture_output=True,
                       text=True, cwd=ROD, env=env, timeout=120)
    assert p.returncode == 0, p.stderr
    return json.loads(p.stdout.strip().splitlines()[-1])  # import_udfs prints a line first


# The calls, each argument as Office.js sends it, and the exact result Excel gets back.
CELLE = [[1000]]
DIV0 = {"type": "Error", "errorType": "Div0", "basicValue": "#DIV/0!"}  # an error value in a cell
UKENDT = "#FEJL: ukendt niveau 'afdeling' (brug " + ", ".join(udf.NIVEAUER) + ")"
FLEKSJOB = ("Antallet af ydelsesmodtagere er 28 fuldtidspersoner lavere end budgetteret. Det "
            "betyder, at udgifterne er faldet med 3,0 mio. kr. Den gennemsnitlige udgift pr. "
            "fuldtidsperson er 1.477 kr. højere end budgetteret. Det betyder, at udgifterne er "
            "vokset med 6,5 mio. kr.")
KALD = [
    # (function, args, result) -- default rules: afvigelse = korrigeret - regnskab
    ("AFVIGELSE", [[[1000]], [[800]]], [[200]]),                                       # a cell
    ("AFVIGELSE", [[[1000], [2000]], [[800], [2500]]], [[200], [-500]]),               # a column
    ("AFVIGELSE", [[[1000, 2000]], [[800, 2500]]], [[200, -500]]),                     # a row
    ("AFVIGELSE", [[[1000, 2000], [3000, 4000]], [[800, 2500], [3000, 3950]]],
     [[200, -500], [0, 50]]),                                                          # a block
    ("AFVIGELSE", [[[1000], [2000]], [[500]]], [[500], [1500]]),                       # range, cell
    ("AFVIGELSE", [[[5000]], [[1000, 2000]]], [[4000, 3000]]),                         # cell, range
    ("AFVIGELSE", [[["1.234,5"]], [[234.5]]], [[1000]]),                               # Danish text
    ("AFVIGELSE", [[["1.261.322"], ["-1.000"]], [["1.248.813"], [0]]], [[12509], [-1000]]),
    ("AFVIGELSE", [[[None]], [[800]]], [["#FEJL: korrigeret mangler (tom celle)"]]),  # empty cell
    ("AFVIGELSE", [[[1000], [2000]], [[800], [""]]],
     [[200], ["#FEJL: regnskab mangler (tom celle)"]]),                                # empty in range
    ("AFVIGELSE", [[[1000], [None]], [[800], [None]]],
     [[200], ["#FEJL: korrigeret mangler (tom celle)"]]),
    ("AFVIGELSE", [[[DIV0]], [[800]]], [["#FEJL: korrigeret er fejlværdien #DIV/0!"]]),  # #DIV/0!
    ("AFVIGELSE", [[[1000], [DIV0]], [[800], [1]]],
     [[200], ["#FEJL: korrigeret er fejlværdien #DIV/0!"]]),
    ("AFVIGELSE", [[["abc"]], [[1]]], [["#FEJL: korrigeret skal være et tal, ikke 'abc'"]]),
    ("AFVIGELSE", [[[True]], [[1]]], [["#FEJL: korrigeret skal være et tal, ikke SAND/FALSK"]]),
    ("AFVIGELSE", [[[1, 2]], [[1], [2]]], [["#FEJL: områderne har forskellig størrelse"]]),
    ("AFVIGELSE", [[[1], [2], [3]], [[1], [2]]], [["#FEJL: områderne har forskellig størrelse"]]),
    ("KLASSIFICER", [[[3198], [-50], [49], [0]], None],
     [["mindreforbrug"], ["merforbrug"], ["ingen væsentlig afvigelse"], ["ingen afvigelse"]]),
    ("KLASSIFICER", [[[-50]], [["bevilling"]]], [["merforbrug"]]),
    ("KLASSIFICER", [[[-50]], [[None]]], [["merforbrug"]]),                  # empty niveau cell
    ("KLASSIFICER", [[[-50, 100]], [["bevilling", "afdeling"]]], [["merforbrug", UKENDT]]),
    ("KLASSIFICER", [[[38, 0, -14115]], [["Område"]]],
     [["ingen væsentlig afvigelse", "ingen afvigelse", "merforbrug"]]),
    ("KLASSIFICER", [[["#FEJL: korrigeret mangler (tom celle)"]], None],    # passed on as it is
     [["#FEJL: korrigeret mangler (tom celle)"]]),
    ("FORKLARINGSKRAV", [[[925]], [[4831]], None], [[True]]),
    ("FORKLARINGSKRAV", [[[50], [49]], [[1000]], [["hovedprodukt"]]], [[True], [False]]),
    ("FORKLARINGSKRAV", [[[11971]], [[1098899]], [["bevilling"]]], [[False]]),
    ("AFVIGELSESTEKST", [[[3200]], [["hovedprodukt"]]],
     [["Hovedproduktet udviser et mindreforbrug på 3,2 mio. kr."]]),
    ("AFVIGELSESTEKST", [[[-14115], [3056]], [["hovedprodukt"], ["styringsområde"]]],
     [["Hovedproduktet udviser et merforbrug på 14,1 mio. kr."],
      ["Styringsområdet udviser et mindreforbrug på 3,1 mio. kr."]]),
    ("AFVIGELSESTEKST", [[[-144]], [["område"]]],
     [["Området udviser et merforbrug på 0,1 mio. kr."]]),
    ("MIO_KR", [[[12509]]], [["12,5 mio. kr."]]),
    ("MIO_KR", [[[1995, -250]]], [["2,0 mio. kr.", "0,3 mio. kr."]]),
    ("MIO_KR", [[[None]]], [["#FEJL: beløb mangler (tom celle)"]]),
    ("MAENGDEEFFEKT", [[[4400]], [[4372]], [[108342]], [[109819]]], [[-3033576]]),
    ("MAENGDEEFFEKT", [[[4400]], [[4372]], [[108342]], None], [[-3033576]]),
    ("MAENGDEEFFEKT", [[[4400], [100]], [[4372], [110]], [[108342]], None],
     [[-3033576], [1083420]]),
    ("PRISEFFEKT", [[[4400]], [[4372]], [[108342]], [[109819]]], [[6457444]]),
    ("PRISEFFEKT", [[[4400]], [[4372]], [[108342]], [[None]]],
     [["#FEJL: regnskab_pris mangler (tom celle)"]]),
    ("PRISMAENGDETEKST", [[[4400]], [[4372]], [[108342]], [[109819]]], [[FLEKSJOB]]),
    ("PRISMAENGDETEKST", [[[4400], [4400]], [[4372], ["x"]], [[108342]], [[109819]]],
     [[FLEKSJOB], ["#FEJL: regnskab_antal skal være et tal, ikke 'x'"]]),
]


@pytest.fixture(scope="module")
def server() -> dict:
    return _koer(_SERVER, json.dumps([[n, a] for n, a, _ in KALD]))


@pytest.fixture(scope="module")
def klassisk() -> dict:
    return _koer(_KLASSISK)


def test_kaldene_dispatcher_til_de_rigtige_resultater(server):
    assert server["func"] == "xlwings.pro.udfs_officejs"  # the Lite/Server decorators
    forkerte = []
    for (navn, args, forventet), svar in zip(KALD, server["resultater"]):
        if svar != {"resultat": forventet}:
            forkerte.append((navn, args, forventet, svar))
    assert not forkerte, "\n".join(map(repr, forkerte))


def test_alle_funktioner_er_med_i_kaldene():
    assert {n for n, _, _ in KALD} == set(FUNKTIONER) == set(udf.UDF_NAVNE)


def test_server_metadata_uden_caller_og_med_dansk_hjaelp(server):
    funktioner = {f["id"]: f for f in server["meta"]["functions"]}
    assert set(funktioner) == set(FUNKTIONER)
    for navn, f in funktioner.items():
        assert f["name"] == navn
        assert f["description"] == getattr(udf, navn).__doc__
        assert "\n" not in f["description"] and len(f["description"]) <= 255
        assert [p["name"] for p in f["parameters"]] == ARGUMENTER[navn]
        assert {p["name"] for p in f["parameters"] if p.get("optional")} == \
            VALGFRIE.get(navn, set())
        for p in f["parameters"]:
            assert p["name"] != "caller"
            assert "Positional argument" not in p["description"]
            assert p["description"] and len(p["description"]) <= 255
            assert p["dimensionality"] == "matrix"
    assert "caller" not in json.dumps(server["meta"])


def test_klassisk_vba_har_caller_skjult_og_dansk_hjaelp(klassisk):
    assert klassisk["func"] == "xlwings.udfs"
    assert klassisk["pro"] is False  # classic without a licence key: the open-source route
    vba = klassisk["vba"]
    assert klassisk["vba_import"] and vba in klassisk["vba_import"][0]
    assert "Positional argument" not in vba
    for navn in FUNKTIONER:
        args = ARGUMENTER[navn]
        valgfri = VALGFRIE.get(navn, set())
        signatur = ", ".join(("Optional " if a in valgfri else "") + a for a in args)
        assert f"Function {navn}({signatur})\n" in vba
        xlf = klassisk["xlfunc"][navn]
        assert xlf["category"] == "Regnskab"
        har_caller = xlf["args"][-1] == "caller"
        assert xlf["args"] == args + (["caller"] if har_caller else [])
        assert all(o.get("ndim") == 2 and o.get("err_to_str") is True
                   for a, o in zip(xlf["args"], xlf["options"]) if a != "caller")
        kald = ", ".join(args + (["Nothing"] if har_caller else []))
        assert (f'{navn} = XLPy.CallUDF("addin.udf", "{navn}", Array({kald}), ThisWorkbook, '
                "Application.Caller)") in vba
    # the functions that read rules get the calling cell in classic Excel
    assert {n for n in FUNKTIONER if klassisk["xlfunc"][n]["args"][-1] == "caller"} == \
        {"AFVIGELSE", "KLASSIFICER", "FORKLARINGSKRAV", "AFVIGELSESTEKST", "PRISMAENGDETEKST"}


def test_klassisk_funktionshjaelp_via_macrooptions(klassisk):
    muligheder = {m["makro"]: m for m in klassisk["makrooptioner"]}
    assert set(muligheder) == {f"'regnskab.xlsm'!{n}" for n in FUNKTIONER}
    for navn in FUNKTIONER:
        m = muligheder[f"'regnskab.xlsm'!{navn}"]
        assert m["Category"] == "Regnskab"
        assert m["Description"] == getattr(udf, navn).__doc__
        beskrivelser = m["ArgumentDescriptions"]
        assert len(beskrivelser) == len(ARGUMENTER[navn])  # caller is not an argument in Excel
        assert all(b and "Positional argument" not in b for b in beskrivelser)
    assert muligheder["'regnskab.xlsm'!AFVIGELSE"]["ArgumentDescriptions"][0].startswith(
        "Korrigeret budget i 1.000 kr.")


# ---- the rule file in classic Excel: the calling cell's workbook (duck-typed like xlwings) ----

class _Omraade:
    def __init__(self, vaerdi):
        self.value = vaerdi

    def options(self, **_):
        return self


class _Ark:
    def __init__(self, navn, raekker):
        self.name = navn
        self.used_range = _Omraade(raekker)


class _Bog:
    def __init__(self, fullname, ark):
        self.fullname = str(fullname)
        self.sheets = ark


class _Celle:
    def __init__(self, bog):
        self.sheet = type("S", (), {"book": bog})()


def _kalder(mappe: Path, regelfil: object, arknavn: str = "Indstillinger") -> _Celle:
    ark = [_Ark("Data", [["x", 1]]), _Ark(arknavn, [["Indstilling", "Værdi"],
                                                    ["Regelfil", regelfil]])]
    return _Celle(_Bog(mappe / "regnskab.xlsm", ark))


def test_regelfil_i_projektmappens_mappe(tmp_path):
    tekst = (ROD / "rules" / "regnskab.yaml").read_text(encoding="utf-8")
    omvendt = tekst.replace("fortegn: korrigeret_minus_regnskab", "fortegn: regnskab_minus_korrigeret")
    assert omvendt != tekst
    (tmp_path / "mine_regler.yaml").write_text(omvendt, encoding="utf-8")
    kalder = _kalder(tmp_path, "mine_regler.yaml")
    assert udf.AFVIGELSE(1000, 800, kalder) == -200
    assert udf.AFVIGELSE([[1000], [2000]], [[800]], kalder) == [[-200], [-1200]]
    assert udf.KLASSIFICER(-200, None, kalder) == "mindreforbrug"
    assert udf.AFVIGELSE(1000, 800) == 200  # no calling cell: the default rules


def test_bundlet_regelfil_og_ingen_indstillinger(tmp_path):
    assert udf.regler_for(_kalder(tmp_path, "budgetopfoelgning")).fil.endswith(
        "budgetopfoelgning.yaml")
    assert udf.regler_for(_kalder(tmp_path, None)).fil.endswith("regnskab.yaml")
    assert udf.regler_for(_kalder(tmp_path, "x.yaml", arknavn="Andet")).fil.endswith(
        "regnskab.yaml")


@pytest.mark.parametrize("regelfil, start", [
    ("findes_ikke.yaml", "#FEJL: regelfilen kan ikke bruges: fil "),
    ("balance", "#FEJL: regelfilen kan ikke bruges: fil "),          # another report's rules
    ("../regnskab.yaml", "#FEJL: regelfilen kan ikke bruges: fil ../regnskab.yaml: En regelfil"),
    ("ødelagt.yaml", "#FEJL: regelfilen kan ikke bruges: fil "),
])
def test_regelfil_der_ikke_kan_bruges_giver_fejl_i_cellen(tmp_path, regelfil, start):
    (tmp_path / "ødelagt.yaml").write_text("navn: [ikke lukket\n", encoding="utf-8")
    kalder = _kalder(tmp_path, regelfil)
    for svar in (udf.AFVIGELSE(1000, 800, kalder), udf.AFVIGELSE([[1], [2]], 1, kalder),
                 udf.KLASSIFICER(5, "bevilling", kalder), udf.FORKLARINGSKRAV(1, 2, None, kalder),
                 udf.AFVIGELSESTEKST(5, None, kalder),
                 udf.PRISMAENGDETEKST(1, 2, 3, 4, kalder)):
        assert isinstance(svar, str) and svar.startswith(start), svar
    if regelfil == "findes_ikke.yaml":
        assert svar.endswith("findes_ikke.yaml: Regelfilen findes ikke.")


def test_ugemt_projektmappe_kan_kun_bruge_medfoelgende_regler(tmp_path):
    ark = [_Ark("Indstillinger", [["regelfil", "mine.yaml"]])]
    assert udf.AFVIGELSE(1000, 800, _Celle(_Bog("Mappe1", ark))).startswith(
        "#FEJL: regelfilen kan ikke bruges: fil mine.yaml: Projektmappen har ingen mappe")


def test_fejl_ved_laesning_af_projektmappen_giver_fejl_i_cellen():
    class Braekket:
        fullname = "C:/x/regnskab.xlsm"

        @property
        def sheets(self):
            raise OSError("COM-fejl")

    assert udf.AFVIGELSE(1000, 800, _Celle(Braekket())) == \
        "#FEJL: regelfilen kunne ikke findes (OSError: COM-fejl)"


def test_caller_er_skjult_uden_for_klassisk_xlwings():
    import inspect

    for navn in FUNKTIONER:
        assert "caller" not in inspect.signature(getattr(udf, navn)).parameters
