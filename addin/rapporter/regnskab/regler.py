"""The regnskab report's words (rule-file sections `tekster` and `diagrammer`), with the bundled
file's words for an older rule file without the section; the shared checks are
`addin.regler.tjek_tekster`."""

from __future__ import annotations

from functools import lru_cache

from addin.regler import Regler, indlaes_regler, standard_regelfil


@lru_cache(maxsize=1)
def _standardtekster() -> dict:
    return indlaes_regler(standard_regelfil()).data["tekster"]


def tekster(regler: Regler) -> dict:
    """The regnskab report's words: the rule file's `tekster`, else the bundled regnskab.yaml's."""
    return regler.data.get("tekster") or _standardtekster()


@lru_cache(maxsize=1)
def _standarddiagramord() -> dict:
    return indlaes_regler(standard_regelfil()).data["diagrammer"]


def diagramord(regler: Regler) -> dict:
    """The Diagrammer sheet's words: the rule file's `diagrammer`, else the bundled
    regnskab.yaml's."""
    return regler.data.get("diagrammer") or _standarddiagramord()
