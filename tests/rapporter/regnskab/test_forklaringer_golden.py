"""Explanation sections of the golden case: intro phrases from the source, bullets verbatim."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx import Document

from conftest import BIF, kør_cli, laes_csv

# The source's heading, standard sentence and intro of every line with bullets, verbatim (the
# excerpt's header names the document; lines starting with "#" are comments).
UDDRAG = BIF / "uddrag_regnskabsbemaerkninger.txt"


# The one line whose source intro is free text, not one of the three standard phrases; without an
# `intro` column the report uses the standard rule (two merforbrug bullets -> "Det skyldes:").
FRI_INTRO = {"Integrationsindtægter": ("Merforbruget skyldes færre indtægter, hvilket skyldes to "
                                       "forhold:", "Det skyldes:")}


def _seed_intro(navn: str) -> str:
    """The 'Det skyldes ...' line after the line's heading in the source ('<navn> <amount>')."""
    if navn in FRI_INTRO:
        return FRI_INTRO[navn][1]
    linjer = [x.strip() for x in UDDRAG.read_text(encoding="utf-8").splitlines()]
    for i, linje in enumerate(linjer):
        if re.fullmatch(re.escape(navn) + r"( -?[\d.]+)?", linje):
            for naeste in linjer[i + 1:i + 8]:
                if naeste.startswith("Det skyldes"):
                    return naeste
    raise AssertionError(navn)


def _grupper() -> dict[tuple[str, str], list[dict]]:
    ud: dict[tuple[str, str], list[dict]] = {}
    for r in laes_csv(BIF / "forklaringer.csv"):
        ud.setdefault((r["niveau"], r["navn"]), []).append(r)
    return ud


@pytest.fixture(scope="module")
def bemaerkninger(tmp_path_factory) -> list[str]:
    import openpyxl

    ud = tmp_path_factory.mktemp("f") / "r.xlsx"
    assert kør_cli("build", str(BIF), "--out", str(ud)).returncode == 0
    ws = openpyxl.load_workbook(ud)["Bemærkninger"]
    return [c for r in ws.iter_rows(values_only=True) for c in r if isinstance(c, str)]


def test_hvert_afsnit_har_kildens_intro_og_punkter(bemaerkninger):
    grupper = _grupper()
    assert len(grupper) == 11
    for (_niveau, navn), rows in grupper.items():
        intro = _seed_intro(navn)
        forventet = [intro] + [f"• {r['tekst']}" for r in rows]
        start = bemaerkninger.index(forventet[1]) - 1
        assert bemaerkninger[start:start + len(forventet)] == forventet, navn


def test_docx_har_samme_afsnit(tmp_path: Path):
    ud = tmp_path / "r.docx"
    assert kør_cli("export-docx", str(BIF), "--out", str(ud)).returncode == 0
    afsnit = [p.text for p in Document(str(ud)).paragraphs]
    for (_, navn), rows in _grupper().items():
        forventet = [_seed_intro(navn)] + [r["tekst"] for r in rows]
        start = afsnit.index(forventet[1]) - 1
        assert afsnit[start:start + len(forventet)] == forventet, navn


def test_egen_intro_fra_kolonnen_intro(tmp_path: Path):
    import csv
    import shutil

    import openpyxl

    mappe = tmp_path / "in"
    shutil.copytree(BIF, mappe)
    rows = laes_csv(mappe / "forklaringer.csv")
    for r in rows:
        r["intro"] = FRI_INTRO["Integrationsindtægter"][0] if r["navn"] == "Integrationsindtægter" \
            else ""
    with open(mappe / "forklaringer.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    ud = tmp_path / "r.xlsx"
    assert kør_cli("build", str(mappe), "--out", str(ud)).returncode == 0
    tekster = [c for r in openpyxl.load_workbook(ud)["Bemærkninger"].iter_rows(values_only=True)
               for c in r if isinstance(c, str)]
    i = tekster.index("Hovedproduktet udviser et merforbrug på 2,4 mio. kr.")
    assert tekster[i + 1] == FRI_INTRO["Integrationsindtægter"][0]
    assert tekster[i + 2].startswith("• Et merforbrug på 1,9 mio. kr. på grund af færre")


def test_linjer_med_fejl_i_forklaringen_er_markeret(bemaerkninger):
    # the line heading carries a marker pointing to the check sheet
    assert any(a == "Løntilskud forsikrede" and b == "Se Kontrol: forklaring mangler"
               for a, b in zip(bemaerkninger, bemaerkninger[1:]))
    maerker = [t for t in bemaerkninger if t.startswith("Se Kontrol")]
    assert sorted(maerker) == sorted(
        ["Se Kontrol: forklaring mangler"] * 4
        + ["Se Kontrol: forklaringer summerer til den afrundede afvigelse"] * 2)
