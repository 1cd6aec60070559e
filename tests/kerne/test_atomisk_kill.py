"""A report write killed mid-way (SIGKILL) leaves the previous file intact and nothing half-written."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROD = Path(__file__).resolve().parents[2]

# Writes a large report through the ordinary writer; it prints when the temporary file exists.
SKRIV = """
import sys, threading, time
from pathlib import Path
from addin.layout import Ark, Celle, Rapport
from addin.skrivere.xlsx import skriv_rapport
maal = Path(sys.argv[1])
raekker = [[Celle(f"Linje {i}", "tekst"), Celle(i * 1000, "beloeb")] for i in range(400_000)]
def vagt():
    while not any(p.name.endswith(".xlsx.tmp") and p.stat().st_size > 0
                  for p in maal.parent.iterdir()):
        time.sleep(0.01)
    print("skriver", flush=True)
threading.Thread(target=vagt, daemon=True).start()
skriv_rapport(Rapport(ark=[Ark(navn="Stor", raekker=raekker)]), maal)
print("faerdig", flush=True)
"""


def test_sigkill_under_skrivning_bevarer_forrige_fil(tmp_path: Path):
    maal = tmp_path / "rapport.xlsx"
    forrige = b"PK forrige rapport, som controlleren har arbejdet i"
    maal.write_bytes(forrige)
    p = subprocess.Popen([sys.executable, "-c", SKRIV, str(maal)], stdout=subprocess.PIPE,
                         text=True, env=dict(os.environ, PYTHONPATH=str(ROD)))
    assert p.stdout is not None
    linje = p.stdout.readline().strip()
    assert linje == "skriver"  # the temporary file is being written
    time.sleep(0.2)
    p.send_signal(signal.SIGKILL)
    p.wait(timeout=30)
    assert p.returncode == -signal.SIGKILL
    assert maal.read_bytes() == forrige
    # only the abandoned temporary file may remain beside it; it never replaced the report
    rester = [x.name for x in tmp_path.iterdir() if x.name != "rapport.xlsx"]
    assert all(n.startswith(".rapport.") and n.endswith(".xlsx.tmp") for n in rester)
