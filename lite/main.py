"""xlwings Lite: paste this file into the Lite editor's main.py, and requirements.txt beside it
into Lite's requirements.txt. Refresh and the worksheet functions then run in Excel (Windows,
macOS and on the web) with the same engine as the desktop and the command line.
"""

import xlwings as xw
from xlwings import script

from addin import excel
from addin.udf import (  # noqa: F401  (Lite registers the functions found in main.py)
    AFVIGELSE,
    AFVIGELSESTEKST,
    FORKLARINGSKRAV,
    KLASSIFICER,
    MAENGDEEFFEKT,
    MIO_KR,
    PRISEFFEKT,
    PRISMAENGDETEKST,
)


@script
def refresh(book: xw.Book):
    """Refresh: opdater rapportarkene fra inputarkene og Indstillinger."""
    excel.opdater_bog(book)
