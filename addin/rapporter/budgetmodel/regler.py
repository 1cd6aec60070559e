"""The budget model's words in its rule file (section `tekster` of rules/budgetmodel.yaml)."""

from __future__ import annotations

from typing import Any

# The sheet's columns, in the report's order.
KOLONNER = ("ordning", "periode", "refusion_pct", "budget_brutto", "forventet_brutto",
            "budget_netto", "forventet_netto", "afvigelse", "maengdeeffekt", "priseffekt")
# Sheet name, title and column headers (the total row's word is the regnskab rules' i_alt).
TEKSTER: dict[str, Any] = {"titel": (str,), "emne": (str,), "ark": (str,), "overskrift": (str,),
                           "kolonner": {k: (str,) for k in KOLONNER}, "i_alt_type?": (str,)}
# The placeholders each text may use (a text not named here may use none).
TEKSTPLADSHOLDERE: dict[tuple[str, ...], set[str]] = {("overskrift",): {"grundlag"},
                                                      ("i_alt_type",): {"type"}}
