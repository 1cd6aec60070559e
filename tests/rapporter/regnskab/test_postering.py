"""Posting-level input (`enhed: kr`): thousands of postings per hovedprodukt give the golden t.kr."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from conftest import ark_vaerdier, golden_bif, kør_cli, laes_csv

ROD = Path(__file__).resolve().parents[3]
G = golden_bif()
BELOEB = ["korrigeret_udgift", "korrigeret_indtaegt", "regnskab_udgift", "regnskab_indtaegt"]


def _regler_kr(mappe: Path) -> Path:
    sti = mappe / "regnskab-kr.yaml"
    tekst = (ROD / "rules" / "regnskab.yaml").read_text(encoding="utf-8")
    sti.write_text(tekst.replace("enhed: tkr", "enhed: kr", 1), encoding="utf-8")
    return sti


def _opdel(oere: int, n: int, rng: np.random.Generator) -> list[int]:
    """n postings in øre (random, mixed signs) summing exactly to `oere`."""
    dele = rng.integers(-5_000_000, 20_000_000, n - 1)
    return [*dele.tolist(), oere - int(dele.sum())]


def _kr(oere: int) -> str:
    tegn = "-" if oere < 0 else ""
    return f"{tegn}{abs(oere) // 100}.{abs(oere) % 100:02d}"


@pytest.fixture(scope="module")
def posteringsrapport(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[list]]:
    mappe = tmp_path_factory.mktemp("posteringer")
    ind = mappe / "input"
    ind.mkdir()
    rng = np.random.default_rng(7)
    rows = laes_csv(G / "hovedprodukter.csv")
    with open(ind / "hovedprodukter.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["styringsomraade", "bevilling", "niveau", "kode", "navn", *BELOEB])
        for h in rows:
            n = 1500
            kolonner = [_opdel(int(h[k]) * 100_000, n, rng) for k in BELOEB]
            for i in range(n):
                w.writerow([h["styringsomraade"], h["bevilling"], h["niveau"], h["kode"],
                            h["navn"], *(_kr(k[i]) for k in kolonner)])
    with open(G / "bevillinger.csv", encoding="utf-8") as f:
        bev = list(csv.DictReader(f))
    with open(ind / "bevillinger.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        felter = ["styringsomraade", "bevilling", "vedtaget_budget", "tillaegsbevillinger",
                  "regnskab"]
        w.writerow(felter)
        for b in bev:
            w.writerow([b["styringsomraade"], b["bevilling"],
                        *(int(b[k]) * 1000 for k in felter[2:])])
    ud = mappe / "r.xlsx"
    res = kør_cli("build", str(ind), "--rules", str(_regler_kr(mappe)), "--out", str(ud))
    assert res.returncode == 0, res.stderr
    return ark_vaerdier(ud)


def test_tusinder_af_posteringer_giver_de_gyldne_tkr(posteringsrapport):
    fundet = 0
    for h in laes_csv(G / "hovedprodukter.csv"):
        label = f"{h['kode']} {h['navn']}" if h["kode"] else h["navn"]
        forventet = [int(h[k]) for k in BELOEB]
        raekker = [list(r[1:5]) for r in posteringsrapport[h["styringsomraade"]]
                   if r and r[0] == label and isinstance(r[1], int) and r[2] is not None]
        assert forventet in raekker, (label, raekker)
        fundet += 1
    assert fundet == len(laes_csv(G / "hovedprodukter.csv"))


def test_oversigten_har_de_gyldne_bevillingstal(posteringsrapport):
    rows = posteringsrapport["Oversigt"]
    for b in laes_csv(G / "bevillinger.csv"):
        tal = [int(b[k]) for k in ("vedtaget_budget", "tillaegsbevillinger",
                                   "korrigeret_budget", "regnskab")]
        assert any(r[0] == b["bevilling"] and list(r[1:5]) == tal for r in rows), b["bevilling"]


def test_kontrolarket_forklarer_afrundingen(posteringsrapport):
    beloeb = [r for r in posteringsrapport["Kontrol"] if r[0] == "Beløb"]
    assert beloeb and "afrundet én gang (halvt op)" in beloeb[0][1]


def test_afrundes_en_gang_halvt_op(tmp_path: Path):
    """1.000 postings of 1.234,50 kr. are 1.234,5 t.kr.: shown 1.235 (and -1.235), where rounding
    each posting to t.kr. first would give 1.000."""
    ind = tmp_path / "input"
    ind.mkdir()
    linjer = ["styringsomraade,bevilling,navn,korrigeret_udgift,korrigeret_indtaegt,"
              "regnskab_udgift,regnskab_indtaegt"]
    linjer += ["Service,Administration,Løn,1234.50,-1234.50,1000.40,0"] * 1000
    (ind / "hovedprodukter.csv").write_text("\n".join(linjer) + "\n", encoding="utf-8")
    ud = tmp_path / "r.xlsx"
    res = kør_cli("build", str(ind), "--rules", str(_regler_kr(tmp_path)), "--out", str(ud))
    assert res.returncode == 0, res.stderr
    loen = next(r for r in ark_vaerdier(ud)["Service"] if r[0] == "Løn")
    # 1.234,5 -> 1.235; -1.234,5 -> -1.235; 1.000,4 -> 1.000; afvigelse 0 - 1.000,4 -> -1.000
    assert list(loen[1:6]) == [1235, -1235, 1000, 0, -1000]
    stempel = {r[0]: r[1] for r in ark_vaerdier(ud)["Kontrol"][:8] if r[0]}
    assert "halvt op" in stempel["Beløb"]
