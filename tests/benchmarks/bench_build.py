"""Benchmark `regnskab build` on synthetic posting exports (run on demand; pytest does not collect it).

    python tests/benchmarks/bench_build.py [--stoerrelser 10000 100000 1000000 10000000]
                                           [--gentag 3] [--uden-libreoffice]

For each size it writes the postings as a .csv folder, as .xlsx (up to 1.000.000 rows, Excel's
limit) and as Parquet (from 1.000.000 rows), and measures, each in its own subprocess, wall time
and peak RSS of: the build; the floor beside it in the same run (the calamine read of the sheets
the report needs for .xlsx, Polars' own read+group of the same file for .csv and Parquet);
today's Python reader of the CSV (up to 1.000.000 rows); openpyxl; and (10.000 and 100.000
rows) LibreOffice recalculating a SUMIFS template. From 1.000.000 rows each build and floor is
the best of --gentag runs (others share the machine); peak RSS is that of the measured process
alone (started from a small launcher). It also measures DuckDB's read+group of
the largest CSV and Parquet (the engine that was not chosen, where installed), checks that the
report from the largest CSV equals the report from the same postings summed beforehand, and
prints a Markdown table, the ratios against the targets and a cProfile of the largest .xlsx build.
"""

from __future__ import annotations

import argparse
import cProfile
import importlib.util
import io
import os
import platform
import pstats
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

HER = Path(__file__).resolve().parent
ROD = HER.parents[1]
sys.path.insert(0, str(HER))
sys.path.insert(0, str(ROD))

from syntetisk import (  # noqa: E402
    HOVED,
    LINJER,
    regelfil_kr,
    skriv_csv,
    skriv_parquet,
    skriv_summeret,
    skriv_xlsx,
)

MILJOE = dict(os.environ, PYTHONPATH=str(ROD))
MAKS_XLSX = 1_048_575  # data rows below Excel's header row

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
# the engine's own read+group of the same file: what a user of Polars would write
POLARS = """
import sys
import polars as pl
sti = sys.argv[1]
lf = pl.scan_parquet(sti) if sti.endswith(".parquet") else pl.scan_csv(sti)
ud = lf.group_by(["styringsomraade", "bevilling", "navn"]).agg(
    pl.col("korrigeret_udgift", "korrigeret_indtaegt", "regnskab_udgift",
           "regnskab_indtaegt").sum()).collect(engine="streaming")
assert ud.height > 1
"""
DUCKDB = """
import sys
import duckdb
sti = sys.argv[1]
kilde = f"read_parquet('{sti}')" if sti.endswith(".parquet") else f"read_csv('{sti}')"
con = duckdb.connect()
con.sql("set enable_progress_bar = false")
ud = con.sql("select styringsomraade, bevilling, navn, sum(korrigeret_udgift), "
             "sum(korrigeret_indtaegt), sum(regnskab_udgift), sum(regnskab_indtaegt) "
             f"from {kilde} group by all").fetchall()
assert len(ud) > 1
"""
# the same with each posting's row number (the first row of each line, as messages need it):
# Polars numbers a CSV's rows while reading on every core, DuckDB only with a window in one thread
POLARS_NR = """
import sys
import polars as pl
ud = pl.scan_csv(sys.argv[1], row_index_name="r", row_index_offset=2).group_by(
    ["styringsomraade", "bevilling", "navn"]).agg(pl.col("r").min(), pl.col(
        "korrigeret_udgift", "korrigeret_indtaegt", "regnskab_udgift",
        "regnskab_indtaegt").sum()).collect(engine="streaming")
assert ud.height > 1
"""
DUCKDB_NR = """
import sys
import duckdb
con = duckdb.connect()
con.sql("set enable_progress_bar = false")
ud = con.sql("select styringsomraade, bevilling, navn, min(r), sum(korrigeret_udgift), "
             "sum(korrigeret_indtaegt), sum(regnskab_udgift), sum(regnskab_indtaegt) from "
             f"(select row_number() over () + 1 as r, * from read_csv('{sys.argv[1]}')) "
             "group by all").fetchall()
assert len(ud) > 1
"""
# today's reader (Python lists, validated row by row) for the same CSV, for comparison
PYTHON_LAESER = """
import sys
import addin.indlaes
addin.indlaes.MOTOR_GRAENSE = 1 << 62
from addin.cli import main
sys.exit(main(sys.argv[1:]))
"""


def dk(n: int) -> str:
    """1000000 -> '1.000.000'."""
    return f"{n:,}".replace(",", ".")


def x(v: float, d: int = 2) -> str:
    """A ratio with a decimal comma."""
    return f"{v:.{d}f}".replace(".", ",")


