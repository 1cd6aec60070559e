"""Write the bundled kommune example's reports (addin/data/kommune-2024/rapporter/) as the
Økonomiforvaltning receives them: BIF's share copy of a refreshed regnskab template, and the
hand-made Kultur- og Fritidsforvaltningen (kff-regnskab-2024/) built from its CSV folder.

    python tests/data/samle/lav_eksempel.py

Run it after a change to the regnskab report's layout; tests check the files still agree with
a fresh build (tests/rapporter/kommune/test_kommunearten.py).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

HER = Path(__file__).resolve().parent
ROD = HER.parents[2]
sys.path.insert(0, str(ROD / "tests"))

from fyldning import fyld_fra_eksempel  # noqa: E402

from addin.data import eksempel  # noqa: E402
from addin.deling import del_fil  # noqa: E402
from addin.excel import refresh_fil  # noqa: E402
from addin.rapporter.regnskab.byg import byg_regnskab  # noqa: E402
from addin.skrivere.xlsx import skriv_rapport  # noqa: E402

UD = ROD / "addin" / "data" / "kommune-2024" / "rapporter"


def main() -> None:
    UD.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        bog = fyld_fra_eksempel(ROD / "workbook_templates" / "regnskab.xlsx",
                                eksempel("bif-regnskab-2024"), Path(tmp) / "bif.xlsx")
        refresh_fil(bog, vis=lambda _: None)
        del_fil(bog, UD / "BIF regnskab 2024.xlsx")
    skriv_rapport(byg_regnskab(HER / "kff-regnskab-2024").rapport, UD / "KFF regnskab 2024.xlsx")
    print(f"Skrevet: {', '.join(p.name for p in sorted(UD.glob('*.xlsx')))}")


if __name__ == "__main__":
    main()
