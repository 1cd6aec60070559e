"""Native charts in every report kind: each kind's Diagrammer sheet holds per chart a small table of
its figures and, below it, a native chart over exactly those cells.

Checked on the real outputs: the workbook holds `xl/charts/chart*.xml`; each series and its
categories point at the table's cells and cache their values; the tables' figures are the
report's own (the regnskab's afvigelse chart sums to the Oversigt's I alt to the krone); titles
come from the rule file; LibreOffice prints every kind (and the share copy) to PDF with the charts;
a Refresh, headless or through xlwings' own dispatch of the Office.js script, rebuilds the charts
without duplicating them; the share copy keeps them with their values.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import openpyxl
import pytest

from addin.data import eksempel
from addin.fejl import RegelFejl
from addin.regler import bundlet_regelfil
from addin.talformat import heltal
from conftest import SKABELONER, ark_vaerdier, kraever_libreoffice, kør_cli

TESTS = Path(__file__).resolve().parents[1]

# (output name, kind, bundled example, extra CLI options, template)
RAPPORTER = {
    "regnskab": ("regnskab", "bif-regnskab-2024", (), "regnskab"),
    "budgetopfoelgning": ("regnskab", "bif-regnskab-2024", ("--rules", "budgetopfoelgning"),
                          "budgetopfoelgning"),
    "balance": ("balance", "balance-2024", (), "balanceafstemning"),
    "budgetnotat": ("budgetnotat", "budgetnotat-bi03-2023", (), "budgetnotat"),
    "udloeb": ("udloeb", "bevillingsudloeb-2026", (), "bevillingsudloeb"),
    "budgetmodel": ("budgetmodel", "budgetmodel-eksempel", (), "budgetmodel"),
    "budgetgaranti": ("budgetgaranti", "budgetgaranti-eksempel", (), "budgetgaranti"),
}
# the charts each kind's example has (regnskab: afvigelse and price/quantity effects)
ANTAL = {"regnskab": 2, "budgetopfoelgning": 2, "balance": 1, "budgetnotat": 1, "udloeb": 1,
         "budgetmodel": 1, "budgetgaranti": 1}
ARK = "Diagrammer"


@pytest.fixture(scope="module")
def byggede(tmp_path_factory) -> Path:
    mappe = tmp_path_factory.mktemp("diagrammer")
    for navn, (art, eks, valg, _) in RAPPORTER.items():
        res = kør_cli("build", str(eksempel(eks)), "--art", art, *valg, "--out",
                      str(mappe / f"{navn}.xlsx"))
        assert res.returncode == 0, res.stdout + res.stderr
    return mappe


def diagramtabeller(sti: Path, ark: str = ARK) -> dict[str, list[list]]:
    """The chart tables of a sheet by title: their data rows (category, values...)."""
    rows = ark_vaerdier(sti)[ark]
    ud: dict[str, list[list]] = {}
    i = 0
    while i < len(rows):
        titel = rows[i][0]
        if isinstance(titel, str) and i + 3 < len(rows) and rows[i + 2][0] is None \
                and rows[i + 1][0] and all(v is None for v in rows[i][1:]):
            data, j = [], i + 3
            while j < len(rows) and any(v is not None for v in rows[j]):
                data.append([v for v in rows[j]])
                j += 1
            ud[titel] = data
            i = j
        i += 1
    return ud


def _titel(chart) -> str:
    return "".join(r.t for p in chart.title.tx.rich.p for r in (p.r or []))


def _omraade(ref: str) -> tuple[str, int, int, int, int]:
    m = re.fullmatch(r"'?(.+?)'?!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)", ref)
    assert m, ref
    fra, til = openpyxl.utils.column_index_from_string, openpyxl.utils.column_index_from_string
    return m[1], fra(m[2]), int(m[3]), til(m[4]), int(m[5])


def _celler(ws, ref: str) -> list:
    ark, c0, r0, c1, r1 = _omraade(ref)
    assert ark == ws.title and c0 == c1, ref
    return [ws.cell(row=r, column=c0).value for r in range(r0, r1 + 1)]


def tjek_diagrammer(sti: Path, antal: int) -> list:
    """Every chart of the workbook reads its own sheet's table: categories and values point at
    the same rows, the caches hold the cells' values, the title is the table's heading above."""
    with zipfile.ZipFile(sti) as z:
        assert len([n for n in z.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n)]) \
            == antal
    wb = openpyxl.load_workbook(sti)
    charts = [(ws, c) for ws in wb.worksheets for c in ws._charts]
    assert len(charts) == antal
    for ws, chart in charts:
        assert ws.title == ARK and ws.page_setup.orientation == "landscape"
        tabeller = diagramtabeller(sti)
        assert _titel(chart) in tabeller
        data = tabeller[_titel(chart)]
        for k, serie in enumerate(chart.series):
            vaerdier = _celler(ws, serie.val.numRef.f)
            assert vaerdier == [r[k + 1] for r in data]
            cache = {p.idx: p.v for p in serie.val.numRef.numCache.pt}
            assert [cache.get(i) for i in range(len(vaerdier))] == vaerdier
            assert _celler(ws, serie.cat.strRef.f) == [r[0] for r in data]
            assert [p.v for p in serie.cat.strRef.strCache.pt] == [r[0] for r in data]
            # the series' name is its column's header (two rows above the data)
            _, kol, r0, _, _ = _omraade(serie.val.numRef.f)
            assert serie.tx.v == ws.cell(row=r0 - 2, column=kol).value
            assert serie.graphicalProperties.solidFill.srgbClr
        # the chart fills the rows kept empty below the table, never a value
        anker = chart.anchor
        for r in range(anker._from.row + 1, anker.to.row + 1):
            assert all(c.value is None for c in ws[r]), r
        assert chart.y_axis.numFmt.formatCode == "#,##0" and not chart.y_axis.numFmt.sourceLinked
        assert chart.x_axis.delete is False and chart.y_axis.delete is False
    return charts


@pytest.mark.parametrize("navn", RAPPORTER)
def test_hver_art_har_sine_diagrammer(byggede, navn):
    tjek_diagrammer(byggede / f"{navn}.xlsx", ANTAL[navn])


# ----------------------------------------------------------------- the figures are the report's


@pytest.mark.parametrize("navn", ["regnskab", "budgetopfoelgning"])
def test_afvigelse_pr_bevilling_er_oversigtens(byggede, navn):
    sti = byggede / f"{navn}.xlsx"
    ark = ark_vaerdier(sti)
    titel = "Afvigelse pr. bevilling" if navn == "regnskab" else \
        "Forventet afvigelse pr. bevilling"
    tabel = diagramtabeller(sti)[titel]
    # each bevilling once, its value in exactly one of the two columns, sorted by afvigelse
    assert all((m is None) != (n is None) for _, m, n, *_ in tabel)
    vaerdier = [m if m is not None else n for _, m, n, *_ in tabel]
    assert vaerdier == sorted(vaerdier, reverse=True)
    assert all((m is None or m >= 0) and (n is None or n < 0) for _, m, n, *_ in tabel)
    # each value is its bevilling's row of the Oversigt, and they sum to I alt to the krone
    oversigt = ark["Oversigt"]
    i_alt = next(r for r in oversigt if r[0] == "I alt")[5]
    assert sum(vaerdier) == i_alt == 64182
    bevillinger = [r for r in oversigt[5:] if r[0] and r[0] != "I alt"
                   and r[0] not in ("Service", "Anlæg", "Overførsler mv.", "Finansposter")]
    assert len(bevillinger) == len(tabel) == 8
    for (kategori, *_), v in zip(tabel, vaerdier):
        bevilling = kategori.split(" (")[0]
        assert [bevilling, v] in [[r[0], r[5]] for r in bevillinger], kategori


def test_pris_og_maengdeeffekter_er_aktivitetsmodellens(byggede):
    from addin.rapporter.regnskab.byg import byg_regnskab

    model = byg_regnskab(eksempel("bif-regnskab-2024")).regnskab.aktiviteter
    ydelser = model[model["har_begge"] & model["pris_maengde"]]
    forventet = [[x["aktivitet"], heltal(x["maengdeeffekt_kr"] / 1000),
                  heltal(x["priseffekt_kr"] / 1000)] for _, x in ydelser.iterrows()]
    tabel = diagramtabeller(byggede / "regnskab.xlsx")["Pris- og mængdeeffekter pr. ydelse"]
    assert [r[:3] for r in tabel] == forventet
    assert len(forventet) == 11 and ["Sygedagpenge", -9543, -23727] in forventet


def test_balance_opfoelgning_er_tabel_2_1(byggede):
    sti = byggede / "balance.xlsx"
    t21 = ark_vaerdier(sti)["Tabel 2.1"]
    linjer = {f"{r[0]} {r[1]}": (r[4], r[5]) for r in t21[3:] if r[0] and r[1]}
    total = next(r for r in t21 if r[0] == "Total")
    tabel = diagramtabeller(sti)["Poster til opfølgning pr. IM-funktion"]
    assert {r[0]: (r[1], r[2]) for r in tabel} == linjer
    assert sum(r[1] for r in tabel) == total[4] and sum(r[2] for r in tabel) == total[5]
    assert [abs(r[1] + r[2]) for r in tabel] == sorted((abs(r[1] + r[2]) for r in tabel),
                                                      reverse=True)


def test_budgetnotat_dut_og_udgifter_er_dut_tabellernes(byggede):
    sti = byggede / "budgetnotat.xlsx"
    dut = ark_vaerdier(sti)["DUT"]
    summer: dict[tuple[str, str], float] = {}
    afsnit = None
    aar: list = []
    for r in dut:
        if isinstance(r[0], str) and " – " in r[0] and r[1] is None:
            afsnit = r[0].split(" – ")[1]
        elif r[0] == "Kode":
            aar = r[2:]
        elif r[1] == "I alt":
            for a, v in zip(aar, r[2:]):
                if a is not None:
                    summer[(a, afsnit)] = summer.get((a, afsnit), 0) + v
    tabel = diagramtabeller(sti)["DUT-kompensation og udgifter pr. år"]
    assert [r[0] for r in tabel] == ["2022", "2023", "2024", "2025"]
    for a, d, u, *_ in tabel:
        assert d == pytest.approx(summer[(a, "DUT-kompensation")])
        assert u == pytest.approx(summer[(a, "Udgifter")])


def test_udloeb_foreslaaede_beloeb_er_overblikkets(byggede):
    sti = byggede / "udloeb.xlsx"
    ov = ark_vaerdier(sti)["Overblik"]
    i = next(i for i, r in enumerate(ov) if str(r[0]).startswith("Foreslåede beløb pr. år"))
    overblik = [r[:3] for r in ov[i + 2:] if r[0]][:5]
    tabel = diagramtabeller(sti)["Foreslåede beløb pr. år og model"]
    assert [r[:3] for r in tabel] == overblik
    assert tabel[1][:3] == ["2026", 85.05, 85.75]


def test_budgetmodel_brutto_og_netto_er_modellens(byggede):
    sti = byggede / "budgetmodel.xlsx"
    model = ark_vaerdier(sti)["Modelresultat"]
    linjer = {r[0]: (r[4], r[6]) for r in model[3:] if r[0] and isinstance(r[4], int)
              and r[0] != "I alt"}
    tabel = diagramtabeller(sti)["Forsørgelsesudgifter – brutto og netto"]
    assert {r[0]: (r[1], r[2]) for r in tabel} == linjer
    assert ["Sygedagpenge", 887233, 443617] in [r[:3] for r in tabel]


def test_budgetgaranti_virkning_er_tabellens(byggede):
    sti = byggede / "budgetgaranti.xlsx"
    virkning = ark_vaerdier(sti)["Virkning"]
    linjer = [[r[0], *r[4:7]] for r in virkning if r[1] == 400000]
    tabel = diagramtabeller(sti)["Virkning pr. scenarie"]
    assert [r[:4] for r in tabel] == linjer == [
        ["Landsplan +1 pct., kommunen −1 pct.", 4000, 4000, 8000],
        ["Landsplan −1 pct., kommunen uændret", -4000, 0, -4000]]


def test_farver_og_stabling(byggede):
    wb = openpyxl.load_workbook(byggede / "regnskab.xlsx")
    afvigelse, effekter = wb[ARK]._charts
    assert afvigelse.type == "bar" and afvigelse.grouping == "stacked" and afvigelse.overlap == 100
    farver = [s.graphicalProperties.solidFill.srgbClr for s in afvigelse.series]
    assert len(set(farver)) == 2  # mindreforbrug and merforbrug in their own colours
    assert [s.tx.v for s in afvigelse.series] == ["Mindreforbrug", "Merforbrug"]
    assert effekter.grouping == "clustered"
    assert [s.tx.v for s in effekter.series] == ["Mængdeeffekt", "Priseffekt"]
    assert afvigelse.legend.position == "b"


# ---------------------------------------------------------------------- words from the rules


def _regelfil(tmp_path: Path, navn: str, erstat: dict[str, str]) -> Path:
    tekst = bundlet_regelfil(navn).read_text(encoding="utf-8")
    for gammel, ny in erstat.items():
        assert gammel in tekst, gammel
        tekst = tekst.replace(gammel, ny, 1)
    sti = tmp_path / f"{navn}.yaml"
    sti.write_text(tekst, encoding="utf-8")
    return sti


def test_titler_og_arknavn_fra_reglerne(tmp_path: Path):
    regler = _regelfil(tmp_path, "regnskab", {
        "  ark: Diagrammer\n": "  ark: Grafer\n",
        "  afvigelse: Afvigelse pr. bevilling": "  afvigelse: Bevillingernes afvigelse"})
    ud = tmp_path / "r.xlsx"
    res = kør_cli("build", str(eksempel("bif-regnskab-2024")), "--rules", str(regler), "--out",
                  str(ud))
    assert res.returncode == 0, res.stderr
    wb = openpyxl.load_workbook(ud)
    assert ARK not in wb.sheetnames
    titler = [_titel(c) for c in wb["Grafer"]._charts]
    assert titler == ["Bevillingernes afvigelse", "Pris- og mængdeeffekter pr. ydelse"]
    assert "Bevillingernes afvigelse" in diagramtabeller(ud, "Grafer")


def _uden_afsnit(tmp_path: Path, navn: str, kommentar: str) -> Path:
    tekst = bundlet_regelfil(navn).read_text(encoding="utf-8")
    regler = tmp_path / f"{navn}.yaml"
    regler.write_text(tekst[:tekst.index(kommentar)] + "\n", encoding="utf-8")
    return regler


def test_regelfil_uden_afsnittet_faar_de_medfoelgende_ord(tmp_path: Path):
    ud = tmp_path / "u.xlsx"
    res = kør_cli("udloeb", "--rules", str(_uden_afsnit(tmp_path, "udloeb", "\n# Diagrammet")),
                  "--out", str(ud))
    assert res.returncode == 0, res.stderr
    assert list(diagramtabeller(ud)) == ["Foreslåede beløb pr. år og model"]
    assert ark_vaerdier(ud)[ARK][2][1] == "mio. kr., 2026 p/l"  # {pl} filled in
    # a budgetopfølgning's own rule file without the section: regnskab.yaml's words
    ud = tmp_path / "b.xlsx"
    regler = _uden_afsnit(tmp_path, "budgetopfoelgning", "\n# Diagrammerne")
    assert "diagrammer:" not in regler.read_text(encoding="utf-8")
    res = kør_cli("build", str(eksempel("bif-regnskab-2024")), "--rules", str(regler), "--out",
                  str(ud))
    assert res.returncode == 0, res.stderr
    assert list(diagramtabeller(ud)) == ["Afvigelse pr. bevilling",
                                         "Pris- og mængdeeffekter pr. ydelse"]
    tjek_diagrammer(ud, 2)


def test_ukendt_pladsholder_i_en_titel_afvises(tmp_path: Path):
    from addin.rapporter.udloeb.beregn import indlaes_udloebsregler
    from addin.regler import indlaes_regler

    regler = _regelfil(tmp_path, "udloeb", {"foreslaaet: Foreslåede beløb pr. år og model":
                                            "foreslaaet: Beløb {aar}"})
    with pytest.raises(RegelFejl, match=r"Ukendt pladsholder \{aar\}"):
        indlaes_udloebsregler(regler)
    regler = _regelfil(tmp_path, "regnskab", {"  ydelse: Ydelse\n": "  ydelse: Ydelse {x}\n"})
    with pytest.raises(RegelFejl) as fejl:
        indlaes_regler(regler)
    assert "diagrammer.ydelse" in str(fejl.value) and "{x}" in str(fejl.value)


# ------------------------------------------------------- LibreOffice prints every kind's charts


@kraever_libreoffice
def test_libreoffice_udskriver_hver_arts_diagrammer(byggede, tmp_path: Path):
    """All kinds and a share copy in one LibreOffice run (Danish locale, as addin.libreoffice):
    each prints, and the chart titles are on the pages of the Diagrammer sheet."""
    from addin.deling import del_fil
    from addin.libreoffice import _profil, soffice

    kopi = tmp_path / "kopi.xlsx"
    del_fil(byggede / "regnskab.xlsx", kopi)
    filer = [byggede / f"{n}.xlsx" for n in RAPPORTER] + [kopi]
    with tempfile.TemporaryDirectory(prefix="lo-profil-") as profil:
        proc = subprocess.run([soffice(), f"-env:UserInstallation={_profil(Path(profil))}",
                               "--headless", "--norestore", "--convert-to", "pdf", "--outdir",
                               str(tmp_path), *map(str, filer)], capture_output=True, text=True,
                              timeout=600)
    assert proc.returncode == 0, proc.stderr
    for fil in filer:
        pdf = tmp_path / f"{fil.stem}.pdf"
        assert pdf.exists(), fil.name
        sider = _sidetekst(pdf, ARK)
        for chart in openpyxl.load_workbook(fil)[ARK]._charts:
            # the title twice: above the table and in the chart
            assert sider.count(_titel(chart)) >= 2, (fil.name, _titel(chart))
    # the value axis in the Danish number format: ticks no table holds
    assert all(t in _sidetekst(tmp_path / "regnskab.pdf", ARK) for t in ("\n20.000\n",
                                                                         "\n-10.000\n"))


def _sidetekst(pdf: Path, ark: str) -> str:
    tekst = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout
    return "\f".join(s for s in tekst.split("\f") if s.rstrip().endswith(ark))


# ----------------------------------------------------------------- Refresh and the share copy


def _fyldt(skabelon: str, navn: str, mappe: Path) -> Path:
    from fyldning import fyld_fra_eksempel

    art, eks, _, _ = RAPPORTER[navn]
    return fyld_fra_eksempel(SKABELONER / f"{skabelon}.xlsx", eksempel(eks), mappe / f"{navn}.xlsx")


def test_headless_refresh_genbygger_uden_dubletter_og_deling_bevarer_dem(tmp_path: Path):
    from addin.deling import del_fil_rapport, inspicer
    from addin.excel import refresh_fil

    fil = _fyldt("regnskab", "regnskab", tmp_path)
    refresh_fil(fil, vis=lambda t: None)
    foer = tjek_diagrammer(fil, 2)
    refresh_fil(fil, vis=lambda t: None)
    efter = tjek_diagrammer(fil, 2)
    assert [_titel(c) for _, c in foer] == [_titel(c) for _, c in efter]
    kopi = tmp_path / "kopi.xlsx"
    rapport = del_fil_rapport(fil, kopi)
    assert rapport.diagramdata == 0 and not inspicer(kopi)
    charts = tjek_diagrammer(kopi, 2)  # references, caches and values as in the original
    assert sum(p.v for s in charts[0][1].series for p in s.val.numRef.numCache.pt) == 64182


_KOERSEL = r'''
import asyncio, json, sys
from pathlib import Path

sys.path.insert(0, sys.argv[1])
import xlwings as xw
import xlwings.server

import addin.excel
from conftest import payload_fra_fil

ud = {}
for fil in sys.argv[3:]:
    book = xw.Book(json=payload_fra_fil(Path(fil)))
    asyncio.run(xlwings.server.custom_scripts_call(
        addin.excel, "refresh_script", typehint_to_value={xw.Book: book}))
    ud[Path(fil).stem] = book.json()["actions"]
Path(sys.argv[2]).write_text(json.dumps(ud, default=str), encoding="utf-8")
'''


@pytest.fixture(scope="module")
def officejs(tmp_path_factory) -> dict:
    """The Refresh script dispatched as Excel on the web runs it, on each kind's filled template,
    and on a regnskab workbook that already has its charts (from a headless Refresh)."""
    from addin.excel import refresh_fil

    mappe = tmp_path_factory.mktemp("officejs")
    filer = [_fyldt(RAPPORTER[n][3], n, mappe) for n in RAPPORTER]
    igen = mappe / "igen.xlsx"
    igen.write_bytes(filer[0].read_bytes())
    refresh_fil(igen, vis=lambda t: None)
    koersel = mappe / "koersel.py"
    koersel.write_text(_KOERSEL, encoding="utf-8")
    ud = mappe / "ud.json"
    env = {**os.environ, "XLWINGS_ON_SERVER": "true", "XLWINGS_LICENSE_KEY": "noncommercial"}
    res = subprocess.run([sys.executable, str(koersel), str(TESTS), str(ud),
                          *map(str, [*filer, igen])], capture_output=True, text=True, env=env,
                         cwd=mappe)
    assert res.returncode == 0, res.stderr
    return json.loads(ud.read_text(encoding="utf-8"))


@pytest.mark.parametrize("navn", RAPPORTER)
def test_officejs_refresh_tegner_diagrammerne_inden_for_loftet(officejs, navn):
    handlinger = officejs[navn]
    print(f"{navn}: {len(handlinger)} handlinger")
    assert len(handlinger) <= 150
    assert not [a for a in handlinger if a["func"] == "alert"]
    nye = [a for a in handlinger if a["func"] == "addChart"]
    assert len(nye) == ANTAL[navn]
    for a in nye:
        _, _, ark, kilde, *_ = a["args"]
        assert ark == ARK and re.fullmatch(r"\$A\$\d+:\$[B-D]\$\d+", kilde)
    serier = [a["args"][2] for a in handlinger if a["func"] == "setChartSeries"]
    assert serier and all(s["fill_color"].startswith("#") and s["name"] for s in serier)
    titler = [a["args"][1] for a in handlinger if a["func"] == "setChartTitle"]
    assert len(titler) == ANTAL[navn]
    akser = [a["args"][2] for a in handlinger if a["func"] == "setChartAxis"
             and a["args"][1] == "value"]
    assert all(x["number_format"] == "#,##0" for x in akser)


def test_officejs_refresh_fjerner_de_gamle_diagrammer_foerst(officejs):
    handlinger = officejs["igen"]
    funktioner = [a["func"] for a in handlinger]
    assert funktioner.count("deleteChart") == 2 and funktioner.count("addChart") == 2
    assert max(i for i, f in enumerate(funktioner) if f == "deleteChart") < \
        funktioner.index("addChart")
    assert len(handlinger) <= 150


def test_kategorierne_skrives_som_tekst(officejs):
    """A year as a category stays text in Excel ("2022", not the number 2022 as a series)."""
    vaerdier = [v for a in officejs["budgetnotat"] if a["func"] == "setValues"
                for r in a["values"] for v in r]
    assert "'2022" in vaerdier and "2022" in vaerdier  # the DUT table's header keeps its text


# ----------------------------------------------------------------------------------- Word


def test_word_eksporten_udelader_diagramarket(tmp_path: Path):
    import docx

    ud = tmp_path / "m.docx"
    res = kør_cli("export-docx", str(eksempel("budgetmodel-eksempel")), "--out", str(ud))
    assert res.returncode == 0, res.stderr
    tekst = "\n".join(p.text for p in docx.Document(str(ud)).paragraphs)
    assert "Budgetmodel" in tekst and "brutto og netto" not in tekst

