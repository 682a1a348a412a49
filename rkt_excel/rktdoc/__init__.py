"""The RKT document: the whole plan as Word (``word.write_document``) and as PDF through
LibreOffice (``pdf.write_pdf``). Writers only; ``rkt_excel.planimport`` reads the Word file back.
"""
