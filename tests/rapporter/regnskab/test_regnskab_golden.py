"""The golden case end to end: `regnskab build` on BIF Regnskab 2024, read back from the .xlsx."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ark_vaerdier, golden_bif, kraever_libreoffice, kør_cli, laes_csv

G = golden_bif()

# Sentences the golden case lists as wrong in the source (tests/data/bif-regnskab-2024/KILDE.md,
# numbered as there); the report prints the formula's.
FORKERTE_SAETNINGER = {
    ("styringsomraade", "Finansposter"):
        "Styringsområdet udviser et mindreforbrug på 3,1 mio. kr.",  # KILDE.md A.1
    ("styringsomraade", "Overførsler mv."):
        "Styringsområdet udviser et mindreforbrug på 46,6 mio. kr.",  # KILDE.md C.14
    ("ydelse", "Kontanthjælp"): "Mindreforbruget udgør 4,2 mio. kr.",  # KILDE.md A.6
}
# Detail rows whose printed afvigelse is off by rounding (KILDE.md B.8).
AFRUNDEDE_RAEKKER = {"Boliger til flygtninge", "Ydelsesadministration", "Beskæftigelsestilbud",
                     "Integrationsindtægter"}
# Price/quantity bullets that differ from the formulas or carry a typo in the source
# (KILDE.md A.2-A.5, B.11, D): (ydelse, 'antal' | 'pris').
AFVIGENDE_PM = {
    ("Fleksjob", "antal"), ("Fleksjob", "pris"), ("Førtidspension", "antal"),
    ("Førtidspension", "pris"), ("Kontanthjælp", "antal"), ("Kontanthjælp", "pris"),
    ("Ressourceforløbsydelse", "antal"), ("Ressourceforløbsydelse", "pris"),
    ("Revalidering", "antal"), ("Sygedagpenge", "antal"),
    ("Seniorjob", "antal"),  # typo "budgettere."
    ("Revalidering", "pris"),  # typo "udgifter er faldet"
}


@pytest.fixture(scope="module")
def rapport(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[list]]:
    ud = tmp_path_factory.mktemp("golden") / "r.xlsx"
    res = kør_cli("build", str(G), "--out", str(ud), "--aar", "2024")
    assert res.returncode == 0, res.stderr
    assert "Rapport skrevet" in res.stdout
    return ark_vaerdier(ud)


def _find_raekke(rows: list[list], label: str, beloeb: list[int], start: int = 0) -> int:
    for i in range(start, len(rows)):
        r = rows[i]
        if r and r[0] == label and list(r[1:6]) == beloeb:
            return i
    raise AssertionError(f"ingen række {label!r} {beloeb}")


def test_oversigt_har_alle_bevillinger_i_raekkefoelge(rapport):
    rows = rapport["Oversigt"]
    pos = -1
    for b in laes_csv(G / "bevillinger.csv"):
        beloeb = [int(b[k]) for k in ("vedtaget_budget", "tillaegsbevillinger",
                                      "korrigeret_budget", "regnskab", "afvigelse")]
        ny = _find_raekke(rows, b["bevilling"], beloeb, pos + 1)
        assert ny > pos
        pos = ny


def test_oversigt_har_styringsomraader_og_i_alt(rapport):
    rows = rapport["Oversigt"]
    for s in laes_csv(G / "styringsomraader.csv"):
        beloeb = [int(s[k]) for k in ("vedtaget_budget", "tillaegsbevillinger",
                                      "korrigeret_budget", "regnskab", "afvigelse")]
        _find_raekke(rows, s["styringsomraade"], beloeb)


def test_detailrækker_med_beregnet_afvigelse(rapport):
    fundet = 0
    for h in laes_csv(G / "hovedprodukter.csv"):
        rows = rapport[h["styringsomraade"]]
        label = f"{h['kode']} {h['navn']}" if h["kode"] else h["navn"]
        netto = (int(h["korrigeret_udgift"]) + int(h["korrigeret_indtaegt"])
                 - int(h["regnskab_udgift"]) - int(h["regnskab_indtaegt"]))
        if h["navn"] in AFRUNDEDE_RAEKKER:
            assert abs(netto - int(h["afvigelse"])) == 1
        else:
            assert netto == int(h["afvigelse"])
        beloeb = [int(h[k]) for k in ("korrigeret_udgift", "korrigeret_indtaegt",
                                      "regnskab_udgift", "regnskab_indtaegt")] + [netto]
        _find_raekke(rows, label, beloeb)
        fundet += 1
    assert fundet == 22


def test_i_alt_raekker_af_detailtabeller(rapport):
    for t in laes_csv(G / "hovedprodukt_totals.csv"):
        beloeb = [int(t[k]) for k in ("korrigeret_udgift", "korrigeret_indtaegt",
                                      "regnskab_udgift", "regnskab_indtaegt")]
        rows = rapport[t["styringsomraade"]]
        hits = [r for r in rows if r and r[0] == "I alt" and list(r[1:5]) == beloeb]
        # the printed I alt afvigelse equals the sum of the detail rows' netto
        assert hits and hits[0][5] == int(t["afvigelse"]), t


def _alle_tekster(rapport: dict[str, list[list]]) -> list[str]:
    ud = []
    for navn, rows in rapport.items():
        if navn in ("Oversigt", "Kontrol", "Bemærkninger", "Forklaringer", "Diagrammer"):
            continue
        for r in rows:
            for v in r:
                if isinstance(v, str):
                    ud.append(v)
    return ud


def test_alle_saetninger_i_dokumentets_raekkefoelge(rapport):
    tekster = _alle_tekster(rapport)
    pos, matchede, rettede = -1, 0, 0
    for s in laes_csv(G / "saetninger.csv"):
        forventet = FORKERTE_SAETNINGER.get((s["niveau"], s["navn"]), s["saetning"])
        if (s["niveau"], s["navn"]) in FORKERTE_SAETNINGER:
            assert forventet != s["saetning"]
            rettede += 1
        else:
            matchede += 1
        # a ydelse sentence is followed by the intro in the same cell
        kandidater = [i for i, t in enumerate(tekster)
                      if i > pos and (t == forventet or t.startswith(forventet + " Det skyldes"))]
        assert kandidater, f"mangler: {forventet}"
        pos = kandidater[0]
    assert (matchede, rettede) == (38, 3)


def test_pris_maengde_saetninger_foelger_formlerne(rapport):
    tekster = {t[2:] for t in _alle_tekster(rapport) if t.startswith("• ")}
    ens = forskellige = 0
    for r in laes_csv(G / "pris_maengde.csv"):
        for felt, noegle in (("antal_tekst", "antal"), ("pris_tekst", "pris")):
            if (r["ydelse"], noegle) in AFVIGENDE_PM:
                assert r[felt] not in tekster
                forskellige += 1
            else:
                assert r[felt] in tekster, r[felt]
                ens += 1
    assert (ens, forskellige) == (10, 12)


def test_pris_maengde_eksempel_haandregnet(rapport):
    # Fleksjob: (4.372 - 4.400) x 108.342 = -3.033.576 kr.; (109.819 - 108.342) x 4.372 = 6.457.444
    tekster = _alle_tekster(rapport)
    assert ("• Antallet af ydelsesmodtagere er 28 fuldtidspersoner lavere end budgetteret. "
            "Det betyder, at udgifterne er faldet med 3,0 mio. kr.") in tekster
    assert ("• Den gennemsnitlige udgift pr. fuldtidsperson er 1.477 kr. højere end "
            "budgetteret. Det betyder, at udgifterne er vokset med 6,5 mio. kr.") in tekster
    assert "Merforbruget udgør 3,4 mio. kr. Det skyldes:" in tekster


def test_kontroller_finder_kildens_uoverensstemmelser(rapport):
    rows = rapport["Kontrol"]
    advarsler = {(r[1], r[2]) for r in rows if r and r[0] == "advarsel"}
    assert advarsler == {
        ("Detailsum = bevilling (korrigeret budget)",
         "Overførsler mv. / Efterspørgselsstyret indsats"),  # KILDE.md B.9
        ("Detailsum = bevilling (regnskab)", "Overførsler mv. / Efterspørgselsstyret indsats"),
        ("Afvigelse i input = beregnet", "Beskæftigelsesindsats / Boliger til flygtninge"),
        ("Afvigelse i input = beregnet", "Beskæftigelsesindsats / Ydelsesadministration"),
        ("Afvigelse i input = beregnet", "Efterspørgselsstyret indsats / Beskæftigelsestilbud"),
        ("Afvigelse i input = beregnet", "Efterspørgselsstyret indsats / Integrationsindtægter"),
        ("Aktivitet: afvigelse i input = beregnet (enhedspris)",
         "Kontanthjælp mm. / Kontanthjælp mm"),  # KILDE.md B.10
        ("Aktivitet = hovedprodukt (korrigeret budget)",
         "Beskæftigelsesindsats / Jobcenterdrift"),  # KILDE.md A.7
        ("Aktivitet = hovedprodukt (korrigeret budget)",
         "Beskæftigelsesindsats / Ydelsesadministration"),
        ("Aktivitet = hovedprodukt (korrigeret budget)",
         "Efterspørgselsstyret indsats / Beskæftigelsestilbud"),
        # bullets within tolerance that miss the rounded deviation (KILDE.md B.12)
        ("Forklaringer summerer til den afrundede afvigelse", "hovedprodukt Beskæftigelsestilbud"),
        ("Forklaringer summerer til den afrundede afvigelse", "hovedprodukt Integrationsindtægter"),
        ("Forklaringer summerer til den afrundede afvigelse", "styringsomraade Overførsler mv."),
        # explained only in prose, which the transcription leaves out (KILDE.md, forklaringer.csv)
        ("Forklaring mangler", "hovedprodukt Løntilskud forsikrede"),
        ("Forklaring mangler", "funktion Indskud i pengeinstitutter m.v."),
        ("Forklaring mangler", "funktion Anden kortfristet gæld med indenlandsk betalingsmodtager"),
        ("Forklaring mangler", "funktion Deponerede beløb for lån m.v."),
    }
    assert not [r for r in rows if r and r[0] == "fejl"]


def test_tal_er_rigtige_tal_med_dansk_format(tmp_path: Path):
    import openpyxl

    ud = tmp_path / "r.xlsx"
    assert kør_cli("build", str(G), "--out", str(ud)).returncode == 0
    ws = openpyxl.load_workbook(ud)["Oversigt"]
    service = next(r for r in ws.iter_rows() if r[0].value == "Service")
    assert service[1].value == 1100691 and service[1].number_format == "#,##0"
    assert service[0].font.b
    assert ws.freeze_panes == "A6"
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage


@kraever_libreoffice
def test_rapporten_aabner_i_libreoffice_og_bliver_til_pdf(tmp_path: Path):
    from addin.libreoffice import konverter

    ud = tmp_path / "r.xlsx"
    assert kør_cli("build", str(G), "--out", str(ud)).returncode == 0
    pdf = konverter(ud, "pdf", tmp_path)
    assert pdf.stat().st_size > 10_000
    assert pdf.read_bytes().startswith(b"%PDF")


def test_bemaerkninger_er_hele_dokumentet_i_samme_raekkefoelge(rapport):
    tekster = _alle_tekster(rapport)
    bem = [v for r in rapport["Bemærkninger"] for v in r if isinstance(v, str)]
    pos = -1
    for t in tekster:
        pos = bem.index(t, pos + 1)
    assert bem[0] == rapport["Oversigt"][0][0]
