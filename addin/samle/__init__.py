"""The Økonomiforvaltning's side: the forvaltninger's reports (or share copies) put together into
the kommune's overview, status per forvaltning, kommune-level sentences and a Word document.

read (laes) -> consolidate and check (beregn) -> lay out (layout); `byg` runs the three.
"""
