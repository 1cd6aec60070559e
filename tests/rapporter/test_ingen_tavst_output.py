"""No silent output: an unknown category, a missing setting or an unverifiable claim is refused
or flagged in every report kind, never dropped (each case with its exact outcome)."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from addin.data import eksempel
from conftest import ark_vaerdier, kør_cli


def _kopi(tmp_path: Path, navn: str) -> Path:
    mappe = tmp_path / navn
    shutil.copytree(eksempel(navn), mappe)
    return mappe


def _ret(sti: Path, raekke: int, kolonne: str, vaerdi: str) -> None:
    """Change one cell (data row `raekke`, 1-based) of a CSV file."""
    with open(sti, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    felter = list(rows[0])
    rows[raekke - 1][kolonne] = vaerdi
    with open(sti, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, felter)
        w.writeheader()
        w.writerows(rows)


def _kontrol(sti: Path) -> list[list]:
    return [r for r in ark_vaerdier(sti)["Kontrol"] if r and r[0] in ("ok", "advarsel", "fejl",
                                                                      "bemærk")]


def test_udloeb_stavefejl_i_vurdering_afvises(tmp_path: Path):
    mappe = _kopi(tmp_path, "bevillingsudloeb-2026")
    _ret(mappe / "udloeb.csv", 1, "vurdering", "kan_viderefores")
    res = kør_cli("udloeb", str(mappe), "--out", str(tmp_path / "u.xlsx"))
    assert res.returncode == 2
    assert res.stderr.strip() == (
        f"Fejl: fil {mappe / 'udloeb.csv'}, række 2, kolonne 'vurdering': Ukendt værdi "
        "'kan_viderefores'; tilladt: 'kan_videreføres', 'kan_videreføres_med_justeringer', "
        "'bør_ikke_videreføres', 'kan_ikke_vurderes', 'andet' (fra regelfilen udloeb.yaml).")
    assert not (tmp_path / "u.xlsx").exists()


def test_udloeb_ukendt_styringsomraade_afvises(tmp_path: Path):
    mappe = _kopi(tmp_path, "bevillingsudloeb-2026")
    _ret(mappe / "beloeb.csv", 1, "styringsomraade", "anlaeg")
    res = kør_cli("udloeb", str(mappe), "--out", str(tmp_path / "u.xlsx"))
    assert res.returncode == 2
    assert res.stderr.strip() == (
        f"Fejl: fil {mappe / 'beloeb.csv'}, række 2, kolonne 'styringsomraade': Ukendt værdi "
        "'anlaeg'; tilladt: 'service', 'indsats' eller tom (fra regelfilen udloeb.yaml).")


def test_udloeb_modord_giver_advarsel(tmp_path: Path):
    """'kan videreføres' in a text that says an assessment is not possible is no match."""
    mappe = _kopi(tmp_path, "bevillingsudloeb-2026")
    _ret(mappe / "udloeb.csv", 1, "vurdering_tekst",
         "Det er ikke muligt at vurdere, om initiativet kan videreføres.")
    res = kør_cli("udloeb", str(mappe), "--out", str(tmp_path / "u.xlsx"))
    assert res.returncode == 0, res.stderr
    assert ["advarsel", "Vurdering = vurderingens tekst", "nr 1",
            "teksten siger også 'ikke muligt', som hører til en anden vurdering"] in _kontrol(
        tmp_path / "u.xlsx")


def test_budgetnotat_omdoebt_blok_afvises(tmp_path: Path):
    mappe = _kopi(tmp_path, "budgetnotat-bi03-2023")
    tekst = (mappe / "dut_tabeller.csv").read_text(encoding="utf-8")
    (mappe / "dut_tabeller.csv").write_text(tekst.replace(",Udgifter,", ",Udgift,", 1),
                                            encoding="utf-8")
    res = kør_cli("budgetnotat", str(mappe), "--out", str(tmp_path / "b.xlsx"))
    assert res.returncode == 2
    raekke = next(i for i, linje in enumerate(tekst.splitlines(), start=1)
                  if ",Udgifter," in linje)
    assert res.stderr.strip() == (
        f"Fejl: fil {mappe / 'dut_tabeller.csv'}, række {raekke}, kolonne 'afsnit': Ukendt værdi "
        "'Udgift'; tilladt: 'DUT-kompensation', 'Udgifter', 'Difference' (fra regelfilen "
        "budgetnotat.yaml).")


def test_balance_uden_indstillinger_skriver_ingen_saetning_med_hul(tmp_path: Path):
    mappe = _kopi(tmp_path, "balance-2024")
    (mappe / "indstillinger.csv").unlink()
    res = kør_cli("balance", str(mappe), "--out", str(tmp_path / "b.xlsx"))
    assert res.returncode == 0, res.stderr
    ark = ark_vaerdier(tmp_path / "b.xlsx")
    tekster = [str(v) for rows in ark.values() for r in rows for v in r if isinstance(v, str)]
    assert not [t for t in tekster if "vedrørende ." in t or t.startswith(" har ")
                or "  " in t.replace("   ", "")]
    assert not [t for t in tekster if "har ikke foretaget periodisering" in t
                or "hovedkonto 9" in t]
    noter = [r for r in _kontrol(tmp_path / "b.xlsx") if r[1] == "Sætning ikke skrevet"]
    steder = {r[2] for r in noter}
    assert {"forvaltning_afstemt", "afskrivning_drift", "afskrivning_balance",
            "ingen_periodisering", "ingen_hovedkonto9"} <= steder
    assert ["bemærk", "Sætning ikke skrevet", "ingen_periodisering",
            "værktøjet læser ikke de data, sætningen bygger på; angiv "
            "'periodisering_uden_dokumentation' (ja/nej) i Indstillinger, eller skriv sætningen "
            "selv"] in noter


def test_budgetmodel_kontrolleres_mod_oekonomisystemet(tmp_path: Path):
    mappe = _kopi(tmp_path, "budgetmodel-eksempel")
    res = kør_cli("budgetmodel", str(mappe), "--out", str(tmp_path / "uden.xlsx"))
    assert res.returncode == 0, res.stderr
    assert [r[:3] for r in _kontrol(tmp_path / "uden.xlsx")] == [
        ["bemærk", "Model mod økonomisystemet", "alle ordninger"]]
    rows = list(csv.DictReader(open(mappe / "budgetmodel.csv", encoding="utf-8")))
    # A-dagpenge 2025: 13.050 x 141.987 = 1.852.930.350 kr.; Kontanthjælp given 10.000 kr. too
    # high (the tolerance is half a krone per person: 3.137,5 kr.)
    for r in rows:
        brutto = int(r["budget_antal"]) * int(r["budget_pris"])
        r["budget_brutto"] = str(brutto + (10_000 if r["ordning"] == "Kontanthjælp" else 0))
    with open(mappe / "budgetmodel.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    res = kør_cli("budgetmodel", str(mappe), "--out", str(tmp_path / "med.xlsx"))
    assert res.returncode == 0, res.stderr
    kontrol = _kontrol(tmp_path / "med.xlsx")
    assert ["ok", "Antal x gennemsnitspris = brutto", "A-dagpenge 2025",
            "budget: beregnet 1.852.930.350 kr., økonomisystemet 1.852.930.350 kr."] in kontrol
    assert ["advarsel", "Antal x gennemsnitspris = brutto", "Kontanthjælp 2025",
            "budget: beregnet 737.689.000 kr., økonomisystemet 737.699.000 kr."] in kontrol


def test_ydelsesintro_uden_retning_bruger_reglernes_ord():
    """A line without a clear direction gets the rule file's word, not a cut-off noun."""
    from addin.rapporter.regnskab.layout import talord
    from addin.regler import indlaes_regler

    r = indlaes_regler()
    ord_ = r["ydelser_retning"]["ingen_vaesentlig"]
    assert r.saetning("ydelser_intro", Retning=ord_, retning=ord_.lower(),
                      antal=talord(2, r)) == (
        "Afvigelsen vedrører følgende forhold vedrørende to underliggende ydelser:")
    assert talord(12, r) == "12"


