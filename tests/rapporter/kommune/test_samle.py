"""`regnskab samle`: the bundled BIF example (template filled, refreshed and shared, as a
controller sends it) and a hand-made second forvaltning (tests/data/samle/KILDE.md) put together
into the kommune overview; every refusal the Økonomiforvaltning needs."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from fyldning import fyld_fra_eksempel

from addin.data import eksempel
from conftest import DATA, ROD, ark_vaerdier, kør_cli

KFF = DATA / "samle" / "kff-regnskab-2024"
SKABELON = ROD / "workbook_templates" / "regnskab.xlsx"
BIF = "Beskæftigelses- og Integrationsforvaltningen"
KFF_NAVN = "Kultur- og Fritidsforvaltningen"
KOLONNER = ["vedtaget", "tillaeg", "korrigeret", "regnskab", "afvigelse"]


def _i_alt(rapport: Path) -> list[int]:
    """The last row (I alt) of a report's Oversigt sheet."""
    rows = [r for r in ark_vaerdier(rapport)["Oversigt"] if any(v is not None for v in r)]
    assert rows[-1][0] == "I alt"
    return list(rows[-1][1:6])


def _kff(tmp: Path, navn: str = "kff.xlsx", *, csv: Path = KFF, regler: str | None = None) -> Path:
    ud = tmp / navn
    args = ["build", str(csv), "--out", str(ud)] + (["--rules", regler] if regler else [])
    res = kør_cli(*args)
    assert res.returncode == 0, res.stderr
    return ud


@pytest.fixture(scope="module")
def mappe(tmp_path_factory) -> Path:
    """BIF as the Økonomiforvaltning receives it (refreshed template, then its share copy) and
    the hand-made forvaltning built from its CSV folder."""
    from addin.deling import del_fil
    from addin.excel import refresh_fil

    tmp = tmp_path_factory.mktemp("samle")
    arbejde = tmp / "arbejde"
    arbejde.mkdir()
    bog = fyld_fra_eksempel(SKABELON, eksempel("bif-regnskab-2024"), arbejde / "bif.xlsx")
    refresh_fil(bog, vis=lambda _: None)
    ind = tmp / "ind"
    ind.mkdir()
    del_fil(bog, ind / "BIF regnskab 2024.xlsx")
    _kff(ind)
    return ind


@pytest.fixture(scope="module")
def samlet(mappe, tmp_path_factory) -> tuple[Path, Path, dict]:
    ud = tmp_path_factory.mktemp("ud")
    res = kør_cli("samle", str(mappe), "--out", str(ud / "kommune.xlsx"), "--docx",
                  str(ud / "kommune.docx"))
    assert res.returncode == 0, res.stderr
    return ud / "kommune.xlsx", ud / "kommune.docx", {"stdout": res.stdout}


def _raekke(rows: list[list], navn: str, efter: int = 0) -> list:
    return next(r for r in rows[efter:] if r and r[0] == navn)


def test_oversigten_er_hver_rapports_i_alt_og_summen_til_kronen(mappe, samlet):
    ark = ark_vaerdier(samlet[0])["Kommuneoversigt"]
    bif = _raekke(ark, BIF)[1:6]
    kff = _raekke(ark, KFF_NAVN)[1:6]
    assert bif == _i_alt(mappe / "BIF regnskab 2024.xlsx")
    assert kff == _i_alt(mappe / "kff.xlsx")
    # hand-checked (tests/data/samle/KILDE.md)
    assert kff == [880_000, 25_000, 905_000, 874_500, 30_500]
    assert bif == [9_783_526, -37_795, 9_745_731, 9_681_549, 64_182]
    i_alt = _raekke(ark, "I alt")[1:6]
    assert i_alt == [a + b for a, b in zip(bif, kff)]
    assert i_alt == [10_663_526, -12_795, 10_650_731, 10_556_049, 94_682]


