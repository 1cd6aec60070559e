"""Conservation of the bevillingsudløb (issue "No silent output").

Per model and year, every proposed amount (type foreslaaet, counted in sums: i_sum not "nej",
model empty = both models) lands exactly once in each overview table: per year, per vurdering,
per kategori, per styringsområde, per forvaltning and per initiativ all add up to the same
totals, and each row's "I alt" is the sum of its years in the rule file's period. The two models
are alternatives and never added together. The counts per kategori and per vurdering add up to
their I alt rows, and the granted amounts (bevilget) per year to all granted amounts. Values are
drawn from the rule file's lists (kategorier, vurderinger, modeller) and the styringsområder
the rule file names (or empty).
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st
from rapporter.bevarelse import blokke, byg_art, dec, faa, kilde, mange, naer, raekker

from addin.rapporter.udloeb.beregn import beregn_udloeb, indlaes_udloebsregler, laes_udloeb

REGLER = indlaes_udloebsregler()
KATEGORIER = list(REGLER["kategorier"])
VURDERINGER = list(REGLER["vurderinger"])
MODELLER = list(REGLER["modeller"])
LAV, HOEJ = REGLER["aar_i_alt"]
STYRINGSOMRAADER = [*REGLER["styringsomraader"], ""]  # an empty cell is allowed
U_KOLONNER = ["nr", "delindsats", "kategori", "vurdering", "titel"]
B_KOLONNER = ["nr", "delindsats", "type", "styringsomraade", "aar", "beloeb_mio", "forvaltning",
              "model", "i_sum"]
FORESLAAET_AAR = [str(a) for a in range(LAV - 1, HOEJ + 2)]  # also outside the I alt period
BEVILGET_AAR = [str(a) for a in range(LAV - 4, LAV)] + [""]

mio = st.one_of(st.integers(-999, 999).map(lambda n: n / 10),
                st.integers(-9999, 9999).map(lambda n: n / 100))


@st.composite
def udloebsinput(draw):
    """1-5 initiatives (one kategori each, maybe split in delindsatser A/B, one vurdering per
    row) and 1-8 amounts referring to them, at least one proposed amount in the sums."""
    register = []
    for nr in draw(st.lists(st.integers(1, 40), min_size=1, max_size=5, unique=True)):
        kategori = draw(st.sampled_from(KATEGORIER))
        dele = draw(st.sampled_from([[""], ["A"], ["A", "B"]]))
        for d in dele:
            register.append({"nr": str(nr), "delindsats": d, "kategori": kategori,
                             "vurdering": draw(st.sampled_from(VURDERINGER)),
                             "titel": f"Initiativ {nr}{d}"})
    beloeb = []
    for i in range(draw(st.integers(1, 8))):
        ref = draw(st.sampled_from(register))
        # the first amount is proposed and counted (a register without one is reported)
        typ = "foreslaaet" if i == 0 else draw(st.sampled_from(["foreslaaet", "bevilget"]))
        beloeb.append({"nr": ref["nr"], "delindsats": ref["delindsats"], "type": typ,
                       "styringsomraade": draw(st.sampled_from(STYRINGSOMRAADER)),
                       "aar": draw(st.sampled_from(FORESLAAET_AAR if typ == "foreslaaet"
                                                   else BEVILGET_AAR)),
                       "beloeb_mio": draw(mio),
                       "forvaltning": draw(st.sampled_from(["BIF", "SOF", ""])),
                       "model": draw(st.sampled_from(["", *MODELLER])),
                       "i_sum": "ja" if i == 0 else draw(st.sampled_from(["ja", "nej", ""]))})
    beloeb = draw(st.permutations(beloeb))
    return register, beloeb, {"udloeb": raekker(U_KOLONNER, register),
                              "beloeb": raekker(B_KOLONNER, beloeb)}


def _d(x: float) -> Decimal:
    return Decimal(repr(float(x)))


def _i_sum(register: list[dict], beloeb: list[dict], typ: str) -> list[dict]:
    """The amounts of a type counted in sums, with their initiative's kategori and vurdering."""
    reg = {(r["nr"], r["delindsats"]): r for r in register}
    return [{**b, "kategori": reg[(b["nr"], b["delindsats"])]["kategori"],
             "vurdering": reg[(b["nr"], b["delindsats"])]["vurdering"], "beloeb": _d(b["beloeb_mio"])}
            for b in beloeb if b["type"] == typ and b["i_sum"] != "nej"]


