"""Input variants of the core engine, a hand-checked unseen case, and clear errors."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import openpyxl
import pytest

from conftest import DEMO, ark_vaerdier, kør_cli, laes_csv


def _skriv_csv(sti: Path, rows: list[dict]) -> None:
    with open(sti, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)


def _byg(mappe: Path, ud: Path, *ekstra: str) -> dict[str, list[list]]:
    res = kør_cli("build", str(mappe), "--out", str(ud), *ekstra)
    assert res.returncode == 0, res.stderr
    return ark_vaerdier(ud)


def _uden_stempel(rapport: dict[str, list[list]]) -> dict[str, list[list]]:
    return {k: [r for r in v if not (r and r[0] in ("Dannet", "Input", "Hash"))]
            for k, v in rapport.items()}


def test_flere_raekker_pr_hovedprodukt_summeres(tmp_path: Path):
    kopi = tmp_path / "delt"
    shutil.copytree(DEMO, kopi)
    rows = laes_csv(DEMO / "hovedprodukter.csv")
    delt = []
    for r in rows:  # split every line in two konto rows, amounts 1/3 and 2/3
        a, b = dict(r), dict(r)
        for k in ("korrigeret_udgift", "korrigeret_indtaegt", "regnskab_udgift",
                  "regnskab_indtaegt"):
            v = int(r[k])
            a[k], b[k] = str(v // 3), str(v - v // 3)
        a["afvigelse"] = b["afvigelse"] = ""
        delt += [a, b]
    _skriv_csv(kopi / "hovedprodukter.csv", delt)
    original = _byg(DEMO, tmp_path / "a.xlsx")
    fra_delt = _byg(kopi, tmp_path / "b.xlsx")
    for navn in original:
        if navn != "Kontrol":
            assert fra_delt[navn] == original[navn], navn


UKENDT = {
    "bevillinger.csv": [
        {"styringsomraade": "Service", "bevilling": "Kultur", "vedtaget_budget": "1000",
         "tillaegsbevillinger": "250", "regnskab": "1180"},
        {"styringsomraade": "Service", "bevilling": "Idræt", "vedtaget_budget": "-400",
         "tillaegsbevillinger": "0", "regnskab": "-330"},
    ],
    "hovedprodukter.csv": [
        {"styringsomraade": "Service", "bevilling": "Kultur", "navn": "Biblioteker",
         "korrigeret_udgift": "900", "korrigeret_indtaegt": "-100", "regnskab_udgift": "905",
         "regnskab_indtaegt": "-30"},
        {"styringsomraade": "Service", "bevilling": "Kultur", "navn": "Museer",
         "korrigeret_udgift": "450", "korrigeret_indtaegt": "0", "regnskab_udgift": "305",
         "regnskab_indtaegt": "0"},
        {"styringsomraade": "Service", "bevilling": "Idræt", "navn": "Svømmehaller",
         "korrigeret_udgift": "0", "korrigeret_indtaegt": "-400", "regnskab_udgift": "0",
         "regnskab_indtaegt": "-330"},
    ],
}


def test_ukendt_tilfaelde_haandregnet(tmp_path: Path):
    """A case not in the seed: numbers and sentences checked by hand."""
    mappe = tmp_path / "in"
    mappe.mkdir()
    for navn, rows in UKENDT.items():
        _skriv_csv(mappe / navn, rows)
    r = _byg(mappe, tmp_path / "r.xlsx")
    oversigt = r["Oversigt"]
    # Kultur: korrigeret 1.250, regnskab 1.180 -> 70 mindreforbrug
    assert ["Kultur", 1000, 250, 1250, 1180, 70] in [list(x[:6]) for x in oversigt]
    # Idræt (only indtægter): korrigeret -400, regnskab -330 -> -70: fewer indtægter = merforbrug
    assert ["Idræt", -400, 0, -400, -330, -70] in [list(x[:6]) for x in oversigt]
    assert ["Service", 600, 250, 850, 850, 0] in [list(x[:6]) for x in oversigt]
    service = [v for row in r["Service"] for v in row if isinstance(v, str)]
    assert "Styringsområdet udviser ingen afvigelse." in service
    # Biblioteker: (900-100) - (905-30) = -75 -> merforbrug 0,1; Museer: 145 -> 0,1
    assert ["Biblioteker", 900, -100, 905, -30, -75] in [list(x[:6]) for x in r["Service"]]
    assert "Hovedproduktet udviser et merforbrug på 0,1 mio. kr." in service
    assert "Hovedproduktet udviser et mindreforbrug på 0,1 mio. kr." in service
    assert "Bevillingen udviser et mindreforbrug på 0,1 mio. kr." in service
    assert "Bevillingen udviser et merforbrug på 0,1 mio. kr." in service
    # Svømmehaller -70: lower indtægter than budgeted is a merforbrug
    assert ["Svømmehaller", 0, -400, 0, -330, -70] in [list(x[:6]) for x in r["Service"]]
    assert service.count("Der henvises til forklaringerne nedenfor.") == 3


def test_bevillingsbeloeb_kan_udelades(tmp_path: Path):
    mappe = tmp_path / "in"
    mappe.mkdir()
    _skriv_csv(mappe / "hovedprodukter.csv", UKENDT["hovedprodukter.csv"])
    r = _byg(mappe, tmp_path / "r.xlsx")
    assert ["Kultur", None, None, 1250, 1180, 70] in [list(x[:6]) for x in r["Oversigt"]]
    assert any(row[0] == "advarsel" and row[1] == "Bevillingsbeløb" for row in r["Kontrol"])


def test_projektmappe_svarer_til_csv_mappe(tmp_path: Path):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for navn in ("bevillinger", "hovedprodukter", "aktivitet", "forklaringer", "indstillinger"):
        ws = wb.create_sheet(navn)
        with open(DEMO / f"{navn}.csv", encoding="utf-8", newline="") as f:
            for i, row in enumerate(csv.reader(f)):
                ws.append([int(v) if i and v.lstrip("-").isdigit() else v for v in row])
    wb.save(tmp_path / "input.xlsx")
    fra_csv = _uden_stempel(_byg(DEMO, tmp_path / "a.xlsx"))
    fra_xlsx = _uden_stempel(_byg(tmp_path / "input.xlsx", tmp_path / "b.xlsx"))
    assert fra_xlsx == fra_csv


def test_manglende_kolonne_navngiver_fil_og_kolonne(tmp_path: Path):
    mappe = tmp_path / "in"
    shutil.copytree(DEMO, mappe)
    tekst = (mappe / "hovedprodukter.csv").read_text(encoding="utf-8")
    (mappe / "hovedprodukter.csv").write_text(tekst.replace("regnskab_udgift", "regnskab_udg", 1),
                                              encoding="utf-8")
    ud = tmp_path / "r.xlsx"
    res = kør_cli("build", str(mappe), "--out", str(ud))
    assert res.returncode == 2
    assert "Traceback" not in res.stderr
    assert res.stderr.startswith(f"Fejl: fil {mappe / 'hovedprodukter.csv'}, række 1, "
                                 "kolonne 'regnskab_udgift': Den påkrævede kolonne "
                                 "'regnskab_udgift' mangler")
    assert not ud.exists()


def test_kolonnenavne_som_en_controller_skriver_dem(tmp_path: Path):
    mappe = tmp_path / "in"
    mappe.mkdir()
    rows = [{"Styringsområde": r["styringsomraade"], "Bevilling": r["bevilling"],
             "Navn": r["navn"], "Korrigeret udgift": r["korrigeret_udgift"],
             "Korrigeret indtægt": r["korrigeret_indtaegt"],
             "Regnskab udgift": r["regnskab_udgift"],
             "Regnskab indtægt": r["regnskab_indtaegt"]} for r in UKENDT["hovedprodukter.csv"]]
    _skriv_csv(mappe / "hovedprodukter.csv", rows)
    r = _byg(mappe, tmp_path / "r.xlsx")
    assert ["Kultur", None, None, 1250, 1180, 70] in [list(x[:6]) for x in r["Oversigt"]]


def test_fejl_i_regelfil_navngiver_linje_og_noegle(tmp_path: Path):
    regler = (Path(__file__).resolve().parents[3] / "rules" / "regnskab.yaml").read_text(
        encoding="utf-8")
    linjer = regler.splitlines()
    nr = next(i for i, linje in enumerate(linjer) if linje.startswith("  afvigelse:"))
    linjer[nr] = '  afvigelse: "{navneord} udviser et {klasse}."'
    sti = tmp_path / "r.yaml"
    sti.write_text("\n".join(linjer), encoding="utf-8")
    res = kør_cli("build", str(DEMO), "--out", str(tmp_path / "x.xlsx"), "--rules", str(sti))
    assert res.returncode == 2
    assert res.stderr.strip() == (f"Fejl: fil {sti}, række {nr + 1}, nøgle 'saetninger.afvigelse'"
                                  ": Skabelonen mangler pladsholderen {beloeb}.")
    sti.write_text(regler.replace("  titel: Regnskab\n", "  titel: Regnskab\n  farve: blå\n"),
                   encoding="utf-8")
    res = kør_cli("check", str(DEMO), "--rules", str(sti))
    assert res.returncode == 2
    assert "nøgle 'rapport.farve': Ukendt nøgle." in res.stderr
    sti.write_text("navn: [uafsluttet\n", encoding="utf-8")
    res = kør_cli("check", str(DEMO), "--rules", str(sti))
    assert res.returncode == 2 and "række 2" in res.stderr and "ikke gyldig YAML" in res.stderr
    sti.write_text(regler.replace("vaesentlighed_tkr: 50", "vaesentlighed_tkr: halvtreds", 1),
                   encoding="utf-8")
    res = kør_cli("check", str(DEMO), "--rules", str(sti))
    assert "nøgle 'niveauer.styringsomraade.vaesentlighed_tkr': Forkert type" in res.stderr


@pytest.mark.parametrize("kommando", ["check"])
def test_check_afslutter_med_fejl_ved_fejl(tmp_path: Path, kommando: str):
    mappe = tmp_path / "in"
    shutil.copytree(DEMO, mappe)
    rows = laes_csv(mappe / "bevillinger.csv")
    rows[0]["korrigeret_budget"] = str(int(rows[0]["korrigeret_budget"]) + 5)
    _skriv_csv(mappe / "bevillinger.csv", rows)
    res = kør_cli(kommando, str(mappe))
    assert res.returncode == 1
    assert "FEJL      Vedtaget + tillæg = korrigeret | Service / Administration" in res.stdout
