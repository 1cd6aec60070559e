"""Controller-facing errors: one clear Danish message naming file, sheet, row and column."""

from __future__ import annotations


class RegnskabFejl(Exception):
    """Base error of the tool; its message is shown to the user as is (CLI exit code 2)."""

    def __init__(
        self,
        besked: str,
        *,
        fil: str | None = None,
        ark: str | None = None,
        raekke: int | None = None,
        kolonne: str | None = None,
        noegle: str | None = None,
    ) -> None:
        self.besked = besked
        self.fil = fil
        self.ark = ark
        self.raekke = raekke
        self.kolonne = kolonne
        self.noegle = noegle
        super().__init__(self.tekst())

    def sted(self) -> str:
        """Where the problem is, e.g. "fil x.csv, række 4, kolonne 'regnskab'"."""
        dele = []
        if self.fil:
            dele.append(f"fil {self.fil}")
        if self.ark:
            dele.append(f"ark '{self.ark}'")
        if self.raekke is not None:
            dele.append(f"række {self.raekke:,}".replace(",", "."))  # række 7.654.321
        if self.kolonne:
            dele.append(f"kolonne '{self.kolonne}'")
        if self.noegle:
            dele.append(f"nøgle '{self.noegle}'")
        return ", ".join(dele)

    def tekst(self) -> str:
        sted = self.sted()
        return f"{sted}: {self.besked}" if sted else self.besked


class InputFejl(RegnskabFejl):
    """The input data (CSV folder or workbook) cannot be read as the interchange format."""


class RegelFejl(RegnskabFejl):
    """A rule file is malformed: unknown key, wrong type or missing template placeholder."""