def _forventet(forslag: list[dict], model: str, aar: str, **hvor: str) -> Decimal:
    return sum((f["beloeb"] for f in forslag if f["model"] in ("", model) and f["aar"] == aar
                and all(f[k] == v for k, v in hvor.items())), Decimal(0))


@mange
@given(udloebsinput())
def test_udloebets_tal_bevares(inp: tuple) -> None:
    register, beloeb, ark = inp
    tab = beregn_udloeb(laes_udloeb(kilde(ark), REGLER), REGLER).tabeller
    forslag = _i_sum(register, beloeb, "foreslaaet")
    # the columns: the period and every year a proposal names (also one outside the sums)
    aar = sorted({b["aar"] for b in beloeb if b["type"] == "foreslaaet"}
                 | {str(a) for a in range(LAV, HOEJ + 1)})
    periode = [a for a in aar if LAV <= int(a) <= HOEJ]

    # per year: one row per year (every proposed year shown), then the I alt period
    pa = tab["foreslaaet_per_aar"]
    assert list(pa["aar"]) == aar + [f"{LAV}-{HOEJ}"]
    total = {m: {a: _forventet(forslag, m, a) for a in aar} for m in MODELLER}
    for m in MODELLER:
        assert list(pa[m]) == [total[m][a] for a in aar] + [sum(total[m][a] for a in periode)]

    # every breakdown: per model and year its rows add up to the per-year total, each row is
    # the sum of its own amounts, and its I alt the sum of its years in the period
    for navn, kol, vaerdier in (("foreslaaet_per_vurdering", "vurdering", VURDERINGER),
                                ("foreslaaet_per_kategori", "kategori", KATEGORIER),
                                ("foreslaaet_per_styringsomraade", "styringsomraade",
                                 STYRINGSOMRAADER),
                                ("foreslaaet_per_forvaltning", "forvaltning",
                                 list(dict.fromkeys(b["forvaltning"] for b in beloeb
                                                    if b["type"] == "foreslaaet")))):
        df = tab[navn]
        assert list(zip(df["model"], df[kol])) == [(m, v) for m in MODELLER for v in vaerdier], \
            navn
        for _, r in df.iterrows():
            for a in aar:
                assert r[a] == _forventet(forslag, r["model"], a, **{kol: r[kol]}), (navn, a)
            assert r["i_alt"] == sum(r[a] for a in periode), navn
        for m in MODELLER:
            mine = df[df["model"] == m]
            for a in aar:
                assert sum(mine[a], Decimal(0)) == total[m][a], (navn, m, a)

    # per initiativ: a model's rows and the rows without a model add up to the model's total
    pi = tab["foreslaaet_per_initiativ"]
    noegler = list(zip(pi["nr"], pi["model"]))
    assert len(noegler) == len(set(noegler)), "et initiativ står to gange"
    assert set(noegler) == {(f["nr"] + f["delindsats"], f["model"]) for f in forslag}
    for m in MODELLER:
        mine = pi[pi["model"].isin(["", m])]
        for a in aar:
            assert sum(mine[a], Decimal(0)) == total[m][a], ("pr. initiativ", m, a)
        assert all(r["i_alt"] == sum(r[a] for a in periode) for _, r in mine.iterrows())

    # granted amounts: per year, then the amounts without a year; adding up to all of them
    bevilget = _i_sum(register, beloeb, "bevilget")
    bv = tab["bevilget_per_aar"]
    forventet = sorted({b["aar"] for b in bevilget if b["aar"]})
    assert list(bv["aar"].iloc[:-1]) == forventet
    for a, v in zip([*forventet, ""], bv["beloeb_mio"]):
        assert v == sum((b["beloeb"] for b in bevilget if b["aar"] == a), Decimal(0))
    assert sum(bv["beloeb_mio"], Decimal(0)) == sum((b["beloeb"] for b in bevilget), Decimal(0))

    # counts: per kategori and per vurdering, each register row once, the rows add up to the
    # I alt row (the last)
    ak = tab["antal_per_kategori"]
    linjer, i_alt = ak.iloc[:-1], ak.iloc[-1]
    assert list(linjer["kategori"]) == KATEGORIER
    for _, r in linjer.iterrows():
        assert r["raekker"] == sum(1 for x in register if x["kategori"] == r["kategori"])
        assert r["initiativer"] == len({x["nr"] for x in register
                                        if x["kategori"] == r["kategori"]})
    assert i_alt["raekker"] == linjer["raekker"].sum() == len(register)
    # (each initiative has one kategori here, so its count is not split over two rows)
    assert i_alt["initiativer"] == linjer["initiativer"].sum() == len({x["nr"] for x in register})
    av = tab["antal_per_vurdering"]
    linjer, i_alt = av.iloc[:-1], av.iloc[-1]
    assert list(linjer["vurdering"]) == VURDERINGER
    for _, r in linjer.iterrows():
        for k in KATEGORIER:
            assert r[k] == sum(1 for x in register
                               if x["vurdering"] == r["vurdering"] and x["kategori"] == k)
        assert r["i_alt"] == sum(r[k] for k in KATEGORIER)
    for k in [*KATEGORIER, "i_alt"]:
        assert i_alt[k] == linjer[k].sum()
    assert i_alt["i_alt"] == len(register)


