"""Refresh for balanceafstemning.xlsm (xlwings: Run main / RunPython "import balanceafstemning; balanceafstemning.main()")."""

from addin.excel import main, share_main  # noqa: F401
