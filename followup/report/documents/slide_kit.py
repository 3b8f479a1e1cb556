"""Drawing on a 16:9 python-pptx deck: titles, text, key-figure tiles, native charts, tables.

Everything is sized for a projector (nothing below 12 pt) and coloured from the app's palette.
Every text is set in Arial (LibreOffice draws it with the metric-compatible Liberation Sans) and
boxes are sized from its measured widths (text_width), so that no number, date or word breaks.
Number formats carry a locale tag (`[$-414]` bokmål, `[$-814]` nynorsk, `[$-409]` English), so
LibreOffice shows `1 250 000` and `2,5` in a Norwegian deck on any machine; PowerPoint shows the
same codes with the separators of the viewer's regional settings.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.chart import (
    XL_CHART_TYPE,
    XL_LABEL_POSITION,
    XL_LEGEND_POSITION,
    XL_MARKER_STYLE,
)
from pptx.enum.dml import MSO_LINE, MSO_PATTERN
from pptx.enum.lang import MSO_LANGUAGE_ID
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from followup.report.documents import text_width as tw
from followup.report.documents.cells import xml_text
from followup.report.documents.chart_data import chart_data
from followup.report.figures.charts import GRID, INK, MUTED

WIDTH, HEIGHT = Emu(12_192_000), Emu(6_858_000)  # PowerPoint's own 16:9, 13.33 × 7.5 in
MARGIN = Inches(0.6)
BODY_TOP, BODY_BOTTOM = Inches(1.45), Inches(6.8)
TITLE_PT, LEAD_PT, TEXT_PT, CHART_PT, TABLE_PT, SMALL_PT = 32, 22, 18, 16, 16, 12
TITLE_LAYOUT, CONTENT_LAYOUT = 0, 5  # the default template's "Title Slide" and "Title Only"
LANGUAGE = {"nb": MSO_LANGUAGE_ID.NORWEGIAN_BOKMOL, "nn": MSO_LANGUAGE_ID.NORWEGIAN_NYNORSK,
            "en": MSO_LANGUAGE_ID.ENGLISH_UK}
LOCALE = {"nb": "[$-414]", "nn": "[$-814]", "en": "[$-409]"}
WHITE = "FFFFFF"
SLACK = 0.95  # a measured text fills at most this share of its box: room for rounding


def rgb(color: str) -> RGBColor:
    """Return a colour written `#RRGGBB` (or `RRGGBB`) as python-pptx wants it."""
    return RGBColor.from_string(color.lstrip("#").upper())


def number_format(kind: str, lang: str) -> str:
    """Return the number format code for counts, NOK shown in millions, or shares (0-1)."""
    code = {"count": "#,##0", "mnok": "#,##0.0,,", "mnok_axis": "#,##0,,",
            "share": "0 %" if lang != "en" else "0%"}[kind]
    return LOCALE.get(lang, LOCALE["nb"]) + code


def deck(lang: str, title: str) -> Presentation:
    """Return an empty 16:9 deck from the default template, its placeholders widened to fit."""
    prs = Presentation()
    stretch = WIDTH / prs.slide_width
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    for owner in (prs.slide_master, *prs.slide_layouts):
        for shape in owner.placeholders:
            shape.left = Emu(int(shape.left * stretch))
            shape.width = Emu(int(shape.width * stretch))
    props = prs.core_properties
    props.title, props.author, props.last_modified_by = title, "Oppfølging", "Oppfølging"
    props.language = LANGUAGE[lang].xml_value if lang in LANGUAGE else "nb-NO"
    props.revision = 1
    return prs


def style_run(run, size: int, lang: str, bold: bool = False, color: str = INK) -> None:
    """Give a run an explicit size, weight, colour and language."""
    run.font.name, run.font.size, run.font.bold = tw.FONT, Pt(size), bold
    run.font.color.rgb = rgb(color)
    run.font.language_id = LANGUAGE.get(lang, LANGUAGE["nb"])


def fill_text(frame, lines: Sequence[tuple], lang: str, align=PP_ALIGN.LEFT) -> None:
    """Write lines of (text, size[, bold[, colour]]) into a text frame, one paragraph each."""
    frame.word_wrap = True
    for i, line in enumerate(lines):
        text, size, bold, color = (*line, False, INK)[:4] if len(line) < 3 else (
            (*line, INK) if len(line) == 3 else line)
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.alignment = align
        para.text = ""
        style_run(para.add_run(), size, lang, bold, color)
        para.runs[0].text = xml_text(text)


def textbox(slide, box: tuple, lines: Sequence[tuple], lang: str, align=PP_ALIGN.LEFT,
            anchor=MSO_ANCHOR.TOP):
    """Add a text box at box = (x, y, w, h) holding the lines; return the shape."""
    shape = slide.shapes.add_textbox(*box)
    shape.text_frame.vertical_anchor = anchor
    fill_text(shape.text_frame, lines, lang, align)
    return shape


def slide(prs, title: str, lang: str, layout: int = CONTENT_LAYOUT):
    """Add a slide of the built-in layout with its title set large, left-aligned, in ink."""
    page = prs.slides.add_slide(prs.slide_layouts[layout])
    if layout == CONTENT_LAYOUT:
        head = page.shapes.title
        head.left, head.top = MARGIN, Inches(0.35)
        head.width, head.height = WIDTH - 2 * MARGIN, Inches(0.95)
        page.shapes.title.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    fill_text(page.shapes.title.text_frame, [(title, TITLE_PT, True)], lang,
              PP_ALIGN.LEFT if layout == CONTENT_LAYOUT else PP_ALIGN.CENTER)
    return page


def footer(page, text: str, number: int, total: int, lang: str) -> None:
    """Put the round and filters at the foot of a slide, with `n / total` at the right."""
    y, h = Inches(6.9), Inches(0.45)
    textbox(page, (MARGIN, y, WIDTH - 2 * MARGIN - Inches(1.2), h),
            [(text, SMALL_PT, False, MUTED)], lang)
    textbox(page, (WIDTH - MARGIN - Inches(1.2), y, Inches(1.2), h),
            [(f"{number} / {total}", SMALL_PT, False, MUTED)], lang, PP_ALIGN.RIGHT)


def fit_pt(texts: Sequence[str], width: float, largest: int, bold: bool = False,
           whole: bool = False) -> int:
    """Return the largest size, from largest down to 12 pt, at which every text fits a box
    width points wide: its widest word on a line (whole: the whole text on one line)."""
    measure = tw.width_pt if whole else tw.widest_word_pt
    for size in range(largest, SMALL_PT - 1, -1):
        if max((measure(text, size, bold) for text in texts if text), default=0) <= width * SLACK:
            return size
    return SMALL_PT


def _card_margin(narrow: bool) -> int:
    return Inches(0.06 if narrow else 0.15)


def tile_sizes(cards: Sequence[tuple], width: int, narrow: bool = False) -> tuple[int, int]:
    """Return the sizes of the labels and changes, and of the values, of cards (label, value,
    change) width EMU wide: no word of a label or change breaks, no value leaves its line."""
    inner = (width - 2 * _card_margin(narrow)) / Pt(1)
    largest = TEXT_PT - 2 if narrow else TEXT_PT
    return (min(fit_pt([label for label, _, _ in cards], inner, largest),
                fit_pt([delta for _, _, delta in cards if delta], inner, largest, bold=True)),
            fit_pt([value for _, value, _ in cards], inner, 36 if narrow else 44, bold=True,
                   whole=True))


def tile(page, box: tuple, label: str, value: str, delta: str | None, tone: str,
         lang: str, narrow: bool = False, sizes: tuple[int, int] | None = None) -> None:
    """Add a key-figure card: the label, the value large, the change coloured by its tone
    (narrow: smaller margins, for six cards in a row; sizes: those of tile_sizes, by default
    fitted to this card alone)."""
    card = page.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, *box)
    card.adjustments[0] = 0.08
    card.fill.solid()
    card.fill.fore_color.rgb = rgb("#F5F7FA")
    card.line.color.rgb = rgb(GRID)
    card.shadow.inherit = False
    frame = card.text_frame
    frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    frame.margin_left = frame.margin_right = _card_margin(narrow)
    colors = {"good": "#007A5A", "bad": "#B54700"}
    text_pt, value_pt = sizes or tile_sizes([(label, value, delta)], box[2], narrow)
    lines = [(label, text_pt, False, MUTED), (value, value_pt, True, INK)]
    if delta:
        lines.append((delta, text_pt, True, colors.get(tone, MUTED)))
    fill_text(frame, lines, lang, PP_ALIGN.CENTER)


def _style_axis(axis, lang: str, fmt: str | None = None, title: str | None = None) -> None:
    axis.format.line.color.rgb = rgb(GRID)
    axis.tick_labels.font.name, axis.tick_labels.font.size = tw.FONT, Pt(CHART_PT)
    axis.tick_labels.font.color.rgb = rgb(INK)
    if fmt:
        axis.tick_labels.number_format, axis.tick_labels.number_format_is_linked = fmt, False
    if title:
        axis.has_title = True
        fill_text(axis.axis_title.text_frame, [(title, CHART_PT, False, MUTED)], lang)


def chart(page, box: tuple, kind, categories: Sequence[str], series: Sequence[tuple],
          fmt: str, lang: str, *, axis_fmt: str | None = None, axis_title: str | None = None,
          labels: bool = True, legend: bool | None = None, top_down: bool = False,
          inside: bool = False):
    """Add a native chart of series (name, values, colour[, label colour]); return the chart.

    The values are embedded in the deck's own workbook, so the chart stays editable (names
    as text, see chart_data; every text cleaned for XML, as in every text frame). With
    top_down, horizontal bars list the first category on top (the data is stored bottom up,
    so the value axis stays at the foot in every program). The legend (at the top) shows
    when there is more than one series, unless legend says otherwise.
    """
    order = slice(None, None, -1 if top_down else 1)  # bars are drawn from the bottom up
    data = chart_data(list(categories)[order],
                      [(name, list(values)[order]) for name, values, *_ in series], fmt)
    shape = page.shapes.add_chart(kind, *box, data)
    out = shape.chart
    out.font.name, out.font.size, out.font.color.rgb = tw.FONT, Pt(CHART_PT), rgb(INK)
    out.has_title = False  # a chart of one series is titled by it otherwise
    out.has_legend = len(series) > 1 if legend is None else legend
    if out.has_legend:
        out.legend.position, out.legend.include_in_layout = XL_LEGEND_POSITION.TOP, False
        out.legend.font.name, out.legend.font.size = tw.FONT, Pt(CHART_PT)
    plot = out.plots[0]
    plot.gap_width = 60
    if kind in (XL_CHART_TYPE.BAR_STACKED, XL_CHART_TYPE.COLUMN_STACKED):
        plot.overlap = 100
    for drawn, (_, _, color, *ink) in zip(plot.series, series):
        drawn.format.fill.solid()
        drawn.format.fill.fore_color.rgb = rgb(color)
        drawn.invert_if_negative = False
        if labels:
            _labels(drawn, fmt, ink[0] if ink else INK, kind, inside)
    _style_axis(out.category_axis, lang)
    out.category_axis.has_major_gridlines = False
    _every_label(out.category_axis)
    value = out.value_axis
    _style_axis(value, lang, axis_fmt or fmt, axis_title)
    value.has_major_gridlines = True
    value.major_gridlines.format.line.color.rgb = rgb(GRID)
    value.format.line.fill.background()
    value.minimum_scale = 0
    return out


def plot_box(out, x: float, y: float, w: float, h: float) -> None:
    """Fix the plot area inside the chart (fractions of its size), leaving room for labels."""
    plot_area = out._chartSpace.chart.plotArea
    layout = plot_area.find(qn("c:layout"))
    if layout is None:
        layout = etree.Element(qn("c:layout"))
        plot_area.insert(0, layout)
    for child in list(layout):
        layout.remove(child)
    manual = etree.SubElement(layout, qn("c:manualLayout"))
    for tag, val in (("layoutTarget", "inner"), ("xMode", "edge"), ("yMode", "edge"),
                     ("x", x), ("y", y), ("w", w), ("h", h)):
        etree.SubElement(manual, qn(f"c:{tag}")).set("val", str(val))


def _every_label(axis) -> None:
    """Make every category's label show (Impress otherwise skips some when they crowd)."""
    skip = etree.Element(qn("c:tickLblSkip"))
    skip.set("val", "1")
    axis._element.find(qn("c:noMultiLvlLbl")).addprevious(skip)


