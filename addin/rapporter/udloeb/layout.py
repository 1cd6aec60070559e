"""The bevillingsudløb's report sheets: the overview tables and the assessment per initiative."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from addin.layout import Ark, Celle, Rapport, kontrolark

UDLOEB_TITLER = {
    "antal_per_kategori": "Initiativer pr. kategori",
    "antal_per_vurdering": "Vurderinger pr. kategori",
    "foreslaaet_per_aar": "Foreslåede beløb pr. år (mio. kr., {pl} p/l)",
    "foreslaaet_per_vurdering": "Foreslåede beløb pr. vurdering (mio. kr., {pl} p/l)",
    "foreslaaet_per_kategori": "Foreslåede beløb pr. kategori (mio. kr., {pl} p/l)",
    "foreslaaet_per_styringsomraade": "Foreslåede beløb pr. styringsområde (mio. kr., {pl} p/l)",
    "foreslaaet_per_forvaltning": "Foreslåede beløb pr. forvaltning (mio. kr., {pl} p/l)",
    "foreslaaet_per_initiativ": "Foreslåede beløb pr. initiativ (mio. kr., {pl} p/l)",
    "bevilget_per_aar": "Oprindeligt bevilgede beløb pr. år (mio. kr.)",
}
OVERSKRIFTER = {"kategori": "Kategori", "initiativer": "Initiativer", "raekker": "Rækker",
               "vurdering": "Vurdering", "aar": "År", "model": "Model", "nr": "Nr.",
               "styringsomraade": "Styringsområde", "forvaltning": "Forvaltning",
               "beloeb_mio": "Beløb (mio. kr.)"}
VURDERINGSNAVNE = {"kan_videreføres": "Kan videreføres",
                   "kan_videreføres_med_justeringer": "Kan videreføres med justeringer",
                   "bør_ikke_videreføres": "Bør ikke videreføres",
                   "kan_ikke_vurderes": "Kan ikke vurderes endnu", "andet": "Andet"}


def _celle(v: object) -> Celle:
    if isinstance(v, Decimal):
        return Celle(float(v), "decimal2")
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return Celle(v, "beloeb")
    return Celle(VURDERINGSNAVNE.get(v, v) if isinstance(v, str) else v)


def udloebsrapport(u, register: pd.DataFrame, regler: dict, stempel: dict[str, str]) -> Rapport:
    """Overview tables, the assessment per initiative with its standard sentence, and checks."""
    pl = regler["udloebsaar"]
    ov = Ark("Overblik", kolonnebredder=[34, 22, 12, 12, 12, 12, 12, 14], liggende=True)
    ov.tilfoej(Celle(f"Bevillingsudløb {pl}", "titel"))
    for navn, df in u.tabeller.items():
        ov.tom()
        ov.tilfoej(Celle(UDLOEB_TITLER[navn].format(pl=pl), "overskrift"))
        periode = f"I alt {regler['aar_i_alt'][0]}-{regler['aar_i_alt'][1]}"
        navne = {**OVERSKRIFTER, "i_alt": periode if navn.startswith("foreslaaet") else "I alt"}
        r = ov.tilfoej(*[Celle(navne.get(k, k), "kolonnehoved") for k in df.columns])
        ov.hoejder[r] = 30.0
        for _, x in df.iterrows():
            total = any(str(v) == "I alt" for v in x.values)
            celler = [_celle(v) for v in x.values]
            if total:
                celler = [Celle(c.vaerdi, "beloeb_sum" if c.stil == "beloeb" else "tekst_sum")
                          for c in celler]
            ov.tilfoej(*celler)
    vur = Ark("Vurderinger", kolonnebredder=[6, 6, 22, 50, 30, 90], liggende=True)
    vur.tilfoej(Celle("Forvaltningens vurdering pr. initiativ", "titel"))
    vur.tom()
    r = vur.tilfoej(*[Celle(h, "kolonnehoved_venstre") for h in
                      ("Nr.", "Del", "Kategori", "Titel", "Vurdering", "Standardsætning")])
    vur.frys_raekker = r
    for _, x in register.iterrows():
        vur.tilfoej(x["nr"], x.get("delindsats", ""), x["kategori"],
                    Celle(x.get("titel", ""), "punkt"),
                    VURDERINGSNAVNE.get(x["vurdering"], x["vurdering"]),
                    Celle(regler["vurderinger"].get(x["vurdering"], ""), "punkt"))
    return Rapport([ov, vur, kontrolark(u.kontroller, stempel)],
                   metadata={"titel": f"Bevillingsudløb {pl}", "emne": "Budget"})
