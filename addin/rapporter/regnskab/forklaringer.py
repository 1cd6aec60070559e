"""Explanations (forklaringer): keep them attached to their lines across data changes, and check them.

A controller's typed bullets are never changed or dropped here: `vedligehold` only adds empty
rows for lines that need an explanation, removes empty rows that are no longer needed, and
updates the tool's own columns (status, afvigelse).
"""

from __future__ import annotations

import re
from decimal import Decimal

import pandas as pd

from addin.afvigelse import MERFORBRUG, MINDREFORBRUG
from addin.rapporter.regnskab.beregn import Regnskab
from addin.talformat import tkr

NOEGLE = ["styringsomraade", "bevilling", "niveau", "navn"]
INDHOLD = ["retning", "beloeb_mio", "tekst", "intro"]
BRUGERKOLONNER = NOEGLE + INDHOLD
VAERKTOEJSKOLONNER = ["status", "afvigelse_mio"]
KOLONNER = BRUGERKOLONNER + VAERKTOEJSKOLONNER

MANGLER = "mangler forklaring"
OK = "ok"
BORTFALDET = "krav bortfaldet"
FINDES_IKKE = "linjen findes ikke"
TVETYDIG = "tvetydig: angiv styringsområde og bevilling"


def linjer(r: Regnskab) -> pd.DataFrame:
    """Every line a bullet can explain: styringsområder, bevillinger and hovedprodukter/funktioner."""
    so = pd.DataFrame({"styringsomraade": r.styringsomraader["styringsomraade"], "bevilling": "",
                       "niveau": "styringsomraade", "navn": r.styringsomraader["styringsomraade"],
                       "mindre_oere": r.styringsomraader["mindre_oere"],
                       "klasse": r.styringsomraader["klasse"],
                       "forklaringskrav": r.styringsomraader["forklaringskrav"]})
    bev = pd.DataFrame({"styringsomraade": r.bevillinger["styringsomraade"],
                        "bevilling": r.bevillinger["bevilling"], "niveau": r.bevillinger["niveau"],
                        "navn": r.bevillinger["bevilling"], "mindre_oere": r.bevillinger["mindre_oere"],
                        "klasse": r.bevillinger["klasse"],
                        "forklaringskrav": r.bevillinger["forklaringskrav"]})
    ln = r.linjer[["styringsomraade", "bevilling", "niveau", "navn", "mindre_oere", "klasse",
                   "forklaringskrav"]]
    ud = pd.concat([so, bev, ln], ignore_index=True)
    ud["afvigelse_mio"] = [_mio(m * r.regler.fortegn) for m in ud["mindre_oere"]]
    # benefit lines are explained by their price/quantity sentences
    auto = set()
    a = r.aktiviteter
    if not a.empty:
        pm = a[a["har_begge"] & a["pris_maengde"]]
        auto = set(zip(pm["styringsomraade"], pm["bevilling"], pm["hovedprodukt"]))
    ud["automatisk"] = [(s, b, n) in auto for s, b, n in zip(ud["styringsomraade"],
                                                               ud["bevilling"], ud["navn"])]
    ud["forklaringskrav"] = ud["forklaringskrav"] & ~ud["automatisk"]
    return ud


def _mio(oere: float) -> float:
    return float((tkr(oere) / 1000).quantize(Decimal("0.001")))


def tom(v: object) -> bool:
    """Whether a cell is empty (None, NaN or only spaces)."""
    return v is None or (isinstance(v, float) and pd.isna(v)) or str(v).strip() == ""


def har_indhold(raekke: pd.Series) -> bool:
    """Whether a row holds anything a person typed (direction, amount or text)."""
    return any(not tom(raekke.get(k)) for k in INDHOLD)


def normaliser(forklaringer: pd.DataFrame | None) -> pd.DataFrame:
    """The explanation table with all columns, missing ones empty; user values untouched."""
    if forklaringer is None:
        return pd.DataFrame(columns=KOLONNER, dtype=object)
    ud = forklaringer.copy()
    for k in KOLONNER:
        if k not in ud:
            ud[k] = ""
    ud = ud[KOLONNER + [k for k in ud.columns if k not in KOLONNER]]
    return ud.astype({k: object for k in KOLONNER})


