"""Posting-level hovedprodukter summed in the engine (addin/posteringer.py).

The same postings give the same report (to the krone) and the same message (file, row, column)
through the engine as through today's reader, as pre-aggregated lines and as Parquet; a bad row
deep in a large file is named by its row.
"""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

import numpy as np
import polars as pl
import pytest

import addin.indlaes as indlaes
from addin import posteringer
from addin.fejl import InputFejl, RegnskabFejl
from addin.indlaes import laes_mappe, tolk_celler
from addin.rapporter.regnskab.byg import byg_regnskab

HOVED = ["styringsomraade", "bevilling", "navn", "korrigeret_udgift", "korrigeret_indtaegt",
         "regnskab_udgift", "regnskab_indtaegt"]
BELOEB = HOVED[3:]
LINJER = [(s, b, f"{b} {i:02d}") for s, bevs in (
    ("Service", ["Administration", "Beskæftigelsesindsats"]),
    ("Overførsler mv.", ["Efterspørgselsstyrede overførsler"]),
    ("Anlæg", ["Byggeri og anlæg"])) for b in bevs for i in range(1, 7)]
STEMPEL = ("Dannet", "Input", "Hash", "Rapportark")


def _posteringer(n: int, seed: int = 3) -> tuple[np.ndarray, np.ndarray]:
    """Line index and four amounts in øre (some with half øre in tkr, i.e. 3 decimals in kr)."""
    rng = np.random.default_rng(seed)
    linje = rng.integers(0, len(LINJER), n)
    beloeb = np.round(rng.lognormal(8, 1.6, (n, 4)) * 100).astype(np.int64)
    beloeb[:, 1::2] *= -1
    beloeb[rng.random((n, 4)) < 0.5] = 0
    return linje, beloeb


def _kr(oere: int, dansk: bool = False) -> str:
    tekst = f"{'-' if oere < 0 else ''}{abs(oere) // 100}.{abs(oere) % 100:02d}"
    if not dansk:
        return tekst
    heltal, dec = tekst.lstrip("-").split(".")
    return f"{'-' if oere < 0 else ''}{int(heltal):,}".replace(",", ".") + f",{dec}"


def _rader(n: int, dansk: bool = False, seed: int = 3) -> list[list[str]]:
    linje, beloeb = _posteringer(n, seed)
    return [[*LINJER[li], *(_kr(int(b), dansk) for b in beloeb[i])]
            for i, li in enumerate(linje.tolist())]


def _skriv(mappe: Path, rader: list[list], *, header: list[str] = HOVED, sep: str = ",",
           kodning: str = "utf-8", enhed: str | None = "kr") -> Path:
    mappe.mkdir(parents=True, exist_ok=True)
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=sep, lineterminator="\n")
    w.writerow(header)
    w.writerows(rader)
    (mappe / "hovedprodukter.csv").write_bytes(buf.getvalue().encode(kodning))
    if enhed:
        (mappe / "indstillinger.csv").write_text(f"noegle,vaerdi\nenhed,{enhed}\n",
                                                 encoding="utf-8")
    return mappe


def _rapport(mappe: Path) -> list | str:
    """The report's cell values (without the stamp), or the message it stops with."""
    try:
        res = byg_regnskab(mappe)
    except RegnskabFejl as e:
        return str(e)
    return [[a.navn] + [[c.vaerdi for c in r] for r in a.raekker
                        if not (r and r[0].vaerdi in STEMPEL)] for a in res.rapport.ark]


@pytest.fixture
def motor(monkeypatch: pytest.MonkeyPatch):
    """Build through the engine (True) or today's reader (False)."""
    def vaelg(til: bool) -> None:
        monkeypatch.setattr(indlaes, "MOTOR_GRAENSE", 0 if til else 1 << 62)
    return vaelg


def _begge(mappe: Path, motor) -> tuple[list | str, list | str]:
    motor(False)
    dagens = _rapport(mappe)
    motor(True)
    return dagens, _rapport(mappe)


def _summeret(mappe: Path) -> bool:
    """Whether hovedprodukter was read by the engine."""
    return laes_mappe(mappe)["hovedprodukter"].summer is not None


