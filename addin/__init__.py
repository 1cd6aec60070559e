"""Regnskabsbemærkninger og budgetopfølgning for kommunale controllere.

Data flows one way: read inputs -> validate -> compute (pure pandas) -> lay out -> write.
"""

__version__ = "0.1.0"
