"""Conservation of the regnskab (issue "No silent output").

Every hovedprodukt row lands in exactly one line; each bevilling is the sum of its lines, each
styringsområde the sum of its bevillinger, I alt the sum of the styringsområder and so of every
input row, exactly in øre; afvigelse = korrigeret - regnskab with the rule file's sign. On the
laid-out report: every bevilling once in the Oversigt under its styringsområde, every line once
in its bevilling's detail table, and each I alt the exact total rounded once.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rapporter.bevarelse import (
    byg_art,
    er_sum,
    faa,
    find_raekker,
    mange,
    raekker,
    tkr_fra_oere,
    vaerdier,
)

from addin.indlaes import input_fra_tabeller, tabeller_fra_ark
from addin.rapportarter import Valg
from addin.rapporter.regnskab.beregn import BELOEB_LINJE, beregn_regnskab
from addin.regler import Regler, bundlet_regelfil, indlaes_regler

STYRINGSOMRAADER = ["Service", "Anlæg", "Overførsler mv."]
# "Renter m.v." is a funktionsopdelt bevilling in the bundled rules (lines default to funktion)
BEVILLINGER = ["Administration", "Beskæftigelsesindsats", "Renter m.v.", "Integrationsindsats"]
NAVNE = [f"Hovedprodukt {c}" for c in "ABCDEFGH"]
HP_KOLONNER = ["styringsomraade", "bevilling", "niveau", "kode", "navn", *BELOEB_LINJE]
BEV_KOLONNER = ["styringsomraade", "bevilling", "vedtaget_budget", "tillaegsbevillinger",
                "regnskab"]
FAKTOR = {"tkr": 100_000, "kr": 100}  # øre per unit of the input

REGLER = indlaes_regler(bundlet_regelfil("regnskab"))


def _med_fortegn(fortegn: str) -> Regler:
    return Regler(data={**REGLER.data, "fortegn": fortegn}, fil=REGLER.fil, tekst=REGLER.tekst)


FORTEGN = {f: _med_fortegn(f) for f in ("korrigeret_minus_regnskab", "regnskab_minus_korrigeret")}

# amounts in øre: whole t.kr., half t.kr. (the rounding edge), øre-exact amounts and zero
oere = st.one_of(st.integers(-50_000, 50_000).map(lambda n: n * 100_000),
                 st.integers(-50_000, 50_000).map(lambda n: n * 100_000 + 50_000),
                 st.integers(-5_000_000_000, 5_000_000_000), st.just(0))


def _celle(o: int, enhed: str) -> int | float:
    """An amount in øre as the cell a controller pastes (a whole number where it is one)."""
    q, r = divmod(o, FAKTOR[enhed])
    return q if r == 0 else o / FAKTOR[enhed]


@st.composite
def regnskabsinput(draw, med_bevillinger: bool | None = None):
    """Hovedprodukt rows (1-8) of 1-4 lines; each line name belongs to one bevilling."""
    enhed = draw(st.sampled_from(["tkr", "kr"]))
    n_navne = draw(st.integers(1, 4))
    linjer = {}
    for navn in NAVNE[:n_navne]:
        so = draw(st.sampled_from(STYRINGSOMRAADER))
        bev = draw(st.sampled_from(BEVILLINGER))
        niveau = draw(st.sampled_from(["", "hovedprodukt", "funktion"]))
        kode = draw(st.sampled_from(["", "7.22.05", "5.68.90"]))
        linjer[navn] = (so, bev, niveau, kode)
    rows = []
    for _ in range(draw(st.integers(1, 8))):
        navn = draw(st.sampled_from(NAVNE[:n_navne]))
        so, bev, niveau, kode = linjer[navn]
        rows.append({"styringsomraade": so, "bevilling": bev, "niveau": niveau, "kode": kode,
                     "navn": navn, **{k: draw(oere) for k in BELOEB_LINJE}})
    if med_bevillinger is None:
        med_bevillinger = draw(st.booleans())
    bev_rows = []
    if med_bevillinger:
        # consistent with the lines: vedtaget + tillæg = the lines' korrigeret, regnskab = theirs
        summer: dict[tuple, list[int]] = {}
        for r in rows:
            s = summer.setdefault((r["styringsomraade"], r["bevilling"]), [0, 0])
            s[0] += r["korrigeret_udgift"] + r["korrigeret_indtaegt"]
            s[1] += r["regnskab_udgift"] + r["regnskab_indtaegt"]
        for (so, bev), (korr, regn) in summer.items():
            vedtaget = draw(oere)
            bev_rows.append({"styringsomraade": so, "bevilling": bev, "vedtaget_budget": vedtaget,
                             "tillaegsbevillinger": korr - vedtaget, "regnskab": regn})
        if draw(st.booleans()):  # a bevilling without detail rows: in the Oversigt all the same
            bev_rows.append({"styringsomraade": draw(st.sampled_from(STYRINGSOMRAADER)),
                             "bevilling": "Bevilling uden detaljer", "vedtaget_budget": draw(oere),
                             "tillaegsbevillinger": draw(oere), "regnskab": draw(oere)})
        bev_rows = draw(st.permutations(bev_rows))
    return enhed, rows, bev_rows


def _ark(enhed: str, rows: list[dict], bev_rows: list[dict]) -> dict[str, list[list]]:
    def celler(r: dict, beloeb: list[str]) -> dict:
        return {**r, **{k: _celle(r[k], enhed) for k in beloeb}}

    ark = {"hovedprodukter": raekker(HP_KOLONNER, [celler(r, BELOEB_LINJE) for r in rows])}
    if bev_rows:
        ark["bevillinger"] = raekker(BEV_KOLONNER, [celler(r, BEV_KOLONNER[2:])
                                                    for r in bev_rows])
    if enhed == "kr":
        ark["indstillinger"] = [["noegle", "vaerdi"], ["enhed", "kr"]]
    return ark


def _niveau(r: dict) -> str:
    if r["niveau"]:
        return r["niveau"]
    return "funktion" if r["bevilling"] in REGLER["funktionsopdelte_bevillinger"] else "hovedprodukt"


@mange
@given(regnskabsinput(), st.sampled_from(sorted(FORTEGN)))
def test_regnskabets_tal_bevares(inp: tuple, fortegn: str) -> None:
    enhed, rows, bev_rows = inp
    regler = FORTEGN[fortegn]
    ark = _ark(enhed, rows, bev_rows)
    indlaest = input_fra_tabeller(tabeller_fra_ark(ark, "hypotese.xlsx"), "hypotese.xlsx", enhed)
    r = beregn_regnskab(indlaest, regler)
    sign = regler.fortegn

    # the amounts are read exactly (øre), each row once
    hp = indlaest.df("hovedprodukter")
    assert len(hp) == len(rows)
    for k in BELOEB_LINJE:
        assert [int(v) for v in hp[k]] == [x[k] for x in rows]

    # lines: each input row in exactly one line, each line the sum of its rows
    forventet: dict[tuple, list[int]] = defaultdict(lambda: [0] * 5)
    for x in rows:
        noegle = (x["styringsomraade"], x["bevilling"], _niveau(x), x["kode"], x["navn"])
        s = forventet[noegle]
        for i, k in enumerate(BELOEB_LINJE):
            s[i] += x[k]
        s[4] += 1
    linjer = r.linjer
    noegler = list(zip(linjer["styringsomraade"], linjer["bevilling"], linjer["niveau"],
                       linjer["kode"], linjer["navn"]))
    assert Counter(noegler) == Counter(set(forventet)), "en linje står to gange eller mangler"
    for noegle, (_, ln) in zip(noegler, linjer.iterrows()):
        s = forventet[noegle]
        assert [int(ln[k]) for k in BELOEB_LINJE] == s[:4]
        assert int(ln["antal_raekker"]) == s[4]
        assert ln["korrigeret"] == s[0] + s[1] and ln["regnskab"] == s[2] + s[3]
        assert ln["mindre_oere"] == ln["korrigeret"] - ln["regnskab"]
        assert ln["afvigelse_tkr"] == Decimal(int(ln["mindre_oere"])) / 100_000 * sign
    assert int(linjer["antal_raekker"].sum()) == len(rows)

    # bevillinger: each (styringsområde, bevilling) once; figures = the sum of its lines
    bev = r.bevillinger
    bev_noegler = list(zip(bev["styringsomraade"], bev["bevilling"]))
    assert len(bev_noegler) == len(set(bev_noegler))
    pr_bev: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    for x in rows:
        s = pr_bev[(x["styringsomraade"], x["bevilling"])]
        s[0] += x["korrigeret_udgift"] + x["korrigeret_indtaegt"]
        s[1] += x["regnskab_udgift"] + x["regnskab_indtaegt"]
    givet = {(b["styringsomraade"], b["bevilling"]): b for b in bev_rows}
    assert set(bev_noegler) == set(pr_bev) | set(givet)
    for noegle, (_, b) in zip(bev_noegler, bev.iterrows()):
        if noegle in pr_bev:
            assert b["detalje_korrigeret"] == pr_bev[noegle][0]
            assert b["detalje_regnskab"] == pr_bev[noegle][1]
        if bev_rows:
            g = givet[noegle]
            assert b["korrigeret"] == g["vedtaget_budget"] + g["tillaegsbevillinger"]
            assert b["regnskab"] == g["regnskab"]
            assert b["vedtaget_budget"] == g["vedtaget_budget"]
        else:
            assert [b["korrigeret"], b["regnskab"]] == pr_bev[noegle]
        assert b["mindre_oere"] == b["korrigeret"] - b["regnskab"]
        assert b["afvigelse_tkr"] == Decimal(int(b["mindre_oere"])) / 100_000 * sign

    # styringsområder: each once; each the sum of its bevillinger
    so = r.styringsomraader
    assert list(so["styringsomraade"]) == list(dict.fromkeys(bev["styringsomraade"]))
    for _, s in so.iterrows():
        mine = bev[bev["styringsomraade"] == s["styringsomraade"]]
        for k in ("korrigeret", "regnskab", "mindre_oere"):
            assert s[k] == mine[k].sum()
        assert s["afvigelse_tkr"] == Decimal(int(s["mindre_oere"])) / 100_000 * sign
        if bev_rows:
            assert s["vedtaget_budget"] == mine["vedtaget_budget"].sum()
            assert s["tillaegsbevillinger"] == mine["tillaegsbevillinger"].sum()

    # I alt: the sum of the styringsområder = the sum of every input row (or bevillinger row)
    if bev_rows:
        kilde = [{"k": b["vedtaget_budget"] + b["tillaegsbevillinger"], "r": b["regnskab"]}
                 for b in bev_rows]
    else:
        kilde = [{"k": x["korrigeret_udgift"] + x["korrigeret_indtaegt"],
                  "r": x["regnskab_udgift"] + x["regnskab_indtaegt"]} for x in rows]
    assert so["korrigeret"].sum() == sum(x["k"] for x in kilde)
    assert so["regnskab"].sum() == sum(x["r"] for x in kilde)
    assert linjer["korrigeret"].sum() == sum(v[0] for v in pr_bev.values())
    assert linjer["regnskab"].sum() == sum(v[1] for v in pr_bev.values())


def _tal(celler: list) -> list:
    return [c.vaerdi for c in celler[1:]]


@pytest.fixture(scope="module")
def omvendt_fortegn(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled rules with afvigelse = regnskab - korrigeret, as a rule file."""
    sti = tmp_path_factory.mktemp("regler") / "omvendt.yaml"
    tekst = REGLER.tekst.replace("fortegn: korrigeret_minus_regnskab",
                                 "fortegn: regnskab_minus_korrigeret")
    assert tekst != REGLER.tekst
    sti.write_text(tekst, encoding="utf-8")
    return sti