def _labels(series, fmt: str, color: str, kind, inside: bool) -> None:
    labels = series.data_labels
    labels.number_format, labels.number_format_is_linked = fmt, False
    labels.show_value = True
    labels.font.name, labels.font.size, labels.font.bold = tw.FONT, Pt(CHART_PT), True
    labels.font.color.rgb = rgb(color)
    stacked = kind in (XL_CHART_TYPE.BAR_STACKED, XL_CHART_TYPE.COLUMN_STACKED)
    labels.position = (XL_LABEL_POSITION.CENTER if stacked else
                       XL_LABEL_POSITION.INSIDE_BASE if inside else XL_LABEL_POSITION.OUTSIDE_END)


def as_line(out, color: str) -> None:
    """Draw the chart's last series as a dashed line over the bars (a bar-and-line combo)."""
    plot_area = out._chartSpace.chart.plotArea
    bars = plot_area.find(qn("c:barChart"))
    ser = bars.findall(qn("c:ser"))[-1]
    for tag in ("c:invertIfNegative", "c:dLbls", "c:shape"):
        for node in ser.findall(qn(tag)):
            ser.remove(node)
    line = etree.SubElement(plot_area, qn("c:lineChart"))
    bars.addnext(line)
    for tag, val in (("c:grouping", "standard"), ("c:varyColors", "0")):
        etree.SubElement(line, qn(tag)).set("val", val)
    line.append(ser)
    etree.SubElement(line, qn("c:marker")).set("val", "1")
    for ax in bars.findall(qn("c:axId")):
        etree.SubElement(line, qn("c:axId")).set("val", ax.get("val"))
    drawn = out.plots[1].series[0]
    drawn.smooth = False
    drawn.marker.style = XL_MARKER_STYLE.NONE
    drawn.format.line.color.rgb = rgb(color)
    drawn.format.line.width = Pt(2.5)
    drawn.format.line.dash_style = MSO_LINE.DASH


