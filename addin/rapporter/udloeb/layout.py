"""The bevillingsudløb's report sheets: the overview tables and the assessment per initiative.

Every word of the sheets (names, titles, headers, row labels, the assessments' names) is the
rule file's (`tekster` of rules/udloeb.yaml).
"""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from addin import diagrammer as dg
from addin.layout import Ark, Celle, Rapport, kontrolark

# beregn ends these tables with a row of its own (a total, the amounts without a year): the
# rule file's word for that row, and whether it is a total
SIDSTE_RAEKKE = {"antal_per_kategori": ("i_alt", True), "antal_per_vurdering": ("i_alt", True),
                 "bevilget_per_aar": ("uden_aar", False)}


def _celle(v: object, navne: dict[str, str]) -> Celle:
    if isinstance(v, Decimal):
        return Celle(float(v), "decimal2")
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return Celle(v, "beloeb")
    return Celle(navne.get(v, v) if isinstance(v, str) else v)


FARVER = (dg.BLAA, dg.ORANGE, dg.GROEN, dg.GUL, dg.LYSEBLAA, dg.ROED)


def diagramark(u, regler: dict) -> Ark:
    """The proposed amounts per year, a column per model side by side (alternatives, never
    added), as the overview's table without its period total."""
    d, t = regler["diagrammer"], regler["tekster"]
    tabel = u.tabeller["foreslaaet_per_aar"].iloc[:-1]  # the last row is the period's total
    modeller = regler["modeller"]
    raekker = [(str(x["aar"]), tuple(float(x[m]) for m in modeller)) for _, x in tabel.iterrows()]
    serier = tuple((m, FARVER[i % len(FARVER)]) for i, m in enumerate(modeller))
    return dg.diagramark(d["ark"], [dg.Diagramtabel(
        d["foreslaaet"], t["overbliksark"]["kolonner"]["aar"], serier, raekker,
        d["enhed"].format(pl=regler["udloebsaar"]), art="soejle", stil="decimal2")])


def udloebsrapport(u, register: pd.DataFrame, regler: dict, stempel: dict[str, str]) -> Rapport:
    """Overview tables, the assessment per initiative with its standard sentence, and checks."""
    t = regler["tekster"]
    navne = t["vurderingsnavne"]
    pl = regler["udloebsaar"]
    titel = t["titel"].format(aar=pl)
    to = t["overbliksark"]
    ov = Ark(to["ark"], kolonnebredder=[34, 22, 12, 12, 12, 12, 12, 14], liggende=True)
    ov.tilfoej(Celle(titel, "titel"))
    fra, til = regler["aar_i_alt"]
    periode = t["i_alt_periode"].format(fra=fra, til=til)
    for navn, df in u.tabeller.items():
        ov.tom()
        ov.tilfoej(Celle(to["tabeller"][navn].format(pl=pl), "overskrift"))
        hoved = {**to["kolonner"], "i_alt": periode if navn.startswith("foreslaaet") else t["i_alt"]}
        r = ov.tilfoej(*[Celle(hoved.get(k, k), "kolonnehoved") for k in df.columns])
        ov.hoejder[r] = 30.0
        sidste, total = SIDSTE_RAEKKE.get(navn, (None, False))
        for i, (_, x) in enumerate(df.iterrows()):
            celler = [_celle(v, navne) for v in x.values]
            if sidste and i == len(df) - 1:
                celler[0] = Celle(t[sidste], celler[0].stil)
                if total:
                    celler = [Celle(c.vaerdi, "beloeb_sum" if c.stil == "beloeb" else "tekst_sum")
                              for c in celler]
            ov.tilfoej(*celler)
    tv = t["vurderingsark"]
    vur = Ark(tv["ark"], kolonnebredder=[6, 6, 22, 50, 30, 90], liggende=True)
    vur.tilfoej(Celle(tv["titel"], "titel"))
    vur.tom()
    r = vur.tilfoej(*[Celle(tv["kolonner"][k], "kolonnehoved_venstre") for k in
                      ("nr", "delindsats", "kategori", "titel", "vurdering", "saetning")])
    vur.frys_raekker = r
    for _, x in register.iterrows():
        vur.tilfoej(x["nr"], x.get("delindsats", ""), x["kategori"],
                    Celle(x.get("titel", ""), "punkt"),
                    navne.get(x["vurdering"], x["vurdering"]),
                    Celle(regler["vurderinger"].get(x["vurdering"], ""), "punkt"))
    return Rapport([ov, vur, diagramark(u, regler), kontrolark(u.kontroller, stempel)],
                   metadata={"titel": titel, "emne": t["emne"]})