# ---------------------------------------------------------------- same report


def test_200000_posteringer_giver_dagens_rapport_og_de_summerede_linjers(tmp_path, motor):
    rader = _rader(200_000)
    mappe = _skriv(tmp_path / "poster", rader)
    dagens, motorens = _begge(mappe, motor)
    assert isinstance(motorens, list) and motorens == dagens
    assert _summeret(mappe)

    # the same postings summed beforehand (one row per line, øre exact) give the same report
    linje, beloeb = _posteringer(200_000)
    summer = np.zeros((len(LINJER), 4), dtype=np.int64)
    np.add.at(summer, linje, beloeb)
    orden = list(dict.fromkeys(linje.tolist()))
    forud = _skriv(tmp_path / "forud", [[*LINJER[i], *(_kr(int(x)) for x in summer[i])]
                                        for i in orden])
    motor(False)
    assert _rapport(forud) == motorens

    # and as Parquet (amounts DECIMAL(18,2), as a data warehouse exports them)
    pq = tmp_path / "parquet"
    pq.mkdir()
    (mappe / "indstillinger.csv").replace(pq / "indstillinger.csv")
    pl.DataFrame({k: [r[j] for r in rader] for j, k in enumerate(HOVED)}).with_columns(
        pl.col(BELOEB).cast(pl.Decimal(18, 2))).write_parquet(pq / "hovedprodukter.parquet")
    assert _rapport(pq) == motorens


def test_dansk_csv_cp1252_med_tusindtalspunktum(tmp_path, motor):
    rader = _rader(60_000, dansk=True)
    for i in range(0, 60_000, 997):  # forms only Python reads: trailing minus, parentheses
        b = rader[i][3].lstrip("-")
        rader[i][3] = f"{b}-" if i % 2 else f"({b})"
    rader[5][4] = "1234.5"  # a point decimal in a Danish file is read as a number too
    mappe = _skriv(tmp_path / "dk", rader, sep=";", kodning="cp1252", enhed="tkr")
    assert "ø".encode("cp1252") in (mappe / "hovedprodukter.csv").read_bytes()
    dagens, motorens = _begge(mappe, motor)
    assert isinstance(motorens, list) and motorens == dagens
    tabel = laes_mappe(mappe)["hovedprodukter"]
    assert tabel.summer is not None and "Efterspørgselsstyrede overførsler" in set(
        tabel.df["bevilling"])


def test_valgfri_kolonner_og_navne_skrevet_forskelligt(tmp_path, motor):
    header = ["Styringsområde", "Bevilling", "Niveau", "Kode", "Navn", "Korrigeret udgift",
              "Korrigeret indtægt", "Regnskab udgift", "Regnskab indtægt", "Afvigelse", "Note"]
    rader = []
    for i, r in enumerate(_rader(20_000, seed=9)):
        navn = r[2] + ("\u00a0" if i % 7 == 0 else "")  # a no-break space: the same line
        niveau = "Funktion" if r[1] == "Byggeri og anlæg" else ("hovedprodukt" if i % 3 else "")
        afv = "" if (r[2].endswith("01") and i % 5 == 0) else "0.50"
        rader.append([r[0], r[1], niveau, "7.22.05" if niveau == "Funktion" else "", navn,
                      *r[3:], afv, "x" * (i % 3)])
    mappe = _skriv(tmp_path / "v", rader, header=header)
    dagens, motorens = _begge(mappe, motor)
    assert isinstance(motorens, list) and motorens == dagens


# ---------------------------------------------------------------- same message

N = 3_000
DYBT = 2_718  # the row (header = 1) a bad value is put in


def _med(rader: list[list], raekke: int, kolonne: int, vaerdi: object) -> list[list]:
    rader = [list(r) for r in rader]
    rader[raekke - 2][kolonne] = vaerdi
    return rader


