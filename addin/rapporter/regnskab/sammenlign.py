"""Compare two versions of the same regnskab (e.g. 3. regnskabsprognose and regnskab).

Finds lines whose afvigelse moved by more than the threshold while their explanation stayed
the same: the explanations a controller must look at again.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

from addin.rapporter.regnskab import forklaringer as fk
from addin.rapporter.regnskab.beregn import Regnskab
from addin.talformat import tkr


@dataclass(frozen=True)
class Aendring:
    """One line of the comparison."""

    noegle: tuple[str, str, str, str]  # styringsområde, bevilling, niveau, navn
    gammel_tkr: Decimal | None
    ny_tkr: Decimal | None
    forklaring_uaendret: bool
    har_forklaring: bool

    @property
    def flytning_tkr(self) -> Decimal:
        return (self.ny_tkr or Decimal(0)) - (self.gammel_tkr or Decimal(0))


def _forklaringstekst(r: Regnskab, alle: pd.DataFrame) -> dict[tuple, str]:
    """Per line key: its bullets (direction, amount, text, intro) joined, as the reader sees them."""
    tabel = fk.vedligehold(r.forklaringer, alle)
    ud: dict[tuple, list[str]] = {}
    for _, x in tabel.iterrows():
        if not fk.har_indhold(x):
            continue
        hit = fk.match(x, alle)
        if len(hit) != 1:
            continue
        noegle = tuple(hit.iloc[0][fk.NOEGLE])
        ud.setdefault(noegle, []).append(" | ".join(str(x[k]) for k in fk.INDHOLD))
    return {k: "\n".join(v) for k, v in ud.items()}


def sammenlign(gammel: Regnskab, ny: Regnskab) -> list[Aendring]:
    """Every line in either version, with its afvigelse in both and whether its explanation changed."""
    ag, an = fk.linjer(gammel), fk.linjer(ny)
    tg, tn = _forklaringstekst(gammel, ag), _forklaringstekst(ny, an)
    afv_g = {tuple(r[fk.NOEGLE]): tkr(r["mindre_oere"] * gammel.regler.fortegn)
             for _, r in ag.iterrows()}
    afv_n = {tuple(r[fk.NOEGLE]): tkr(r["mindre_oere"] * ny.regler.fortegn)
             for _, r in an.iterrows()}
    noegler = list(afv_n) + [k for k in afv_g if k not in afv_n]
    return [Aendring(k, afv_g.get(k), afv_n.get(k), tg.get(k, "") == tn.get(k, ""),
                     bool(tn.get(k) or tg.get(k))) for k in noegler]


def skal_ses_igen(aendringer: list[Aendring], regler) -> list[Aendring]:
    """Lines whose afvigelse moved more than the level's threshold and whose explanation did not."""
    ud = []
    for a in aendringer:
        if a.gammel_tkr is None or a.ny_tkr is None:
            continue
        taerskel = Decimal(repr(float(regler.niveau(a.noegle[2])["vaesentlighed_tkr"])))
        if abs(a.flytning_tkr) > taerskel and a.forklaring_uaendret:
            ud.append(a)
    return ud
