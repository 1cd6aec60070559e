"""The user's journey on the installed wheel: built from this checkout, installed in a fresh
virtualenv, and run from a folder outside the repository, so nothing can come from the source tree.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import openpyxl
import pytest
from fyldning import fyld_fra_eksempel

from conftest import ROD, SKABELONER

# every bundled example and the template of its kind
SKABELON_EKSEMPEL = {
    "regnskab": "bif-regnskab-2024",
    "budgetopfoelgning": "bif-regnskab-2024",
    "balanceafstemning": "balance-2024",
    "budgetnotat": "budgetnotat-bi03-2023",
    "bevillingsudloeb": "bevillingsudloeb-2026",
    "budgetmodel": "budgetmodel-eksempel",
    "budgetgaranti": "budgetgaranti-eksempel",
    "kommuneoversigt": "kommune-2024",
}


@pytest.fixture(scope="module")
def installeret(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """A fresh virtualenv with the wheel of this checkout (and its dependencies) installed."""
    rod = tmp_path_factory.mktemp("installeret")
    # build from a clean copy: a build/ folder left in the checkout could add stale modules
    kopi = rod / "kilde"
    shutil.copytree(ROD, kopi, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "dist", "out", "*.egg-info", "__pycache__", ".*_cache"))
    hjul = rod / "hjul"
    res = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", str(kopi),
                          "-w", str(hjul)], capture_output=True, text=True, cwd=rod)
    assert res.returncode == 0, res.stderr[-3000:]
    (wheel,) = hjul.glob("regnskab_addin-*.whl")
    miljoe = rod / "venv"
    venv.EnvBuilder(with_pip=True).create(miljoe)
    bin_ = miljoe / ("Scripts" if os.name == "nt" else "bin")
    python = bin_ / "python"
    res = subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheel)],
                         capture_output=True, text=True, cwd=rod)
    assert res.returncode == 0, res.stderr[-3000:]
    arbejde = rod / "bruger"
    arbejde.mkdir()
    return {"wheel": wheel, "python": python, "regnskab": bin_ / "regnskab", "cwd": arbejde}


def _kør(inst: dict, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    res = subprocess.run([str(inst["regnskab"]), *args], capture_output=True, text=True,
                         cwd=inst["cwd"], env=env)
    assert "Uventet fejl" not in res.stderr, res.stderr
    return res


def _eksempel(inst: dict, navn: str) -> Path:
    kode = f"from addin.data import eksempel; print(eksempel({navn!r}))"
    res = subprocess.run([str(inst["python"]), "-c", kode], capture_output=True, text=True,
                         cwd=inst["cwd"], check=True)
    return Path(res.stdout.strip())


def test_hjulet_indeholder_regler_og_eksempler(installeret):
    with zipfile.ZipFile(installeret["wheel"]) as z:
        navne = z.namelist()
    regler = sorted(n.rsplit("/", 1)[1] for n in navne if n.startswith("addin/rules/")
                    and n.endswith(".yaml"))
    assert regler == sorted(p.name for p in (ROD / "rules").glob("*.yaml"))
    for eksempel in set(SKABELON_EKSEMPEL.values()):
        filer = {n.removeprefix(f"addin/data/{eksempel}/") for n in navne
                 if n.startswith(f"addin/data/{eksempel}/")}
        mappe = ROD / "addin" / "data" / eksempel
        assert filer == {p.relative_to(mappe).as_posix() for p in
                         [*mappe.glob("*.csv"), *mappe.glob("rapporter/*.xlsx")]}
    print(f"\nhjul: {installeret['wheel'].name}, {len(navne)} filer, {len(regler)} regelfiler")


def test_koden_kommer_fra_det_installerede_hjul(installeret):
    res = subprocess.run([str(installeret["python"]), "-c",
                          "import addin, addin.regler as r; print(addin.__file__); "
                          "print(r.bundlet_regelmappe())"],
                         capture_output=True, text=True, cwd=installeret["cwd"], check=True)
    modul, regler = res.stdout.split()
    assert "site-packages" in modul and not modul.startswith(str(ROD))
    assert "site-packages" in regler and Path(regler, "regnskab.yaml").is_file()


def test_demo_og_eksemplernes_kommandoer(installeret):
    cwd = installeret["cwd"]
    res = _kør(installeret, "demo")
    assert res.returncode == 0, res.stderr
    assert (cwd / "out" / "regnskab-demo.xlsx").is_file()
    assert "Kontrol" in res.stdout
    for kommando in ("balance", "budgetnotat", "udloeb", "budgetmodel", "budgetgaranti"):
        ud = cwd / f"{kommando}.xlsx"
        res = _kør(installeret, kommando, "--out", str(ud))
        assert res.returncode == 0, (kommando, res.stderr)
        assert "Kontrol" in openpyxl.load_workbook(ud).sheetnames


def test_build_check_docx_og_diff(installeret):
    cwd = installeret["cwd"]
    bif = _eksempel(installeret, "bif-regnskab-2024")
    res = _kør(installeret, "build", str(bif), "--out", "rapport.xlsx")
    assert res.returncode == 0, res.stderr
    oversigt = openpyxl.load_workbook(cwd / "rapport.xlsx")["Oversigt"]
    # BIF Regnskab 2024, bevillingsoversigten: I alt, vedtaget budget (1.000 kr.)
    assert any(r[0] == "I alt" for r in oversigt.iter_rows(values_only=True))
    res = _kør(installeret, "check", str(bif))
    assert res.returncode in (0, 1), res.stderr
    assert "Kontroller:" in res.stdout
    res = _kør(installeret, "export-docx", str(bif), "--out", "b.docx")
    assert res.returncode == 0, res.stderr
    assert zipfile.is_zipfile(cwd / "b.docx")
    res = _kør(installeret, "diff", str(bif), str(bif))
    assert res.returncode == 0, res.stderr
    assert res.stdout.startswith("0 linjer, hvis afvigelse har flyttet sig")


def test_samle_paa_de_installerede_eksempelrapporter(installeret):
    """The Økonomiforvaltning's command on the reports the wheel ships, and the same figures
    as the checkout."""
    from conftest import ark_vaerdier

    rapporter = _eksempel(installeret, "kommune-2024") / "rapporter"
    cwd = installeret["cwd"]
    res = _kør(installeret, "samle", str(rapporter), "--out", "kommune.xlsx", "--docx",
               "kommune.docx")
    assert res.returncode == 0, res.stderr
    assert "(2 forvaltninger)" in res.stdout
    i_alt = next(r for r in ark_vaerdier(cwd / "kommune.xlsx")["Kommuneoversigt"]
                 if r[0] == "I alt")
    assert i_alt[1:6] == [10_663_526, -12_795, 10_650_731, 10_556_049, 94_682]
    assert zipfile.is_zipfile(cwd / "kommune.docx")


def test_samme_tal_som_i_udviklerkopien(installeret, tmp_path: Path):
    """The installed build and the checkout's build give the same report sheets."""
    from conftest import ark_vaerdier, kør_cli, uden_stempel

    bif = ROD / "addin" / "data" / "bif-regnskab-2024"
    res = _kør(installeret, "build", str(bif), "--out", "samme.xlsx")
    assert res.returncode == 0, res.stderr
    assert kør_cli("build", str(bif), "--out", str(tmp_path / "dev.xlsx")).returncode == 0
    a = ark_vaerdier(installeret["cwd"] / "samme.xlsx")
    b = ark_vaerdier(tmp_path / "dev.xlsx")
    assert a.keys() == b.keys()
    for navn in a:
        assert uden_stempel(a[navn]) == uden_stempel(b[navn]), navn


