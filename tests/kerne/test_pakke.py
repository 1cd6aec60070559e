"""The package list in pyproject.toml names every package folder, so the wheel holds them all."""

from __future__ import annotations

import ast
import re

from conftest import ROD


def _liste(tekst: str, noegle: str) -> list[str]:
    """A list value of pyproject.toml (no TOML parser before Python 3.11)."""
    m = re.search(rf"^{noegle} = (\[.*?\])", tekst, re.S | re.M)
    return ast.literal_eval(m.group(1))


def test_pyproject_lister_alle_pakker():
    tekst = (ROD / "pyproject.toml").read_text(encoding="utf-8")
    listet = set(_liste(tekst, "packages"))
    mapper = {".".join(p.parent.relative_to(ROD).parts) for p in (ROD / "addin").rglob("__init__.py")}
    assert listet == mapper | {"addin.rules"}
    assert '[tool.setuptools.package-dir]\n"addin.rules" = "rules"' in tekst


def test_regler_og_eksempler_findes_via_pakken():
    from addin.data import eksempel
    from addin.rapportarter import arter
    from addin.regler import bundlede_navne, bundlet_regelfil

    assert set(bundlede_navne()) == {p.stem for p in (ROD / "rules").glob("*.yaml")}
    for a in arter():
        assert bundlet_regelfil(a.regelfil).is_file(), a.navn
        assert any(eksempel(a.eksempel).glob("*.csv")), a.navn
        for s in a.skabeloner:
            assert (ROD / "workbook_templates" / f"{s}.xlsx").is_file(), s
