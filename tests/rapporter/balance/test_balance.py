"""Balanceafstemning: the golden report reproduced, its checks, and hand-made boundary cases."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from addin.data import eksempel
from addin.rapporter.balance.byg import byg_balance_rapport
from conftest import DATA, ark_vaerdier, kraever_libreoffice, kør_cli, laes_csv

DEMO = eksempel("balance-2024")

ROD_REGLER = Path(__file__).resolve().parents[3] / "rules"
KILDE = DATA / "balance-2024"


@pytest.fixture(scope="module")
def rapport(tmp_path_factory) -> dict[str, list[list]]:
    mappe = tmp_path_factory.mktemp("bal")
    shutil.copytree(KILDE, mappe / "in")
    shutil.copy(DEMO / "indstillinger.csv", mappe / "in" / "indstillinger.csv")
    ud = mappe / "r.xlsx"
    res = kør_cli("balance", str(mappe / "in"), "--out", str(ud), "--forvaltning",
                  "Beskæftigelses- og Integrationsudvalget")
    assert res.returncode == 0, res.stderr
    return ark_vaerdier(ud)


def _raekker(ark: list[list]) -> list[list]:
    return [list(r) for r in ark]


def test_kategoritabel_med_beregnede_aendringer(rapport):
    rows = _raekker(rapport["Kategorifordeling"])
    golden = laes_csv(KILDE / "kategorier.csv")
    for g in golden:
        kol = ["antal_2024", "netto_2024_tkr", "antal_2023", "netto_2023_tkr"]
        hit = [r for r in rows if r[0] == g["kategori"]]
        assert hit and hit[0][1:5] == [int(g[k]) for k in kol]
        aendring = [int(g["antal_2024"]) - int(g["antal_2023"]),
                    int(g["netto_2024_tkr"]) - int(g["netto_2023_tkr"])]
        assert hit[0][5:7] == aendring
        # the printed change column is off for kategori 2 and 3 (KILDE.md A.1-A.2)
        printed = [int(g["antal_aendring"]), int(g["netto_aendring_tkr"])]
        assert (printed == aendring) == (g["kategori"] in ("1", "i alt"))


def test_tabel_1_1_og_aeldre_oversigt(rapport):
    rows = _raekker(rapport["Tabel 1.1"])
    for g in laes_csv(KILDE / "tabel_1_1.csv"):
        assert [g["im_funktion"], g["navn"]] + [int(v) for k, v in g.items()
                                                if k not in ("im_funktion", "navn")] in rows
    aeldre = _raekker(rapport["Ældre end 1 år"])
    for g in laes_csv(KILDE / "aeldre_end_1_aar.csv"):
        tal = [int(g[k]) if g[k] else None for k in ("kategori_2_tkr", "kategori_3_tkr")]
        assert [g["im_funktion"], g["navn"], g["forvaltning"], g["beskrivelse"]] + tal in aeldre
    assert ["I alt", None, None, None, 2596, -12] in aeldre  # the printed totals


def test_tabel_2_1_udledt_af_kontiene(rapport):
    rows = _raekker(rapport["Tabel 2.1"])
    kol = ["antal_konti", "total_tkr", "kategori_2_tkr", "kategori_3_tkr", "aeldre_antal",
           "aeldre_kategori_2_tkr", "aeldre_kategori_3_tkr"]
    for g in laes_csv(KILDE / "tabel_2_1.csv"):
        hit = [r for r in rows if r[0] == g["im_funktion"]]
        assert hit[0][2:9] == [int(g[k]) for k in kol]
        # the source cuts one name off (KILDE.md E.12); the report uses Tabel 1.1's name
        assert (hit[0][1] == g["navn"]) == (g["im_funktion"] != "9.52.56")
    assert ["Total", None, 6, -601, -601, 0, 1, 30, 0] in rows  # the printed Total row


def test_handleplaner_rangordnet_og_fuldstaendige(rapport):
    rows = [r for r in _raekker(rapport["Handleplanoversigt"])[3:] if r[0]]
    golden = sorted(laes_csv(KILDE / "handleplaner.csv"), key=lambda g: (g["kategori"],
                                                                         g["konto"]))
    assert [r[2] for r in rows] == [g["konto"] for g in golden]
    for r, g in zip(rows, golden):
        assert r[3] == int(g["opfoelgningsbeloeb_kr"]) and r[7] == g["aktivitetsplan"]
        assert r[8] == g["deadline"] and r[9] == g["konsekvensbeskrivelse"]


def test_alle_saetninger(rapport):
    tekst = [tuple(r[:2]) for r in rapport["Tekst"][2:]]
    golden = [(g["kilde"], g["saetning"]) for g in laes_csv(KILDE / "saetninger.csv")]
    # one sentence carries figures (26,3 and 2,5 mio. kr.) that no table of the input has
    uden_tal = [g for g in golden if "26,3" not in g[1]]
    assert [t for t in tekst if t in uden_tal] == uden_tal
    assert len(uden_tal) == 16 and len(tekst) == 16


def test_kontroller_finder_kildens_uoverensstemmelser(rapport):
    advarsler = {(r[1], r[2]) for r in rapport["Kontrol"] if r and r[0] == "advarsel"}
    forventet = {("Kategoritabel: ændring (netto)", "kategori 2"),
                 ("Kategoritabel: ændring (netto)", "kategori 3")}
    forventet |= {("Tabel 1.1: saldo = kategori 1 + opfølgning", im) for im in (
        "9.28.14", "9.28.15", "9.28.18", "9.38.37", "9.42.43", "9.45.47", "9.51.52", "9.52.59")}
    forventet |= {("Tabel 1.1: opfølgning = kategori 2 + kategori 3", "9.52.59"),
                  ("Tabel 1.1 mod kategoritabellen", "antal konti"),
                  ("Tabel 1.1 mod kategoritabellen", "kategori 2"),
                  ("Tabel 1.1 mod kategoritabellen", "kategori 3"),
                  ("Tabel 1.1 mod oversigten over ældre beløb", "aeldre_kategori_3"),
                  ("Tabel 1.1 mod oversigten over ældre beløb", "9.52.59 kategori 3"),
                  ("Oversigt over ældre beløb: IM-funktion", "9.52.59 Anden Gæld"),
                  ("Oversigt over ældre beløb: IM-funktion",
                   "9.56.59 Anden kortf. gæld med indl. betalingsmodtager"),
                  ("Tabel 2.1: navn som i Tabel 1.1", "9.52.56"),
                  ("Handleplanens tekst = beløb", "konto 91403000 total"),
                  ("Handleplanens tekst = beløb", "konto 91403000 ældre end 1 år")}
    assert advarsler == forventet  # the 21 source inconsistencies (KILDE.md)
    assert not [r for r in rapport["Kontrol"] if r and r[0] == "fejl"]
    bemaerk = [r for r in rapport["Kontrol"] if r and r[0] == "bemærk"]
    assert [(r[1], r[2]) for r in bemaerk] == [("Beløb ældre end 1 år", "konto 91403000")]


def _konti(tmp_path: Path, rows: list[dict]) -> Path:
    mappe = tmp_path / "in"
    mappe.mkdir()
    felter = ["kategori", "im_funktion", "konto", "opfoelgningsbeloeb_kr", "heraf_aeldre_kr",
              "ansvarlig", "overskrift", "aktivitetsplan", "deadline", "konsekvensbeskrivelse"]
    with open(mappe / "handleplaner.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=felter)
        w.writeheader()
        for r in rows:
            w.writerow({k: r.get(k, "") for k in felter})
    return mappe


def _plan(konto: str, beloeb: int, **ekstra) -> dict:
    return {"kategori": "2", "im_funktion": "9.52.59", "konto": konto,
            "opfoelgningsbeloeb_kr": beloeb, "heraf_aeldre_kr": 0, "ansvarlig": "BIF",
            "overskrift": "Konto", "aktivitetsplan": "Afstemmes.", "deadline": "2025-03-31",
            "konsekvensbeskrivelse": "Ingen.", **ekstra}


def test_graensen_999_1000_og_minus_1000(tmp_path: Path):
    mappe = _konti(tmp_path, [_plan("95900003", 999), _plan("95900002", 1000),
                              _plan("95900001", -1000)])
    res = byg_balance_rapport(mappe)
    assert list(res.balance.handleplaner["konto"]) == ["95900001", "95900002"]
    t = res.balance.tabel_2_1
    assert t[t["im_funktion"] == "Total"]["total_tkr"].iloc[0] == 1  # 999 kr. -> 1 t.kr.


def test_aeldre_og_yngre_beloeb_manglende_plan_og_overskredet_deadline(tmp_path: Path):
    mappe = _konti(tmp_path, [
        _plan("95900001", 5000, heraf_aeldre_kr=2000),
        _plan("95900002", -4000, aktivitetsplan="", deadline=""),
        _plan("95900003", 1500, deadline="2024-11-30", kategori="3")])
    res = byg_balance_rapport(mappe)
    k = {(x.kontrol, x.sted): x for x in res.kontroller}
    assert k[("Beløb ældre end 1 år", "konto 95900001")].status == "bemærk"
    mangler = k[("Handleplan ved beløb over grænsen", "konto 95900002")]
    assert mangler.status == "advarsel" and mangler.besked == "mangler aktivitetsplan, deadline"
    frist = k[("Deadline efter rapportdatoen", "konto 95900003")]
    assert frist.status == "advarsel" and frist.besked == "2024-11-30 mod 2024-12-31"
    t = res.balance.tabel_2_1.set_index("im_funktion")
    assert t.loc["9.52.59", ["kategori_2_tkr", "kategori_3_tkr", "aeldre_antal",
                             "aeldre_kategori_2_tkr"]].tolist() == [1, 2, 1, 2]


def test_tom_kategori_3(tmp_path: Path):
    res = byg_balance_rapport(_konti(tmp_path, [_plan("95900001", 5000)]))
    assert ("afsnit_2", "0 konti er logget til kategori 3, dvs. ”Ikke afstemt”") in res.saetninger
    assert res.balance.tabel_2_1["kategori_3_tkr"].tolist() == [0, 0]


def test_daarligt_input_giver_en_klar_besked(tmp_path: Path):
    mappe = _konti(tmp_path, [_plan("95900001", 5000)])
    tekst = (mappe / "handleplaner.csv").read_text(encoding="utf-8").replace("5000", "fem", 1)
    (mappe / "handleplaner.csv").write_text(tekst, encoding="utf-8")
    res = kør_cli("balance", str(mappe), "--out", str(tmp_path / "x.xlsx"))
    assert res.returncode == 2
    assert res.stderr.strip() == (f"Fejl: fil {mappe / 'handleplaner.csv'}, række 2, kolonne "
                                  "'opfoelgningsbeloeb_kr': 'fem' er ikke et tal.")
    assert not (tmp_path / "x.xlsx").exists()


@kraever_libreoffice
def test_balancerapport_bliver_til_pdf(tmp_path: Path):
    from addin.libreoffice import konverter

    ud = tmp_path / "b.xlsx"
    assert kør_cli("balance", "--out", str(ud)).returncode == 0
    assert konverter(ud, "pdf", tmp_path).read_bytes().startswith(b"%PDF")


def _fyld_balance(skabelon: Path, ud: Path) -> Path:
    import openpyxl

    from addin.indlaes import normaliser_kolonne

    wb = openpyxl.load_workbook(skabelon, keep_vba=skabelon.suffix == ".xlsm")
    for navn in ("handleplaner", "tabel_1_1", "kategorier", "aeldre_end_1_aar",
                 "systemafstemning", "afskrivninger"):
        ws = wb[navn]
        header = [normaliser_kolonne(c.value) if c.value else "" for c in ws[3]]
        for i, row in enumerate(laes_csv(KILDE / f"{navn}.csv"), start=4):
            for k, v in row.items():
                if k in header and v != "":
                    tal = v.lstrip("-").isdigit() and k not in ("konto", "kategori")
                    ws.cell(row=i, column=header.index(k) + 1, value=int(v) if tal else v)
    indst = {r[0].value: r[1] for r in wb["Indstillinger"].iter_rows(min_row=2)}
    for r in laes_csv(DEMO / "indstillinger.csv"):
        indst[r["noegle"]].value = r["vaerdi"]
    wb.save(ud)
    return ud


@pytest.mark.parametrize("skabelon", ["balanceafstemning.xlsx", "balanceafstemning.xlsm"])
def test_refresh_af_balanceskabelon_svarer_til_balance_kommandoen(tmp_path: Path, skabelon: str,
                                                                   rapport):
    from conftest import SKABELONER, uden_stempel

    fil = _fyld_balance(SKABELONER / skabelon, tmp_path / skabelon)
    res = kør_cli("refresh", str(fil))
    assert res.returncode == 0, res.stderr
    opdateret = ark_vaerdier(fil)
    for navn in ("Kategorifordeling", "Tabel 1.1", "Ældre end 1 år", "Tabel 2.1", "Handleplanoversigt",
                 "Systemafstemninger", "Afskrivningstabeller", "Tekst"):
        assert uden_stempel(opdateret[navn]) == uden_stempel(rapport[navn]), navn
    # the template has no printed Tabel 2.1 and change columns to check against: fewer checks
    advarsler = {tuple(r[:3]) for r in opdateret["Kontrol"] if r and r[0] == "advarsel"}
    assert advarsler and advarsler <= {tuple(r[:3]) for r in rapport["Kontrol"]}
    assert len(advarsler) == 18


def test_refresh_af_balanceskabelon_paa_book_api(tmp_path: Path):
    import xlwings as xw

    from addin.excel import refresh
    from conftest import SKABELONER, payload_fra_fil

    fil = _fyld_balance(SKABELONER / "balanceafstemning.xlsx", tmp_path / "b.xlsx")
    book = xw.Book(json=payload_fra_fil(fil))
    refresh(book)
    handlinger = book.json()["actions"]
    tilfoejet = [a["args"][1] for a in handlinger if a["func"] == "addSheet"]
    assert tilfoejet[:2] == ["Kategorifordeling", "Tabel 1.1"]
    vaerdier = [v for a in handlinger if a["func"] == "setValues" for r in a["values"] for v in r]
    assert "6 konti er logget til kategori 2, dvs. ”Afstemt til opfølgning”" in vaerdier
    assert not any(isinstance(v, str) and v.startswith("=") for v in vaerdier)


def test_andet_rapportaar(tmp_path: Path):
    """The category summary names the report year and the year before, whatever they are."""
    regler = (ROD_REGLER / "balance.yaml").read_text(encoding="utf-8").replace(
        "rapportdato: 2024-12-31", "rapportdato: 2025-12-31")
    (tmp_path / "r.yaml").write_text(regler, encoding="utf-8")
    mappe = _konti(tmp_path, [_plan("95900001", 5000, deadline="2026-03-31")])
    with open(mappe / "kategorier.csv", "w", encoding="utf-8") as f:
        f.write("kategori,antal_2025,netto_2025_tkr,antal_2024,netto_2024_tkr\n"
                "1,10,-5,12,-7\n2,1,5,2,7\n3,0,0,0,0\n")
    res = byg_balance_rapport(mappe, tmp_path / "r.yaml")
    k = res.balance.kategorier.set_index("kategori")
    assert k.loc["i alt", ["antal_2025", "antal_aendring"]].tolist() == [11, -3]
    assert ("afsnit_1", "Antallet af balancekonti er reduceret med netto 3 konti i året.") in \
        res.saetninger
    tekster = [c.vaerdi for r in res.rapport.find("Kategorifordeling").raekker for c in r]
    assert "2025 logninger" in tekster and "Ændringer fra 2024 til 2025" in tekster
