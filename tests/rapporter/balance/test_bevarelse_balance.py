"""Conservation of the balance report (issue "No silent output").

Tabel 2.1 is derived from the accounts (handleplaner): each account lands in exactly one
IM-funktion row and in the column of its kategori; the counts add up to the number of accounts
and the Total row is the sum of the rows (each amount rounded once to t.kr. from the exact kr.).
The category table's "i alt" is the sum of the categories and its changes are this year minus
last year; on the laid-out report the tables with totals (Kategorifordeling, Ældre end 1 år,
Tabel 2.1, Afskrivningstabeller) show each row once and totals equal to the sums, and the
Handleplanoversigt lists every account over the threshold exactly once.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st
from rapporter.bevarelse import (
    blok,
    byg_art,
    faa,
    find_raekker,
    kilde,
    mange,
    raekker,
    tkr_fra_kr,
    vaerdier,
)

from addin.rapporter.balance.beregn import beregn_balance, kategorikolonner
from addin.rapporter.balance.indlaes import laes_balance
from addin.rapporter.balance.regler import indlaes_balanceregler

REGLER = indlaes_balanceregler()
AAR = REGLER.rapportdato.year
IM = ["9.22.01", "9.28.14", "9.28.15", "9.52.56", "9.52.59"]
HP_KOLONNER = ["kategori", "im_funktion", "konto", "opfoelgningsbeloeb_kr", "heraf_aeldre_kr",
               "ansvarlig", "aktivitetsplan", "deadline", "konsekvensbeskrivelse"]

# amounts in øre: whole t.kr., half t.kr. (the rounding edge), kroner and øre, zero
oere = st.one_of(st.integers(-20_000, 20_000).map(lambda n: n * 100_000),
                 st.integers(-20_000, 20_000).map(lambda n: n * 100_000 + 50_000),
                 st.integers(-2_000_000_000, 2_000_000_000), st.just(0))


def _kr(o: int) -> int | float:
    """Øre as the kr. cell (a whole number where it is one)."""
    q, r = divmod(o, 100)
    return q if r == 0 else o / 100


@st.composite
def konti(draw, kategorier: tuple[str, ...] = ("2", "3")):
    """1-8 accounts of kategori 2/3 (the ones followed up) on 1-5 IM-funktioner."""
    n = draw(st.integers(1, 8))
    numre = draw(st.lists(st.integers(90_000_000, 99_999_999), min_size=n, max_size=n,
                          unique=True))
    rows = []
    for konto in numre:
        aeldre = draw(st.one_of(st.none(), st.just(0), oere))
        rows.append({"kategori": draw(st.sampled_from(kategorier)),
                     "im_funktion": draw(st.sampled_from(IM)), "konto": str(konto),
                     "beloeb": draw(oere), "aeldre": aeldre,
                     "ansvarlig": "BIF", "aktivitetsplan": "Plan", "deadline": "2025-03-31",
                     "konsekvensbeskrivelse": "Ingen."})
    return rows


def _handleplanark(rows: list[dict]) -> list[list]:
    return raekker(HP_KOLONNER, [{**r, "opfoelgningsbeloeb_kr": _kr(r["beloeb"]),
                                  "heraf_aeldre_kr": "" if r["aeldre"] is None
                                  else _kr(r["aeldre"])} for r in rows])


@st.composite
def kategoritabel(draw):
    """Kategori 1-3 with counts and net amounts of both years, maybe a printed (wrong) i alt."""
    kol = kategorikolonner(AAR)
    rows = [{"kategori": k, **{c: draw(st.integers(-10_000, 10_000)) for c in kol}}
            for k in ("1", "2", "3")]
    if draw(st.booleans()):
        rows.append({"kategori": "i alt", **{c: draw(st.integers(-10, 10)) for c in kol}})
    return rows


def _forventet_2_1(rows: list[dict]) -> dict[str, dict]:
    """Tabel 2.1 computed by hand from the accounts, exact in øre, rounded once."""
    grupper: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        grupper[r["im_funktion"]].append(r)
    grupper["Total"] = rows

    def tkr(o: int) -> int:
        return tkr_fra_kr(Fraction(o, 100))

    ud = {}
    for im, g in grupper.items():
        ud[im] = {"antal_konti": len(g), "total_tkr": tkr(sum(r["beloeb"] for r in g)),
                  "kategori_2_tkr": tkr(sum(r["beloeb"] for r in g if r["kategori"] == "2")),
                  "kategori_3_tkr": tkr(sum(r["beloeb"] for r in g if r["kategori"] == "3")),
                  "aeldre_antal": sum(1 for r in g if r["aeldre"]),
                  "aeldre_kategori_2_tkr": tkr(sum(r["aeldre"] or 0 for r in g
                                                   if r["kategori"] == "2")),
                  "aeldre_kategori_3_tkr": tkr(sum(r["aeldre"] or 0 for r in g
                                                   if r["kategori"] == "3"))}
    return ud


KOLONNER_2_1 = ["antal_konti", "total_tkr", "kategori_2_tkr", "kategori_3_tkr", "aeldre_antal",
                "aeldre_kategori_2_tkr", "aeldre_kategori_3_tkr"]


@mange
@given(konti(), kategoritabel())
def test_tabel_2_1_og_kategorierne_bevarer_kontiene(rows: list[dict], kat: list[dict]) -> None:
    ark = {"handleplaner": _handleplanark(rows),
           "kategorier": raekker(["kategori", *kategorikolonner(AAR)], kat)}
    b = beregn_balance(laes_balance(kilde(ark), AAR), REGLER)

    # Tabel 2.1: one row per IM-funktion (each account in exactly one), then the Total row
    t = b.tabel_2_1
    linjer, total = t.iloc[:-1], t.iloc[-1]
    assert list(linjer["im_funktion"]) == sorted({r["im_funktion"] for r in rows})
    forventet = _forventet_2_1(rows)
    for _, r in linjer.iterrows():
        assert {c: int(r[c]) for c in KOLONNER_2_1} == forventet[r["im_funktion"]], \
            r["im_funktion"]
    assert {c: int(total[c]) for c in KOLONNER_2_1} == forventet["Total"]
    # counts: exactly; every account of kategori 2/3 in one kategori column
    assert linjer["antal_konti"].sum() == total["antal_konti"] == len(rows)
    assert linjer["aeldre_antal"].sum() == total["aeldre_antal"]
    # amounts: each row and the Total are rounded once, so they agree to the rounding of the
    # rows; exactly where the accounts are whole t.kr.
    for c in KOLONNER_2_1[1:]:
        if c == "aeldre_antal":
            continue
        assert abs(linjer[c].sum() - total[c]) <= (len(linjer) + 1) // 2
    if all(r["beloeb"] % 100_000 == 0 and (r["aeldre"] or 0) % 100_000 == 0 for r in rows):
        for c in KOLONNER_2_1:
            assert linjer[c].sum() == total[c], c
        assert total["total_tkr"] == total["kategori_2_tkr"] + total["kategori_3_tkr"]

    # Handleplanoversigt: every account over the threshold, exactly once, none below it
    over = [r["konto"] for r in rows if abs(Fraction(r["beloeb"], 100)) >= REGLER.graense_kr]
    assert Counter(b.handleplaner["konto"]) == Counter(over)

    # the category table: i alt = the sum of kategori 1-3 (a printed i alt is ignored)
    kol = kategorikolonner(AAR)
    kt = b.kategorier  # kategori 1-3, then the computed i alt row
    assert list(kt["kategori"].iloc[:-1]) == ["1", "2", "3"]
    for c in kol:
        assert kt[c].iloc[-1] == sum(x[c] for x in kat if x["kategori"] != "i alt")
    for kategori, x in kt.iterrows():
        assert x["antal_aendring"] == x[kol[0]] - x[kol[2]], kategori
        assert x["netto_aendring_tkr"] == x[kol[1]] - x[kol[3]], kategori


@st.composite
def balanceinput(draw):
    ark = {"handleplaner": _handleplanark(rows := draw(konti()))}
    kat = aeldre = afskr = None
    if draw(st.booleans()):
        kat = draw(kategoritabel())
        ark["kategorier"] = raekker(["kategori", *kategorikolonner(AAR)], kat)
    if draw(st.booleans()):
        aeldre = [{"im_funktion": draw(st.sampled_from(IM)), "navn": "Tilgodehavender",
                   "forvaltning": draw(st.sampled_from(["BIF", "KFF"])),
                   "kategori_2_tkr": draw(st.one_of(st.just(""), st.integers(-5000, 5000))),
                   "kategori_3_tkr": draw(st.one_of(st.just(""), st.integers(-5000, 5000)))}
                  for _ in range(draw(st.integers(1, 6)))]
        for k in ("kategori_2_tkr", "kategori_3_tkr"):
            # blank cells as in the bundled example; a column of blanks only is refused
            if all(x[k] == "" for x in aeldre):
                aeldre[0][k] = 0
        ark["aeldre_end_1_aar"] = raekker(list(aeldre[0]), aeldre)
    if draw(st.booleans()):
        afskr = [{"tabel": draw(st.sampled_from(["3.1", "3.2", "3.3"])),
                  "im_funktion_afskrivning": "8.28.14",
                  "im_funktion_modpost": draw(st.sampled_from(["0.25.11", "8.28.14"])),
                  "navn": "Beboelse", "bevilling": "Beskæftigelsesindsats",
                  "beloeb_tkr": draw(st.integers(-30_000, 30_000))}
                 for _ in range(draw(st.integers(1, 6)))]
        ark["afskrivninger"] = raekker(list(afskr[0]), afskr)
    return ark, rows, kat, aeldre, afskr


def _tal(celler: list) -> list:
    return [c.vaerdi for c in celler if isinstance(c.vaerdi, (int, float)) or c.vaerdi is None]


@faa
@given(balanceinput())
def test_balancerapportens_tabeller_bevarer_tallene(inp: tuple) -> None:
    ark, rows, kat, aeldre, afskr = inp
    rapport = byg_art("balance", ark).rapport
    # the sheets by position (every word of them is the rule file's): Kategorifordeling and
    # Ældre end 1 år if given, Tabel 2.1, Handleplanoversigt, Afskrivningstabeller if given, ...
    foer = (kat is not None) + (aeldre is not None)

    # Tabel 2.1: each IM-funktion once; Total as derived from all accounts
    t21 = rapport.ark[foer]
    linjer, total = blok(t21, 3)
    forventet = _forventet_2_1(rows)
    assert Counter(r[0].vaerdi for r in linjer) == Counter({r["im_funktion"] for r in rows})
    for r in linjer:
        assert vaerdier(r)[2:] == [forventet[r[0].vaerdi][c] for c in KOLONNER_2_1]
    assert total is not None and vaerdier(total)[2:] == [forventet["Total"][c]
                                                          for c in KOLONNER_2_1]
    assert sum(r[2].vaerdi for r in linjer) == total[2].vaerdi == len(rows)

    # Handleplanoversigt: every account over the threshold exactly once
    ho = rapport.ark[foer + 1]
    over = [r["konto"] for r in rows if abs(Fraction(r["beloeb"], 100)) >= REGLER.graense_kr]
    assert Counter(r[2].vaerdi for r in ho.raekker[3:] if r) == Counter(over)

    if kat is not None:  # Kategorifordeling: i alt = the sum of kategori 1-3, per column
        ka = rapport.ark[0]
        start = max(i for i, r in enumerate(ka.raekker) if r and r[0].stil == "kolonnehoved")
        linjer, total = blok(ka, start + 1)
        assert [r[0].vaerdi for r in linjer] == ["1", "2", "3"] and total is not None
        for j in range(1, 7):
            assert sum(r[j].vaerdi for r in linjer) == total[j].vaerdi

    if aeldre is not None:  # Ældre end 1 år: every row once, I alt = the sum
        ae = rapport.ark[foer - 1]
        linjer, total = blok(ae, 3)
        assert len(linjer) == len(aeldre) and total is not None
        for j, k in ((4, "kategori_2_tkr"), (5, "kategori_3_tkr")):
            assert sum(r[j].vaerdi or 0 for r in linjer) == total[j].vaerdi \
                == sum(x[k] or 0 for x in aeldre)

    if afskr is not None:  # Afskrivningstabeller: per table, Afskrivninger i alt = the sum
        af = rapport.ark[foer + 2]
        vist = []  # one titled table per tabel (3.1, 3.2, 3.3 in order), heading after sentences
        for i in find_raekker(af, "overskrift"):
            start = next(j for j in range(i + 1, len(af.raekker))
                         if af.raekker[j] and af.raekker[j][0].stil == "kolonnehoved") + 1
            linjer, total = blok(af, start)
            vist.append([r[4].vaerdi for r in linjer])
            assert total is not None and total[4].vaerdi == sum(vist[-1])
        assert [Counter(v) for v in vist] == \
            [Counter(x["beloeb_tkr"] for x in afskr if x["tabel"] == k)
             for k in sorted({x["tabel"] for x in afskr})]