# Each measurement is started by this small launcher: a process forked from the benchmark
# itself would count the benchmark's own memory (held until exec) in its peak RSS.
STARTER = """
import os, subprocess, sys, time
t0 = time.perf_counter()
p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
fejl = p.stderr.read()
_, status, brug = os.wait4(p.pid, 0)
tid = time.perf_counter() - t0
if os.waitstatus_to_exitcode(status) != 0:
    sys.stderr.buffer.write(fejl[-2000:])
    sys.exit(1)
print(tid, brug.ru_maxrss / 1024)
"""


def maal(cmd: list[str], gentag: int = 1) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of a command in its own process tree; the fastest of
    `gentag` runs."""
    bedst = None
    for _ in range(gentag):
        p = subprocess.run([sys.executable, "-c", STARTER, *cmd], env=MILJOE,
                           capture_output=True, text=True)
        if p.returncode != 0:
            raise SystemExit(f"fejlede: {' '.join(cmd)}\n{p.stderr[-2000:]}")
        tid, mb = (float(v) for v in p.stdout.split())
        if bedst is None or tid < bedst[0]:
            bedst = (tid, mb)
    return bedst


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


def rapportvaerdier(sti: Path) -> dict[str, list]:
    """A report's sheets as values, without the stamp (time, input, hash)."""
    import openpyxl

    wb = openpyxl.load_workbook(sti, read_only=True)
    return {ws.title: [r for r in ws.iter_rows(values_only=True)
                       if not (r and r[0] in ("Dannet", "Input", "Hash", "Rapportark"))]
            for ws in wb.worksheets}


