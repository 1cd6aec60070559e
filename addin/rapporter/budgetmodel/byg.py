"""The budget model pipeline: read the lines -> gross/net, afvigelse and split -> lay out."""

from __future__ import annotations

import argparse

from addin.kilde import Kilde, stempel
from addin.rapportarter import Bygget, Valg
from addin.rapporter.budgetmodel.beregn import beregn_model, indlaes_modelregler, laes_budgetmodel
from addin.rapporter.budgetmodel.kontrol import modelkontroller
from addin.rapporter.budgetmodel.layout import budgetmodelrapport
from addin.regler import find_regelfil, indlaes_regler


def byg(kilde: Kilde, valg: Valg) -> Bygget:
    """Build the budget model; its sentences and sign come from a regnskab rule file
    (`valg.ekstra["regnskabsregler"]`, default the bundled regnskab.yaml)."""
    regelfil = kilde.regelfil(valg.regler, "budgetmodel")
    model = indlaes_modelregler(regelfil)
    regler = indlaes_regler(find_regelfil(valg.ekstra.get("regnskabsregler"), "regnskab"))
    df = laes_budgetmodel(kilde, model)
    linjer = beregn_model(df, model, regler)
    k = modelkontroller(linjer, df)
    return Bygget(budgetmodelrapport(linjer, model, k, stempel(kilde, regelfil), regler), k,
                  model=linjer)


def tilvalg(p: argparse.ArgumentParser) -> None:
    """The budget model's own option: the rule file of its sentences."""
    p.add_argument("--regnskabsregler", metavar="FIL",
                   help="sætninger og fortegn (standard: den medfølgende regnskab.yaml)")
