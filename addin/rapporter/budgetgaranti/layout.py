"""The budgetgaranti report sheet: one row per scenario (1.000 kr.) and its sentences."""

from __future__ import annotations

from addin import diagrammer as dg
from addin.kontrol import Kontrol
from addin.layout import Ark, Celle, Rapport, kontrolark
from addin.rapporter.budgetgaranti.beregn import Virkning
from addin.rapporter.budgetgaranti.saetninger import saetninger
from addin.talformat import heltal


def diagramark(virkninger: list[Virkning], regler: dict) -> Ark:
    """Per scenario the effect on income, on expenses and in all, the table's figures."""
    t = regler["tabel"]
    kolonner = t["kolonner"]
    raekker = [(v.scenarie, tuple(heltal(x) for x in (v.indtaegt_tkr, v.udgiftsvirkning_tkr,
                                                      v.samlet_tkr))) for v in virkninger]
    serier = tuple(zip(kolonner[4:7], (dg.BLAA, dg.ORANGE, dg.GROEN)))
    d = regler["diagrammer"]
    return dg.diagramark(d["ark"], [dg.Diagramtabel(d["virkning"], kolonner[0], serier, raekker,
                                                    t["enhed"])])


def garantirapport(virkninger: list[Virkning], regler: dict, kontroller: list[Kontrol],
                   stempel: dict[str, str]) -> Rapport:
    """The scenarios side by side, then each scenario's sentences, then the checks."""
    t = regler["tabel"]
    ark = Ark(t["ark"], kolonnebredder=[40, 16, 14, 14, 16, 16, 16], liggende=True)
    ark.tilfoej(Celle(t["titel"], "titel"))
    ark.tilfoej(Celle(f"({t['enhed']})", "note"))
    ark.tom()
    r = ark.tilfoej(*[Celle(k, "kolonnehoved") for k in t["kolonner"]])
    ark.gentag_raekker = (r, r)
    for v in virkninger:
        ark.tilfoej(Celle(v.scenarie, "punkt"), Celle(heltal(v.grundlag_tkr), "beloeb"),
                    Celle(float(v.landsudvikling_pct), "decimal1"),
                    Celle(float(v.kommuneudvikling_pct), "decimal1"),
                    *[Celle(heltal(x), "beloeb") for x in (v.indtaegt_tkr, v.udgiftsvirkning_tkr,
                                                          v.samlet_tkr)])
    ark.tilfoej(Celle(t["note"], "note", flet=7))
    for v in virkninger:
        ark.tom()
        ark.tilfoej(Celle(v.scenarie, "fed"))
        for s in saetninger(v, regler):
            ark.tilfoej(Celle(s, "punkt", flet=7))
    return Rapport([ark, diagramark(virkninger, regler), kontrolark(kontroller, stempel)],
                   metadata={"titel": t["titel"], "emne": t["emne"]})