@faa
@given(inp=regnskabsinput(), regelfil=st.sampled_from(["regnskab", "budgetopfoelgning", "omvendt"]))
def test_regnskabsrapportens_tabeller_bevarer_tallene(omvendt_fortegn: Path, inp: tuple,
                                                      regelfil: str) -> None:
    enhed, rows, bev_rows = inp
    valg = Valg(regler=omvendt_fortegn if regelfil == "omvendt" else regelfil)
    bygget = byg_art("regnskab", _ark(enhed, rows, bev_rows), valg)
    assert bygget.model.regler.fortegn == (-1 if regelfil == "omvendt" else 1)
    model = bygget.model
    sign = model.regler.fortegn
    rapport = bygget.rapport

    # the model's exact figures, and what the input says they are
    bev = {(b["styringsomraade"], b["bevilling"]): b for _, b in model.bevillinger.iterrows()}
    if bev_rows:
        totaler = [sum(b["vedtaget_budget"] for b in bev_rows),
                   sum(b["tillaegsbevillinger"] for b in bev_rows),
                   sum(b["vedtaget_budget"] + b["tillaegsbevillinger"] for b in bev_rows),
                   sum(b["regnskab"] for b in bev_rows)]
    else:
        totaler = [None, None, sum(x["korrigeret_udgift"] + x["korrigeret_indtaegt"] for x in rows),
                   sum(x["regnskab_udgift"] + x["regnskab_indtaegt"] for x in rows)]
    totaler.append(sign * (totaler[2] - totaler[3]))

    # Oversigt: each bevilling exactly once, under its styringsområde; I alt rounded once
    ov = rapport.ark[0]  # sheets: Oversigt, Bemærkninger, one per styringsområde, ...
    so_navne = list(model.styringsomraader["styringsomraade"])
    start = next(i for i, r in enumerate(ov.raekker) if r and r[0].vaerdi == so_navne[0]
                 and r[0].stil == "fed")
    set_bev: list[tuple] = []
    so_nu = None
    i_alt = None
    for r in ov.raekker[start:]:
        if not r:
            continue
        if er_sum(r):
            i_alt = r
            break
        if r[0].stil == "fed":
            so_nu = r[0].vaerdi
            s = model.styringsomraader.set_index("styringsomraade").loc[so_nu]
            assert _tal(r)[2:4] == [tkr_fra_oere(s["korrigeret"]), tkr_fra_oere(s["regnskab"])]
            assert _tal(r)[4] == tkr_fra_oere(sign * s["mindre_oere"])
            continue
        b = bev[(so_nu, r[0].vaerdi)]
        set_bev.append((so_nu, r[0].vaerdi))
        assert _tal(r)[2:] == [tkr_fra_oere(b["korrigeret"]), tkr_fra_oere(b["regnskab"]),
                               tkr_fra_oere(sign * b["mindre_oere"])]
    assert Counter(set_bev) == Counter(list(bev)), "en bevilling mangler i Oversigt eller står to gange"
    assert i_alt is not None
    assert _tal(i_alt) == [None if t is None else tkr_fra_oere(t) for t in totaler]

    # detail tables: every line once under its bevilling; I alt = the lines' sum rounded once
    for n, s in enumerate(so_navne):
        ark = rapport.ark[2 + n]
        overskrifter = [ark.raekker[i][0].vaerdi for i in find_raekker(ark, "overskrift")]
        assert Counter(overskrifter) == Counter(b for so_, b in bev if so_ == s)
        for i in find_raekker(ark, "overskrift"):
            bev_navn = ark.raekker[i][0].vaerdi
            lines = model.linjer_i(s, bev_navn)
            vist, j = [], i + 4  # heading, two header rows and the unit row
            while not er_sum(ark.raekker[j]):
                vist.append(vaerdier(ark.raekker[j]))
                j += 1
            forventet = [[(f"{ln['kode']} {ln['navn']}" if ln["kode"] else ln["navn"]),
                          *[tkr_fra_oere(ln[k]) for k in BELOEB_LINJE],
                          tkr_fra_oere(sign * ln["mindre_oere"])] for _, ln in lines.iterrows()]
            assert Counter(map(tuple, vist)) == Counter(map(tuple, forventet))
            total = [sum(int(v) for v in lines[k]) for k in BELOEB_LINJE]
            total.append(sign * (total[0] + total[1] - total[2] - total[3]))
            assert _tal(ark.raekker[j]) == [tkr_fra_oere(t) for t in total]
