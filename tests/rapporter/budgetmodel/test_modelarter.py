"""The budget model's three kinds in one input (seed 003): ydelse, aktivering (antal forløb ×
gennemsnitspris per værktøj, subtotals per type) and lønsum (årsværk × gennemsnitsløn; with a
normtal in the rules, årsværk = sager ÷ normtal). Figures checked by hand below."""

from __future__ import annotations

from pathlib import Path

from conftest import ark_vaerdier, kør_cli

HOVED = "ordning,periode,model,type,budget_antal,budget_pris,forventet_antal,forventet_pris"


def _byg(tmp_path: Path, *linjer: str) -> tuple:
    mappe = tmp_path / "in"
    mappe.mkdir()
    (mappe / "budgetmodel.csv").write_text("\n".join([HOVED, *linjer]) + "\n", encoding="utf-8")
    res = kør_cli("budgetmodel", str(mappe), "--out", str(tmp_path / "m.xlsx"))
    return res, mappe


def _raekker(tmp_path: Path) -> dict:
    rows = ark_vaerdier(tmp_path / "m.xlsx")["Modelresultat"]
    return {r[0]: r[3:10] for r in rows if r[0] and r[3] is not None and r[0] != "Ordning"}


def test_aktivering_med_subtotal_pr_type_og_split_lig_afvigelsen(tmp_path: Path):
    # intern: 400 × 12.000 = 4.800 t.kr., 430 × 11.800 = 5.074 t.kr.; afvigelse −274;
    # mængde (430 − 400) × 12.000 = 360, pris (11.800 − 12.000) × 430 = −86; 360 − 86 = 274
    res, _ = _byg(tmp_path, "Virksomhedspraktik,2025,aktivering,intern,400,12000,430,11800",
                  "Mentorforløb,2025,aktivering,ekstern,150,25000,140,26500")
    assert res.returncode == 0, res.stderr
    r = _raekker(tmp_path)
    assert r["Virksomhedspraktik"] == [4800, 5074, 4800, 5074, -274, 360, -86]
    assert r["I alt intern"] == [4800, 5074, 4800, 5074, -274, 360, -86]
    assert r["I alt ekstern"] == [3750, 3710, 3750, 3710, 40, -250, 210]
    assert r["I alt"] == [8550, 8784, 8550, 8784, -234, 110, 124]
    tekst = [x[0] for x in ark_vaerdier(tmp_path / "m.xlsx")["Modelresultat"] if x[0]]
    assert ("• Antallet af forløb er 30 forløb højere end budgetteret. Det betyder, at udgifterne "
            "er vokset med 0,4 mio. kr.") in tekst


def test_loensum_styres_af_sager_og_normtal(tmp_path: Path):
    # normtal 60 (rules/budgetmodel.yaml): 3.000 sager = 50 årsværk × 520.000 = 26.000 t.kr.;
    # 3.300 sager = 55 årsværk × 525.000 = 28.875 t.kr.; mængde 5 × 520.000 = 2.600 t.kr.
    res, _ = _byg(tmp_path, "Jobcentrets sagsbehandlere,2025,loensum,,3000,520000,3300,525000")
    assert res.returncode == 0, res.stderr
    assert _raekker(tmp_path)["Jobcentrets sagsbehandlere"] == [26000, 28875, 26000, 28875,
                                                                 -2875, 2600, 275]
    tekst = [x[0] for x in ark_vaerdier(tmp_path / "m.xlsx")["Modelresultat"] if x[0]]
    assert ("• Antallet af årsværk er 5 årsværk højere end budgetteret. Det betyder, at "
            "lønudgifterne er vokset med 2,6 mio. kr.") in tekst


def test_ukendt_modelart_og_aktivering_uden_type_afvises(tmp_path: Path):
    res, mappe = _byg(tmp_path, "Løn,2025,løn,,1,1,1,1")
    assert res.returncode == 2
    assert res.stderr.strip() == (
        f"Fejl: fil {mappe / 'budgetmodel.csv'}, række 2, kolonne 'model': Ukendt værdi 'løn'; "
        "tilladt: 'ydelse', 'aktivering', 'loensum' eller tom (fra regelfilen budgetmodel.yaml).")
    (tmp_path / "b").mkdir()
    res, _ = _byg(tmp_path / "b", "Mentor,2025,aktivering,,1,1,1,1")
    assert res.returncode == 2
    assert "En aktiveringslinje skal have en type (intern, ekstern)." in res.stderr


def test_refresh_af_skabelonen_med_alle_tre_modelarter(tmp_path: Path):
    from fyldning import fyld_fra_eksempel

    from conftest import SKABELONER

    _, mappe = _byg(tmp_path, "Virksomhedspraktik,2025,aktivering,intern,400,12000,430,11800",
                    "Jobcentrets sagsbehandlere,2025,loensum,,3000,520000,3300,525000",
                    "Kontanthjælp,2025,ydelse,,6275,117560,6226,117815")
    for endelse in (".xlsx", ".xlsm"):
        fil = fyld_fra_eksempel(SKABELONER / f"budgetmodel{endelse}", mappe,
                                tmp_path / f"budgetmodel{endelse}")
        res = kør_cli("refresh", str(fil))
        assert res.returncode == 0, res.stderr
        rows = ark_vaerdier(fil)["Modelresultat"]
        r = {x[0]: x[3:10] for x in rows if x[0] and x[3] is not None and x[0] != "Ordning"}
        assert r["I alt intern"] == [4800, 5074, 4800, 5074, -274, 360, -86]
        assert r["Jobcentrets sagsbehandlere"] == [26000, 28875, 26000, 28875, -2875, 2600, 275]
        # Kontanthjælp: 6.275 × 117.560 = 737.689 t.kr.; I alt budget brutto 4.800 + 26.000 +
        # 737.689
        assert r["I alt"][0] == 768489
