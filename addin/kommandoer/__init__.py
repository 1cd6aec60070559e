"""CLI subcommands; every module here defines `tilfoej(undervalg)` (see addin.cli)."""
