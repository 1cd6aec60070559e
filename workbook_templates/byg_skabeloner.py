"""Build the Excel templates in workbook_templates/ (the committed files are what this builds).

    python workbook_templates/byg_skabeloner.py [--ud MAPPE]

regnskab.xlsm / budgetopfoelgning.xlsm: classic xlwings (VBA from `xlwings quickstart
--standalone`, an xlwings.conf sheet naming the UDF module addin.udf, and a Python file of the
same name whose main() is the Refresh). regnskab.xlsx / budgetopfoelgning.xlsx: headless
(`regnskab refresh`) and xlwings Lite. The build is deterministic: fixed timestamps in the
document properties and in the zip.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

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
             "Forventet pris"],
            ["A-dagpenge", "2025", 13050, 141987, 12927, 142859], [26, 10, 14, 14, 16, 16], {}),
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

BALANCEVEJLEDNING = [
    "{T} – vejledning",
    "",
    "1. Indsæt afstemningsloggens konti i arket handleplaner fra række 4 (én række pr. konto, "
    "beløb i kr.). Tabel 2.1, antal, sætninger og handleplaner udledes af kontiene.",
    "2. Indsæt kommunens opgørelser i tabel_1_1, kategorier (i år og sidste år), "
    "aeldre_end_1_aar, systemafstemning og afskrivninger, hvis I har dem (t.kr.).",
    "3. Udfyld Indstillinger (forvaltning, udvalg, antal konti hos KS og forvaltningerne).",
    "4. Tryk Refresh (xlwings > Run main, eller uden Excel: regnskab refresh FIL). Rapportarkene "
    "og Kontrol udfyldes; handleplaner vises kun for bruttobeløb på mindst +/- 1.000 kr.",
]

BUDGETVEJLEDNING = [
    "{T} – vejledning",
    "",
    "1. Indsæt rækkerne i inputarkene fra række 4 (række 2 er et eksempel og læses ikke).",
    "2. Afledte rækker (i alt, netto, differencer, totaler) beregnes; trykte totaler, I indsætter, "
    "sammenlignes kun og vises på Kontrol.",
    "3. Tryk Refresh (xlwings > Run main, eller uden Excel: regnskab refresh FIL).",
]

VEJLEDNING = [
    "{T} – vejledning",
    "",
    "1. Indsæt udtrækket fra økonomisystemet i arkene hovedprodukter, bevillinger og aktivitet "
    "fra række 4 (række 2 er et eksempel og læses ikke). Beløb i 1.000 kr., indtægter negative.",
    "2. Udfyld arket Indstillinger (forvaltning og år; regelfil kun hvis I har jeres egne regler).",
    "3. Tryk Refresh: i klassisk xlwings fanen xlwings > Run main (eller Alt+F8 > SampleCall); "
    "uden Excel: regnskab refresh FIL.",
    "4. Refresh udfylder Oversigt, Bemærkninger, et ark pr. styringsområde og Kontrol. Arket "
    "Forklaringer får en række pr. linje, der mangler en forklaring: skriv retning, beløb og "
    "tekst. Din tekst ændres eller slettes aldrig af Refresh.",
    "5. Se Kontrol: hver kontrol med status ok / advarsel / fejl.",
    "6. Til Økonomiforvaltningen: regnskab share FIL --out KOPI.xlsx laver en kopi uden makroer, "
    "hvor alle funktioner fra tilføjelsesprogrammet er erstattet af deres værdier.",
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
    if variant["art"] in ("budgetnotat", "udloeb", "budgetmodel"):
        pass
    elif variant["art"] == "balance":
        rows += [("udvalg", "", "Udvalget, rapporten gælder (fx Beskæftigelses- og "
                                "Integrationsudvalget)"),
                 ("antal_ks", "", "Antal balancekonti, KS har afstemt"),
                 ("antal_forvaltninger", "", "Antal balancekonti, forvaltningerne har afstemt")]
    else:
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
    _vejledning(ws, titel, {"balance": BALANCEVEJLEDNING, "regnskab": VEJLEDNING}.get(
        variant["art"], BUDGETVEJLEDNING))
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


def _fast_zip(sti: Path) -> None:
    """Rewrite the zip with fixed entry timestamps and a fixed 'modified' time in core.xml.

    openpyxl stamps the save time in both places; pinning them makes a rebuild byte-identical.
    """
    with zipfile.ZipFile(sti) as z:
        indhold = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(sti, "w", zipfile.ZIP_DEFLATED) as z:
        for navn, data in indhold:
            if navn == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              rb"\g<1>2024-01-01T00:00:00Z\g<2>", data)
            info = zipfile.ZipInfo(navn, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)


def _gem(wb, sti: Path) -> None:
    wb.save(sti)
    _fast_zip(sti)


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
        wb = openpyxl.load_workbook(Path(tmp) / navn / f"{navn}.xlsm", keep_vba=True)
    conf = wb["_xlwings.conf"]
    conf.title = "xlwings.conf"
    for raekke in conf.iter_rows(min_row=1, max_row=10):
        if raekke[0].value == "UDF Modules":
            raekke[1].value = "addin.udf"
    conf.sheet_state = "hidden"
    # the quickstart's first sheet (with its VBA code module) becomes the instructions
    _udfyld(wb, VARIANTER[navn], vejledning=wb["Sheet1"])
    sti = ud / f"{navn}.xlsm"
    _gem(wb, sti)
    (ud / f"{navn}.py").write_text(
        f'"""Refresh for {navn}.xlsm (xlwings: Run main / RunPython "import {navn}; '
        f'{navn}.main()")."""\n\nfrom addin.excel import main, share_main  # noqa: F401\n',
        encoding="utf-8")
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
    p.add_argument("--ud", type=Path, default=HER)
    for f in byg_alle(p.parse_args().ud):
        print(f)
