"""Benchmark `regnskab build` on synthetic posting exports (run on demand; pytest does not collect it).

    python tests/benchmarks/bench_build.py [--stoerrelser 10000 100000 1000000] [--uden-libreoffice]

For 10.000, 100.000 and 1.000.000 postings (.csv folder and .xlsx) it measures, each in its own
subprocess, wall time and peak RSS of: the build, reading the sheet with python-calamine only
(the floor), reading it with openpyxl, and (10.000 and 100.000 rows) LibreOffice headless
recalculating an equivalent template whose report cells are SUMIFS over the data sheet.
It prints a Markdown table, the ratios against the targets, and the slowest steps of a
cProfile of the largest build.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import platform
import pstats
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HER = Path(__file__).resolve().parent
ROD = HER.parents[1]
sys.path.insert(0, str(HER))
sys.path.insert(0, str(ROD))

from syntetisk import HOVED, LINJER, regelfil_kr, skriv_csv, skriv_xlsx  # noqa: E402

MILJOE = dict(os.environ, PYTHONPATH=str(ROD))

CALAMINE = """
import sys
from pathlib import Path
from addin.indlaes import laes_workbook_ark
ark = laes_workbook_ark(Path(sys.argv[1]))
assert len(ark["hovedprodukter"]) > 1
"""
OPENPYXL = """
import sys
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=True, data_only=True)
n = sum(1 for _ in wb["hovedprodukter"].iter_rows(values_only=True))
assert n > 1
"""


def dk(n: int) -> str:
    """1000000 -> '1.000.000'."""
    return f"{n:,}".replace(",", ".")


def x(v: float, d: int = 2) -> str:
    """A ratio with a decimal comma."""
    return f"{v:.{d}f}".replace(".", ",")


def maal(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of a subprocess (its own process tree, via wait4)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, env=MILJOE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, brug = os.wait4(p.pid, 0)
    tid = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"fejlede: {' '.join(cmd)}\n{p.stderr.read().decode()[-2000:]}")
    return tid, brug.ru_maxrss / 1024


def maal_libreoffice(n: int, mappe: Path) -> tuple[float, float]:
    """LibreOffice recalculating a SUMIFS template over n postings (conversion to xlsx)."""
    from openpyxl import load_workbook

    kilde = skriv_xlsx(n, mappe / f"sumifs-{n}-data.xlsx")
    wb = load_workbook(kilde)
    ws = wb.create_sheet("Rapport")
    ws.append(["Styringsområde", "Bevilling", "Hovedprodukt", *HOVED[3:]])
    for i, (s, b, h) in enumerate(LINJER, start=2):
        ws.append([s, b, h] + [
            f"=SUMIFS(hovedprodukter!{k}$2:{k}${n + 1},hovedprodukter!$A$2:$A${n + 1},$A{i},"
            f"hovedprodukter!$B$2:$B${n + 1},$B{i},hovedprodukter!$C$2:$C${n + 1},$C{i})/1000"
            for k in "DEFG"])
    skabelon = mappe / f"sumifs-{n}.xlsx"
    wb.save(skabelon)
    kode = ("import sys; from pathlib import Path; from addin.libreoffice import konverter; "
            "konverter(Path(sys.argv[1]), 'xlsx', Path(sys.argv[2]))")
    return maal([sys.executable, "-c", kode, str(skabelon), str(mappe / f"lo-{n}")])


def profil(xlsx: Path, regler: Path, antal: int = 3) -> list[str]:
    """The slowest steps (own time) of a build, in this process."""
    from addin.rapporter.regnskab.byg import byg_regnskab

    pr = cProfile.Profile()
    pr.enable()
    byg_regnskab(xlsx, regler)
    pr.disable()
    buf = io.StringIO()
    st = pstats.Stats(pr, stream=buf)
    ud = []
    for (fil, linje, navn), (_, _, egen, samlet, _) in sorted(
            st.stats.items(), key=lambda kv: -kv[1][2])[:antal]:
        sted = navn if fil == "~" else f"{Path(fil).name}:{linje} {navn}"
        ud.append(f"{sted}: {egen:.2f} s egen tid ({samlet:.2f} s samlet)")
    return ud


def maskine() -> list[str]:
    from importlib.metadata import version

    cpu = next((linje.split(":", 1)[1].strip() for linje in
                Path("/proc/cpuinfo").read_text().splitlines() if linje.startswith("model name")),
               platform.processor())
    mem = next(linje.split()[1] for linje in Path("/proc/meminfo").read_text().splitlines()
               if linje.startswith("MemTotal"))
    lo = subprocess.run(["soffice", "--version"], capture_output=True, text=True).stdout.strip()
    return [f"CPU: {cpu}, {os.cpu_count()} kerner (nproc)",
            f"Hukommelse: {int(mem) / 1024 / 1024:.1f} GB",
            f"Python {platform.python_version()}, " + ", ".join(
                f"{p} {version(p)}" for p in ("pandas", "numpy", "python-calamine", "openpyxl")),
            f"LibreOffice: {lo or 'ikke installeret'}"]


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--stoerrelser", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    p.add_argument("--uden-libreoffice", action="store_true")
    a = p.parse_args()
    print("\n".join(f"- {linje}" for linje in maskine()))
    print()
    print("| Rækker | Input | Build s | Build MB | Calamine s | Calamine MB | openpyxl s | "
          "openpyxl MB | LibreOffice SUMIFS s | LibreOffice MB |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    res: dict[tuple[int, str], dict[str, tuple[float, float]]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        mappe = Path(tmp)
        regler = regelfil_kr(mappe)
        for n in a.stoerrelser:
            xlsx = skriv_xlsx(n, mappe / f"p{n}.xlsx")
            csvmappe = skriv_csv(n, mappe / f"p{n}")
            for art, kilde in (("csv", csvmappe), ("xlsx", xlsx)):
                r = res[(n, art)] = {}
                r["build"] = maal([sys.executable, "-m", "addin", "build", str(kilde), "--rules",
                                   str(regler), "--out", str(mappe / f"r{n}{art}.xlsx")])
                if art == "xlsx":
                    r["calamine"] = maal([sys.executable, "-c", CALAMINE, str(xlsx)])
                    r["openpyxl"] = maal([sys.executable, "-c", OPENPYXL, str(xlsx)])
                    if n <= 100_000 and not a.uden_libreoffice:
                        r["lo"] = maal_libreoffice(n, mappe)

                def f(k: str, r=r) -> str:
                    return f"{r[k][0]:.2f} | {r[k][1]:.0f}" if k in r else "– | –"

                print(f"| {dk(n)} | {art} | {f('build')} | {f('calamine')} | {f('openpyxl')} | "
                      f"{f('lo')} |", flush=True)
        print()
        stoerst = max(a.stoerrelser)
        r = res[(stoerst, "xlsx")]
        print(f"- Build / calamine-læsning ved {dk(stoerst)} rækker (.xlsx): "
              f"{x(r['build'][0] / r['calamine'][0])}× (mål ≤ 1,5×)")
        if (100_000, "xlsx") in res and "lo" in res[(100_000, "xlsx")]:
            r1 = res[(100_000, "xlsx")]
            print(f"- LibreOffice SUMIFS / build ved 100.000 rækker: "
                  f"{x(r1['lo'][0] / r1['build'][0], 1)}× hurtigere (mål ≥ 3×)")
        print(f"- Største RSS (build, {dk(stoerst)} rækker .xlsx): {r['build'][1]:.0f} MB "
              "(mål < 2048 MB)")
        for art in ("csv", "xlsx"):
            tider = [(n, res[(n, art)]["build"][0]) for n in sorted(a.stoerrelser)]
            pr_raekke = "; ".join(f"{dk(n)}: {x(t / n * 1e6, 1)} µs" for n, t in tider)
            print(f"- Build-tid pr. række ({art}): {pr_raekke} (lineær vækst: faldende eller "
                  "konstant)")
        print()
        print(f"Tre langsomste trin (cProfile, build af {dk(stoerst)} rækker .xlsx):")
        for i, linje in enumerate(profil(mappe / f"p{stoerst}.xlsx", regler), start=1):
            print(f"{i}. {linje}")


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    main()
