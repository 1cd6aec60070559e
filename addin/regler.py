"""Rule files (YAML): load safely, validate against a schema, report errors by file, line and key.

Rules hold every threshold, noun, sentence template and table header; code holds none of them.
"""

from __future__ import annotations

import datetime
import importlib.resources
import os
import re
import stat
import string
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from addin.fejl import RegelFejl


def bundlet_regelmappe() -> Path:
    """The folder of the bundled rule files (top-level `rules/`, installed as `addin.rules`)."""
    return Path(str(importlib.resources.files("addin.rules")))


def bundlet_regelfil(navn: str) -> Path:
    """A bundled rule file by name ("regnskab" or "regnskab.yaml")."""
    return bundlet_regelmappe() / (navn if navn.endswith(".yaml") else f"{navn}.yaml")


def bundlede_navne() -> list[str]:
    """The names of the bundled rule sets (without .yaml), for messages and lookups."""
    return sorted(p.stem for p in bundlet_regelmappe().glob("*.yaml"))


def find_regelfil(angivet: str | os.PathLike | None, standard: str, *,
                  mappe: Path | None = None, fra_projektmappe: bool = False) -> Path:
    """Resolve a rule file the same way for the CLI, Refresh and the worksheet functions.

    None or empty: the bundled `standard`. A bare name of a bundled rule set
    ("budgetopfoelgning"): that file. Otherwise a path, relative to `mappe` (the workbook's
    folder) when given. A path named inside a workbook must stay in the workbook's folder.
    """
    if angivet is None or str(angivet).strip() == "":
        return bundlet_regelfil(standard)
    tekst = str(angivet).strip()
    sti = Path(tekst)
    if not sti.suffix and len(sti.parts) == 1 and tekst in bundlede_navne():
        return bundlet_regelfil(tekst)
    if fra_projektmappe:
        if sti.is_absolute() or sti.drive or ".." in sti.parts:
            raise RegelFejl("En regelfil i Indstillinger skal ligge i projektmappens mappe "
                            "(uden '..' og uden fuld sti) eller være navnet på en medfølgende "
                            f"regelfil ({', '.join(bundlede_navne())}).", fil=tekst)
        if mappe is None:
            raise RegelFejl("Projektmappen har ingen mappe på disken, så kun de medfølgende "
                            f"regelfiler kan bruges ({', '.join(bundlede_navne())}).", fil=tekst)
    if mappe is not None and not sti.is_absolute():
        sti = mappe / sti
    return sti

# Schema: dict = mapping with exactly these keys; (type, ...) = leaf types; [x] = list of x.
# A key ending in '?' is optional.
_NIVEAU = {"navneord": (str,), "vaesentlighed_tkr": (int, float), "forklaringskrav": (bool,)}
_TEKSTLISTE = [(str,)]
DIAGRAMMER = {k: (str,) for k in ("ark", "enhed", "afvigelse", "bevilling", "mindreforbrug",
                                   "merforbrug", "pris_maengde", "ydelse", "maengdeeffekt",
                                   "priseffekt", "effekt_akse")}

