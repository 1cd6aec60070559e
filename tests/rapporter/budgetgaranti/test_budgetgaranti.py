"""Budgetgaranti: the seed's two worked examples exactly (Ballerup Kommune, "Økonomi, tal og
styring på beskæftigelsesområdet", the slide "To eksempler på samlet virkning af udviklingen på
budgetgaranterede områder": a base of 400 mio. kr. gives 4 mio. kr. per pct.)."""

from __future__ import annotations

from pathlib import Path

from addin.regler import bundlet_regelfil
from conftest import ark_vaerdier, kør_cli


def _regler_for_ballerup(tmp_path: Path) -> Path:
    sti = tmp_path / "ballerup.yaml"
    sti.write_text(bundlet_regelfil("budgetgaranti").read_text(encoding="utf-8").replace(
        "kommune_genitiv: Kommunens", "kommune_genitiv: Ballerups"), encoding="utf-8")
    return sti


def test_seedens_to_eksempler(tmp_path: Path):
    res = kør_cli("budgetgaranti", "--out", str(tmp_path / "g.xlsx"), "--rules",
                  str(_regler_for_ballerup(tmp_path)))
    assert res.returncode == 0, res.stderr
    rows = ark_vaerdier(tmp_path / "g.xlsx")["Virkning"]
    tal = [r[:7] for r in rows if r[1] == 400000]
    assert tal == [["Landsplan +1 pct., kommunen −1 pct.", 400000, 1, -1, 4000, 4000, 8000],
                   ["Landsplan −1 pct., kommunen uændret", 400000, -1, 0, -4000, 0, -4000]]
    tekst = [r[0] for r in rows if r[0] and r[1] is None]
    i = tekst.index("Landsplan +1 pct., kommunen −1 pct.", 2)
    assert tekst[i + 1:i + 4] == ["Ballerups indtægter stiger med 4,0 mio. kr.",
                                  "Ballerups udgifter falder med 4,0 mio. kr.",
                                  "Samlet virkning + 8,0 mio. kr."]
    j = tekst.index("Landsplan −1 pct., kommunen uændret", i + 1)
    assert tekst[j + 1:j + 4] == ["Ballerups indtægter falder med 4,0 mio. kr.",
                                  "Ballerups udgifter er uændrede.",
                                  "Samlet virkning ÷ 4,0 mio. kr."]
    assert res.stdout.splitlines()[-1] == "Kontroller: 4 ok, 0 advarsler, 0 fejl"


def test_urimelig_udvikling_afvises(tmp_path: Path):
    mappe = tmp_path / "in"
    mappe.mkdir()
    (mappe / "budgetgaranti.csv").write_text(
        "scenarie,grundlag_tkr,landsudvikling_pct,kommuneudvikling_pct\nA,400000,150,0\n",
        encoding="utf-8")
    res = kør_cli("build", str(mappe), "--out", str(tmp_path / "g.xlsx"))
    assert res.returncode == 2
    assert res.stderr.strip() == (f"Fejl: fil {mappe}, række 2, kolonne 'landsudvikling_pct': "
                                  "En udvikling på 150 pct. på et år er ikke rimelig.")


def test_refresh_af_skabelonen(tmp_path: Path):
    from fyldning import fyld_fra_eksempel

    from addin.data import eksempel
    from conftest import SKABELONER

    for endelse in (".xlsx", ".xlsm"):
        fil = fyld_fra_eksempel(SKABELONER / f"budgetgaranti{endelse}",
                                eksempel("budgetgaranti-eksempel"),
                                tmp_path / f"budgetgaranti{endelse}")
        res = kør_cli("refresh", str(fil))
        assert res.returncode == 0, res.stderr
        rows = ark_vaerdier(fil)["Virkning"]
        assert [r[4:7] for r in rows if r[1] == 400000] == [[4000, 4000, 8000],
                                                             [-4000, 0, -4000]]
        assert "Samlet virkning ÷ 4,0 mio. kr." in [r[0] for r in rows]
