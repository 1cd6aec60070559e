"""The budgetnotat's words in its rule file (section `tekster` of rules/budgetnotat.yaml)."""

from __future__ import annotations

from typing import Any

# Sheet names, titles, units and column headers, by sheet; column headers keyed by the column.
TEKSTER: dict[str, Any] = {
    "titel": (str,), "emne": (str,), "enhed": (str,),
    "oekonomi": {"ark": (str,), "titel": (str,), "tabel": (str,),
                 "kolonner": {"aktivitet": (str,), "styringsomraade": (str,)}},
    "bevillingsteknik": {"ark": (str,), "titel": (str,),
                         "kolonner": {"aktivitet": (str,), "udvalg": (str,), "bevilling": (str,),
                                      "iu": (str,)}},
    "dut": {"ark": (str,), "titel": (str,), "tabel": (str,), "enhed": (str,),
            "kolonner": {"kode": (str,), "post": (str,)}},
}
# The placeholders each text may use (a text not named here may use none).
TEKSTPLADSHOLDERE: dict[tuple[str, ...], set[str]] = {
    ("enhed",): {"pl"},
    ("oekonomi", "titel"): {"enhed"},
    ("bevillingsteknik", "titel"): {"enhed"},
    ("dut", "titel"): {"dut", "udgifter"},
    ("dut", "tabel"): {"tabel", "afsnit"},
}