def test_styringsomraader_pr_forvaltning(samlet):
    ark = ark_vaerdier(samlet[0])["Kommuneoversigt"]
    start = next(i for i, r in enumerate(ark) if r[0] == "Styringsområder pr. forvaltning")
    kff = next(i for i, r in enumerate(ark) if i > start and r[0] == KFF_NAVN)
    assert [r[:6] for r in ark[kff + 1:kff + 3]] == [
        ["   Service", 800_000, 15_000, 815_000, 813_500, 1_500],
        ["   Anlæg", 80_000, 10_000, 90_000, 61_000, 29_000]]
    bif = next(i for i, r in enumerate(ark) if i > start and r[0] == BIF)
    assert [r[0].strip() for r in ark[bif + 1:bif + 5]] == ["Service", "Anlæg", "Overførsler mv.",
                                                           "Finansposter"]
    # each forvaltning's styringsområder sum to its row
    for i in (bif, kff):
        j = i + 1
        dele = []
        while j < len(ark) and ark[j][0]:
            dele.append(ark[j][1:6])
            j += 1
        assert [sum(c) for c in zip(*dele)] == ark[i][1:6]


def test_kommunens_saetninger_fra_reglerne(samlet):
    tekster = [r[0] for r in ark_vaerdier(samlet[0])["Kommuneoversigt"] if isinstance(r[0], str)]
    # 94.682 t.kr. -> 94,7 mio. kr.; 64.182 -> 64,2; 30.500 -> 30,5
    assert "Kommunen udviser et mindreforbrug på 94,7 mio. kr." in tekster
    assert f"• {BIF} udviser et mindreforbrug på 64,2 mio. kr." in tekster
    assert f"• {KFF_NAVN} udviser et mindreforbrug på 30,5 mio. kr." in tekster


def test_status_viser_manglende_forklaring_og_fejlet_kontrol(samlet):
    alle = ark_vaerdier(samlet[0])
    status = alle["Status"]
    kff = _raekke(status, KFF_NAVN)
    assert kff[1] == "kff.xlsx"
    assert kff[2] == "16 ok, 2 adv., 2 fejl"
    assert kff[3] == 1  # Idrætsanlæg
    assert kff[4] == "regnskab.yaml" and len(kff[5]) == 16
    bif = _raekke(status, BIF)
    assert bif[7] == "nej"  # the share copy of a refreshed workbook: input as refreshed
    assert kff[7].startswith("kan ikke efterprøves")  # built from CSV: no input sheets
    detalje = next(v for k, v in alle.items() if k.startswith("Status Kultur"))
    tekst = "\n".join(str(c) for r in detalje for c in r if c)
    assert "hovedprodukt Idrætsanlæg" in tekst
    assert "Vedtaget + tillæg = korrigeret" in tekst
    kontrol = [r for r in alle["Kontrol"] if r and r[0] == "fejl"]
    assert any(r[1] == "Rapportens egne kontroller" and r[2] == KFF_NAVN for r in kontrol)


def test_word_har_oversigten_og_bemaerkningerne_i_orden(samlet):
    from docx import Document

    doc = Document(str(samlet[1]))
    tekst = [p.text for p in doc.paragraphs]
    assert "Kommunen udviser et mindreforbrug på 94,7 mio. kr." in tekst
    i_bif = tekst.index(f"{BIF} – Regnskab 2024")
    i_kff = tekst.index(f"{KFF_NAVN} – Regnskab 2024")
    assert tekst.index("Kommunen udviser et mindreforbrug på 94,7 mio. kr.") < i_bif < i_kff
    assert "Bevillingen udviser et mindreforbrug på 29,0 mio. kr." in tekst[i_kff:]
    assert "Styringsområdet udviser et mindreforbrug på 46,6 mio. kr." in tekst[i_bif:i_kff]


def test_input_aendret_efter_refresh(tmp_path):
    from addin.excel import refresh_fil

    ind = tmp_path / "ind"
    ind.mkdir()
    bog = fyld_fra_eksempel(SKABELON, eksempel("bif-regnskab-2024"), ind / "bif.xlsx")
    refresh_fil(bog, vis=lambda _: None)
    wb = openpyxl.load_workbook(bog)
    ws = wb["hovedprodukter"]
    assert ws.cell(row=3, column=8).value == "Regnskab udgift"
    ws.cell(row=4, column=8).value += 39  # a typed change after the Refresh
    wb.save(bog)
    _kff(ind)
    res = kør_cli("samle", str(ind), "--out", str(tmp_path / "k.xlsx"))
    assert res.returncode == 0, res.stderr
    assert _raekke(ark_vaerdier(tmp_path / "k.xlsx")["Status"], BIF)[7].startswith("ja")


