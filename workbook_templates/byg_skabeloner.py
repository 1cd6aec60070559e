"""Build the Excel templates in workbook_templates/ (the committed files are what this builds).

    python workbook_templates/byg_skabeloner.py [--ud MAPPE]

<navn>.xlsm: classic xlwings. The VBA project is the one of `xlwings quickstart --standalone`
(module `xlwings` untouched, so its DLL version is the installed xlwings'), with the quickstart's
sample module replaced by one holding the macros Refresh and Del, which call the package
(`from addin.excel import main; main()`, `... share_main; share_main()`): nothing depends on the
workbook's file name or on a Python file beside it. The hidden sheet xlwings.conf holds only
`UDF Modules = addin.udf`, so the interpreter, Conda and PYTHONPATH come from the ribbon/config
file. <navn>.xlsx: headless (`regnskab refresh`) and xlwings Lite. The build is deterministic:
fixed timestamps in the document properties and in the zip.

The VBA source is changed without Excel (MS-OVBA, MS-CFB): the module stream holds only the
compressed source (MODULEOFFSET 0), the dir stream, PROJECT and PROJECTwm name the module, the
_VBA_PROJECT stream keeps version 0xFFFF (no p-code cache: the VBA editor compiles from source),
and the compound file is written anew, since a stream changes size.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import olefile
import openpyxl
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

HER = Path(__file__).resolve().parent
FAST_TID = dt.datetime(2024, 1, 1, 0, 0, 0)
GRAA = Font(italic=True, color="808080")
HOVED = Font(bold=True)
FYLD = PatternFill("solid", fgColor="DDEBF7")

VARIANTER = {
    "regnskab": {"regelfil": "", "titel": "Regnskab", "regnskab": "Regnskab", "art": "regnskab"},
    "budgetopfoelgning": {"regelfil": "budgetopfoelgning", "titel": "Budgetopfølgning",
                          "regnskab": "Forventet regnskab", "art": "regnskab"},
    "balanceafstemning": {"regelfil": "", "titel": "Årsrapportering på balancen",
                          "regnskab": "", "art": "balance"},
    "budgetnotat": {"regelfil": "", "titel": "Budgetnotat", "regnskab": "", "art": "budgetnotat"},
    "bevillingsudloeb": {"regelfil": "", "titel": "Bevillingsudløb", "regnskab": "",
                         "art": "udloeb"},
    "budgetmodel": {"regelfil": "", "titel": "Budgetmodel", "regnskab": "", "art": "budgetmodel"},
    "budgetgaranti": {"regelfil": "", "titel": "Budgetgaranti", "regnskab": "",
                      "art": "budgetgaranti"},
    "kommuneoversigt": {"regelfil": "", "titel": "Kommuneoversigt", "regnskab": "",
                        "art": "kommune"},
}

BUDGETARK = {
    "budgetnotat": {
        "bevillingsteknik": (
            ["Tabel", "Aktivitet", "Udvalg", "Bevilling", "IU", "År", "Beløb tkr"],
            ["Tabel 6", "Forventede udgifter på servicerammen", "BIU", "35.10", "U", 2023, 8379],
            [10, 44, 10, 10, 6, 8, 12], {"E": ["I", "U"]}),
        "oekonomi": (
            ["Aktivitet", "Styringsområde", "År", "Beløb tkr"],
            ["Forventede udgifter på servicerammen", "Service", 2023, 8379], [44, 18, 8, 12], {}),
        "dut_tabeller": (
            ["Tabel", "Afsnit", "Kode", "Post", "År", "Beløb mio"],
            ["Tabel 1", "DUT-kompensation", "4.1.9", "Afskaffelse af refusion", 2023, 36.0],
            [10, 18, 8, 60, 8, 12], {"B": ["DUT-kompensation", "Udgifter", "Difference"]}),
    },
    "udloeb": {
        "udloeb": (
            ["Nr", "Kategori", "Titel", "Delindsats", "Vurdering", "Vurdering tekst"],
            [1, "Fulde bevillingsudløb", "Fritidsjobindsats", "", "kan_videreføres",
             "Det er forvaltningens faglige vurdering, at indsatsen kan videreføres."],
            [6, 24, 50, 10, 30, 80],
            {"E": ["kan_videreføres", "kan_videreføres_med_justeringer", "bør_ikke_videreføres",
                   "kan_ikke_vurderes", "andet"]}),
        "beloeb": (
            ["Nr", "Delindsats", "Type", "Styringsområde", "År", "Beløb mio", "PL år",
             "Forvaltning", "Model", "Beskrivelse", "I sum", "Del af"],
            [1, "", "foreslaaet", "service", 2026, 6.9, 2026, "BIF", "", "", "ja", ""],
            [6, 10, 12, 14, 8, 10, 8, 12, 10, 24, 8, 16],
            {"C": ["bevilget", "foreslaaet"], "D": ["service", "indsats"], "K": ["ja", "nej"]}),
    },
    "budgetmodel": {
        "budgetmodel": (
            ["Ordning", "Periode", "Budget antal", "Budget pris", "Forventet antal",
             "Forventet pris", "Model", "Type"],
            ["A-dagpenge", "2025", 13050, 141987, 12927, 142859, "ydelse", ""],
            [26, 10, 14, 14, 16, 16, 12, 10],
            {"G": ["ydelse", "aktivering", "loensum"], "H": ["intern", "ekstern"]}),
    },
    "kommune": {
        "samling": (["Mappe"], ["indsendt"], [60], {}),
    },
    "budgetgaranti": {
        "budgetgaranti": (
            ["Scenarie", "Grundlag tkr", "Landsudvikling pct", "Kommuneudvikling pct"],
            ["Landsplan +1 pct., kommunen −1 pct.", 400000, 1, -1], [40, 16, 18, 20], {}),
    },
}

# sheet -> (header, example row, column widths, list validations {column letter: values})
INPUTARK = {
    "hovedprodukter": (
        ["Styringsområde", "Bevilling", "Niveau", "Kode", "Navn", "Korrigeret udgift",
         "Korrigeret indtægt", "{R} udgift", "{R} indtægt"],
        ["Service", "Beskæftigelsesindsats", "hovedprodukt", "", "Jobcenterdrift", 752344,
         -12957, 771300, -17798],
        [18, 28, 14, 10, 40, 16, 16, 16, 16], {"C": ["hovedprodukt", "funktion"]}),
    "bevillinger": (
        ["Styringsområde", "Bevilling", "Vedtaget budget", "Tillægsbevillinger", "{R}"],
        ["Service", "Beskæftigelsesindsats", 943105, 155794, 1086928],
        [18, 34, 16, 18, 16], {}),
    "aktivitet": (
        ["Styringsområde", "Bevilling", "Hovedprodukt", "Aktivitet", "Mål",
         "Regnskab forrige år", "Budget", "{R}"],
        ["Overførsler mv.", "Efterspørgselsstyrede overførsler", "A-dagpenge", "A-dagpenge",
         "antal", 12109, 13050, 12927],
        [18, 34, 34, 28, 12, 18, 14, 14], {"E": ["antal", "enhedspris"]}),
    "Forklaringer": (
        ["Styringsområde", "Bevilling", "Niveau", "Navn", "Retning", "Beløb mio", "Tekst",
         "Intro", "Status", "Afvigelse mio"],
        ["Service", "Beskæftigelsesindsats", "hovedprodukt", "Boliger til flygtninge",
         "merforbrug", 2.5, "Et merforbrug på 2,5 mio. kr. vedrørende hotelindkvartering.", "",
         "", ""],
        [16, 26, 14, 34, 14, 11, 80, 24, 20, 14],
        {"C": ["styringsomraade", "bevilling", "omraade", "hovedprodukt", "funktion"],
         "E": ["merforbrug", "mindreforbrug"]}),
}

BALANCEARK = {
    "handleplaner": (
        ["Kategori", "IM-funktion", "Konto", "Opfølgningsbeløb kr", "Heraf ældre kr",
         "Ansvarlig", "Overskrift", "Aktivitetsplan", "Deadline", "Konsekvensbeskrivelse"],
        ["2", "9.52.59", "95900027", -598124, 0, "BIF", "KY NemKonto",
         "Kontoen anvendes til håndtering af betalinger ...", "2025-03-31",
         "Der er potentielt borgere, som mangler deres penge."],
        [9, 11, 11, 16, 14, 10, 30, 80, 12, 40], {"A": ["1", "2", "3"]}),
    "tabel_1_1": (
        ["IM-funktion", "Navn", "Antal konti", "Saldo total", "Saldo kategori 1",
         "Opfølgning total", "Opfølgning kategori 2", "Opfølgning kategori 3",
         "Ældre kategori 2", "Ældre kategori 3"],
        ["9.22.01", "Kontante beholdninger", 81, 3390, 3364, 26, 26, 0, 0, 0],
        [11, 44, 11, 14, 14, 14, 14, 14, 14, 14], {}),
    "kategorier": (
        ["Kategori", "Antal 2024", "Netto 2024 tkr", "Antal 2023", "Netto 2023 tkr"],
        ["1", 2346, -3414, 2355, 399563], [10, 12, 16, 12, 16], {"A": ["1", "2", "3"]}),
    "aeldre_end_1_aar": (
        ["IM-funktion", "Navn", "Forvaltning", "Beskrivelse", "Kategori 2 tkr",
         "Kategori 3 tkr"],
        ["9.28.14", "Tilgodehav. i betalingskontrol", "BIF", "systemdiff. fra fagsystemet KY",
         30, ""], [11, 40, 12, 36, 14, 14], {}),
    "systemafstemning": (
        ["Modtager", "Fagsystem", "Difference kr", "Ansvarlig", "Aktivitetsplan", "Deadline",
         "Konsekvensbeskrivelse"],
        ["OPUS Debitor", "KY", 13983, "BIF", "Differencen vedrører sager indlæst ultimo december.",
         "2025-02-15", "Ingen."], [14, 12, 14, 10, 60, 12, 30],
        {"A": ["Kvantum", "OPUS Debitor"]}),
    "afskrivninger": (
        ["Tabel", "IM-funktion afskrivning", "IM-funktion modpost", "Navn", "Bevilling",
         "Beløb tkr"],
        ["3.1", "8.28.14", "0.25.11", "Beboelse", "Beskæftigelsesindsats", 136],
        [8, 14, 14, 44, 32, 12], {"A": ["3.1", "3.2", "3.3"]}),
}

KOMMUNEVEJLEDNING = [
    "{T} – vejledning (Økonomiforvaltningen)",
    "",
    "1. Læg forvaltningernes rapporter eller delingskopier (.xlsx/.xlsm) i én mappe ved siden af "
    "denne projektmappe, fx 'indsendt'.",
    "2. Skriv mappens navn i arket samling fra række 4 (i forhold til denne projektmappes mappe; "
    "flere mapper på hver sin række).",
    "3. Tryk Refresh: Alt+F8 > Refresh (i .xlsm); uden Excel: regnskab refresh FIL, eller "
    "regnskab samle MAPPE --out KOMMUNE.xlsx.",
    "4. Refresh udfylder Kommuneoversigt (forvaltninger, styringsområder, I alt og diagram), "
    "Status, et statusark pr. forvaltning og Kontrol. Rapporter fra forskellige år eller "
    "rapportarter, to fra samme forvaltning eller med forskelligt fortegn afvises med en besked; "
    "en fil, der ikke kan læses, nævnes på Status.",
    "5. Word med oversigten og hver forvaltnings bemærkninger: regnskab export-docx FIL --out "
    "KOMMUNE.docx. Kopi til andre: Alt+F8 > Del gemmer projektmappen og lægger en kopi uden "
    "makroer ved siden af den; uden Excel: regnskab share FIL --out KOPI.xlsx.",
]

BALANCEVEJLEDNING = [
    "{T} – vejledning",
    "",
    "1. Indsæt afstemningsloggens konti i arket handleplaner fra række 4 (én række pr. konto, "
    "beløb i kr.). Tabel 2.1, antal, sætninger og handleplaner udledes af kontiene.",
    "2. Indsæt kommunens opgørelser i tabel_1_1, kategorier (i år og sidste år), "
    "aeldre_end_1_aar, systemafstemning og afskrivninger, hvis I har dem (t.kr.).",
    "3. Udfyld Indstillinger (forvaltning, udvalg, antal konti hos KS og forvaltningerne).",
    "4. Tryk Refresh: Alt+F8 > Refresh (i .xlsm; xlwings-fanen behøves ikke til Refresh), eller "
    "uden Excel: regnskab refresh FIL. Rapportarkene og Kontrol udfyldes; handleplaner vises kun "
    "for bruttobeløb på mindst +/- 1.000 kr.",
    "5. Del: Alt+F8 > Del gemmer projektmappen og lægger en kopi til deling uden makroer ved "
    "siden af den; uden Excel: regnskab share FIL --out KOPI.xlsx.",
]

BUDGETVEJLEDNING = [
    "{T} – vejledning",
    "",
    "1. Indsæt rækkerne i inputarkene fra række 4 (række 2 er et eksempel og læses ikke).",
    "2. Afledte rækker (i alt, netto, differencer, totaler) beregnes; trykte totaler, I indsætter, "
    "sammenlignes kun og vises på Kontrol.",
    "3. Tryk Refresh: Alt+F8 > Refresh (i .xlsm; xlwings-fanen behøves ikke til Refresh), eller "
    "uden Excel: regnskab refresh FIL.",
    "4. Del: Alt+F8 > Del gemmer projektmappen og lægger en kopi til deling uden makroer ved "
    "siden af den; uden Excel: regnskab share FIL --out KOPI.xlsx.",
]

VEJLEDNING = [
    "{T} – vejledning",
    "",
    "1. Indsæt udtrækket fra økonomisystemet i arkene hovedprodukter, bevillinger og aktivitet "
    "fra række 4 (række 2 er et eksempel og læses ikke). Beløb i 1.000 kr., indtægter negative.",
    "2. Udfyld arket Indstillinger (forvaltning og år; regelfil kun hvis I har jeres egne regler).",
    "3. Tryk Refresh: Alt+F8 > Refresh (i .xlsm; xlwings-fanen behøves ikke til Refresh); "
    "uden Excel: regnskab refresh FIL.",
    "4. Refresh udfylder Oversigt, Bemærkninger, et ark pr. styringsområde og Kontrol. Arket "
    "Forklaringer får en række pr. linje, der mangler en forklaring: skriv retning, beløb og "
    "tekst. Din tekst ændres eller slettes aldrig af Refresh.",
    "5. Se Kontrol: hver kontrol med status ok / advarsel / fejl.",
    "6. Til Økonomiforvaltningen: Alt+F8 > Del gemmer projektmappen og lægger en kopi uden "
    "makroer ved siden af den, hvor alle funktioner fra tilføjelsesprogrammet er erstattet af "
    "deres værdier; uden Excel: regnskab share FIL --out KOPI.xlsx.",
    "",
    "Funktioner i egne ark: =AFVIGELSE(korrigeret; regnskab), =KLASSIFICER(afvigelse; niveau), "
    "=FORKLARINGSKRAV(afvigelse; korrigeret; niveau), =AFVIGELSESTEKST(afvigelse; niveau), "
    "=MIO_KR(tkr), =MAENGDEEFFEKT(...), =PRISEFFEKT(...), =PRISMAENGDETEKST(...).",
]

RAPPORTARK = ["Oversigt", "Bemærkninger", "Kontrol"]


def _vejledning(ws, titel: str, linjer: list[str]) -> None:
    for i, tekst in enumerate(linjer, start=1):
        c = ws.cell(row=i, column=1, value=tekst.replace("{T}", titel))
        c.alignment = Alignment(wrap_text=True, vertical="top")
    ws["A1"].font = Font(bold=True, size=14)
    ws.column_dimensions["A"].width = 120


def _inputark(ws, navn: str, regnskab: str, ark: dict) -> None:
    header, eksempel, bredder, valg = ark[navn]
    header = [h.replace("{R}", regnskab) for h in header]
    ws.cell(row=1, column=1, value="Indsæt data fra række 4. Række 2 er et eksempel og læses "
                                   "ikke; række 3 er overskrifterne.").font = Font(italic=True)
    for k, v in enumerate(eksempel, start=1):
        c = ws.cell(row=2, column=k, value=v if v != "" else None)
        c.font = GRAA
    for k, h in enumerate(header, start=1):
        c = ws.cell(row=3, column=k, value=h)
        c.font = HOVED
        c.fill = FYLD
    for k, b in enumerate(bredder, start=1):
        ws.column_dimensions[get_column_letter(k)].width = b
    ws.freeze_panes = "A4"
    for kol, vaerdier in valg.items():
        dv = DataValidation(type="list", formula1='"' + ",".join(vaerdier) + '"',
                            allow_blank=True, showErrorMessage=True,
                            errorTitle="Ugyldig værdi", error="Vælg en værdi fra listen.")
        dv.add(f"{kol}4:{kol}100000")
        ws.add_data_validation(dv)
    if navn == "Forklaringer":
        ws["I3"].comment = Comment("Status og Afvigelse mio udfyldes af Refresh.", "regnskab")


def _indstillinger(ws, variant: dict) -> None:
    rows = [("Nøgle", "Værdi", "Forklaring"),
            ("forvaltning", "", "Forvaltningens navn i rapportens titel")]
    if variant["art"] in ("budgetnotat", "udloeb", "budgetmodel", "budgetgaranti", "kommune"):
        pass
    elif variant["art"] == "balance":
        rows += [("udvalg", "", "Udvalget, rapporten gælder (fx Beskæftigelses- og "
                                "Integrationsudvalget)"),
                 ("antal_ks", "", "Antal balancekonti, KS har afstemt"),
                 ("antal_forvaltninger", "", "Antal balancekonti, forvaltningerne har afstemt"),
                 ("periodisering_uden_dokumentation", "",
                  "nej = der er ikke periodiseret uden dokumentation (giver standardsætningen)"),
                 ("posteringer_hovedkonto_9", "",
                  "nej = ingen posteringer på hovedkonto 9 (giver standardsætningen)")]
    else:
        if variant["regelfil"] == "budgetopfoelgning":
            rows += [("runde", "", "Årshjulets runde: februar, april, august eller november "
                                   "(1./2./3. budgetopfølgning)")]
        rows += [("aar", "", "Regnskabsåret, fx 2024"),
                 ("enhed", "tkr", "Beløbsenhed i inputarkene: tkr (1.000 kr.) eller kr "
                                  "(posteringer, summeres eksakt og afrundes til 1.000 kr.)")]
    rows += [("regelfil", variant["regelfil"],
             "Tom = standardreglerne; ellers et filnavn (i forhold til denne projektmappe) "
             "eller navnet på en medfølgende regelfil (budgetopfoelgning)")]
    for r, row in enumerate(rows, start=1):
        for k, v in enumerate(row, start=1):
            ws.cell(row=r, column=k, value=v if v != "" else None)
    for c in ws[1]:
        c.font = HOVED
        c.fill = FYLD
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 50
    ws.column_dimensions["C"].width = 90


def _udfyld(wb, variant: dict, vejledning=None) -> None:
    titel = variant["titel"]
    ws = vejledning if vejledning is not None else wb.create_sheet("Vejledning", 0)
    ws.title = "Vejledning"
    balance = variant["art"] != "regnskab"
    _vejledning(ws, titel, {"balance": BALANCEVEJLEDNING, "regnskab": VEJLEDNING,
                            "kommune": KOMMUNEVEJLEDNING}.get(variant["art"], BUDGETVEJLEDNING))
    ark = {"balance": BALANCEARK, "regnskab": INPUTARK}.get(variant["art"]) or \
        BUDGETARK[variant["art"]]
    for navn in ark:
        _inputark(wb.create_sheet(navn), navn, variant["regnskab"], ark)
    _indstillinger(wb.create_sheet("Indstillinger"), variant)
    for navn in (["Kontrol"] if balance else RAPPORTARK):
        wb.create_sheet(navn).cell(row=1, column=1, value="Udfyldes af Refresh.").font = GRAA
    wb.active = 0
    wb.properties.creator = "regnskab"
    wb.properties.lastModifiedBy = "regnskab"
    wb.properties.created = FAST_TID
    wb.properties.modified = FAST_TID
    wb.properties.title = titel


# ---------------------------------------------------------------- VBA (MS-OVBA, MS-CFB)

# The standard module that replaces the quickstart's Module1/SampleCall. Its macros call the
# package, never `import <workbook name>`, so they work under any file name and path.
# The module keeps the quickstart's name (tests/kerne/test_refresh.py looks for it); ny_vba(modul=...)
# renames it in the dir stream, PROJECT and PROJECTwm (tests/kerne/test_vba.py checks that too).
VBA_MODUL = "Module1"
VBA_KODE = """Sub Refresh()
    RunPython "from addin.excel import main; main()"
