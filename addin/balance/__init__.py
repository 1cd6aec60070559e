"""Balanceafstemning: the annual report on balance accounts by afstemningskategori."""