SKEMA: dict[str, Any] = {
    "navn": (str,),
    "rapport": {"titel": (str,), "regnskab_betegnelse": (str,)},
    "enhed": (str,),
    "fortegn": (str,),
    "afrunding": (str,),
    "niveauer": {n: _NIVEAU for n in
                 ("styringsomraade", "bevilling", "omraade", "hovedprodukt", "funktion", "ydelse")},
    "forklaringskrav": {"fra_tkr": (int, float), "fra_pct": (int, float, type(None))},
    "klasser": {"mindreforbrug": (str,), "merforbrug": (str,), "ingen_vaesentlig": (str,),
                "ingen": (str,)},
    "saetninger": {k: (str,) for k in (
        "afvigelse", "ingen_vaesentlig", "ingen", "ydelse_merforbrug", "ydelse_mindreforbrug",
        "ydelse_ingen_vaesentlig", "ydelse_ingen", "henvisning", "ydelser_intro",
        "antal_lavere", "antal_hoejere", "antal_uaendret", "pris_hoejere", "pris_lavere",
        "pris_uaendret", "intro_en_retning", "intro_to_modsatrettede",
        "intro_flere_modsatrettede")},
    "pris_maengde": {"bevillinger": _TEKSTLISTE, "enhed_flertal": (str,), "enhed_ental": (str,)},
    "funktionsopdelte_bevillinger": _TEKSTLISTE,
    "ydelser_retning": {"merforbrug": (str,), "mindreforbrug": (str,),
                        "ingen_vaesentlig": (str,), "ingen": (str,)},
    "talord": {"*": (str,)},
    "runder?": {"*": (str,)},
    "tabeller": {
        "oversigt": {"titel": (str,), "kolonner": _TEKSTLISTE, "undertekst": _TEKSTLISTE},
        "detalje": {"grupper": _TEKSTLISTE, "kolonner": _TEKSTLISTE,
                    "foerste_kolonne_hovedprodukt": (str,), "foerste_kolonne_funktion": (str,)},
        "aktivitet": {"titel": (str,), "kolonner": _TEKSTLISTE, "antal": (str,),
                      "enhedspris": (str,)},
        "enhed": (str,),
        "i_alt": (str,),
    },
    # the report's other words; optional: without it, the bundled regnskab.yaml's
    # (addin.rapporter.regnskab.regler.tekster)
    "tekster?": {"oversigtsark": (str,), "se_kontrol": (str,), "emne": (str,)},
    # the kommune overview's words (regnskab samle); optional like `tekster`
    "kommune?": {k: (str,) for k in ("navneord", "forvaltning_navneord", "titel", "oversigtsark",
                                     "statusark", "diagram", "kolonne",
                                     "kolonne_styringsomraade", "styringsomraader")},
    # the Diagrammer sheet's words (sheet name, titles, headers); optional like `tekster`
    "diagrammer?": DIAGRAMMER,
}

# Placeholders each template must contain (required) and may contain (allowed).
PLADSHOLDERE: dict[str, tuple[set[str], set[str]]] = {
    "afvigelse": ({"klasse", "beloeb"}, {"navneord"}),
    "ingen_vaesentlig": (set(), {"navneord"}),
    "ingen": (set(), {"navneord"}),
    "ydelse_merforbrug": ({"beloeb"}, {"navneord"}),
    "ydelse_mindreforbrug": ({"beloeb"}, {"navneord"}),
    "ydelse_ingen_vaesentlig": (set(), {"navneord"}),
    "ydelse_ingen": (set(), {"navneord"}),
    "henvisning": (set(), set()),
    "ydelser_intro": (set(), {"Retning", "retning", "antal"}),
    "antal_lavere": ({"antal", "beloeb"}, {"enhed_flertal"}),
    "antal_hoejere": ({"antal", "beloeb"}, {"enhed_flertal"}),
    "antal_uaendret": (set(), {"enhed_flertal"}),
    "pris_hoejere": ({"kr", "beloeb"}, {"enhed_ental"}),
    "pris_lavere": ({"kr", "beloeb"}, {"enhed_ental"}),
    "pris_uaendret": (set(), {"enhed_ental"}),
    "intro_en_retning": (set(), set()),
    "intro_to_modsatrettede": (set(), set()),
    "intro_flere_modsatrettede": (set(), set()),
}

LISTELAENGDER = {
    ("tabeller", "oversigt", "kolonner"): 6,
    ("tabeller", "oversigt", "undertekst"): 5,
    ("tabeller", "detalje", "grupper"): 3,
    ("tabeller", "detalje", "kolonner"): 5,
    ("tabeller", "aktivitet", "kolonner"): 4,
}

VALG = {
    ("enhed",): {"tkr", "kr"},
    ("fortegn",): {"korrigeret_minus_regnskab", "regnskab_minus_korrigeret"},
    ("afrunding",): {"halvop"},
}

_TYPENAVNE = {datetime.date: "dato (ÅÅÅÅ-MM-DD)", str: "tekst", int: "heltal", float: "tal",
              bool: "sand/falsk (true/false)",
              type(None): "tom (null)", list: "liste", dict: "afsnit"}


class _Loader(yaml.SafeLoader):
    """Safe loader (no Python objects) that refuses anchors and aliases (no alias bombs)."""


_SIKRE_MAERKER = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "seq",
                                                     "map")}


