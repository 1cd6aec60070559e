"""The regnskab kind's own command, `regnskab diff GAMMEL NY`: lines whose afvigelse moved
while their explanation did not (e.g. 3. prognose against the regnskab)."""

from __future__ import annotations

import argparse
from pathlib import Path

from addin.kontrol import antal
from addin.rapporter.regnskab.byg import byg_regnskab
from addin.rapporter.regnskab.layout import rundenavn
from addin.rapporter.regnskab.sammenlign import sammenlign, skal_ses_igen
from addin.talformat import tusinder


def diff(args: argparse.Namespace) -> int:
    gammel = byg_regnskab(args.gammel, args.rules).regnskab
    ny = byg_regnskab(args.ny, args.rules).regnskab
    aendringer = sammenlign(gammel, ny)
    se_igen = skal_ses_igen(aendringer, ny.regler)
    fra, til = rundenavn(gammel), rundenavn(ny)
    if fra or til:  # the year's rounds: the headline says which two are compared
        print(f"Fra {fra or Path(args.gammel).name} til {til or Path(args.ny).name}:")
    print(f"{antal(len(se_igen), 'linje', 'linjer')}, hvis afvigelse har flyttet sig mere end "
          f"tærsklen, uden at forklaringen er ændret{':' if se_igen else '.'}")
    for a in se_igen:
        so, bev, niveau, navn = a.noegle
        sted = " / ".join(x for x in (so, bev, navn) if x)
        forklaring = "samme forklaring" if a.har_forklaring else "ingen forklaring"
        print(f"  {sted} ({niveau}): {tusinder(a.gammel_tkr)} -> {tusinder(a.ny_tkr)} t.kr. "
              f"(flyttet {tusinder(a.flytning_tkr)}; {forklaring})")
    nye = [a for a in aendringer if a.gammel_tkr is None]
    vaek = [a for a in aendringer if a.ny_tkr is None]
    for overskrift, liste in ((antal(len(nye), "ny linje", "nye linjer"), nye),
                              (antal(len(vaek), "linje er væk", "linjer er væk"), vaek)):
        if liste:
            print(f"{overskrift}: " + ", ".join(a.noegle[3] for a in liste))
    return 0


def kommandoer(undervalg: argparse._SubParsersAction) -> None:
    p = undervalg.add_parser("diff", help="sammenlign to versioner (fx prognose og regnskab)")
    p.add_argument("gammel", metavar="GAMMEL", help="den gamle version (mappe eller .xlsx)")
    p.add_argument("ny", metavar="NY", help="den nye version (mappe eller .xlsx)")
    p.add_argument("--rules", metavar="FIL", help="regelfil til begge versioner "
                                                  "(standard: rules/regnskab.yaml)")
    p.set_defaults(func=diff)