@faa
@given(udloebsinput())
def test_udloebets_overblik_bevarer_tallene(inp: tuple) -> None:
    register, beloeb, ark = inp
    bygget = byg_art("udloeb", ark)
    # the overview's tables in the model's order, each with one column per model column; found
    # by structure, since every word of the sheet is the rule file's
    vist = blokke(bygget.rapport.ark[0])
    assert len(vist) == len(bygget.model.tabeller)
    tabeller = {navn: (list(df.columns), [[c.vaerdi for c in r] for r in rows[1:]])
                for (navn, df), (_, rows) in zip(bygget.model.tabeller.items(), vist)}

    # the per-year table is the reference: one row per year, the period row its sum
    kol, rows = tabeller["foreslaaet_per_aar"]
    assert kol == ["aar", *MODELLER]
    *aarsraekker, periode = rows
    aar = [r[0] for r in aarsraekker]
    i_periode = [j for j, a in enumerate(aar) if LAV <= int(a) <= HOEJ]
    for j in range(1, len(MODELLER) + 1):
        assert naer(periode[j], sum(dec(aarsraekker[i][j]) for i in i_periode))
    total = {m: {r[0]: dec(r[j]) for r in aarsraekker} for j, m in enumerate(MODELLER, start=1)}

    # every breakdown: per model and year the rows shown add up to the per-year table
    for navn in ("foreslaaet_per_vurdering", "foreslaaet_per_kategori",
                 "foreslaaet_per_styringsomraade", "foreslaaet_per_forvaltning",
                 "foreslaaet_per_initiativ"):
        kol, rows = tabeller[navn]
        kol_aar = [j for j, k in enumerate(kol) if k in aar]
        assert [kol[j] for j in kol_aar] == aar, navn
        for r in rows:
            assert naer(r[kol.index("i_alt")], sum(dec(r[j]) for j in kol_aar
                                                   if LAV <= int(kol[j]) <= HOEJ)), navn
        for m in MODELLER:
            # per initiativ, rows without a model belong to both models
            mine = [r for r in rows if r[kol.index("model")] == m
                    or (navn.endswith("initiativ") and r[kol.index("model")] == "")]
            for j in kol_aar:
                assert naer(sum((dec(r[j]) for r in mine), Decimal(0)), total[m][kol[j]]), \
                    (navn, m, kol[j])

    # counts: the rows add up to the I alt row (the last, styled as a sum) in every column
    for navn in ("antal_per_kategori", "antal_per_vurdering"):
        kol, rows = tabeller[navn]
        *linjer, i_alt = rows
        for j in range(1, len(kol)):
            assert sum(r[j] for r in linjer) == i_alt[j], (navn, kol[j])
    assert tabeller["antal_per_kategori"][1][-1][2] == len(register)
    sidste = dict(zip(bygget.model.tabeller, vist))["antal_per_kategori"][1][-1]
    assert all(c.stil.endswith("sum") for c in sidste)

    # granted amounts: every amount counted in sums, once
    kol, rows = tabeller["bevilget_per_aar"]
    assert naer(sum(dec(r[1]) for r in rows),
                sum((_d(b["beloeb_mio"]) for b in beloeb
                     if b["type"] == "bevilget" and b["i_sum"] != "nej"), Decimal(0)))
