"""Conservation of the budgetnotat (issue "No silent output").

Per table and year: each bevillingsteknik line lands once in its table and once in the economy
overview, the table's "Udgifter i alt" is the sum of its lines and the overview's netto row the
sum of all lines (= the sum of the tables' I alt); each DUT post lands once in its block, the
block's I alt is the sum of its posts and the difference follows the rule's sign convention.
Printed totals in the input are only compared (checks), never shown. On the laid-out report
every table's sum row equals the sum of the rows shown above it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st
from rapporter.bevarelse import blokke, byg_art, dec, faa, kilde, mange, raekker

from addin.rapporter.budgetnotat.beregn import beregn, indlaes_budgetregler, laes_budgetnotat

REGLER = indlaes_budgetregler()
I_ALT, NETTO = REGLER["i_alt_navn"], REGLER["netto_navn"]
DUT_I_ALT, DIFF = REGLER["dut_i_alt_navn"], REGLER["difference_navn"]
AAR = ["2022", "2023", "2024", "2025", "2026"]
AKTIVITETER = ["Forventede udgifter på servicerammen", "DUT på servicerammen",
               "Forventede udgifter på indsatsrammen", "DUT på indsatsrammen",
               "Administration af ordningen"]
POSTER = ["Afskaffelse af refusion", "Mindre aktivering", "Flere i virksomhedsrettet aktivering"]
BT_KOLONNER = ["tabel", "aktivitet", "udvalg", "bevilling", "iu", "aar", "beloeb_tkr"]
DUT_KOLONNER = ["tabel", "afsnit", "kode", "post", "aar", "beloeb_mio"]
DUT, UDGIFTER, DIFFERENCE = (REGLER["afsnit"][k] for k in ("dut", "udgifter", "difference"))
AFSNIT = [DUT, UDGIFTER]

tkr = st.integers(-100_000, 100_000)
# mio. kr. with one decimal as printed (sometimes two, which a check flags but sums keep exactly)
mio = st.one_of(st.integers(-999, 999).map(lambda n: n / 10),
                st.integers(-9999, 9999).map(lambda n: n / 100))


@st.composite
def budgetnotatinput(draw, unikke: bool = False):
    """Bevillingsteknik lines (1-8) and DUT posts (1-8) over 1-3 years, maybe printed totals
    and an economy table. `unikke`: no two lines share the keys a laid-out table shows."""
    aar = sorted(draw(st.lists(st.sampled_from(AAR), min_size=1, max_size=3, unique=True)))
    bt, brugte = [], set()
    for _ in range(draw(st.integers(1, 8))):
        linje = {"tabel": draw(st.sampled_from(["Tabel 6", "Tabel 7"])),
                 "aktivitet": draw(st.sampled_from(AKTIVITETER)), "udvalg": "BIU",
                 "bevilling": draw(st.sampled_from(["35.10", "35.30"])),
                 "iu": draw(st.sampled_from(["U", "I"]))}
        if unikke and linje["aktivitet"] in brugte:
            continue
        brugte.add(linje["aktivitet"])
        for a in draw(st.lists(st.sampled_from(aar), min_size=1, unique=True)):
            bt.append({**linje, "aar": a, "beloeb_tkr": draw(tkr)})
    trykt = []
    if draw(st.booleans()):  # printed I alt rows (only compared, never shown)
        trykt = [{"tabel": t, "aktivitet": I_ALT, "aar": a, "beloeb_tkr": draw(tkr)}
                 for t in sorted({x["tabel"] for x in bt}) for a in aar]
    dut, brugte = [], set()
    for _ in range(draw(st.integers(1, 8))):
        post = {"tabel": draw(st.sampled_from(["Tabel 1", "Tabel 2"])),
                "afsnit": draw(st.sampled_from(AFSNIT)),
                "kode": draw(st.sampled_from(["4.1.9", "4.1.5", ""])),
                "post": draw(st.sampled_from(POSTER))}
        noegle = (post["tabel"], post["afsnit"], post["kode"], post["post"])
        if unikke and noegle in brugte:
            continue
        brugte.add(noegle)
        for a in draw(st.lists(st.sampled_from(aar), min_size=1, unique=True)):
            dut.append({**post, "aar": a, "beloeb_mio": draw(mio)})
    dut_trykt = []
    if draw(st.booleans()):  # printed I alt and difference rows (only compared)
        # (only for a block and year that has posts: a printed I alt without any post of its
        # year stops the engine with an IndexError today; reported, not generated here)
        for t, f, a in sorted({(x["tabel"], x["afsnit"], x["aar"]) for x in dut}):
            dut_trykt.append({"tabel": t, "afsnit": f, "post": DUT_I_ALT, "aar": a,
                              "beloeb_mio": draw(mio)})
        for t, a in sorted({(x["tabel"], x["aar"]) for x in dut}):
            dut_trykt.append({"tabel": t, "afsnit": DIFFERENCE, "post": DIFF, "aar": a,
                              "beloeb_mio": draw(mio)})
    oek = None
    if draw(st.booleans()):
        styr = {a: draw(st.sampled_from(["Service", "Overførsler mv.", ""])) for a in AKTIVITETER}
        oek = [{"aktivitet": x["aktivitet"], "styringsomraade": styr[x["aktivitet"]],
                "aar": x["aar"], "beloeb_tkr": x["beloeb_tkr"]} for x in bt]
        oek += [{"aktivitet": NETTO, "styringsomraade": "", "aar": a, "beloeb_tkr": draw(tkr)}
                for a in aar]
    bt_rows = draw(st.permutations(bt + trykt))
    return bt, dut, {"bevillingsteknik": raekker(BT_KOLONNER, bt_rows),
                     "dut_tabeller": raekker(DUT_KOLONNER, dut + dut_trykt),
                     **({"oekonomi": raekker(["aktivitet", "styringsomraade", "aar",
                                              "beloeb_tkr"], oek)} if oek else {})}


def _d(x: float) -> Decimal:
    return Decimal(repr(float(x)))


@mange
@given(budgetnotatinput(), st.sampled_from(["dut_minus_udgifter", "udgifter_minus_dut"]))
def test_budgetnotatets_tal_bevares(inp: tuple, difference: str) -> None:
    bt, dut, ark = inp
    regler = {**REGLER, "difference": difference}
    b = beregn(laes_budgetnotat(kilde(ark), regler), regler)

    # bevillingstekniske tabeller: every input line once, I alt per table and year = its lines
    m = b.bevillingsteknik
    er_i_alt = m["aktivitet"] == I_ALT
    linjer = m[~er_i_alt]
    noegle = ["tabel", "aktivitet", "udvalg", "bevilling", "iu", "aar"]
    assert Counter(tuple(r[k] for k in noegle) + (int(r["beloeb_tkr"]),)
                   for _, r in linjer.iterrows()) == \
        Counter(tuple(x[k] for k in noegle) + (x["beloeb_tkr"],) for x in bt)
    i_alt = Counter((r["tabel"], r["aar"]) for _, r in m[er_i_alt].iterrows())
    assert i_alt == Counter({(x["tabel"], x["aar"]) for x in bt}), "ét I alt pr. tabel og år"
    pr_tabel: dict[tuple, int] = defaultdict(int)
    for x in bt:
        pr_tabel[(x["tabel"], x["aar"])] += x["beloeb_tkr"]
    for _, r in m[er_i_alt].iterrows():
        assert r["beloeb_tkr"] == pr_tabel[(r["tabel"], r["aar"])]

    # the economy overview: the same lines once each, netto per year = all lines = all I alt
    o = b.oekonomi
    er_netto = o["aktivitet"] == NETTO
    assert Counter((r["aktivitet"], r["aar"], int(r["beloeb_tkr"]))
                   for _, r in o[~er_netto].iterrows()) == \
        Counter((x["aktivitet"], x["aar"], x["beloeb_tkr"]) for x in bt)
    pr_aar: dict[str, int] = defaultdict(int)
    for x in bt:
        pr_aar[x["aar"]] += x["beloeb_tkr"]
    assert Counter(o.loc[er_netto, "aar"]) == Counter(set(pr_aar))
    for _, r in o[er_netto].iterrows():
        assert r["beloeb_tkr"] == pr_aar[r["aar"]] == \
            m.loc[er_i_alt & (m["aar"] == r["aar"]), "beloeb_tkr"].sum()

    # DUT: every post once; I alt per block and year = its posts (exact); the difference
    d = b.dut
    er_post = (d["post"] != DUT_I_ALT) & (d["afsnit"] != DIFFERENCE)
    noegle = ["tabel", "afsnit", "kode", "post", "aar"]
    assert Counter(tuple(r[k] for k in noegle) + (_d(r["beloeb_mio"]),)
                   for _, r in d[er_post].iterrows()) == \
        Counter(tuple(x[k] for k in noegle) + (_d(x["beloeb_mio"]),) for x in dut)
    pr_blok: dict[tuple, Decimal] = defaultdict(Decimal)
    for x in dut:
        pr_blok[(x["tabel"], x["afsnit"], x["aar"])] += _d(x["beloeb_mio"])
    blokke = d[(d["post"] == DUT_I_ALT)]
    assert Counter(zip(blokke["tabel"], blokke["afsnit"], blokke["aar"])) == Counter(set(pr_blok))
    for _, r in blokke.iterrows():
        assert r["beloeb_mio"] == pr_blok[(r["tabel"], r["afsnit"], r["aar"])]
    fortegn = 1 if difference == "dut_minus_udgifter" else -1
    diff = d[d["afsnit"] == DIFFERENCE]
    assert Counter(zip(diff["tabel"], diff["aar"])) == \
        Counter({(x["tabel"], x["aar"]) for x in dut})
    for _, r in diff.iterrows():
        assert r["post"] == DIFF
        forventet = (pr_blok.get((r["tabel"], DUT, r["aar"]), Decimal(0))
                     - pr_blok.get((r["tabel"], UDGIFTER, r["aar"]), Decimal(0))) * fortegn
        assert r["beloeb_mio"] == forventet


def _aarstabeller(ark) -> list[tuple[object, list, list, list]]:
    """Each year table of a sheet, in order: (title, years, line rows, sum rows) as values; a
    row is (its text cells, its year cells). Found by structure: every word is the rules'."""
    ud = []
    for titel, rows in blokke(ark):
        hoved = [c.vaerdi for c in rows[0]]
        foerste = next(j for j, h in enumerate(hoved) if str(h).isdigit())
        linjer, sum_ = [], []
        for r in rows[2:]:  # after the headings and the unit row
            (sum_ if r[0].stil.endswith("sum") else linjer).append(
                ([c.vaerdi for c in r[:foerste]], [c.vaerdi for c in r[foerste:]]))
        ud.append((titel.vaerdi, hoved[foerste:], linjer, sum_))
    return ud