def test_budgetmodel_intro_foelger_reglen_for_modsatrettede_forhold(tmp_path: Path):
    """A-dagpenge 2025: fewer recipients (13.050 -> 12.927) but a higher price (141.987 ->
    142.859 kr.): two opposite effects, worded as in the regnskab. Kontanthjælp and
    Ressourceforløbsydelse likewise; Sygedagpenge has both lower (7.910 -> 7.828, 116.372 ->
    113.341 kr.): one direction."""
    res = kør_cli("budgetmodel", "--out", str(tmp_path / "m.xlsx"))
    assert res.returncode == 0, res.stderr
    rows = ark_vaerdier(tmp_path / "m.xlsx")["Modelresultat"]
    intro = {}
    for i, r in enumerate(rows):
        if r[0] and str(r[0]).startswith("Det skyldes"):
            intro[rows[i - 2][0]] = r[0]
    assert intro == {"A-dagpenge 2025": "Det skyldes to modsatrettede forhold:",
                     "Kontanthjælp 2025": "Det skyldes to modsatrettede forhold:",
                     "Sygedagpenge 2025": "Det skyldes:",
                     "Ressourceforløbsydelse 2025": "Det skyldes to modsatrettede forhold:"}
    assert res.stdout.splitlines()[-1] == "Kontroller: 0 ok, 0 advarsler, 0 fejl, 1 bemærkning"


