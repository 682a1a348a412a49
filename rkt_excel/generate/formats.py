"""The look of the standard workbook and the unit forms: fonts, fills, cell formats and the
print setup every sheet shares (printsetup's, through ``page_setup``).

Owns ``Formats`` (xlsxwriter formats belong to their workbook, so one set per workbook) and
``page_setup``. Writes no cell of its own; row heights are printsetup.fit_rows'.
"""

from __future__ import annotations

from typing import Any

from rkt_excel import layout, printsetup
from rkt_excel.printsetup import Page

MIN_DATA_ROW_PT = 30.0  # room to type in an input cell
FONT = {"font_name": "Arial", "font_size": 10}

STATUS_COLOURS: dict[str, tuple[str, str]] = {  # status -> (fill, font) of the STATUS cell
    "Selesai": ("#C6EFCE", "#006100"),
    "Dalam Proses": ("#FFEB9C", "#9C5700"),
    "Belum": ("#FFC7CE", "#9C0006"),
    "Tidak Relevan": ("#D9D9D9", "#404040"),
}
INPUT_FILL = "#FFF2CC"  # light yellow: "type here"
PLAN_FILL = "#F2F2F2"  # light grey: locked, no input expected
HEADER_FILL = "#1F4E78"


def page_setup(ws: Any, page: Page, *, landscape: bool = True, repeat_header: bool = False) -> None:
    """The shared print setup (printsetup.setup): one page wide; a component sheet landscape
    with narrow margins and its header row on every page."""
    printsetup.setup(
        ws,
        page,
        landscape=landscape,
        repeat_rows=layout.HEADER_ROW if repeat_header else None,
        narrow=repeat_header,
    )


class Formats:
    """The cell formats of one workbook (xlsxwriter formats belong to their workbook)."""

    def __init__(self, wb: Any) -> None:
        def fmt(**props: Any) -> Any:
            return wb.add_format({**FONT, **props})

        border = {"border": 1, "border_color": "#808080"}
        wrap = {"text_wrap": True, "valign": "top"}
        self.bold = fmt(bold=True)
        self.top = fmt(valign="top")
        self.top_bold = fmt(bold=True, valign="top", text_wrap=True)
        self.wrap = fmt(**wrap)
        self.center = fmt(align="center")
        self.center_bold = fmt(align="center", bold=True, text_wrap=True)
        self.title = fmt(align="center", valign="vcenter", bold=True, font_size=14, text_wrap=True)
        self.title_left = fmt(bold=True, font_size=12)
        self.signature = fmt(align="center", bold=True, underline=True)
        self.hint = fmt(italic=True, font_color="#595959", text_wrap=True, valign="top")
        self.label = fmt(bold=True, valign="vcenter", **border)
        self.locked_value = fmt(bg_color=PLAN_FILL, valign="vcenter", **border)
        self.header = fmt(
            bold=True, font_color="#FFFFFF", bg_color=HEADER_FILL, align="center",
            valign="vcenter", text_wrap=True, **border,
        )  # fmt: skip
        self.cell = fmt(**wrap, **border)
        self.cell_center = fmt(align="center", valign="top", **border)
        self.id_cell = fmt(valign="top", bg_color=PLAN_FILL, text_wrap=True, **border)
        self.no_answer = fmt(bg_color="#D9D9D9", **border)
        unlocked = {"locked": False, "bg_color": INPUT_FILL, **border}
        self.input_text = fmt(num_format="@", **wrap, **unlocked)
        self.input_status = fmt(valign="top", **unlocked)
        self.input_center = fmt(align="center", valign="top", **unlocked)
        self.input_date = fmt(num_format=layout.DATE_FORMAT, valign="top", **unlocked)
        self.input_percent = fmt(num_format=layout.PERCENT_FORMAT, valign="top", **unlocked)
        # Conditional formats take only colours; the labels on Petunjuk show the same colours.
        self.status = {
            status: wb.add_format({"bg_color": fill, "font_color": font})
            for status, (fill, font) in STATUS_COLOURS.items()
        }
        self.status_label = {
            status: fmt(bold=True, valign="top", bg_color=fill, font_color=font, **border)
            for status, (fill, font) in STATUS_COLOURS.items()
        }
