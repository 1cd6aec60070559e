"""Refresh for budgetnotat.xlsm (xlwings: Run main / RunPython "import budgetnotat; budgetnotat.main()")."""

from addin.excel import main, share_main  # noqa: F401