def match(raekke: pd.Series, alle: pd.DataFrame) -> pd.DataFrame:
    """The lines an explanation row belongs to (one, or none/several when unclear)."""
    m = (alle["niveau"] == raekke["niveau"]) & (alle["navn"] == raekke["navn"])
    if not tom(raekke["styringsomraade"]):
        m &= alle["styringsomraade"] == raekke["styringsomraade"]
    if not tom(raekke["bevilling"]):
        m &= alle["bevilling"] == raekke["bevilling"]
    return alle[m]


def vedligehold(forklaringer: pd.DataFrame | None, alle: pd.DataFrame) -> pd.DataFrame:
    """Update the explanation table for the current lines (see module docstring).

    `alle` is `linjer(r)`. Existing rows keep their order and their user columns exactly;
    a new empty row is appended for each line that requires an explanation and has none.
    """
    f = normaliser(forklaringer)
    beholdt = []
    forklaret: set[tuple] = set()
    for i, raekke in f.iterrows():
        hit = match(raekke, alle)
        indhold = har_indhold(raekke)
        if len(hit) == 1:
            ln = hit.iloc[0]
            noegle = tuple(ln[NOEGLE])
            if not indhold and not ln["forklaringskrav"]:
                continue  # an empty row for a line that no longer needs one: nothing typed is lost
            if not indhold and noegle in forklaret:
                continue  # a second empty row for the same line
            status = OK if indhold else MANGLER
            if indhold and ln["klasse"] not in (MERFORBRUG, MINDREFORBRUG):
                status = BORTFALDET
            if indhold:
                forklaret.add(noegle)
            f.at[i, "status"] = status
            f.at[i, "afvigelse_mio"] = ln["afvigelse_mio"]
        else:
            if not indhold:
                continue
            f.at[i, "status"] = FINDES_IKKE if hit.empty else TVETYDIG
            f.at[i, "afvigelse_mio"] = ""
        beholdt.append(i)
    ud = f.loc[beholdt]
    tomme = {tuple(r[NOEGLE]) for _, r in ud.iterrows() if r["status"] == MANGLER}
    nye = []
    for _, ln in alle[alle["forklaringskrav"]].iterrows():
        noegle = tuple(ln[NOEGLE])
        if noegle in forklaret or noegle in tomme:
            continue
        nye.append({**dict(zip(NOEGLE, noegle)), "retning": "", "beloeb_mio": "", "tekst": "",
                    "status": MANGLER, "afvigelse_mio": ln["afvigelse_mio"]})
    if nye:
        ud = pd.concat([ud, pd.DataFrame(nye)], ignore_index=True)
    # an empty row already explained by a typed row elsewhere is no longer missing
    ud = ud[~((ud["status"] == MANGLER) & ud[NOEGLE].apply(tuple, axis=1).isin(forklaret))]
    return ud.reset_index(drop=True)


_BELOEB_I_TEKST = re.compile(r"\b(merforbrug|mindreforbrug)\s+(?:[a-zæøå ,.-]{0,40}?\s)?på\s+"
                             r"(\d{1,3}(?:\.\d{3})*,\d)\s+mio\.\s*kr\.", re.IGNORECASE)
_MODSIGELSER = [
    (re.compile(r"lavere end budgetteret\.?\s+Det betyder, at udgifterne er vokset"),
     "teksten siger lavere end budgetteret, men at udgifterne er vokset"),
    (re.compile(r"højere end budgetteret\.?\s+Det betyder, at udgifterne er faldet"),
     "teksten siger højere end budgetteret, men at udgifterne er faldet"),
]


def beloeb_i_tekst(tekst: str) -> tuple[str, Decimal] | None:
    """The first 'merforbrug/mindreforbrug på 2,5 mio. kr.' stated in a text, if any."""
    m = _BELOEB_I_TEKST.search(tekst or "")
    if not m:
        return None
    return m.group(1).lower(), Decimal(m.group(2).replace(".", "").replace(",", "."))


def modsigelser(tekst: str) -> list[str]:
    """Narrative statements that contradict themselves (fewer persons but spending rose, ...)."""
    return [besked for moenster, besked in _MODSIGELSER if moenster.search(tekst or "")]
