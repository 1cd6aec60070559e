"""Afvigelse, classification (mer-/mindreforbrug) and the standard deviation sentence of one line.

All functions take amounts in 1.000 kr. (tkr) as exact numbers; the sign of `afvigelse`
follows the rule file's convention (default korrigeret - regnskab, positive = mindreforbrug).
"""

from __future__ import annotations

from decimal import Decimal
from numbers import Number

from addin.regler import Regler
from addin.talformat import _dec, mio_kr

MINDREFORBRUG = "mindreforbrug"
MERFORBRUG = "merforbrug"
INGEN_VAESENTLIG = "ingen_vaesentlig"
INGEN = "ingen"


def afvigelse(korrigeret: Number, regnskab: Number, regler: Regler) -> Decimal:
    """korrigeret - regnskab (or the opposite, as the rule file says)."""
    return (_dec(korrigeret) - _dec(regnskab)) * regler.fortegn


def mindreforbrug_tkr(afv: Number, regler: Regler) -> Decimal:
    """The deviation as underspend: positive = mindreforbrug, whatever the sign convention."""
    return _dec(afv) * regler.fortegn


def klasse(afv: Number, niveau: str, regler: Regler) -> str:
    """'mindreforbrug', 'merforbrug', 'ingen_vaesentlig' or 'ingen' (keys of rules' klasser)."""
    m = mindreforbrug_tkr(afv, regler)
    if m == 0:
        return INGEN
    if abs(m) < _dec(regler.niveau(niveau)["vaesentlighed_tkr"]):
        return INGEN_VAESENTLIG
    return MINDREFORBRUG if m > 0 else MERFORBRUG


def klassetekst(afv: Number, niveau: str, regler: Regler) -> str:
    """The class in words: 'mindreforbrug', 'ingen væsentlig afvigelse', ..."""
    return regler["klasser"][klasse(afv, niveau, regler)]


def forklaringskrav(afv: Number, korrigeret: Number | None, niveau: str, regler: Regler) -> bool:
    """Whether a line at this level must be explained (rules: niveauer.*.forklaringskrav)."""
    if not regler.niveau(niveau)["forklaringskrav"]:
        return False
    if klasse(afv, niveau, regler) not in (MINDREFORBRUG, MERFORBRUG):
        return False
    krav = regler["forklaringskrav"]
    a = abs(_dec(afv))
    if a < _dec(krav["fra_tkr"]):
        return False
    if krav["fra_pct"] is not None:
        if korrigeret is None or _dec(korrigeret) == 0:
            return True
        return a * 100 >= abs(_dec(korrigeret)) * _dec(krav["fra_pct"])
    return True


def afvigelsestekst(afv: Number, niveau: str, regler: Regler) -> str:
    """The standard sentence, e.g. 'Hovedproduktet udviser et mindreforbrug på 3,2 mio. kr.'."""
    k = klasse(afv, niveau, regler)
    navneord = regler.niveau(niveau)["navneord"]
    if niveau == "ydelse":
        if k == MERFORBRUG:
            return regler.saetning("ydelse_merforbrug", beloeb=mio_kr(afv), navneord=navneord)
        if k == MINDREFORBRUG:
            return regler.saetning("ydelse_mindreforbrug", beloeb=mio_kr(afv), navneord=navneord)
        return regler.saetning("ydelse_" + k, navneord=navneord)
    if k in (MINDREFORBRUG, MERFORBRUG):
        return regler.saetning("afvigelse", navneord=navneord, klasse=regler["klasser"][k],
                               beloeb=mio_kr(afv))
    return regler.saetning(k, navneord=navneord)


def forklaringsintro(retninger: list[str], regler: Regler) -> str:
    """'Det skyldes:' / '... to modsatrettede forhold:' / '... flere modsatrettede forhold:'."""
    if len(set(retninger)) <= 1:
        return regler.saetning("intro_en_retning")
    if len(retninger) == 2:
        return regler.saetning("intro_to_modsatrettede")
    return regler.saetning("intro_flere_modsatrettede")
