"""Refresh for budgetopfoelgning.xlsm (xlwings: Run main / RunPython "import budgetopfoelgning; budgetopfoelgning.main()")."""

from addin.excel import main, share_main  # noqa: F401