FEJL = {
    "tekst": lambda r: _med(r, DYBT, 5, "abc"),
    "tom": lambda r: _med(r, DYBT, 3, ""),
    "mellemrum": lambda r: _med(r, DYBT, 3, "  "),
    "procent": lambda r: _med(r, DYBT, 6, "12%"),
    "inf": lambda r: _med(r, DYBT, 4, "inf"),
    "minus_infinity": lambda r: _med(r, DYBT, 4, "-Infinity"),
    "nan": lambda r: _med(r, DYBT, 4, "NaN"),
    "1e400": lambda r: _med(r, DYBT, 4, "1e400"),
    "stor_tkr": lambda r: _med(r, DYBT, 3, "2e13"),  # beyond MAKS_KR in tkr, not in kr
    "stor": lambda r: _med(r, DYBT, 3, "5e15"),
    "dansk_i_komma_fil": lambda r: _med(r, DYBT, 5, "1.234,5"),
    "engelsk_med_komma": lambda r: _med(r, DYBT, 5, "1,234.5"),
    "parentes": lambda r: _med(r, DYBT, 5, "(12.5)"),
    "efterstillet_minus": lambda r: _med(r, DYBT, 5, "12.5-"),
    "kr_endelse": lambda r: _med(r, DYBT, 5, "12 kr."),
    "eksponent": lambda r: _med(r, DYBT, 5, "1.5e3"),
    "i_alt": lambda r: _med(r, DYBT, 2, "I alt"),
    "styretegn": lambda r: _med(r, DYBT, 2, "Løn\x01"),
    "langt_navn": lambda r: _med(r, DYBT, 2, "L" * 40_000),
    "navn_tomt": lambda r: _med(r, DYBT, 2, ""),
    "store_og_smaa": lambda r: _med(r, DYBT, 2, r[0][2].upper()),
    "kort_raekke": lambda r: [*r[:DYBT - 2], r[DYBT - 2][:5], *r[DYBT - 1:]],
    "lang_raekke": lambda r: [*r[:DYBT - 2], r[DYBT - 2] + ["x", "y"], *r[DYBT - 1:]],
    "meget_lang_raekke": lambda r: [*r[:DYBT - 2], r[DYBT - 2] + ["x"] * 9, *r[DYBT - 1:]],
    "blanke_raekker": lambda r: [*r[:100], [], ["", "", ""], ["  "], *r[100:]],
    "mellemrum_raekke_fuld": lambda r: [*r[:100], [" "] * 7, *r[100:]],
    "citeret_linjeskift": lambda r: _med(_med(r, 50, 2, "Løn\nog drift"), DYBT, 5, "abc"),
    "citeret_skilletegn": lambda r: _med(r, 60, 2, "Løn, drift"),
    "citat_i_navn": lambda r: _med(r, 60, 2, 'Løn "A"'),
    "cr_i_citeret_navn": lambda r: _med(r, 60, 2, "Løn\rdrift"),
    "hovedprodukt_to_bevillinger": lambda r: _med(r, DYBT, 1, "Anden bevilling"),
}


# the unit matters where an amount is near MAKS_KR; the others are read in t.kr. only
I_BEGGE_ENHEDER = {"stor_tkr", "stor", "1e400", "tekst", "dansk_i_komma_fil", "blanke_raekker"}


@pytest.mark.parametrize("navn, enhed", [(n, e) for n in sorted(FEJL) for e in ("tkr", "kr")
                                         if e == "tkr" or n in I_BEGGE_ENHEDER])
def test_daarlig_raekke_giver_dagens_besked(navn, enhed, tmp_path, motor, monkeypatch):
    monkeypatch.setattr(posteringer, "BATCH", 700)  # exceptional rows in several batches
    rader = FEJL[navn](_rader(N, seed=len(navn)))
    mappe = _skriv(tmp_path / "m", rader, enhed=enhed)
    dagens, motorens = _begge(mappe, motor)
    assert motorens == dagens


def test_blandede_talformater_naevner_begge_raekker(tmp_path, motor):
    rader = _med(_rader(N), DYBT, 5, "1.234,5")
    mappe = _skriv(tmp_path / "m", rader)
    dagens, motorens = _begge(mappe, motor)
    assert motorens == dagens
    assert "blander talformater" in motorens and f"række {DYBT:,}".replace(",", ".") in motorens


