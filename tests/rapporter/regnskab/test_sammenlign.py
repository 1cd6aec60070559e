"""`regnskab diff`: moved deviations with unchanged explanations are listed, others are not."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from conftest import DEMO, kør_cli, laes_csv


def _skriv(sti: Path, rows: list[dict]) -> None:
    with open(sti, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)


def test_diff_finder_forklaringer_der_skal_ses_igen(tmp_path: Path):
    ny = tmp_path / "ny"
    shutil.copytree(DEMO, ny)
    hp = laes_csv(ny / "hovedprodukter.csv")
    for r in hp:
        if r["navn"] == "Boliger til flygtninge":  # +800 t.kr. regnskab: 3.199 -> 2.399
            r["regnskab_udgift"] = str(int(r["regnskab_udgift"]) + 800)
            r["afvigelse"] = ""
        if r["navn"] == "IT-udgifter mm.":  # moved 30 t.kr.: under the threshold
            r["regnskab_udgift"] = str(int(r["regnskab_udgift"]) + 30)
            r["afvigelse"] = ""
        if r["navn"] == "Jobcenterdrift":  # moved, but the explanation was rewritten
            r["regnskab_udgift"] = str(int(r["regnskab_udgift"]) + 500)
            r["afvigelse"] = ""
    _skriv(ny / "hovedprodukter.csv", hp)
    bev = laes_csv(ny / "bevillinger.csv")
    for r in bev:
        if r["bevilling"] == "Beskæftigelsesindsats" and r["styringsomraade"] == "Service":
            r["regnskab"] = str(int(r["regnskab"]) + 1330)
            r["afvigelse"] = ""
    _skriv(ny / "bevillinger.csv", bev)
    fk = laes_csv(ny / "forklaringer.csv")
    for r in fk:
        if r["navn"] == "Jobcenterdrift" and r["beloeb_mio"] == "22.2":
            r["beloeb_mio"] = "22.7"
    _skriv(ny / "forklaringer.csv", fk)
    res = kør_cli("diff", str(DEMO), str(ny))
    assert res.returncode == 0, res.stderr
    linjer = res.stdout.splitlines()
    assert linjer[0].startswith("3 linjer, hvis afvigelse har flyttet sig") and linjer[0].endswith(":")
    assert ("  Service / Beskæftigelsesindsats / Boliger til flygtninge (hovedprodukt): "
            "3.199 -> 2.399 t.kr. (flyttet -800; samme forklaring)") in linjer
    # the bevilling and the styringsområde moved too and have no explanation of their own
    assert ("  Service / Beskæftigelsesindsats / Beskæftigelsesindsats (bevilling): "
            "11.971 -> 10.641 t.kr. (flyttet -1.330; ingen forklaring)") in linjer
    assert ("  Service / Service (styringsomraade): 12.509 -> 11.179 t.kr. (flyttet -1.330; "
            "ingen forklaring)") in linjer
    assert not any("IT-udgifter" in x or "Jobcenterdrift" in x for x in linjer)