# ------------------------------------------------------------------------------- refusals

def _afvist(mappe: Path, tmp: Path, *ekstra: str) -> str:
    res = kør_cli("samle", str(mappe), "--out", str(tmp / "k.xlsx"), *ekstra)
    assert res.returncode == 2, res.stdout + res.stderr
    assert "Uventet fejl" not in res.stderr and "Traceback" not in res.stderr
    assert not (tmp / "k.xlsx").exists()
    return res.stderr


def _med(mappe: Path, tmp: Path) -> Path:
    ny = tmp / "ind"
    shutil.copytree(mappe, ny)
    return ny


def _kff_med(tmp: Path, **indstillinger: str) -> Path:
    csv = tmp / "kff-csv"
    shutil.copytree(KFF, csv)
    linjer = ["noegle,vaerdi"] + [f"{k},{v}" for k, v in {
        "forvaltning": KFF_NAVN, "aar": "2024", **indstillinger}.items()]
    (csv / "indstillinger.csv").write_text("\n".join(linjer) + "\n", encoding="utf-8")
    return csv


def test_afviser_blandede_aar(mappe, tmp_path):
    ind = _med(mappe, tmp_path)
    _kff(ind, csv=_kff_med(tmp_path, aar="2023"))
    fejl = _afvist(ind, tmp_path)
    assert "forskellige år: 2023 (kff.xlsx); 2024 (BIF regnskab 2024.xlsx)" in fejl


def test_afviser_regnskab_og_budgetopfoelgning(mappe, tmp_path):
    ind = _med(mappe, tmp_path)
    _kff(ind, regler="budgetopfoelgning")
    fejl = _afvist(ind, tmp_path)
    assert "forskellige rapportarter: Budgetopfølgning (kff.xlsx); Regnskab (BIF" in fejl


def test_afviser_blandede_runder(mappe, tmp_path):
    ind = tmp_path / "ind"
    ind.mkdir()
    _kff(ind, "a.xlsx", csv=_kff_med(tmp_path / "a", runde="april"), regler="budgetopfoelgning")
    _kff(ind, "b.xlsx", csv=_kff_med(tmp_path / "b", runde="august", forvaltning="Teknik"),
         regler="budgetopfoelgning")
    fejl = _afvist(ind, tmp_path)
    assert "Budgetopfølgning – 1. budgetopfølgning (april) (a.xlsx)" in fejl
    assert "Budgetopfølgning – 2. budgetopfølgning (august) (b.xlsx)" in fejl


def test_afviser_to_rapporter_fra_samme_forvaltning(mappe, tmp_path):
    ind = _med(mappe, tmp_path)
    shutil.copy(ind / "kff.xlsx", ind / "kff kopi.xlsx")
    fejl = _afvist(ind, tmp_path)
    assert f"To rapporter er fra samme forvaltning ({KFF_NAVN}): kff kopi.xlsx, kff.xlsx" in fejl


def test_afviser_andet_fortegn(mappe, tmp_path):
    ind = _med(mappe, tmp_path)
    regler = tmp_path / "omvendt.yaml"
    tekst = (ROD / "rules" / "regnskab.yaml").read_text(encoding="utf-8")
    regler.write_text(tekst.replace("fortegn: korrigeret_minus_regnskab",
                                    "fortegn: regnskab_minus_korrigeret", 1), encoding="utf-8")
    _kff(ind, regler=str(regler))
    fejl = _afvist(ind, tmp_path)
    assert "forskellige fortegnskonventioner i regelfilerne" in fejl
    assert "regnskab_minus_korrigeret (kff.xlsx)" in fejl


def test_afviser_fil_vaerktoejet_ikke_har_lavet(mappe, tmp_path):
    ind = _med(mappe, tmp_path)
    wb = openpyxl.Workbook()
    wb.active["A1"] = "Mine egne tal"
    wb.save(ind / "noter.xlsx")
    fejl = _afvist(ind, tmp_path)
    assert "noter.xlsx" in fejl and "ikke dannet af værktøjet" in fejl