End Sub

Sub Del()
    RunPython "from addin.excel import share_main; share_main()"
End Sub
"""
KODETABEL = "cp1252"  # PROJECTCODEPAGE of the quickstart's project (checked when read)


def vba_komprimer(data: bytes) -> bytes:
    """MS-OVBA 2.4.1 compression: a CompressedContainer of 4096-byte chunks (LZ77 copy tokens).

    Any valid container decompresses to `data`; Office's own output may differ byte for byte.
    """
    ud = bytearray(b"\x01")
    for start in range(0, len(data), 4096):
        blok = data[start:start + 4096]
        krop = bytearray()
        pos = 0
        while pos < len(blok):
            flag_plads = len(krop)
            krop.append(0)
            flag = 0
            for bit in range(8):
                if pos >= len(blok):
                    break
                bits = max((pos - 1).bit_length(), 4)  # CopyToken Help: ceil(log2(pos)), >= 4
                maks = (0xFFFF >> bits) + 3
                bedst, bedst_k = 0, 0
                k = blok.rfind(blok[pos:pos + 3], 0, pos + 2) if pos + 3 <= len(blok) else -1
                while k >= 0 and k < pos:
                    n = 0
                    while pos + n < len(blok) and n < maks and blok[k + n] == blok[pos + n]:
                        n += 1
                    if n > bedst:
                        bedst, bedst_k = n, k
                        if n == maks:
                            break
                    k = blok.rfind(blok[pos:pos + 3], 0, k + 2) if k > 0 else -1
                if bedst >= 3:
                    token = ((pos - bedst_k - 1) << (16 - bits)) | (bedst - 3)
                    krop += struct.pack("<H", token)
                    flag |= 1 << bit
                    pos += bedst
                else:
                    krop.append(blok[pos])
                    pos += 1
            krop[flag_plads] = flag
        if len(krop) > 4096:  # incompressible: a raw chunk, which must hold exactly 4096 bytes
            if len(blok) != 4096:
                raise ValueError("VBA-kilden kan ikke komprimeres (sidste blok)")
            ud += struct.pack("<H", 0x3FFF) + blok
        else:
            ud += struct.pack("<H", 0xB000 | (len(krop) - 1)) + krop
    return bytes(ud)


def vba_dekomprimer(data: bytes) -> bytes:
    """MS-OVBA 2.4.1 decompression of a CompressedContainer (the inverse of vba_komprimer)."""
    if not data or data[0] != 1:
        raise ValueError("ikke en komprimeret VBA-container")
    ud = bytearray()
    i = 1
    while i < len(data):
        (hoved,) = struct.unpack_from("<H", data, i)
        slut = min(i + (hoved & 0x0FFF) + 3, len(data))
        i += 2
        start = len(ud)
        if not hoved & 0x8000:
            ud += data[i:i + 4096]
            i += 4096
            continue
        while i < slut:
            flag = data[i]
            i += 1
            for bit in range(8):
                if i >= slut:
                    break
                if flag & (1 << bit):
                    (token,) = struct.unpack_from("<H", data, i)
                    i += 2
                    bits = max((len(ud) - start - 1).bit_length(), 4)
                    laengde = (token & (0xFFFF >> bits)) + 3
                    afstand = (token >> (16 - bits)) + 1
                    for _ in range(laengde):
                        ud.append(ud[-afstand])
                else:
                    ud.append(data[i])
                    i += 1
    return bytes(ud)


def dir_poster(data: bytes) -> list[tuple[int, bytes]]:
    """The decompressed dir stream (MS-OVBA 2.3.4.2) as (record id, data) in file order.

    Every record is Id (2 bytes), Size (4), Data (Size), except PROJECTVERSION (0x0009), whose
    Size field is the constant 4 followed by 6 bytes of version.
    """
    poster, i = [], 0
    while i < len(data):
        rid, stoerrelse = struct.unpack_from("<HI", data, i)
        n = 6 if rid == 0x0009 else stoerrelse
        poster.append((rid, data[i + 6:i + 6 + n]))
        i += 6 + n
    if i != len(data):
        raise ValueError("dir-strømmen slutter midt i en post")
    return poster


def dir_bytes(poster: list[tuple[int, bytes]]) -> bytes:
    return b"".join(struct.pack("<HI", rid, 4 if rid == 0x0009 else len(d)) + d
                    for rid, d in poster)


def dir_moduler(poster: list[tuple[int, bytes]]) -> list[dict]:
    """Per module (MODULENAME 0x0019 ... terminator 0x002B): name, stream name, offset, type."""
    moduler: list[dict] = []
    for rid, d in poster:
        if rid == 0x0019:
            moduler.append({"navn": d})
        elif moduler and "slut" not in moduler[-1]:
            m = moduler[-1]
            if rid == 0x0047:
                m["navn_unicode"] = d
            elif rid == 0x001A:
                m["stroem"] = d
            elif rid == 0x0032:
                m["stroem_unicode"] = d
            elif rid == 0x0031:
                (m["offset"],) = struct.unpack("<I", d)
            elif rid in (0x0021, 0x0022):
                m["type"] = "modul" if rid == 0x0021 else "dokument/klasse"
            elif rid == 0x002B:
                m["slut"] = True
    return moduler


def _ny_modul_dir(poster, gammel: str, ny: str) -> list[tuple[int, bytes]]:
    """The dir records with module `gammel` renamed to `ny` and its source at offset 0."""
    ud, i_modul, fundet = [], False, 0
    for rid, d in poster:
        if rid == 0x0019:
            i_modul = d == gammel.encode(KODETABEL)
            fundet += i_modul
        if i_modul:
            if rid in (0x0019, 0x001A):
                d = ny.encode(KODETABEL)
            elif rid in (0x0047, 0x0032):
                d = ny.encode("utf-16-le")
            elif rid == 0x0031:
                d = struct.pack("<I", 0)
            elif rid == 0x002B:
                i_modul = False
        ud.append((rid, d))
    if fundet != 1:
        raise ValueError(f"VBA-modulet {gammel} findes {fundet} gange i dir-strømmen")
    return ud


def _ny_project(tekst: bytes, gammel: str, ny: str) -> bytes:
    """The PROJECT stream (MS-OVBA 2.3.1) with the module's Module= and [Workspace] lines renamed."""
    linjer = tekst.split(b"\r\n")
    g, n = gammel.encode(KODETABEL), ny.encode(KODETABEL)
    antal = 0
    for i, linje in enumerate(linjer):
        if linje == b"Module=" + g:
            linjer[i] = b"Module=" + n
            antal += 1
        elif linje.startswith(g + b"="):
            linjer[i] = n + linje[len(g):]
    if antal != 1:
        raise ValueError(f"PROJECT nævner Module={gammel} {antal} gange")
    return b"\r\n".join(linjer)


