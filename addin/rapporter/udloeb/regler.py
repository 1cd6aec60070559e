"""The bevillingsudløb's words in its rule file (section `tekster` of rules/udloeb.yaml)."""

from __future__ import annotations

from typing import Any

# The overview's tables, in beregn's names (each needs its title).
TABELLER = ("antal_per_kategori", "antal_per_vurdering", "foreslaaet_per_aar",
            "foreslaaet_per_vurdering", "foreslaaet_per_kategori",
            "foreslaaet_per_styringsomraade", "foreslaaet_per_forvaltning",
            "foreslaaet_per_initiativ", "bevilget_per_aar")
# Sheet names, titles, column headers and row labels; headers keyed by the tables' columns.
TEKSTER: dict[str, Any] = {
    "titel": (str,), "emne": (str,), "i_alt": (str,), "i_alt_periode": (str,),
    "uden_aar": (str,),
    "overbliksark": {
        "ark": (str,), "tabeller": {k: (str,) for k in TABELLER},
        "kolonner": {k: (str,) for k in ("kategori", "initiativer", "raekker", "vurdering", "aar",
                                         "model", "nr", "styringsomraade", "forvaltning",
                                         "beloeb_mio")}},
    "vurderingsark": {
        "ark": (str,), "titel": (str,),
        "kolonner": {k: (str,) for k in ("nr", "delindsats", "kategori", "titel", "vurdering",
                                         "saetning")}},
    "vurderingsnavne": {"*": (str,)},  # shown name per vurdering (else the vurdering itself)
}
# The placeholders each text may use (a text not named here may use none).
TEKSTPLADSHOLDERE: dict[tuple[str, ...], set[str]] = {
    ("titel",): {"aar"},
    ("i_alt_periode",): {"fra", "til"},
    **{("overbliksark", "tabeller", k): {"pl"} for k in TABELLER},
}
