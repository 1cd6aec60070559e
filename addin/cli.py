"""The `regnskab` command: subcommands are discovered from the modules in addin/kommandoer/.

Each module there defines `tilfoej(undervalg)` to add its subparsers; a subcommand's function
returns the exit code. Errors meant for the user (RegnskabFejl) print one line and exit 2.

The command speaks Danish throughout, argparse's own words included: argparse looks its texts up
through the module-level `argparse._` (gettext) and `argparse.ngettext`, which are replaced at
import time by lookups in DANSK / DANSK_N that fall back to the originals. The help lists the
subcommands in the order of RAEKKEFOELGE (the everyday ones first), not in discovery order.
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

# The subcommands in the order the help lists them; commands not named here come last.
RAEKKEFOELGE = ["build", "check", "demo", "refresh", "share", "samle", "export-docx", "diff",
                "balance", "budgetnotat", "udloeb", "budgetmodel", "budgetgaranti"]

# argparse's msgids (Python 3.10-3.14) -> Danish.
DANSK: dict[str, str] = {
    "usage: ": "brug: ",
    "positional arguments": "argumenter",
    "options": "valgmuligheder",
    "optional arguments": "valgmuligheder",
    "subcommands": "kommandoer",
    "show this help message and exit": "vis denne hjælp og afslut",
    "show program's version number and exit": "vis programmets version og afslut",
    " (default: %(default)s)": " (standard: %(default)s)",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fejl: %(message)s\n",
    "%(prog)s: warning: %(message)s\n": "%(prog)s: advarsel: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s: %(message)s",
    "the following arguments are required: %s": "følgende argumenter mangler: %s",
    "one of the arguments %s is required": "et af argumenterne %s skal angives",
    "unrecognized arguments: %s": "ukendte argumenter: %s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "ugyldigt valg: %(value)r (vælg mellem %(choices)s)",
    "invalid choice: %(value)r, maybe you meant %(closest)r?":
        "ugyldigt valg: %(value)r; mente du %(closest)r?",
    "unknown parser %(parser_name)r (choices: %(choices)s)":
        "ukendt kommando %(parser_name)r (vælg mellem %(choices)s)",
    "invalid %(type)s value: %(value)r": "ugyldig værdi (%(type)s): %(value)r",
    "expected one argument": "forventer ét argument",
    "expected at most one argument": "forventer højst ét argument",
    "expected at least one argument": "forventer mindst ét argument",
    "ambiguous option: %(option)s could match %(matches)s":
        "tvetydig valgmulighed: %(option)s kan være %(matches)s",
    "not allowed with argument %s": "kan ikke bruges sammen med %s",
    "ignored explicit argument %r": "tager ingen værdi (fik %r)",
    "unexpected option string: %s": "uventet valgmulighed: %s",
    "can't open '%(filename)s': %(error)s": "kan ikke åbne '%(filename)s': %(error)s",
    "cannot have multiple subparser arguments": "kan kun have ét sæt kommandoer",
    "command '%(parser_name)s' is deprecated": "kommandoen '%(parser_name)s' udgår",
    "option '%(option)s' is deprecated": "valgmuligheden '%(option)s' udgår",
    "argument '%(argument_name)s' is deprecated": "argumentet '%(argument_name)s' udgår",
}
DANSK_N: dict[tuple[str, str], tuple[str, str]] = {
    ("expected %s argument", "expected %s arguments"):
        ("forventer %s argument", "forventer %s argumenter"),
    ("conflicting option string: %s", "conflicting option strings: %s"):
        ("valgmulighed findes allerede: %s", "valgmuligheder findes allerede: %s"),
}


def _installer_dansk() -> None:
    """Let argparse speak Danish (idempotent; untranslated texts fall back to gettext)."""
    if getattr(argparse._, "dansk", False):
        return
    original, original_n = argparse._, argparse.ngettext

    def oversaet(tekst: str) -> str:
        return DANSK[tekst] if tekst in DANSK else original(tekst)

    def oversaet_n(ental: str, flertal: str, n: int) -> str:
        if (ental, flertal) in DANSK_N:
            return DANSK_N[ental, flertal][0 if n == 1 else 1]
        return original_n(ental, flertal, n)

    oversaet.dansk = True  # type: ignore[attr-defined]
    argparse._ = oversaet  # type: ignore[attr-defined]
    argparse.ngettext = oversaet_n  # type: ignore[attr-defined]


_installer_dansk()


class DanskHjaelp(argparse.HelpFormatter):
    """Help that keeps a command's name and its help on one line (export-docx, budgetnotat).

    argparse measures the subcommands at the indentation of KOMMANDO, not at their own, one
    step further in; so the longest name would be wrapped onto a line of its own.
    """

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 30,
                 width: int | None = None) -> None:
        super().__init__(prog, indent_increment, max_help_position, width)

    def add_argument(self, action: argparse.Action) -> None:
        super().add_argument(action)
        if action.help is not argparse.SUPPRESS:
            navne = [len(self._format_action_invocation(a))
                     for a in self._iter_indented_subactions(action)]
            if navne:
                self._action_max_length = max(self._action_max_length, max(navne)
                                              + self._current_indent + self._indent_increment)


class DanskParser(argparse.ArgumentParser):
    """An ArgumentParser in Danish; subparsers get the same class (argparse's default)."""

    def __init__(self, *args, **kwargs) -> None:
        _installer_dansk()  # the "options" title and -h's help are looked up here
        kwargs.setdefault("formatter_class", DanskHjaelp)
        super().__init__(*args, **kwargs)

    def parse_args(self, args=None, namespace=None):  # type: ignore[override]
        """As argparse's, with "ukendt argument" in the singular for one unknown argument."""
        resultat, rest = self.parse_known_args(args, namespace)
        if rest:
            besked = f"{'ukendt argument' if len(rest) == 1 else 'ukendte argumenter'}: {' '.join(rest)}"
            if not getattr(self, "exit_on_error", True):
                raise argparse.ArgumentError(None, besked)
            self.error(besked)
        return resultat

    def error(self, message: str):  # type: ignore[override]
        """As argparse's, with "følgende argument mangler" in the singular for one argument."""
        mangler = DANSK["the following arguments are required: %s"].removesuffix("%s")
        if message.startswith(mangler) and ", " not in message[len(mangler):]:
            message = "følgende argument mangler: " + message[len(mangler):]
        super().error(message)


def _sorter(undervalg: argparse._SubParsersAction) -> None:
    """List the subcommands (help and "vælg mellem ...") in the order of RAEKKEFOELGE."""
    def plads(navn: str) -> tuple[int, str]:
        return (RAEKKEFOELGE.index(navn) if navn in RAEKKEFOELGE else len(RAEKKEFOELGE), navn)

    undervalg._choices_actions.sort(key=lambda a: plads(a.dest))
    valg = sorted(undervalg.choices.items(), key=lambda kv: plads(kv[0]))
    undervalg.choices.clear()  # the same dict as the action's name -> parser map
    undervalg.choices.update(valg)


def byg_parser() -> argparse.ArgumentParser:
    parser = DanskParser(
        prog="regnskab",
        description="Regnskabsbemærkninger, budgetopfølgning og afstemninger fra regelfiler.",
        epilog="Se en kommandos argumenter med: regnskab KOMMANDO --help")
    parser.add_argument("--version", action="version", version=f"regnskab {__version__}",
                        help="vis programmets version og afslut")
    undervalg = parser.add_subparsers(dest="kommando", metavar="KOMMANDO",
                                      parser_class=DanskParser, title="kommandoer",
                                      help="en af kommandoerne nedenfor")
    for info in pkgutil.iter_modules(kommandoer.__path__):
        if not info.name.startswith("_"):
            modul = importlib.import_module(f"{kommandoer.__name__}.{info.name}")
            modul.tilfoej(undervalg)
    _sorter(undervalg)
    # the commands before the options (argparse lists the groups in the order they were made)
    grupper = parser._action_groups
    grupper.insert(grupper.index(parser._optionals), grupper.pop())
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script."""
    # a writer's half-closed generator after a failed write would print a traceback at exit
    sys.unraisablehook = lambda _: None
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
    except BrokenPipeError:  # output piped into a reader that stopped (| head): not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as e:  # never show a traceback to a controller
        if os.environ.get("REGNSKAB_DEBUG"):
            traceback.print_exc()
        print(f"Uventet fejl ({type(e).__name__}: {e}). Kør med REGNSKAB_DEBUG=1 for detaljer.",
              file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
