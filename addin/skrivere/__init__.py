"""Writers: turn a layout.Rapport into a file (xlsx via openpyxl, docx) or an Excel book (xlwings)."""
