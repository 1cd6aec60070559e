"""The report kinds, one subpackage each. Importing this package registers every kind, in the
order listed here (the order of help texts and messages)."""

import importlib

ARTER = ("regnskab", "balance", "budgetnotat", "udloeb", "budgetmodel", "budgetgaranti", "kommune")

for _navn in ARTER:
    importlib.import_module(f"{__name__}.{_navn}")