def _ny_projectwm(data: bytes, gammel: str, ny: str) -> bytes:
    """PROJECTwm (MS-OVBA 2.3.3): pairs of MBCS name + NUL, UTF-16 name + NUL, then NUL NUL."""
    par, i = [], 0
    while data[i:i + 2] != b"\x00\x00":
        j = data.index(b"\x00", i)
        mbcs = data[i:j]
        k = j + 1
        while data[k:k + 2] != b"\x00\x00":
            k += 2
        par.append((mbcs, data[j + 1:k]))
        i = k + 2
    ud = b""
    for mbcs, uni in par:
        if mbcs == gammel.encode(KODETABEL):
            mbcs, uni = ny.encode(KODETABEL), ny.encode("utf-16-le")
        ud += mbcs + b"\x00" + uni + b"\x00\x00"
    return ud + b"\x00\x00"


def cfb_skriv(streams: dict[str, bytes]) -> bytes:
    """A compound file (MS-CFB, version 3, 512-byte sectors) holding `streams` ("VBA/dir": data).

    Storages follow from the paths. Streams under 4096 bytes go to the mini stream. Siblings are
    sorted as MS-CFB compares names (length, then upper case) and chained through their right
    sibling, every node black: a valid tree, the shape the quickstart's own project has. Times
    are zero, and so are the CLSIDs, so the output depends only on the input.
    """
    FRI, SLUT, FATS, INGEN = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF

    def noegle(navn: str):
        return (len(navn), navn.upper())

    # the entries: 0 = root; storages and streams in path order
    poster = [{"navn": "Root Entry", "type": 5, "sti": "", "boern": []}]
    efter_sti = {"": 0}
    for sti in sorted(streams):
        dele = sti.split("/")
        for n in range(1, len(dele) + 1):
            delsti = "/".join(dele[:n])
            if delsti in efter_sti:
                continue
            efter_sti[delsti] = len(poster)
            poster.append({"navn": dele[n - 1], "type": 2 if n == len(dele) else 1,
                           "sti": delsti, "boern": []})
            poster[efter_sti["/".join(dele[:n - 1])]]["boern"].append(efter_sti[delsti])
    for p in poster:
        p["hoejre"] = p["venstre"] = p["barn"] = INGEN
    for p in poster:
        boern = sorted(p["boern"], key=lambda i: noegle(poster[i]["navn"]))
        if boern:
            p["barn"] = boern[0]
            for a, b in zip(boern, boern[1:]):
                poster[a]["hoejre"] = b

    # mini stream (streams < 4096 bytes, 64-byte mini sectors) and its mini FAT
    mini, minifat = bytearray(), []
    store = []
    for p in poster:
        if p["type"] != 2:
            continue
        data = streams[p["sti"]]
        p["stoerrelse"] = len(data)
        if not data:
            p["start"] = SLUT
        elif len(data) < 4096:
            p["start"] = len(mini) // 64
            n = -(-len(data) // 64)
            minifat += [p["start"] + k + 1 for k in range(n - 1)] + [SLUT]
            mini += data.ljust(n * 64, b"\x00")
        else:
            store.append(p)
    dir_sektorer = -(-len(poster) // 4)
    minifat_sektorer = -(-len(minifat) // 128)
    mini_sektorer = -(-len(mini) // 512)
    data_sektorer = sum(-(-len(streams[p["sti"]]) // 512) for p in store)
    fat_sektorer = 1
    while True:
        i_alt = fat_sektorer + dir_sektorer + minifat_sektorer + mini_sektorer + data_sektorer
        if fat_sektorer * 128 >= i_alt:
            break
        fat_sektorer += 1
    if fat_sektorer > 109:
        raise ValueError("for stor til en compound file uden DIFAT-sektorer")

    # sector layout: FAT, directory, mini FAT, mini stream, the large streams
    fat = [FATS] * fat_sektorer
    sektorer: list[bytes] = []

    def kaede(data: bytes) -> int:
        n = -(-len(data) // 512)
        start = fat_sektorer + len(sektorer)
        for k in range(n):
            sektorer.append(data[k * 512:(k + 1) * 512].ljust(512, b"\x00"))
            fat.append(start + k + 1 if k < n - 1 else SLUT)
        return start if n else SLUT

    dir_start_plads = len(sektorer)
    sektorer += [b""] * dir_sektorer  # filled in when the entries are known
    fat += [fat_sektorer + dir_start_plads + k + 1 for k in range(dir_sektorer - 1)] + [SLUT]
    minifat_start = kaede(b"".join(struct.pack("<I", x) for x in minifat)
                          .ljust(minifat_sektorer * 512, b"\xff"))
    poster[0]["start"] = kaede(bytes(mini)) if mini else SLUT
    poster[0]["stoerrelse"] = len(mini)
    for p in store:
        p["start"] = kaede(streams[p["sti"]])
    fat += [FRI] * (fat_sektorer * 128 - len(fat))

    mapper = bytearray()
    for p in poster:
        navn = p["navn"].encode("utf-16-le") + b"\x00\x00"
        if len(navn) > 64:
            raise ValueError(f"navnet {p['navn']} er for langt")
        mapper += navn.ljust(64, b"\x00")
        mapper += struct.pack("<HBBIII", len(navn), p["type"], 1, p["venstre"], p["hoejre"],
                              p["barn"])
        mapper += b"\x00" * 16  # CLSID
        mapper += struct.pack("<IQQIQ", 0, 0, 0, p.get("start", 0) if p["type"] != 1 else 0,
                              p.get("stoerrelse", 0) if p["type"] != 1 else 0)
    tom = b"\x00" * 64 + struct.pack("<HBBIII", 0, 0, 0, INGEN, INGEN, INGEN) + b"\x00" * 48
    mapper += tom * (dir_sektorer * 4 - len(poster))
    for k in range(dir_sektorer):
        sektorer[dir_start_plads + k] = bytes(mapper[k * 512:(k + 1) * 512])

    hoved = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16
             + struct.pack("<HHHHH", 0x003E, 0x0003, 0xFFFE, 9, 6) + b"\x00" * 6
             + struct.pack("<IIIIIIIII", 0, fat_sektorer, fat_sektorer + dir_start_plads, 0,
                           4096, minifat_start if minifat else SLUT, minifat_sektorer, SLUT, 0)
             + b"".join(struct.pack("<I", k) for k in range(fat_sektorer))
             + b"\xff\xff\xff\xff" * (109 - fat_sektorer))
    fat_bytes = b"".join(struct.pack("<I", x) for x in fat)
    return hoved + fat_bytes + b"".join(sektorer)


def ny_vba(bin_: bytes, kode: str = VBA_KODE, modul: str = VBA_MODUL,
           gammelt: str = "Module1") -> bytes:
    """The quickstart's vbaProject.bin with module `gammelt` replaced by `modul` holding `kode`.

    Everything else (the xlwings module with its DLL declarations, the Dictionary class, the
    document modules, references, protection records) is copied stream for stream.
    """
    ole = olefile.OleFileIO(bin_)
    streams = {"/".join(s): ole.openstream(s).read() for s in ole.listdir(streams=True)}
    for e in ole.direntries:  # the copy writes no CLSIDs: the quickstart's project has none
        if e is not None and e.clsid not in ("", "00000000-0000-0000-0000-000000000000"):
            raise ValueError(f"uventet CLSID på {e.name}")
    ole.close()
    poster = dir_poster(vba_dekomprimer(streams["VBA/dir"]))
    kodetabel = [d for rid, d in poster if rid == 0x0003]
    if kodetabel != [struct.pack("<H", 1252)]:
        raise ValueError(f"uventet PROJECTCODEPAGE {kodetabel}")
    moduler = {m["navn"].decode(KODETABEL): m for m in dir_moduler(poster)}
    if moduler[gammelt]["type"] != "modul":
        raise ValueError(f"{gammelt} er ikke et standardmodul")
    # the VBA editor reads the source when the p-code cache's version is not its own: keep the
    # quickstart's 0xFFFF (and no cache), as tools that edit VBA source without Office do
    vba_project = streams["VBA/_VBA_PROJECT"]
    streams["VBA/_VBA_PROJECT"] = struct.pack("<HHB", 0x61CC, 0xFFFF, 0) + vba_project[5:7]
    kilde = f'Attribute VB_Name = "{modul}"\r\n' + kode.replace("\r\n", "\n").replace("\n", "\r\n")
    del streams["VBA/" + moduler[gammelt]["stroem"].decode(KODETABEL)]
    streams["VBA/" + modul] = vba_komprimer(kilde.encode(KODETABEL))
    streams["VBA/dir"] = vba_komprimer(dir_bytes(_ny_modul_dir(poster, gammelt, modul)))
    streams["PROJECT"] = _ny_project(streams["PROJECT"], gammelt, modul)
    streams["PROJECTwm"] = _ny_projectwm(streams["PROJECTwm"], gammelt, modul)
    return cfb_skriv(streams)


# ---------------------------------------------------------------- files


def _fast_zip(sti: Path, erstat: dict[str, bytes] | None = None) -> None:
    """Rewrite the zip with fixed entry timestamps and a fixed 'modified' time in core.xml.

    openpyxl stamps the save time in both places; pinning them makes a rebuild byte-identical.
    `erstat` replaces the named entries (the VBA project).
    """
    erstat = erstat or {}
    with zipfile.ZipFile(sti) as z:
        indhold = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(sti, "w", zipfile.ZIP_DEFLATED) as z:
        for navn, data in indhold:
            if navn == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              rb"\g<1>2024-01-01T00:00:00Z\g<2>", data)
            data = erstat.pop(navn, data)
            info = zipfile.ZipInfo(navn, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)
    if erstat:
        raise ValueError(f"findes ikke i {sti.name}: {sorted(erstat)}")


def _gem(wb, sti: Path, erstat: dict[str, bytes] | None = None) -> None:
    wb.save(sti)
    _fast_zip(sti, erstat)


def byg_xlsx(navn: str, ud: Path) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    _udfyld(wb, VARIANTER[navn])
    sti = ud / f"{navn}.xlsx"
    _gem(wb, sti)
    return sti


def byg_xlsm(navn: str, ud: Path) -> Path:
    with tempfile.TemporaryDirectory() as tmp:
        xlwings = shutil.which("xlwings") or str(Path(sys.executable).parent / "xlwings")
        subprocess.run([xlwings, "quickstart", navn, "--standalone"], cwd=tmp, check=True,
                       capture_output=True)
        kilde = Path(tmp) / navn / f"{navn}.xlsm"
        wb = openpyxl.load_workbook(kilde, keep_vba=True)
        with zipfile.ZipFile(kilde) as z:
            vba = ny_vba(z.read("xl/vbaProject.bin"))
    conf = wb["_xlwings.conf"]
    conf.title = "xlwings.conf"
    # only what differs from the defaults: a present row wins over the ribbon even when empty
    conf.delete_rows(1, conf.max_row)
    for raekke in list(conf.row_dimensions):
        del conf.row_dimensions[raekke]
    conf["A1"], conf["B1"] = "UDF Modules", "addin.udf"
    conf.sheet_state = "hidden"
    # the quickstart's first sheet (with its VBA code module) becomes the instructions
    _udfyld(wb, VARIANTER[navn], vejledning=wb["Sheet1"])
    sti = ud / f"{navn}.xlsm"
    _gem(wb, sti, {"xl/vbaProject.bin": vba})
    return sti


def byg_alle(ud: Path) -> list[Path]:
    """Build every template into `ud`."""
    ud.mkdir(parents=True, exist_ok=True)
    filer = []
    for navn in VARIANTER:
        filer.append(byg_xlsx(navn, ud))
        filer.append(byg_xlsm(navn, ud))
    return filer


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--ud", type=Path, default=HER, help="output folder (default: beside this script)")
    for f in byg_alle(p.parse_args().ud):
        print(f)
