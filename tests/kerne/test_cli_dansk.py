"""The `regnskab` command speaks Danish: argparse's own words, help texts, metavars, plurals."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest

from addin.cli import RAEKKEFOELGE, byg_parser
from addin.kommandoer import antal, kontrollinje

ENGELSK = ["usage:", "positional arguments", "options:", "optional arguments", "show this help",
           "show program", "error:", "required", "invalid choice", "unrecognized", "expected"]

HVERDAG = ["build", "check", "demo", "refresh", "share", "samle", "export-docx", "diff",
           "balance", "budgetnotat", "udloeb", "budgetmodel", "budgetgaranti"]


def regnskab(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "addin", *args], capture_output=True, text=True,
                          cwd=cwd)


def _undervalg(parser: argparse.ArgumentParser) -> argparse._SubParsersAction:
    return next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))


def _kommandoer() -> list[str]:
    return list(_undervalg(byg_parser()).choices)


def _ingen_engelsk(tekst: str) -> None:
    fundet = [ord_ for ord_ in ENGELSK if ord_ in tekst]
    assert not fundet, f"engelske ord {fundet} i:\n{tekst}"


def test_hovedhjaelpen_er_dansk(tmp_path: Path):
    res = regnskab("--help", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    _ingen_engelsk(res.stdout)
    assert res.stdout.startswith("brug: regnskab ")
    assert "valgmuligheder:" in res.stdout and "vis denne hjælp og afslut" in res.stdout
    assert "vis programmets version og afslut" in res.stdout


@pytest.mark.parametrize("kommando", _kommandoer())
def test_kommandoens_hjaelp_er_dansk(kommando: str, tmp_path: Path):
    res = regnskab(kommando, "--help", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    _ingen_engelsk(res.stdout)
    assert res.stdout.startswith(f"brug: regnskab {kommando} ")


def test_alle_argumenter_har_hjaelpetekst():
    parser = byg_parser()
    undervalg = _undervalg(parser)
    parsere = {"regnskab": parser, **undervalg.choices}
    for navn, p in parsere.items():
        for a in p._actions:
            if isinstance(a, argparse._HelpAction):
                continue
            assert a.help and a.help.strip(), f"{navn}: {a.option_strings or a.dest} mangler help"
            # a positional shows its metavar in capitals, never its Python name (dest)
            if not a.option_strings and not isinstance(a, argparse._SubParsersAction):
                assert a.metavar and a.metavar.isupper(), f"{navn}: {a.dest} mangler metavar"
    for valg in undervalg._choices_actions:
        assert valg.help and valg.help.strip(), f"{valg.dest} mangler help"


@pytest.mark.parametrize(("kommando", "brug"), [
    ("build", "--out RAPPORT.xlsx"),
    ("build", "INPUT"),
    ("check", "INPUT"),
    ("demo", "[--out FIL]"),
    ("refresh", "[--out NY.xlsx] PROJEKTMAPPE"),
    ("share", "--out KOPI.xlsx PROJEKTMAPPE"),
    ("export-docx", "--out BEMÆRKNINGER.docx"),
    ("diff", "GAMMEL NY"),
    ("balance", "[INPUT]"),
    ("budgetnotat", "[--pl ÅR]"),
])
def test_metavars_som_i_readme(kommando: str, brug: str):
    usage = " ".join(_undervalg(byg_parser()).choices[kommando].format_usage().split())
    assert brug in usage, usage


def test_kommandoernes_raekkefoelge(tmp_path: Path):
    assert RAEKKEFOELGE == HVERDAG
    assert _kommandoer() == HVERDAG
    res = regnskab("--help", cwd=tmp_path)
    linjer = [x.split()[0] for x in res.stdout.splitlines() if x.startswith("    ") and x.split()]
    assert [x for x in linjer if x in HVERDAG] == HVERDAG


def test_uden_kommando_vises_hjaelpen_med_kode_2(tmp_path: Path):
    res = regnskab(cwd=tmp_path)
    assert res.returncode == 2
    assert res.stdout.startswith("brug: regnskab ") and "kommandoer:" in res.stdout


def test_manglende_argumenter(tmp_path: Path):
    res = regnskab("build", cwd=tmp_path)
    assert res.returncode == 2
    assert res.stdout == ""
    _ingen_engelsk(res.stderr)
    assert res.stderr.startswith("brug: regnskab build ")
    assert "regnskab build: fejl: følgende argumenter mangler: INPUT, --out" in res.stderr

    res = regnskab("diff", "a", cwd=tmp_path)
    assert res.returncode == 2
    assert "regnskab diff: fejl: følgende argument mangler: NY" in res.stderr


def test_ukendt_valgmulighed(tmp_path: Path):
    res = regnskab("check", "x", "--findesikke", cwd=tmp_path)
    assert res.returncode == 2
    _ingen_engelsk(res.stderr)
    assert "fejl: ukendt argument: --findesikke" in res.stderr

    res = regnskab("check", "x", "--x1", "--x2", cwd=tmp_path)
    assert res.returncode == 2
    assert "fejl: ukendte argumenter: --x1 --x2" in res.stderr

    res = regnskab("check", "x", "--a", cwd=tmp_path)  # --alle or --aar
    assert res.returncode == 2
    _ingen_engelsk(res.stderr)
    assert "fejl: tvetydig valgmulighed: --a kan være --alle, --art, --aar" in res.stderr


def test_ugyldig_kommando_og_manglende_vaerdi(tmp_path: Path):
    res = regnskab("bygg", cwd=tmp_path)
    assert res.returncode == 2
    _ingen_engelsk(res.stderr)
    assert "fejl: argument KOMMANDO: ugyldigt valg: 'bygg' (vælg mellem 'build', 'check'" in res.stderr

    res = regnskab("build", "x", "--out", cwd=tmp_path)
    assert res.returncode == 2
    _ingen_engelsk(res.stderr)
    assert "fejl: argument --out: forventer ét argument" in res.stderr

    res = regnskab("budgetnotat", "--out", "r.xlsx", "--pl", "abc", cwd=tmp_path)
    assert res.returncode == 2
    _ingen_engelsk(res.stderr)
    assert "fejl: argument --pl: ugyldigt år: 'abc'" in res.stderr


def test_demo_skriver_i_out_og_peger_paa_naeste_skridt(tmp_path: Path):
    res = regnskab("demo", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    ud = (tmp_path / "out" / "regnskab-demo.xlsx").resolve()
    assert ud.is_file()
    linjer = res.stdout.splitlines()
    assert f"Rapport skrevet: {ud}" in linjer
    assert linjer[-1] == f"Næste skridt: åbn {ud} og se arket Kontrol."
    assert any(x.startswith("Kontroller: ") for x in linjer)


@pytest.mark.parametrize(("n", "forventet"), [
    (0, "0 advarsler"), (1, "1 advarsel"), (2, "2 advarsler"), (17, "17 advarsler")])
def test_antal(n: int, forventet: str):
    assert antal(n, "advarsel", "advarsler") == forventet


def test_antal_punkt_og_funktion():
    assert antal(1, "punkt", "punkter") == "1 punkt"
    assert antal(3, "punkt", "punkter") == "3 punkter"
    assert antal(1, "funktion", "funktioner") == "1 funktion"


def test_kontrollinje():
    from addin.kontrol import Kontrol

    def k(status: str) -> Kontrol:
        return Kontrol(status, "kontrol", "sted", "besked")

    assert kontrollinje([k("ok"), k("ok"), k("advarsel")]) == "Kontroller: 2 ok, 1 advarsel, 0 fejl"
    assert kontrollinje([k("advarsel"), k("advarsel"), k("fejl")]) == (
        "Kontroller: 0 ok, 2 advarsler, 1 fejl")


def test_output_til_en_laeser_der_stopper_er_ingen_fejl(tmp_path):
    """`regnskab check … | head -1`: the rest of the output has nowhere to go; no 'Uventet fejl'."""
    import subprocess
    import sys

    from addin.data import eksempel

    proc = subprocess.Popen([sys.executable, "-m", "addin", "check", "--alle",
                             str(eksempel("bif-regnskab-2024"))], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, cwd=tmp_path)
    proc.stdout.readline()
    proc.stdout.close()  # the reader stops after one line
    fejl = proc.stderr.read().decode()
    proc.wait()
    assert "Uventet fejl" not in fejl and "Traceback" not in fejl, fejl
    assert proc.returncode == 0
