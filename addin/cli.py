"""The `regnskab` command: subcommands are discovered from the modules in addin/kommandoer/.

Each module there defines `tilfoej(undervalg)` to add its subparsers; a subcommand's function
returns the exit code. Errors meant for the user (RegnskabFejl) print one line and exit 2.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
import traceback

from addin import __version__, kommandoer
from addin.fejl import RegnskabFejl


def byg_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="regnskab",
        description="Regnskabsbemærkninger, budgetopfølgning og afstemninger fra regelfiler.")
    parser.add_argument("--version", action="version", version=f"regnskab {__version__}")
    undervalg = parser.add_subparsers(dest="kommando", metavar="KOMMANDO")
    for info in sorted(pkgutil.iter_modules(kommandoer.__path__), key=lambda m: m.name):
        modul = importlib.import_module(f"{kommandoer.__name__}.{info.name}")
        modul.tilfoej(undervalg)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script."""
    parser = byg_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except RegnskabFejl as e:
        print(f"Fejl: {e.tekst()}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("Afbrudt.", file=sys.stderr)
        return 130
    except Exception as e:  # never show a traceback to a controller
        if os.environ.get("REGNSKAB_DEBUG"):
            traceback.print_exc()
        print(f"Uventet fejl ({type(e).__name__}: {e}). Kør med REGNSKAB_DEBUG=1 for detaljer.",
              file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
