"""Checks of the budget model against what the finance system says (when the input has it)."""

from __future__ import annotations

from fractions import Fraction

import pandas as pd

from addin.kontrol import ADVARSEL, BEMAERK, OK, Kontrol
from addin.rapporter.budgetmodel.beregn import Modellinje
from addin.talformat import tusinder

_BRUTTO = (("budget", "budget_brutto"), ("forventet", "forventet_brutto"))
_NETTO = (("budget", "budget_netto"), ("forventet", "forventet_netto"))


def _f(v: object) -> Fraction:
    return Fraction(repr(float(v)))


def modelkontroller(linjer: list[Modellinje], df: pd.DataFrame) -> list[Kontrol]:
    """Per scheme and period: antal x gennemsnitspris = the given gross amount (within half a
    krone per person, as average prices are rounded), and gross x (1 - refusion) = the given net
    amount (within 1 kr.). Without given amounts the model cannot be checked: said so, not "ok"."""
    k: list[Kontrol] = []
    givet = [c for _, c in _BRUTTO + _NETTO if c in df]
    if not givet:
        return [Kontrol(BEMAERK, "Model mod økonomisystemet", "alle ordninger",
                        "input har ingen brutto- eller nettobeløb, så antal x gennemsnitspris kan "
                        "ikke kontrolleres; tilføj kolonnerne budget_brutto og forventet_brutto "
                        "(og gerne budget_netto og forventet_netto) fra økonomisystemet")]
    for x, (_, r) in zip(linjer, df.iterrows()):
        sted = f"{x.ordning} {x.periode}"
        for hvad, kol in _BRUTTO:
            if kol in df and pd.notna(r[kol]):
                beregnet = x.budget_brutto if hvad == "budget" else x.forventet_brutto
                antal = _f(r[f"{hvad}_antal"])
                ok = abs(beregnet - _f(r[kol])) <= abs(antal) / 2
                k.append(Kontrol(OK if ok else ADVARSEL, "Antal x gennemsnitspris = brutto", sted,
                                 f"{hvad}: beregnet {tusinder(beregnet)} kr., økonomisystemet "
                                 f"{tusinder(r[kol])} kr."))
        for hvad, kol in _NETTO:
            if kol in df and pd.notna(r[kol]):
                beregnet = x.budget_netto if hvad == "budget" else x.forventet_netto
                ok = abs(beregnet - _f(r[kol])) <= 1
                k.append(Kontrol(OK if ok else ADVARSEL, "Netto = brutto x (1 - refusionssats)",
                                 sted, f"{hvad}: beregnet {tusinder(beregnet)} kr. "
                                 f"({tusinder(x.refusion_pct * 100)} pct. refusion), "
                                 f"økonomisystemet {tusinder(r[kol])} kr."))
    return k