def test_dybt_i_stor_fil_naevnes_raekken(tmp_path):
    """400.000 postings with blank rows before the bad one: the engine itself names the row as
    today's reader counts it (header 1, blank rows count)."""
    rader = _rader(400_000)
    rader.insert(20, [])
    rader.insert(30, ["", "", "", "", "", "", ""])
    raekke = 345_678
    rader[raekke - 2][5] = "12.5x"
    mappe = _skriv(tmp_path / "stor", rader)
    sti = mappe / "hovedprodukter.csv"
    with pytest.raises(InputFejl) as e:
        posteringer.laes_csv(sti)
    forventet = InputFejl("'12.5x' er ikke et tal.", fil=str(sti), raekke=raekke,
                          kolonne="regnskab_udgift")
    assert e.value.raekke == raekke and str(e.value) == str(forventet)


@pytest.mark.parametrize("vaerdi, besked", [
    ("1e20", "Beløbet 1e20 er urimeligt stort."),
    ("1.234,5-", "Kolonnen blander talformater"),
    ("inf", "'inf' er ikke et endeligt tal."),
])
def test_undtagelser_laeses_af_motoren_selv(vaerdi, besked, tmp_path):
    """A huge or odd amount deep in the file is named by the engine itself: the file is not
    handed to today's reader (which would hold every row in memory)."""
    rader = _med(_rader(20_000), 19_876, 3, vaerdi)
    mappe = _skriv(tmp_path / "m", rader)
    with pytest.raises(InputFejl, match=besked) as e:
        posteringer.laes_csv(mappe / "hovedprodukter.csv")
    assert e.value.raekke == 19_876


# ---------------------------------------------------------------- Parquet


def test_parquet_daarlige_vaerdier(tmp_path):
    pq = tmp_path / "hovedprodukter.parquet"
    rader = _rader(5_000)
    df = pl.DataFrame({k: [r[j] for r in rader] for j, k in enumerate(HOVED)})
    tal = df.with_columns(pl.col(BELOEB).cast(pl.Float64))
    tal.with_columns(pl.when(pl.int_range(pl.len()) == 4_321).then(None)
                     .otherwise(pl.col("regnskab_udgift")).alias("regnskab_udgift")) \
        .write_parquet(pq)
    with pytest.raises(InputFejl) as e:
        posteringer.laes_parquet(pq)
    assert str(e.value) == (f"fil {pq}, række 4.322, kolonne 'regnskab_udgift': Cellen er tom; "
                            "skriv 0, hvis beløbet er nul.")
    df.with_columns(pl.when(pl.int_range(pl.len()) == 99).then(pl.lit("abc"))
                    .otherwise(pl.col("korrigeret_udgift")).alias("korrigeret_udgift")) \
        .write_parquet(pq)
    with pytest.raises(InputFejl) as e:
        posteringer.laes_parquet(pq)
    assert str(e.value) == f"fil {pq}, række 100, kolonne 'korrigeret_udgift': 'abc' er ikke et tal."
    tal.drop("navn").write_parquet(pq)
    with pytest.raises(InputFejl) as e:
        posteringer.laes_parquet(pq)
    assert str(e.value).startswith(f"fil {pq}, kolonne 'navn': Den påkrævede kolonne 'navn' mangler")
    pq.write_bytes(b"PAR1 ikke parquet")
    with pytest.raises(InputFejl, match="ikke en gyldig Parquet-fil"):
        posteringer.laes_parquet(pq)