def _skriv_csv(sti: Path, header: str, *rows: str) -> None:
    sti.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")


UDLOEB_HOVED = "nr,kategori,vurdering"
BELOEB_HOVED = "nr,type,styringsomraade,aar,beloeb_mio"


def _udloeb(tmp_path: Path, udloeb: list[str], beloeb: list[str]) -> Path:
    mappe = tmp_path / "u"
    mappe.mkdir()
    _skriv_csv(mappe / "udloeb.csv", UDLOEB_HOVED, *udloeb)
    _skriv_csv(mappe / "beloeb.csv", BELOEB_HOVED, *beloeb)
    return mappe


def test_udloeb_beloeb_uden_initiativ_i_registret_afvises(tmp_path: Path):
    mappe = _udloeb(tmp_path, ["1,Fulde bevillingsudløb,kan_videreføres"],
                    ["1,foreslaaet,service,2026,1.0", "2,foreslaaet,service,2026,2.0"])
    res = kør_cli("udloeb", str(mappe), "--out", str(tmp_path / "r.xlsx"))
    assert res.returncode == 2
    assert res.stderr.strip() == (f"Fejl: fil {mappe / 'beloeb.csv'}, række 3, kolonne 'nr': "
                                  "Beløbet hører til initiativ 2, som ikke står i registret "
                                  "(udloeb).")


def test_udloeb_dobbelt_initiativ_og_forslag_uden_aar_afvises(tmp_path: Path):
    mappe = _udloeb(tmp_path, ["1,Fulde bevillingsudløb,kan_videreføres"] * 2,
                    ["1,foreslaaet,service,2026,2.0"])
    res = kør_cli("udloeb", str(mappe), "--out", str(tmp_path / "r.xlsx"))
    assert res.returncode == 2
    assert res.stderr.strip() == (f"Fejl: fil {mappe / 'udloeb.csv'}, række 3, kolonne 'nr': "
                                  "Initiativ 1 står to gange i registret (også række 2); hvert "
                                  "initiativ og delindsats én gang.")
    (tmp_path / "b").mkdir()
    mappe = _udloeb(tmp_path / "b", ["1,Fulde bevillingsudløb,kan_videreføres"],
                    ["1,foreslaaet,service,2026,2.0", "1,foreslaaet,service,,5.0"])
    res = kør_cli("udloeb", str(mappe), "--out", str(tmp_path / "r.xlsx"))
    assert res.returncode == 2
    assert res.stderr.strip() == (f"Fejl: fil {mappe / 'beloeb.csv'}, række 3, kolonne 'aar': "
                                  "Et foreslået beløb skal have et år.")