def _compose(tekst: str, fil: str) -> yaml.Node | None:
    try:
        for haendelse in yaml.parse(tekst, Loader=_Loader):
            linje = haendelse.start_mark.line + 1
            if isinstance(haendelse, yaml.AliasEvent) or getattr(haendelse, "anchor", None):
                raise RegelFejl("YAML-ankre og -aliaser (& og *) er ikke tilladt i regelfiler.",
                                fil=fil, raekke=linje)
            maerke = getattr(haendelse, "tag", None)
            if maerke and maerke not in _SIKRE_MAERKER:
                vist = maerke.replace("tag:yaml.org,2002:", "!!")
                raise RegelFejl(f"YAML-mærket '{vist}' er ikke tilladt i regelfiler; en regelfil "
                                "indeholder kun tekst, tal, lister og afsnit.", fil=fil,
                                raekke=linje)
        return yaml.compose(tekst, Loader=_Loader)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
        linje = mark.line + 1 if mark else None
        problem = getattr(e, "problem", None) or str(e)
        raise RegelFejl(f"Filen er ikke gyldig YAML ({problem}).", fil=fil, raekke=linje) from None


def _tjek(node: yaml.Node, skema: Any, sti: tuple[str, ...], fil: str,
          listelaengder: dict | None = None, valg: dict | None = None) -> Any:
    """Validate a node against its schema and return the plain Python value.

    Schema: a dict is a section with exactly these keys (a key ending in '?' is optional),
    a one-element list is a list of that schema, a tuple of types is a leaf; the special key
    '*' in a dict accepts any key with that schema.
    """
    listelaengder = LISTELAENGDER if listelaengder is None else listelaengder
    valg = VALG if valg is None else valg
    linje = node.start_mark.line + 1
    noegle = ".".join(sti) or None
    if isinstance(skema, dict):
        if not isinstance(node, yaml.MappingNode):
            raise RegelFejl("Her skal stå et afsnit med nøgler.", fil=fil, raekke=linje,
                            noegle=noegle)
        ud: dict[str, Any] = {}
        felter = {k.rstrip("?"): v for k, v in skema.items()}
        for knode, vnode in node.value:
            k = str(knode.value)
            kl = knode.start_mark.line + 1
            if k in ud:
                raise RegelFejl("Nøglen står to gange.", fil=fil, raekke=kl,
                                noegle=".".join(sti + (k,)))
            if k not in felter and "*" not in felter:
                kendte = ", ".join(sorted(felter))
                raise RegelFejl(f"Ukendt nøgle. Kendte nøgler her: {kendte}.", fil=fil,
                                raekke=kl, noegle=".".join(sti + (k,)))
            del_skema = felter.get(k, felter.get("*"))
            ud[k] = _tjek(vnode, del_skema, sti + (k,), fil, listelaengder, valg)
        mangler = [k for k in skema if not k.endswith("?") and k != "*" and k not in ud]
        if mangler:
            raise RegelFejl(f"Mangler nøglen '{mangler[0]}'.", fil=fil, raekke=linje,
                            noegle=".".join(sti + (mangler[0],)))
        return ud
    if isinstance(skema, list):
        if not isinstance(node, yaml.SequenceNode):
            raise RegelFejl("Her skal stå en liste.", fil=fil, raekke=linje, noegle=noegle)
        vaerdier = [_tjek(n, skema[0], sti, fil, listelaengder, valg) for n in node.value]
        laengde = listelaengder.get(sti)
        if laengde is not None and len(vaerdier) != laengde:
            raise RegelFejl(f"Listen skal have {laengde} elementer, men har {len(vaerdier)}.",
                            fil=fil, raekke=linje, noegle=noegle)
        return vaerdier
    if not isinstance(node, yaml.ScalarNode):
        raise RegelFejl(f"Her skal stå en enkelt værdi ({_TYPENAVNE[skema[0]]}).", fil=fil,
                        raekke=linje, noegle=noegle)
    vaerdi = yaml.safe_load(yaml.serialize(node))
    ok = isinstance(vaerdi, skema) and not (isinstance(vaerdi, bool) and bool not in skema)
    if not ok:
        forventet = " eller ".join(_TYPENAVNE[t] for t in skema)
        raise RegelFejl(f"Forkert type: forventede {forventet}, fandt {node.value!r}.", fil=fil,
                        raekke=linje, noegle=noegle)
    if isinstance(vaerdi, float) and (vaerdi != vaerdi or vaerdi in (float("inf"), float("-inf"))):
        raise RegelFejl("Tallet skal være endeligt.", fil=fil, raekke=linje, noegle=noegle)
    if sti in valg and vaerdi not in valg[sti]:
        raise RegelFejl(f"Ugyldig værdi {vaerdi!r}; tilladt: {', '.join(sorted(valg[sti]))}.",
                        fil=fil, raekke=linje, noegle=noegle)
    return vaerdi