def mark_planned(out, positions: Sequence[int], bars: int | None = None) -> None:
    """Draw the bars at these category positions striped on white in their series' colour
    (a planned year, as the app draws it: a plan, not a disbursement); the first `bars`
    series only (a line of the portfolio level after them is left alone)."""
    for drawn in list(out.plots[0].series)[:bars]:
        color = drawn.format.fill.fore_color.rgb
        for at in positions:
            fill = drawn.points[at].format.fill
            fill.patterned()
            fill.pattern = MSO_PATTERN.WIDE_UPWARD_DIAGONAL
            fill.fore_color.rgb, fill.back_color.rgb = color, rgb("#FFFFFF")
            _dark_label(drawn, at)


# What a point's own data label repeats of its series' labels (the schema's order).
_LABEL_PARTS = ("c:numFmt", "c:spPr", "c:txPr", "c:dLblPos", "c:showLegendKey", "c:showVal",
                "c:showCatName", "c:showSerName", "c:showPercent", "c:showBubbleSize",
                "c:separator")


def _dark_label(drawn, at: int) -> None:
    """Give the bar at `at` a data label of its own like its series' but in ink (a white
    label on a striped, mostly white bar would not read)."""
    labels = drawn._element.find(qn("c:dLbls"))
    if labels is None:
        return
    own = etree.Element(qn("c:dLbl"))
    etree.SubElement(own, qn("c:idx")).set("val", str(at))
    for tag in _LABEL_PARTS:
        part = labels.find(qn(tag))
        if part is not None:
            own.append(copy.deepcopy(part))
    for color in own.iter(qn("a:srgbClr")):
        color.set("val", INK.lstrip("#").upper())
    labels.insert(len(labels.findall(qn("c:dLbl"))), own)  # a point's labels come first
