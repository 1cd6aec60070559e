"""Budget documents: budgetnotat tables, price-level conversion, budget models, bevillingsudløb."""