def _linje_for(rod: yaml.MappingNode, sti: tuple[str, ...]) -> int:
    node: yaml.Node = rod
    for k in sti:
        assert isinstance(node, yaml.MappingNode)
        node = next(v for kn, v in node.value if kn.value == k)
    return node.start_mark.line + 1


def _tjek_skabeloner(data: dict, rod: yaml.MappingNode, fil: str) -> None:
    for navn, skabelon in data["saetninger"].items():
        kraevet, tilladt = PLADSHOLDERE[navn]
        sti = ("saetninger", navn)
        try:
            felter = {f for _, f, _, _ in string.Formatter().parse(skabelon) if f is not None}
        except ValueError:
            raise RegelFejl("Skabelonen kan ikke læses: { og } skal stå i par om et "
                            "pladsholdernavn (skriv {{ eller }} for selve tegnet).", fil=fil,
                            raekke=_linje_for(rod, sti), noegle=".".join(sti)) from None
        ukendte = sorted(felter - kraevet - tilladt)
        if ukendte:
            lovlige = ", ".join("{" + f + "}" for f in sorted(kraevet | tilladt)) or "ingen"
            raise RegelFejl(f"Ukendt pladsholder {{{ukendte[0]}}}; tilladt her: {lovlige}.",
                            fil=fil, raekke=_linje_for(rod, sti), noegle=".".join(sti))
        mangler = sorted(kraevet - felter)
        if mangler:
            raise RegelFejl(f"Skabelonen mangler pladsholderen {{{mangler[0]}}}.", fil=fil,
                            raekke=_linje_for(rod, sti), noegle=".".join(sti))


@dataclass(frozen=True)
class Regler:
    """Validated rules; `data` is the plain dict, `fil` where it came from, `tekst` its source."""

    data: dict
    fil: str
    tekst: str

    def __getitem__(self, k: str) -> Any:
        return self.data[k]

    def niveau(self, niveau: str) -> dict:
        return self.data["niveauer"][niveau]

    def saetning(self, navn: str, **felter: Any) -> str:
        """Fill a sentence template; "kr.." from an amount before the final period becomes "kr."."""
        return udfyld(self.data["saetninger"][navn], **felter)

    @property
    def fortegn(self) -> int:
        """+1 when afvigelse = korrigeret - regnskab (the default), -1 for the opposite."""
        return 1 if self.data["fortegn"] == "korrigeret_minus_regnskab" else -1

    @property
    def regnskab_betegnelse(self) -> str:
        return self.data["rapport"]["regnskab_betegnelse"]

    def tekst_med_regnskab(self, tekst: str) -> str:
        """Header text with '{regnskab}' replaced by "Regnskab" / "Forventet regnskab"."""
        return tekst.replace("{regnskab}", self.regnskab_betegnelse)


def udfyld(skabelon: str, **felter: Any) -> str:
    """Fill any rule file's sentence template; "kr.." (an amount before the final period)
    becomes "kr."."""
    return _DOBBELTPUNKTUM.sub(".", skabelon.format(**felter))


MAKS_STOERRELSE = 1_000_000
_DOBBELTPUNKTUM = re.compile(r"(?<=kr)\.\.(?=\s|$)")


def laes_yaml(sti: str | os.PathLike, skema: dict, *, listelaengder: dict | None = None,
              valg: dict | None = None) -> tuple[dict, yaml.Node, str]:
    """Read any rule file safely and validate it against `skema` (see `_tjek`).

    Returns the plain data, the YAML node tree (for line numbers) and the text. Used by every
    report's rules (regnskab, balanceafstemning, budget), so all give the same kind of errors.
    """
    fil = str(sti)
    sti = Path(sti)
    try:
        st = sti.stat()
        if not stat.S_ISREG(st.st_mode):
            raise RegelFejl("Regelfilen er ikke en almindelig fil.", fil=fil)
        if st.st_size > MAKS_STOERRELSE:
            raise RegelFejl("Regelfilen er for stor (over 1 MB).", fil=fil)
        with open(sti, "rb") as f:
            raa = f.read(MAKS_STOERRELSE + 1)
    except FileNotFoundError:
        raise RegelFejl("Regelfilen findes ikke.", fil=fil) from None
    except OSError as e:
        raise RegelFejl(f"Regelfilen kan ikke læses ({e.strerror}).", fil=fil) from None
    if len(raa) > MAKS_STOERRELSE:
        raise RegelFejl("Regelfilen er for stor (over 1 MB).", fil=fil)
    try:
        tekst = raa.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise RegelFejl(f"Regelfilen er ikke UTF-8 (byte {e.start}).", fil=fil) from None
    rod = _compose(tekst, fil)
    if rod is None:
        raise RegelFejl("Regelfilen er tom.", fil=fil)
    data = _tjek(rod, skema, (), fil, listelaengder or {}, valg or {})
    return data, rod, tekst


