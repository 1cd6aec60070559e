"""Where a report's input comes from: a CSV folder, a workbook file or a live book's sheets.

Every report kind reads its tables from a `Kilde`, so the CLI, the headless Refresh and the
Excel Refresh see the same tables, the same settings and give the same messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from addin.fejl import InputFejl
from addin.indlaes import WORKBOOK_ENDELSER, laes_csv, laes_workbook_ark, normaliser_kolonne
from addin.regler import find_regelfil

INDSTILLINGER = "indstillinger"


@dataclass
class Kilde:
    """The input of one report: a CSV folder (`mappe_csv`) or sheets as rows of values (`ark`).

    `navn` names the input in messages and on the Kontrol sheet; `mappe` is the folder a rule
    file named in Indstillinger is relative to; `paa_stedet` is true for a Refresh, where
    sheets the controller types in (Forklaringer) are maintained in place.
    """

    navn: str
    mappe: Path | None = None
    mappe_csv: Path | None = None
    ark: dict[str, list[list]] | None = None
    paa_stedet: bool = False
    _normal: dict[str, str] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if self.ark is not None:
            self._normal = {normaliser_kolonne(a): a for a in self.ark}

    def tabelnavne(self) -> set[str]:
        """The normalised names of the input's tables (CSV file stems or sheet names)."""
        if self.ark is not None:
            return set(self._normal)
        return {normaliser_kolonne(p.stem) for p in self.mappe_csv.iterdir()
                if p.suffix.lower() in (".csv", ".parquet")}

    def ark_raekker(self, navn: str) -> list[list] | None:
        """The rows of the sheet whose normalised name is `navn`, if the workbook has it."""
        if self.ark is None or navn not in self._normal:
            return None
        return self.ark[self._normal[navn]]

    def arknavn(self, navn: str) -> str | None:
        """The sheet's own name (as the controller wrote it) for a normalised table name."""
        return self._normal.get(navn)

    def sted(self, tabel: str, raekke: int | None = None, kolonne: str | None = None) -> dict:
        """Where a table's cell is, for a message: the CSV file, or the workbook and its sheet."""
        if self.ark is None:
            parquet = self.mappe_csv / f"{tabel}.parquet"
            fil = parquet if parquet.exists() else self.mappe_csv / f"{tabel}.csv"
            return {"fil": str(fil), "raekke": raekke, "kolonne": kolonne}
        return {"fil": self.navn, "ark": self.arknavn(tabel), "raekke": raekke,
                "kolonne": kolonne}

    def _indstillingsraekker(self) -> list[list]:
        if self.ark is not None:
            return self.ark_raekker(INDSTILLINGER) or []
        sti = self.mappe_csv / f"{INDSTILLINGER}.csv"
        if not sti.is_file():
            return []
        header, rows, _ = laes_csv(sti)
        return [header, *rows]

    def indstilling(self, noegle: str) -> str | None:
        """A setting (noegle in the first column, value in the second) from the Indstillinger
        sheet or indstillinger.csv."""
        for r in self._indstillingsraekker():
            if len(r) >= 2 and normaliser_kolonne(r[0]) == noegle and r[1] not in (None, ""):
                return str(r[1]).strip()
        return None

    def regelfil(self, angivet: str | Path | None, standard: str) -> Path:
        """The rule file: given on the command line, else named in Indstillinger, else bundled."""
        if angivet is not None and str(angivet).strip():
            return find_regelfil(angivet, standard)
        i_bogen = self.indstilling("regelfil")
        if i_bogen is not None:
            return find_regelfil(i_bogen, standard, mappe=self.mappe, fra_projektmappe=True)
        return find_regelfil(None, standard)


def kilde_fra_sti(sti: str | Path, *, paa_stedet: bool = False) -> Kilde:
    """A CSV folder or a workbook file as a Kilde; anything else stops with a Danish message."""
    sti = Path(sti)
    if not sti.exists():
        raise InputFejl("Input findes ikke (angiv en mappe med CSV-filer eller en projektmappe).",
                        fil=str(sti))
    if sti.is_dir():
        return Kilde(navn=str(sti), mappe=sti, mappe_csv=sti)
    if sti.suffix.lower() in WORKBOOK_ENDELSER:
        return Kilde(navn=str(sti), mappe=sti.parent, ark=laes_workbook_ark(sti),
                     paa_stedet=paa_stedet)
    if sti.suffix.lower() == ".csv":
        raise InputFejl("Angiv mappen med CSV-filerne, ikke en enkelt CSV-fil.", fil=str(sti))
    raise InputFejl("Ukendt filtype; brug en mappe med CSV-filer eller en .xlsx-fil.",
                    fil=str(sti))


def stempel(kilde: Kilde, regelfil: str | Path, **ekstra: str) -> dict[str, str]:
    """The stamp on every Kontrol sheet: when, from which input, with which rule file."""
    return {"Dannet": datetime.now().strftime("%d-%m-%Y %H:%M"), "Input": Path(kilde.navn).name,
            "Regelfil": Path(regelfil).name, **ekstra}


def som_kilde(x: str | Path | Kilde) -> Kilde:
    """A Kilde as it is, or the Kilde of a path (for callers that hold a path)."""
    return x if isinstance(x, Kilde) else kilde_fra_sti(x)


def projektmappe_sti(sti: str | Path) -> Path:
    """Check a workbook given to Refresh or Share: an existing, non-empty .xlsx/.xlsm file.

    .xls, .ods, .xlsb and files that are not workbooks get one Danish message saying what to do.
    """
    sti = Path(sti)
    if not sti.exists():
        raise InputFejl("Projektmappen findes ikke.", fil=str(sti))
    if sti.is_dir():
        raise InputFejl("Angiv en projektmappe (.xlsx eller .xlsm), ikke en mappe.", fil=str(sti))
    endelse = sti.suffix.lower()
    if endelse in (".xls", ".ods", ".xlsb", ".csv"):
        raise InputFejl(f"Filtypen {endelse} kan ikke opdateres eller deles; åbn filen i Excel "
                        "(eller LibreOffice) og gem den som .xlsx eller .xlsm.", fil=str(sti))
    if endelse not in (".xlsx", ".xlsm"):
        raise InputFejl("Ukendt filtype; angiv en projektmappe (.xlsx eller .xlsm).", fil=str(sti))
    if not sti.is_file():
        raise InputFejl("Projektmappen er ikke en almindelig fil.", fil=str(sti))
    if sti.stat().st_size == 0:
        raise InputFejl("Filen er tom.", fil=str(sti))
    import zipfile

    if not zipfile.is_zipfile(sti):
        raise InputFejl("Filen er ikke en gyldig projektmappe (beskadiget, krypteret eller en "
                        "anden filtype); åbn den i Excel og gem den igen som .xlsx.",
                        fil=str(sti))
    return sti
