"""Refresh for budgetmodel.xlsm (xlwings: Run main / RunPython "import budgetmodel; budgetmodel.main()")."""

from addin.excel import main, share_main  # noqa: F401