def test_parquet_tal_og_koder_som_i_en_projektmappe(tmp_path, motor):
    """Float amounts, an integer and a float kode (4711.0 is '4711') read as Python reads the
    same cells from a workbook; the report equals that of the same rows as CSV."""
    rader = _rader(4_000)
    pq, csv_mappe = tmp_path / "pq", tmp_path / "csv"
    pq.mkdir()
    kode = [4700.0 + LINJER.index(tuple(r[:3])) for r in rader]
    pl.DataFrame({**{k: [r[j] for r in rader] for j, k in enumerate(HOVED[:3])},
                  "kode": kode,
                  **{k: [float(r[j]) for r in rader] for j, k in enumerate(BELOEB, start=3)}}
                 ).write_parquet(pq / "hovedprodukter.parquet")
    (pq / "indstillinger.csv").write_text("noegle,vaerdi\nenhed,kr\n", encoding="utf-8")
    _skriv(csv_mappe, [[*r[:3], str(int(k)), *r[3:]] for r, k in zip(rader, kode)],
           header=[*HOVED[:3], "kode", *BELOEB])
    motor(False)
    assert _rapport(pq) == _rapport(csv_mappe)
    assert set(laes_mappe(pq)["hovedprodukter"].df["kode"]) == {
        str(4700 + i) for i in range(len(LINJER))}


def test_csv_og_parquet_i_samme_mappe(tmp_path):
    mappe = _skriv(tmp_path / "m", _rader(10))
    pl.DataFrame({"x": [1]}).write_parquet(mappe / "hovedprodukter.parquet")
    with pytest.raises(InputFejl, match="både hovedprodukter.csv og hovedprodukter.parquet"):
        laes_mappe(mappe)


# ---------------------------------------------------------------- without the engine


def test_uden_motor_laeses_csv_som_i_dag(tmp_path, motor, monkeypatch):
    mappe = _skriv(tmp_path / "m", _rader(30_000))
    motor(True)
    med = _rapport(mappe)
    assert _summeret(mappe)
    monkeypatch.setattr(posteringer, "HAR_MOTOR", False)
    assert not _summeret(mappe)
    assert _rapport(mappe) == med
    pl.DataFrame({"x": [1]}).write_parquet(tmp_path / "hovedprodukter.parquet")
    with pytest.raises(InputFejl, match="kan kun læses, hvor Polars er installeret"):
        posteringer.laes_parquet(tmp_path / "hovedprodukter.parquet")


@pytest.mark.parametrize("hvad", ["cr", "citat", "utf16", "mange_kolonner"])
def test_filer_polars_ikke_laeser_som_python_gaar_til_dagens_laeser(hvad, tmp_path, motor):
    rader = _rader(2_000)
    if hvad == "cr":
        rader[7][2] = "Løn\rdrift"
    if hvad == "citat":
        rader[7][2] = "Løn A"
    if hvad == "mange_kolonner":
        rader[7] += ["x"] * (posteringer.EKSTRA + 1)
    mappe = _skriv(tmp_path / "m", rader, kodning="utf-16" if hvad == "utf16" else "utf-8")
    if hvad == "citat":  # a quote inside an unquoted field: Python keeps it, Polars stops
        sti = mappe / "hovedprodukter.csv"
        sti.write_text(sti.read_text(encoding="utf-8").replace("Løn A", 'Løn "A"'),
                       encoding="utf-8")
    assert posteringer.laes_csv(mappe / "hovedprodukter.csv") is None
    dagens, motorens = _begge(mappe, motor)
    assert motorens == dagens


def test_hverken_utf8_eller_cp1252(tmp_path, motor):
    mappe = _skriv(tmp_path / "m", _rader(2_000))
    sti = mappe / "hovedprodukter.csv"
    sti.write_bytes(sti.read_bytes() + b"Service,Administration,L\x81n,1,2,3,4\n")
    dagens, motorens = _begge(mappe, motor)
    assert motorens == dagens and "hverken UTF-8 eller Windows-1252" in motorens


# ---------------------------------------------------------------- the engine's reading of numbers