@faa
@given(budgetnotatinput(unikke=True))
def test_budgetnotatets_tabeller_bevarer_tallene(inp: tuple) -> None:
    bt, dut, ark = inp
    bygget = byg_art("budgetnotat", ark)
    rapport, model = bygget.rapport, bygget.model

    def summer(linjer: list, aar: list) -> list:
        return [sum((dec(v[j]) for _, v in linjer if v[j] is not None), Decimal(0))
                for j in range(len(aar))]

    # the sheets in order: Økonomi, Bevillingstekniske tabeller, DUT, Kontrol
    # Økonomi: each line's amounts once; netto = the sum of the rows shown, per year
    (_, aar, linjer, sum_), = _aarstabeller(rapport.ark[0])
    assert len(sum_) == 1 and sum_[0][0][0] == NETTO
    assert summer(linjer, aar) == [dec(v) for v in sum_[0][1]]
    assert summer(linjer, aar) == [sum((Decimal(x["beloeb_tkr"]) for x in bt if x["aar"] == a),
                                       Decimal(0)) for a in aar]

    # Bevillingstekniske tabeller: per table, Udgifter i alt = the sum of its rows, per year
    tabeller = _aarstabeller(rapport.ark[1])
    assert Counter(t[0] for t in tabeller) == Counter({x["tabel"] for x in bt})
    for tabel, aar, linjer, sum_ in tabeller:
        assert len(sum_) == 1 and sum_[0][0][0] == I_ALT
        assert summer(linjer, aar) == [dec(v) for v in sum_[0][1]]
        assert summer(linjer, aar) == [sum((Decimal(x["beloeb_tkr"]) for x in bt
                                            if x["aar"] == a and x["tabel"] == tabel),
                                           Decimal(0)) for a in aar]

    # DUT: one block per table and afsnit (in the model's order); I alt = the sum of its posts;
    # the difference block by the rule's sign
    d = model.dut
    orden = [(t, a) for t, g in d.groupby("tabel", sort=False) for a in g["afsnit"].unique()]
    vist = _aarstabeller(rapport.ark[2])
    assert len(vist) == len(orden)
    assert {t for t, _ in orden} == {x["tabel"] for x in dut}
    fortegn = 1 if REGLER["difference"] == "dut_minus_udgifter" else -1
    i_alt: dict[tuple, dict] = {}
    for (tabel, afsnit), (_, aar, linjer, sum_) in zip(orden, vist):
        if afsnit == DIFFERENCE:
            assert not linjer and len(sum_) == 1 and sum_[0][0][1] == DIFF
            for a, v in zip(aar, sum_[0][1]):
                assert dec(v) == (i_alt.get((tabel, DUT), {}).get(a, Decimal(0))
                                  - i_alt.get((tabel, UDGIFTER), {}).get(a, Decimal(0))) * fortegn
            continue
        assert len(sum_) == 1 and sum_[0][0][1] == DUT_I_ALT
        s = summer(linjer, aar)
        assert s == [dec(v) for v in sum_[0][1]]
        assert s == [sum((_d(x["beloeb_mio"]) for x in dut if x["aar"] == a
                          and x["tabel"] == tabel and x["afsnit"] == afsnit), Decimal(0))
                     for a in aar]
        i_alt[(tabel, afsnit)] = dict(zip(aar, s))
    assert {k for k in i_alt} == {(x["tabel"], x["afsnit"]) for x in dut}
