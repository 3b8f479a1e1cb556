"""A chart's data for the deck, safe to embed: every text an XML part can hold, and written as
text in the chart's own workbook.

python-pptx embeds a chart's data in an .xlsx written by XlsxWriter, whose `write()` makes a
text that starts with `=` a formula (`=HYPERLINK(…)`, `=cmd|…`) and one that starts with
`http://`, `mailto:` or `external:` a link. An actor or partner named so would be a live
formula or link in the deck's data. The writer here opens the workbook with both conversions
off; it replaces `_open_worksheet` of python-pptx 1.0.2's category writer (pinned in
requirements.txt), and tests/report/test_hostile_deck.py reads the embedded workbooks back, so
a python-pptx that stops calling it fails there.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import contextmanager

from pptx.chart.data import CategoryChartData
from pptx.chart.xlsx import CategoryWorkbookWriter
from xlsxwriter import Workbook

from followup.report.documents.cells import xml_text

TEXT_ONLY = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}


class _TextWorkbookWriter(CategoryWorkbookWriter):
    """python-pptx's category writer, with XlsxWriter told to write every text as text."""

    @contextmanager
    def _open_worksheet(self, xlsx_file):
        workbook = Workbook(xlsx_file, TEXT_ONLY)
        worksheet = workbook.add_worksheet()
        yield workbook, worksheet
        workbook.close()


class TextChartData(CategoryChartData):
    """Category chart data whose embedded workbook holds names as text, never formulas."""

    @property
    def _workbook_writer(self):
        return _TextWorkbookWriter(self)


def chart_data(categories: Sequence, series: Sequence[tuple[str, Sequence]],
               number_format: str) -> TextChartData:
    """Return chart data of the categories and (name, values) series, every text cleaned for
    XML (a control character in a name would make the chart's XML unreadable)."""
    data = TextChartData(number_format=number_format)
    data.categories = [xml_text(c) for c in categories]
    for name, values in series:
        data.add_series(xml_text(name), list(values))
    return data