def maskine() -> list[str]:
    from importlib.metadata import version

    cpu = next((linje.split(":", 1)[1].strip() for linje in
                Path("/proc/cpuinfo").read_text().splitlines() if linje.startswith("model name")),
               platform.processor())
    mem = next(linje.split()[1] for linje in Path("/proc/meminfo").read_text().splitlines()
               if linje.startswith("MemTotal"))
    lo = subprocess.run(["soffice", "--version"], capture_output=True, text=True).stdout.strip()
    pakker = ["pandas", "numpy", "polars", "python-calamine", "openpyxl"]
    if importlib.util.find_spec("duckdb"):
        pakker.append("duckdb")
    return [f"CPU: {cpu}, {os.cpu_count()} kerner (nproc)",
            f"Hukommelse: {int(mem) / 1024 / 1024:.1f} GB",
            f"Python {platform.python_version()}, " + ", ".join(
                f"{p} {version(p)}" for p in pakker),
            f"LibreOffice: {lo or 'ikke installeret'}"]


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--stoerrelser", type=int, nargs="+",
                   default=[10_000, 100_000, 1_000_000, 10_000_000])
    p.add_argument("--gentag", type=int, default=3)
    p.add_argument("--uden-libreoffice", action="store_true")
    a = p.parse_args()
    print("\n".join(f"- {linje}" for linje in maskine()))
    print()
    print("| Rækker | Input | Build s | Build MB | Gulv s | Gulv MB | Build/gulv | "
          "Dagens læser s | Dagens læser MB | openpyxl s | openpyxl MB | "
          "LibreOffice SUMIFS s | LibreOffice MB |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    res: dict[tuple[int, str], dict[str, tuple[float, float]]] = {}
    stoerst = max(a.stoerrelser)
    stoerst_xlsx = max(n for n in a.stoerrelser if n <= MAKS_XLSX)
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        mappe = Path(tmp)
        regler = regelfil_kr(mappe)
        for n in sorted(a.stoerrelser):
            gentag = a.gentag if n >= 1_000_000 else 1
            kilder = {"csv": skriv_csv(n, mappe / f"p{n}")}
            if n <= MAKS_XLSX:
                kilder["xlsx"] = skriv_xlsx(n, mappe / f"p{n}.xlsx")
            if n >= 1_000_000:
                kilder["parquet"] = skriv_parquet(n, mappe / f"q{n}", kilder["csv"])
            for art, kilde in kilder.items():
                r = res[(n, art)] = {}
                build = [sys.executable, "-m", "addin", "build", str(kilde), "--rules",
                         str(regler), "--out", str(mappe / f"r{n}{art}.xlsx")]
                if art == "parquet":
                    build += ["--art", "regnskab"]  # a folder with only Parquet in it
                r["build"] = maal(build, gentag)
                fil = {"csv": kilde / "hovedprodukter.csv", "xlsx": kilde,
                       "parquet": kilde / "hovedprodukter.parquet"}[art]
                gulv = CALAMINE if art == "xlsx" else POLARS
                r["gulv"] = maal([sys.executable, "-c", gulv, str(fil)], gentag)
                if art == "csv" and n <= 1_000_000:
                    r["python"] = maal([sys.executable, "-c", PYTHON_LAESER, "build", str(kilde),
                                        "--rules", str(regler), "--out",
                                        str(mappe / f"py{n}.xlsx")])
                if art == "xlsx":
                    r["openpyxl"] = maal([sys.executable, "-c", OPENPYXL, str(kilde)])
                    if n <= 100_000 and not a.uden_libreoffice:
                        r["lo"] = maal_libreoffice(n, mappe)
                if n == stoerst and art != "xlsx" and importlib.util.find_spec("duckdb"):
                    r["duckdb"] = maal([sys.executable, "-c", DUCKDB, str(fil)], gentag)
                if n == stoerst and art == "csv":
                    r["polars_nr"] = maal([sys.executable, "-c", POLARS_NR, str(fil)], gentag)
                    if importlib.util.find_spec("duckdb"):
                        r["duckdb_nr"] = maal([sys.executable, "-c", DUCKDB_NR, str(fil)], gentag)

                def f(k: str, r=r) -> str:
                    return f"{r[k][0]:.2f} | {r[k][1]:.0f}" if k in r else "– | –"

                forhold = x(r["build"][0] / r["gulv"][0]) + "×"
                print(f"| {dk(n)} | {art} | {f('build')} | {f('gulv')} | {forhold} | "
                      f"{f('python')} | {f('openpyxl')} | {f('lo')} |", flush=True)
        print()
        print("Gulv: .xlsx = calamine-læsning af de ark, rapporten skal bruge; .csv og Parquet = "
              "Polars' egen læsning og gruppering af samme fil.")
        print()
        if any("duckdb" in r for r in res.values()):
            print(f"Motorerne på {dk(stoerst)} posteringer (læs og gruppér pr. hovedprodukt, "
                  "hver i sin egen proces):")
            print()
            print("| Motor | CSV s | CSV MB | CSV med rækkenumre s | CSV med rækkenumre MB | "
                  "Parquet s | Parquet MB |")
            print("|---|---:|---:|---:|---:|---:|---:|")
            for motor, k in (("Polars", "gulv"), ("DuckDB", "duckdb")):
                celler = [f"{res[(stoerst, art)][kk][0]:.2f} | {res[(stoerst, art)][kk][1]:.0f}"
                          if kk in res.get((stoerst, art), {}) else "– | –"
                          for art, kk in (("csv", k), ("csv", f"{motor.lower()}_nr"),
                                          ("parquet", k))]
                print(f"| {motor} | {' | '.join(celler)} |")
            print()
        for art in ("csv", "parquet"):
            if (stoerst, art) in res:
                r = res[(stoerst, art)]
                maal_tekst = (" (mål ≤ 3×)", " (mål < 1024 MB)") if art == "csv" else ("", "")
                print(f"- Build / Polars' læsning og gruppering ved {dk(stoerst)} rækker ({art}): "
                      f"{x(r['build'][0] / r['gulv'][0])}×{maal_tekst[0]}; største RSS "
                      f"{r['build'][1]:.0f} MB{maal_tekst[1]}")
        r = res[(stoerst_xlsx, "xlsx")]
        print(f"- Build / calamine-læsning ved {dk(stoerst_xlsx)} rækker (.xlsx): "
              f"{x(r['build'][0] / r['gulv'][0])}× "
              "(mål ≤ 1,2×)")
        if (100_000, "xlsx") in res and "lo" in res[(100_000, "xlsx")]:
            r1 = res[(100_000, "xlsx")]
            print(f"- LibreOffice SUMIFS / build ved 100.000 rækker: "
                  f"{x(r1['lo'][0] / r1['build'][0], 1)}× hurtigere (mål ≥ 3×)")
        for art in ("csv", "xlsx"):
            tider = [(n, res[(n, art)]["build"][0]) for n in sorted(a.stoerrelser)
                     if (n, art) in res]
            pr_raekke = "; ".join(f"{dk(n)}: {x(t / n * 1e6, 1)} µs" for n, t in tider)
            print(f"- Build-tid pr. række ({art}): {pr_raekke}")
        summeret = skriv_summeret(stoerst, mappe / "summeret")
        maal([sys.executable, "-m", "addin", "build", str(summeret), "--rules", str(regler),
              "--out", str(mappe / "summeret.xlsx")])
        ens = rapportvaerdier(mappe / f"r{stoerst}csv.xlsx") == rapportvaerdier(
            mappe / "summeret.xlsx")
        print(f"- Rapporten fra {dk(stoerst)} posteringer (csv) er lig rapporten fra de samme "
              f"posteringer summeret på forhånd (én række pr. linje), til kronen: "
              f"{'ja' if ens else 'NEJ'}")
        if (stoerst, "parquet") in res:
            ens = rapportvaerdier(mappe / f"r{stoerst}parquet.xlsx") == rapportvaerdier(
                mappe / "summeret.xlsx")
            print(f"- Det samme for Parquet: {'ja' if ens else 'NEJ'}")
        print()
        print(f"Tre langsomste trin (cProfile, build af {dk(stoerst_xlsx)} rækker .xlsx):")
        for i, linje in enumerate(profil(mappe / f"p{stoerst_xlsx}.xlsx", regler), start=1):
            print(f"{i}. {linje}")


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    main()
