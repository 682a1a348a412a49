"""The plan workbook: the whole plan in an .xlsx the secretariat edits (same content as YAML).

``layout`` holds the sheets, columns and row kinds (shared by both sides); ``write`` writes the
workbook (xlsxwriter, no reader library); ``read`` reads it back into plan data (calamine, no
writer library). ``rkt_excel.template.load_template`` reads plan workbooks through ``read``.
"""
