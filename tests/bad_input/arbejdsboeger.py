"""Workbook cases of the bad-input corpus, made at test time (binary files are awkward to review).

Each function writes one file at the given path; forventet.py says what building it must give.
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

from openpyxl import Workbook

HER = Path(__file__).resolve().parent
HOVED = ["styringsomraade", "bevilling", "navn", "korrigeret_udgift", "korrigeret_indtaegt",
         "regnskab_udgift", "regnskab_indtaegt"]
LOEN = ["Service", "Administration", "Løn", 1234, 0, 1000, -5]


def _bog(raekker: list[list], arknavn: str = "hovedprodukter", *, foran: list[list] = ()) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = arknavn
    for r in [*foran, *raekker]:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _med(celle: int, vaerdi: object) -> list[list]:
    r = list(LOEN)
    r[celle] = vaerdi
    return [HOVED, r]


def _krypteret() -> bytes:
    import msoffcrypto
    from msoffcrypto.format.ooxml import OOXMLFile

    ud = io.BytesIO()
    OOXMLFile(io.BytesIO(_bog([HOVED, LOEN]))).encrypt("hemmelig", ud)
    assert msoffcrypto.olefile.isOleFile(io.BytesIO(ud.getvalue()))
    return ud.getvalue()


BOEGER: dict[str, tuple[str, Callable[[], bytes]]] = {
    "wb_dansk_taltekst": (".xlsx", lambda: _bog([HOVED, ["Service", "Administration", "Løn",
                                                          "1.234", "0", "1.000,4", "(5)"]])),
    "wb_titel_over_overskrift": (".xlsx", lambda: _bog([HOVED, LOEN],
                                                       foran=[["Regnskab 2024"], []])),
    "wb_arknavn_med_stort": (".xlsx", lambda: _bog([HOVED, LOEN], "Hovedprodukter")),
    "wb_xlsm": (".xlsm", lambda: _bog([HOVED, LOEN])),
    "wb_uden_inputark": (".xlsx", lambda: _bog([HOVED, LOEN], "Ark1")),
    "wb_tomt_ark": (".xlsx", lambda: _bog([])),
    "wb_kun_overskrift": (".xlsx", lambda: _bog([HOVED])),
    "wb_tekst_i_beloeb": (".xlsx", lambda: _bog(_med(5, "ca. 1000"))),
    "wb_formel_uden_vaerdi": (".xlsx", lambda: _bog(_med(3, "=1000+234"))),
    "wb_fejlvaerdi": (".xlsx", lambda: _bog(_med(3, "#DIV/0!"))),
    "wb_dato_i_beloeb": (".xlsx", lambda: _bog(_med(3, date(2024, 12, 31)))),
    "wb_sandt_i_beloeb": (".xlsx", lambda: _bog(_med(3, True))),
    "wb_kaempe_beloeb": (".xlsx", lambda: _bog(_med(4, 1e300))),
    "wb_dobbelt_kolonne": (".xlsx", lambda: _bog([HOVED + ["Navn"], LOEN + ["x"]])),
    "wb_totalraekke": (".xlsx", lambda: _bog([HOVED, LOEN, ["I alt", None, None, 1234, 0, 1000,
                                                            -5]])),
    "wb_tom_fil": (".xlsx", lambda: b""),
    "wb_korrupt_afkortet": (".xlsx", lambda: _bog([HOVED, LOEN])[:700]),
    "wb_tilfaeldige_bytes": (".xlsx", lambda: bytes(range(256)) * 8),
    "wb_csv_med_xlsx_navn": (".xlsx", lambda: (",".join(HOVED) + "\n").encode()),
    "wb_ole_beholder": (".xlsx", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4088)),
    "wb_krypteret": (".xlsx", _krypteret),
    "wb_xls": (".xls", lambda: (HER / "fixtures" / "hovedprodukter.xls").read_bytes()),
}


def lav(navn: str, mappe: Path) -> Path:
    """Write the workbook case `navn` into `mappe` and return its path."""
    endelse, fabrik = BOEGER[navn]
    sti = mappe / (navn + endelse)
    sti.write_bytes(fabrik())
    return sti


def lav_xls_fixture() -> None:
    """Make fixtures/hovedprodukter.xls (Excel 97-2003) with LibreOffice, once."""
    from addin.libreoffice import konverter

    tmp = HER / "fixtures" / "_tmp"
    tmp.mkdir(parents=True, exist_ok=True)
    kilde = tmp / "hovedprodukter.xlsx"
    kilde.write_bytes(_bog([HOVED, LOEN]))
    ud = konverter(kilde, "xls", tmp / "ud")
    shutil.copy(ud, HER / "fixtures" / "hovedprodukter.xls")
    shutil.rmtree(tmp)


if __name__ == "__main__":
    lav_xls_fixture()
