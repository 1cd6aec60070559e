"""Refresh for bevillingsudloeb.xlsm (xlwings: Run main / RunPython "import bevillingsudloeb; bevillingsudloeb.main()")."""

from addin.excel import main, share_main  # noqa: F401