def test_afviser_anden_rapportart(mappe, tmp_path):
    ind = _med(mappe, tmp_path)
    res = kør_cli("balance", "--out", str(ind / "balance.xlsx"))
    assert res.returncode == 0, res.stderr
    fejl = _afvist(ind, tmp_path)
    assert "balance.xlsx" in fejl and "anden rapportart (regelfil balance.yaml)" in fejl


def test_oedelagt_fil_naevnes_og_springes_over_men_stopper_med_streng(mappe, tmp_path):
    ind = _med(mappe, tmp_path)
    data = (ind / "kff.xlsx").read_bytes()
    (ind / "halv.xlsx").write_bytes(data[:len(data) // 2])  # a copy cut off mid-transfer
    res = kør_cli("samle", str(ind), "--out", str(tmp_path / "k.xlsx"))
    assert res.returncode == 0, res.stderr
    assert "Sprunget over: fil " in res.stdout and "halv.xlsx" in res.stdout
    ark = ark_vaerdier(tmp_path / "k.xlsx")
    assert any(r[0] == "halv.xlsx" and r[1] for r in ark["Status"] if r)
    assert any(r[:3] == ["fejl", "Rapporten kan læses", "halv.xlsx"] for r in ark["Kontrol"])
    (tmp_path / "k.xlsx").unlink()
    fejl = _afvist(ind, tmp_path, "--streng")
    assert "halv.xlsx" in fejl


def test_fjendtlige_navne_bliver_tekst_og_laasefiler_ignoreres(tmp_path):
    """A forvaltning named like a formula is written as text (never a formula from data), and
    Excel's lock file (~$...) beside an open report is not a report."""
    ind = tmp_path / "ind"
    ind.mkdir()
    navn = "=SUM(1;2)+Kultur"
    _kff(ind, csv=_kff_med(tmp_path, forvaltning=navn))
    (ind / "~$kff.xlsx").write_bytes(b"\x00" * 165)
    res = kør_cli("samle", str(ind), "--out", str(tmp_path / "k.xlsx"))
    assert res.returncode == 0, res.stderr
    wb = openpyxl.load_workbook(tmp_path / "k.xlsx")
    celler = [c for ws in wb for r in ws.iter_rows() for c in r if c.value == navn]
    assert celler and all(c.data_type == "s" for c in celler)
    assert "Sprunget over" not in res.stdout


def test_egen_oversigt_i_mappen_springes_over(mappe, tmp_path):
    ind = _med(mappe, tmp_path)
    for navn in ("kommune.xlsx", "kommune 2.xlsx"):  # the second run finds the first's output
        res = kør_cli("samle", str(ind), "--out", str(ind / navn))
        assert res.returncode == 0, res.stderr
        assert "(2 forvaltninger)" in res.stdout
    with zipfile.ZipFile(ind / "kommune 2.xlsx") as z:
        assert "xl/workbook.xml" in z.namelist()


def test_diagram_over_afvigelsen_pr_forvaltning(samlet):
    """A native chart on the Diagrammer sheet over a table whose values are the forvaltninger's
    rows, summing to the kommune's afvigelse; LibreOffice (Danish locale) prints it."""
    import subprocess

    from addin.libreoffice import konverter

    with zipfile.ZipFile(samlet[0]) as z:
        assert [n for n in z.namelist() if n.startswith("xl/charts/chart")] == \
            ["xl/charts/chart1.xml"]
    wb = openpyxl.load_workbook(samlet[0])
    ws = wb["Diagrammer"]
    (chart,) = ws._charts
    tabel = {r[0]: r[1:3] for r in ws.iter_rows(values_only=True) if r[0] in (BIF, KFF_NAVN)}
    assert tabel == {BIF: (64_182, None), KFF_NAVN: (30_500, None)}
    assert sum(v for r in tabel.values() for v in r if v) == 94_682
    assert [s.val.numRef.f for s in chart.series] == ["'Diagrammer'!$B$4:$B$5",
                                                      "'Diagrammer'!$C$4:$C$5"]
    pdf = konverter(samlet[0], "pdf", samlet[0].parent / "pdf")
    tekst = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout
    assert tekst.count("Afvigelse pr. forvaltning") >= 2  # above the table and in the chart
    assert "\n60.000\n" in tekst  # the value axis in the Danish number format