def test_udloeb_uden_forslag_giver_rapport(tmp_path: Path):
    mappe = _udloeb(tmp_path, ["1,Fulde bevillingsudløb,bør_ikke_videreføres"],
                    ["1,bevilget,service,2025,3.0"])
    res = kør_cli("udloeb", str(mappe), "--out", str(tmp_path / "r.xlsx"))
    assert res.returncode == 0, res.stderr


def test_budgetnotat_linjer_med_samme_noegle_laegges_sammen(tmp_path: Path):
    """Two bevillingsteknik lines of the same aktivitet (Tabel 6 and 7): the economy overview
    shows their sum, 150, not the last one."""
    mappe = tmp_path / "n"
    mappe.mkdir()
    _skriv_csv(mappe / "bevillingsteknik.csv", "tabel,aktivitet,aar,beloeb_tkr",
               "Tabel 6,A,2023,100", "Tabel 7,A,2023,50")
    _skriv_csv(mappe / "dut_tabeller.csv", "tabel,afsnit,post,aar,beloeb_mio",
               "Tabel 1,DUT-kompensation,P,2022,1.0", "Tabel 1,DUT-kompensation,I alt,2023,0.0")
    res = kør_cli("budgetnotat", str(mappe), "--out", str(tmp_path / "r.xlsx"))
    assert res.returncode == 0, res.stderr  # no udvalg/bevilling/iu columns, an I alt alone
    rows = ark_vaerdier(tmp_path / "r.xlsx")["Økonomi"]
    assert [r[:3] for r in rows if r[0] == "A"] == [["A", None, 150]]


def test_balance_kategori_uden_for_loggen_afvises(tmp_path: Path):
    mappe = tmp_path / "b"
    mappe.mkdir()
    _skriv_csv(mappe / "handleplaner.csv", "kategori,im_funktion,konto,opfoelgningsbeloeb_kr",
               "1,9.28.14,91403000,5000", "2,9.28.14,91403001,2000")
    res = kør_cli("balance", str(mappe), "--out", str(tmp_path / "r.xlsx"))
    assert res.returncode == 2
    assert res.stderr.strip() == (
        f"Fejl: fil {mappe / 'handleplaner.csv'}, række 2, kolonne 'kategori': Ukendt værdi "
        "'1'; tilladt: '2', '3' (fra regelfilen balance.yaml).")


def test_budgetmodel_afrunder_en_gang(tmp_path: Path):
    """1 person at 999,99 kr. with 50 pct. refusion: net 499,995 kr. = 0 t.kr. (not 1)."""
    mappe = tmp_path / "m"
    mappe.mkdir()
    _skriv_csv(mappe / "budgetmodel.csv", "ordning,periode,budget_antal,budget_pris,"
               "forventet_antal,forventet_pris", "Sygedagpenge,2025,1,999.99,0,0")
    res = kør_cli("budgetmodel", str(mappe), "--out", str(tmp_path / "r.xlsx"))
    assert res.returncode == 0, res.stderr
    linje = next(r for r in ark_vaerdier(tmp_path / "r.xlsx")["Modelresultat"]
                 if r[0] == "Sygedagpenge")
    assert linje[3:7] == [1, 0, 0, 0]  # brutto 999,99 -> 1; netto 499,995 -> 0


def test_budgetnotat_ukendt_iu_afvises(tmp_path: Path):
    mappe = tmp_path / "n"
    mappe.mkdir()
    _skriv_csv(mappe / "bevillingsteknik.csv", "tabel,aktivitet,iu,aar,beloeb_tkr",
               "Tabel 6,A,U,2023,100", "Tabel 6,B,X,2023,50")
    _skriv_csv(mappe / "dut_tabeller.csv", "tabel,afsnit,post,aar,beloeb_mio",
               "Tabel 1,DUT-kompensation,P,2023,1.0")
    res = kør_cli("budgetnotat", str(mappe), "--out", str(tmp_path / "r.xlsx"))
    assert res.returncode == 2
    assert res.stderr.strip() == (
        f"Fejl: fil {mappe / 'bevillingsteknik.csv'}, række 3, kolonne 'iu': Ukendt værdi 'X'; "
        "tilladt: 'I', 'U' eller tom (fra regelfilen budgetnotat.yaml).")
