"""Hostile and odd input through the CLI: every case stops with its one Danish line (exit 2,
nothing changed) or succeeds with the right result; none takes over 30 s or 1 GB.

The cases are built at test time in tests/bad_input/fjendtlige.py (sparse files, FIFOs, zip
bombs, read-only files and links cannot be committed).
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROD = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROD / "tests" / "bad_input"))

from fjendtlige import TILFAELDE  # noqa: E402

_DRIVER = """
import os, resource, sys
from addin.cli import main
try:
    rc = main(sys.argv[1:])
finally:
    with open(os.environ["REGNSKAB_TOPMAALING"], "w") as f:
        f.write(str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))
sys.exit(rc)
"""


def _filer(mappe: Path) -> dict[str, bytes | None]:
    ud = {}
    for p in sorted(mappe.rglob("*")):
        if p.is_file() and not p.is_symlink():
            ud[str(p.relative_to(mappe))] = p.stat().st_mtime_ns
    return ud


def _kør(args: list[str], cwd: Path, fsize: int | None) -> tuple[subprocess.CompletedProcess,
                                                                   float, int]:
    maaling = cwd.parent / f"{cwd.name}.rss"

    def graenser() -> None:
        if fsize is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))

    miljoe = dict(os.environ, PYTHONPATH=str(ROD), REGNSKAB_TOPMAALING=str(maaling))
    miljoe.pop("REGNSKAB_DEBUG", None)
    start = time.monotonic()
    res = subprocess.run([sys.executable, "-c", _DRIVER, *args], capture_output=True, text=True,
                         cwd=cwd, env=miljoe, timeout=60, preexec_fn=graenser)
    tid = time.monotonic() - start
    rss_kb = int(maaling.read_text()) if maaling.exists() else 0
    return res, tid, rss_kb


@pytest.mark.parametrize("navn", sorted(TILFAELDE))
def test_fjendtligt_input(navn: str, tmp_path: Path):
    mappe = tmp_path / "m"
    mappe.mkdir()
    t = TILFAELDE[navn](mappe)
    foer = {f: (mappe / f).read_bytes() for f in t.uaendret}
    filer_foer = _filer(mappe)
    try:
        res, tid, rss_kb = _kør(t.args, mappe, t.grænse_fsize)
    finally:
        for p in [mappe, *mappe.rglob("*")]:  # let pytest clean up read-only folders
            if p.is_dir() and not p.is_symlink():
                os.chmod(p, 0o755)
    assert "Traceback" not in res.stderr and "Uventet fejl" not in res.stderr, res.stderr
    assert tid < 30, f"{tid:.1f} s"
    assert rss_kb < 1024 * 1024, f"{rss_kb // 1024} MB"
    if t.fejl is None:
        assert res.returncode == 0, res.stderr
        assert "Fejl" not in res.stderr
    else:
        assert res.returncode == 2, res.stdout + res.stderr
        assert res.stdout == ""
        assert res.stderr.splitlines() == [f"Fejl: {t.fejl}"]
        assert _filer(mappe) == filer_foer  # nothing written, nothing left behind
    for f, data in foer.items():
        assert (mappe / f).read_bytes() == data, f
    if t.tjek:
        t.tjek(mappe)


def test_korpus_har_mindst_150_tilfaelde():
    from forventet import FORVENTET

    assert len(FORVENTET) + len(TILFAELDE) >= 150


BOOK_TILFAELDE = sorted(n for n in TILFAELDE if n.startswith(("refresh/injektion_",
                                                             "refresh/so_")))


@pytest.mark.parametrize("navn", BOOK_TILFAELDE)
def test_fjendtligt_input_gennem_book_api(navn: str, tmp_path: Path):
    """The same workbooks refreshed as Excel's clients do (xlwings Book API): no formula from
    data, no input sheet written, no sheet added under the name of one that is there."""
    os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
    import xlwings as xw

    from addin.excel import refresh
    from addin.layout import normalt_arknavn
    from conftest import payload_fra_fil

    mappe = tmp_path / "m"
    mappe.mkdir()
    TILFAELDE[navn](mappe)
    payload = payload_fra_fil(mappe / "r.xlsx")
    navne = [s["name"] for s in payload["sheets"]]
    book = xw.Book(json=payload)
    refresh(book)
    handlinger = book.json()["actions"]
    beskyttede = {i for i, n in enumerate(navne)
                  if n in ("Vejledning", "hovedprodukter", "bevillinger", "aktivitet",
                           "Indstillinger")}
    forklaringer = navne.index("Forklaringer")
    udfyldte = max(i + 1 for i, r in enumerate(payload["sheets"][forklaringer]["values"])
                   if any(v not in ("", None) for v in r))
    for h in handlinger:
        assert h["sheet_position"] not in beskyttede, h
        if h["sheet_position"] == forklaringer:  # Status and Afvigelse mio (I, J), new rows
            assert h["func"] == "setValues", h
            assert h["start_column"] >= 8 or h["start_row"] >= udfyldte, h
        if h["func"] == "addSheet":
            assert normalt_arknavn(h["args"][1]) not in {normalt_arknavn(n) for n in navne}, h
        if h["func"] == "setValues":
            for r in h["values"]:
                for v in r:
                    assert not (isinstance(v, str) and v.startswith(("=", "+", "-", "@", "\t"))), h