def indlaes_regler(sti: str | os.PathLike | None = None) -> Regler:
    """Load and validate a regnskab rule file (default: rules/regnskab.yaml)."""
    sti = Path(sti) if sti is not None else standard_regelfil()
    data, rod, tekst = laes_yaml(sti, SKEMA, listelaengder=LISTELAENGDER, valg=VALG)
    _tjek_skabeloner(data, rod, str(sti))
    if "diagrammer" in data:  # shown as written: no placeholders
        tjek_tekster(data["diagrammer"], {}, rod, str(sti), "diagrammer")
    return Regler(data=data, fil=str(sti), tekst=tekst)


def standard_regelfil() -> Path:
    """The default rule file: the bundled regnskab.yaml."""
    return bundlet_regelfil("regnskab")


# ---------------------------------------------------------------- report words (tekster)


def tekststier(d: dict, sti: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], str]]:
    """Every text of a (nested) `tekster` section with its key path."""
    return [p for k, v in d.items() for p in (tekststier(v, sti + (k,)) if isinstance(v, dict)
                                              else [(sti + (k,), v)])]


def pladsholderfejl(tekst: str, tilladt: set[str]) -> str | None:
    """What is wrong with a text's placeholders ({navn}), or None."""
    try:
        brugt = {f for _, f, _, _ in string.Formatter().parse(tekst) if f is not None}
    except ValueError:
        return "Teksten kan ikke læses: { og } skal stå i par om et pladsholdernavn."
    ukendte = sorted(brugt - tilladt)
    if not ukendte:
        return None
    lovlige = ", ".join("{" + f + "}" for f in sorted(tilladt)) or "ingen"
    return f"Ukendt pladsholder {{{ukendte[0]}}}; tilladt her: {lovlige}."


def tjek_tekster(tekster: dict, pladsholdere: dict[tuple[str, ...], set[str]], rod: Any,
                 fil: str, afsnit: str = "tekster") -> dict:
    """Check every text of the section `afsnit` (read from `fil`, YAML node tree `rod`): a text
    uses only the placeholders `pladsholdere` names for its key path (none where it names none)."""
    for sti, tekst in tekststier(tekster):
        besked = pladsholderfejl(tekst, pladsholdere.get(sti, set()))
        if besked:
            raise RegelFejl(besked, fil=fil, raekke=_linje_for(rod, (afsnit,) + sti),
                            noegle=".".join((afsnit,) + sti))
    return tekster


def ordafsnit(data: dict, rod: Any, sti: str | os.PathLike, navn: str, skema: dict,
              afsnit: str, pladsholdere: dict | None = None, **kw: Any) -> dict:
    """A section of words (`tekster`, `diagrammer`) of a kind's rule file: the file's own, its
    placeholders checked, or the bundled file `navn`'s where the file has none."""
    if afsnit not in data:
        data[afsnit] = laes_yaml(bundlet_regelfil(navn), skema, **kw)[0][afsnit]
    else:
        tjek_tekster(data[afsnit], pladsholdere or {}, rod, str(sti), afsnit)
    return data[afsnit]


def laes_med_tekster(sti: str | os.PathLike | None, navn: str, skema: dict,
                     pladsholdere: dict, **kw: Any) -> dict:
    """A kind's rule file (default: the bundled `navn`) with its `tekster` (and, where its schema
    has one, `diagrammer`) section checked, or the bundled file's where the section is missing.
    Placeholders of `diagrammer` are keyed ("diagrammer", ...) in `pladsholdere`."""
    sti = sti or bundlet_regelfil(navn)
    data, rod, _ = laes_yaml(sti, skema, **kw)
    ordafsnit(data, rod, sti, navn, skema, "tekster", pladsholdere, **kw)
    if "diagrammer?" in skema:
        egne = {k[1:]: v for k, v in pladsholdere.items() if k[:1] == ("diagrammer",)}
        ordafsnit(data, rod, sti, navn, skema, "diagrammer", egne, **kw)
    return data