@pytest.mark.parametrize("skabelon", sorted(SKABELON_EKSEMPEL))
@pytest.mark.parametrize("endelse", [".xlsx", ".xlsm"])
def test_refresh_og_share_af_hver_skabelon(installeret, skabelon: str, endelse: str):
    cwd = installeret["cwd"]
    fil = fyld_fra_eksempel(SKABELONER / f"{skabelon}{endelse}",
                            ROD / "addin" / "data" / SKABELON_EKSEMPEL[skabelon],
                            cwd / f"{skabelon}{endelse}")
    if skabelon == "kommuneoversigt":  # the reports lie in the folder its sheet samling names
        shutil.copytree(ROD / "addin" / "data" / "kommune-2024" / "rapporter", cwd / "rapporter",
                        dirs_exist_ok=True)
    foer = set(openpyxl.load_workbook(fil).sheetnames)
    res = _kør(installeret, "refresh", str(fil))
    assert res.returncode == 0, res.stderr
    efter = openpyxl.load_workbook(fil)
    assert foer <= set(efter.sheetnames)
    assert efter["Kontrol"].max_row > 3
    kopi = cwd / f"{skabelon}{endelse}-deling.xlsx"
    res = _kør(installeret, "share", str(fil), "--out", str(kopi))
    assert res.returncode == 0, res.stderr
    assert kopi.is_file()


def test_funktionerne_fra_python(installeret):
    kode = ("import json; from addin import udf; print(json.dumps([udf.AFVIGELSE(1000, 800), "
            "udf.KLASSIFICER(200), udf.AFVIGELSESTEKST(3200, 'hovedprodukt'), udf.MIO_KR(3249)]))")
    res = subprocess.run([str(installeret["python"]), "-c", kode], capture_output=True,
                         text=True, cwd=installeret["cwd"],
                         env={**os.environ, "XLWINGS_LICENSE_KEY": "noncommercial"})
    assert res.returncode == 0, res.stderr
    afvigelse, klasse, tekst, mio = json.loads(res.stdout)
    assert afvigelse == 200
    assert klasse == "mindreforbrug"
    assert tekst == "Hovedproduktet udviser et mindreforbrug på 3,2 mio. kr."
    assert mio == "3,2 mio. kr."