def test_kommafil_tal_som_polars_laeser_dem_laeser_python_ens():
    """The claim behind reading amounts in a comma file without a pattern: any text Polars
    reads as a finite float (at most 16 bytes, within MAKS_KR) Python reads as the same value."""
    rng = random.Random(5)
    tegn = list("0123456789" * 3) + list(".-+eEinfatyINFATY _,x\t") + ["\u00a0", "−"]
    tekster = sorted({"".join(rng.choice(tegn) for _ in range(rng.randint(1, 10)))
                      for _ in range(200_000)})
    v = pl.Series(tekster).cast(pl.Float64, strict=False).to_numpy()
    laengde = np.array([len(t.encode()) for t in tekster])
    with np.errstate(invalid="ignore", over="ignore"):
        ok = np.isfinite(v) & (np.abs(v) * 1000 <= indlaes.MAKS_KR) & (laengde <= 16)
    laest = np.array(tekster, dtype=object)[ok]
    assert len(laest) > 5_000
    c = tolk_celler(laest, dansk=False)
    assert not c.ugyldig.any() and not c.tom.any() and not c.komma.any()
    assert (c.vaerdier == v[ok]).all()
    assert (c.punktum == np.array(["." in t for t in laest])).all()


def _linjer_af(mappe: Path) -> list | str:
    """Each line's first row and sums in øre (kr), or the message the input stops with."""
    try:
        t = indlaes.input_fra_tabeller(laes_mappe(mappe), str(mappe), "kr").df("hovedprodukter")
    except RegnskabFejl as e:
        return str(e)
    g = t.groupby(["styringsomraade", "bevilling", "navn"], sort=False)
    ud = g[BELOEB].sum()
    ud["_raekke"] = g["_raekke"].min()
    return sorted(ud.reset_index().itertuples(index=False, name=None))


def test_tilfaeldige_filer_laeses_ens_eller_af_dagens_laeser(tmp_path, motor):
    """Random small files with quotes, line breaks in fields, blank and ragged rows: the engine
    reads each as today's reader does, or leaves it to today's reader."""
    rng = random.Random(2024)
    felter = ["Løn", "Drift", '"Løn, drift"', '"Løn ""A"""', '"Løn\nnæste"', 'Løn "A"', '"Løn"x',
              " ", "", "I alt", "12.5", '"12.5"', "abc", "1e3", '"1.234,5"']
    tal = ["12.5", "-7", "0", "3.25", '"4.5"', "", "x", "1e400", "12.345"]
    for nr in range(150):
        linjer = [",".join(HOVED)]
        for _ in range(rng.randint(1, 12)):
            valg = rng.random()
            if valg < 0.08:
                linjer.append(rng.choice(["", "  ", ",,,,,,"]))
                continue
            raekke = [rng.choice(["Service", "Anlæg"]), "Administration",
                      rng.choice(felter) if valg < 0.4 else rng.choice(["Løn", "Drift"]),
                      *(rng.choice(tal) if valg < 0.5 else rng.choice(tal[:4]) for _ in range(4))]
            if valg > 0.95:
                raekke = raekke[:rng.randint(2, 8)] + ["x"] * rng.randint(0, 2)
            linjer.append(",".join(raekke))
        tekst = rng.choice(["\n", "\r\n"]).join(linjer) + rng.choice(["", "\n"])
        mappe = tmp_path / f"f{nr}"
        mappe.mkdir()
        (mappe / "hovedprodukter.csv").write_text(tekst, encoding="utf-8", newline="")
        motor(False)
        dagens = _linjer_af(mappe)
        motor(True)
        assert _linjer_af(mappe) == dagens, tekst


# ---------------------------------------------------------------- sheets (summed in numpy)


def _ark_linjer(rows: list[list], enhed: str = "kr") -> list | str:
    try:
        tab = indlaes.tabeller_fra_ark({"hovedprodukter": rows}, "bog.xlsx")
        t = indlaes.input_fra_tabeller(tab, "bog.xlsx", enhed).df("hovedprodukter")
    except RegnskabFejl as e:
        return str(e)
    noegle = [k for k in ("styringsomraade", "bevilling", "niveau", "kode", "navn") if k in t]
    g = t.groupby(noegle, sort=False)
    ud = g[[k for k in t.columns if k not in noegle and k != "_raekke"]].sum(min_count=1)
    ud["_raekke"] = g["_raekke"].min()
    return [tuple(None if v != v else v for v in r)
            for r in ud.reset_index().itertuples(index=False, name=None)]


def _ark_rader(n: int, seed: int) -> list[list]:
    linje, beloeb = _posteringer(n, seed)
    return [[*LINJER[li], *(int(b) / 100 for b in beloeb[i])] for i, li in enumerate(linje.tolist())]


