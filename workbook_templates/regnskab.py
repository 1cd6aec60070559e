"""Refresh for regnskab.xlsm (xlwings: Run main / RunPython "import regnskab; regnskab.main()")."""

from addin.excel import main, share_main  # noqa: F401