ARK_FEJL = {
    "ok": lambda r: r,
    "tekst": lambda r: _med(r, DYBT, 5, "abc"),
    "dansk_tekst": lambda r: _med(r, DYBT, 5, "1.234,5"),
    "efterstillet_minus": lambda r: _med(r, DYBT, 5, "1.234,5-"),
    "tom": lambda r: _med(r, DYBT, 3, None),
    "tom_tekst": lambda r: _med(r, DYBT, 3, ""),
    "bool": lambda r: _med(r, DYBT, 4, True),
    "dato": lambda r: _med(r, DYBT, 4, __import__("datetime").datetime(2024, 1, 31)),
    "nan": lambda r: _med(r, DYBT, 4, float("nan")),
    "inf": lambda r: _med(r, DYBT, 4, float("inf")),
    "stor": lambda r: _med(r, DYBT, 4, 2e13),
    "heltal": lambda r: _med(r, DYBT, 4, 12345),
    "i_alt": lambda r: _med(r, DYBT, 2, "I alt"),
    "navn_tal": lambda r: [[*x[:2], 4711.0 if i % 2 else 4711, *x[3:]] for i, x in enumerate(r)],
    "navn_bool_og_1": lambda r: [[*x[:2], 1 if i != DYBT else True, *x[3:]]
                                 for i, x in enumerate(r)],
    "navn_none": lambda r: _med(r, DYBT, 2, None),
    "navn_nan": lambda r: _med(r, DYBT, 2, float("nan")),
    "store_og_smaa": lambda r: _med(r, DYBT, 2, r[0][2].upper()),
    "blank": lambda r: [*r[:50], [None] * 7, ["", " ", None, None, None, None, None], *r[50:]],
    "titel_over": lambda r: r,
}


@pytest.mark.parametrize("enhed", ["kr", "tkr"])
@pytest.mark.parametrize("navn", sorted(ARK_FEJL))
def test_ark_summeres_som_dagens_laeser(navn, enhed, monkeypatch):
    monkeypatch.setattr(posteringer, "BATCH", 700)
    rader = [HOVED, *ARK_FEJL[navn](_ark_rader(N, seed=len(navn)))]
    if navn == "titel_over":
        rader = [["Hovedprodukter 2024", None, None, None, None, None, None], *rader]
    monkeypatch.setattr(indlaes, "ARK_GRAENSE", 1 << 62)
    dagens = _ark_linjer(rader, enhed)
    monkeypatch.setattr(indlaes, "ARK_GRAENSE", 0)
    assert _ark_linjer(rader, enhed) == dagens
    if navn == "ok":
        assert indlaes.tabeller_fra_ark({"hovedprodukter": rader}, "b")["hovedprodukter"].summer


def test_ark_rapport_som_i_dag(monkeypatch):
    from addin.kilde import Kilde

    rader = [HOVED, *_ark_rader(40_000, seed=1)]
    kilde = Kilde(navn="bog.xlsx", ark={"hovedprodukter": rader,
                                        "Indstillinger": [["noegle", "vaerdi"], ["enhed", "kr"]]})

    def rapport() -> list:
        res = byg_regnskab(kilde)
        return [[[c.vaerdi for c in r] for r in a.raekker if not (r and r[0].vaerdi in STEMPEL)]
                for a in res.rapport.ark]

    monkeypatch.setattr(indlaes, "ARK_GRAENSE", 1 << 62)
    dagens = rapport()
    monkeypatch.setattr(indlaes, "ARK_GRAENSE", 0)
    assert rapport() == dagens


KORPUS = Path(__file__).resolve().parents[1] / "bad_input" / "csv"


@pytest.mark.parametrize("case", sorted(p.name for p in KORPUS.iterdir()))
def test_korpus_af_daarligt_input_gennem_motoren(case, motor):
    """Every CSV case of the bad-input corpus gives the same report or message through the
    engine (forced, whatever the size) as through today's reader."""
    dagens, motorens = _begge(KORPUS / case, motor)
    assert motorens == dagens
