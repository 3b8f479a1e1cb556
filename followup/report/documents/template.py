"""The empty workbook template, one per language: data/template.xlsx (bokmål),
data/template-nn.xlsx and data/template-en.xlsx, written by `python -m followup.sample`.

Each has the instructions (from the catalogs), the five sheets with that language's sheet
names and headers, and drop-downs of that language's status words, grant types and management
responses, every one of them a word the workbook format accepts (tests/test_template.py loads
each template).
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from followup.i18n import t
from followup.workbook import formats

HEADER_FILL = PatternFill("solid", fgColor="1F3A5F")
HEADER_FONT = Font(bold=True, color="FFFFFF")
TITLE_FONT = Font(bold=True, size=14)
ROWS = 1000
TITLE_ROW, HEADER_ROW = 1, 3  # the actions sheet: `Status per` and its date, then the header

# The workbook format's own words in each language (see followup/workbook/formats.py).
WORDS = {
    "nb": {
        "sheets": ("Tiltak", "Tilskudd", "Utbetalinger", "Anbefalinger", "Kontakter"),
        "actions": ("Nr.", "Anbefaling", "Tiltak", "Part", "Ansvarlig", "Seksjon", "Region",
                    "Evaluering", "Frist", "Status", "Kommentar", "Anbefaling nr",
                    "Dokumentasjon"),
        "grants": ("Avtalenr", "Tittel", "Partner", "Seksjon", "Region", "Land", "Fra", "Til",
                   "Avtalebeløp", "Avtaletype"),
        "disbursements": ("Avtalenr", "År", "Beløp"),
        "recommendations": ("Nr", "Anbefaling", "Ledelsens svar", "Begrunnelse", "Ansvarlig",
                            "Evaluering"),
        "contacts": ("Ansvarlig", "E-post"),
        "statuses": formats.OFFERED_STATUSES["nb"],
        "responses": ("Enig", "Delvis enig", "Uenig"),
        "types": ("flerårig", "ettårig"),
    },
    "nn": {
        "sheets": ("Tiltak", "Tilskot", "Utbetalingar", "Tilrådingar", "Kontaktar"),
        "actions": ("Nr.", "Tilråding", "Tiltak", "Part", "Ansvarleg", "Seksjon", "Region",
                    "Evaluering", "Frist", "Status", "Kommentar", "Tilråding nr",
                    "Dokumentasjon"),
        "grants": ("Avtalenr", "Tittel", "Partnar", "Seksjon", "Region", "Land", "Frå", "Til",
                   "Avtalebeløp", "Avtaletype"),
        "disbursements": ("Avtalenr", "År", "Beløp"),
        "recommendations": ("Nr", "Tilråding", "Leiinga sitt svar", "Grunngjeving",
                            "Ansvarleg", "Evaluering"),
        "contacts": ("Ansvarleg", "E-post"),
        "statuses": formats.OFFERED_STATUSES["nn"],
        "responses": ("Einig", "Delvis einig", "Ueinig"),
        "types": ("fleirårig", "eittårig"),
    },
    "en": {
        "sheets": ("Actions", "Grants", "Disbursements", "Recommendations", "Contacts"),
        "actions": ("ID", "Recommendation", "Action", "Party", "Responsible", "Section",
                    "Region", "Evaluation", "Due date", "Status", "Comment", "Recommendation ID",
                    "Evidence"),
        "grants": ("Grant ID", "Title", "Partner", "Section", "Region", "Country", "Start",
                   "End", "Amount NOK", "Type"),
        "disbursements": ("Grant ID", "Year", "Amount NOK"),
        "recommendations": ("ID", "Recommendation", "Management response", "Response text",
                            "Responsible", "Evaluation"),
        "contacts": ("Actor", "Email"),
        "statuses": formats.OFFERED_STATUSES["en"],
        "responses": ("Agreed", "Partially agreed", "Disagreed"),
        "types": ("multi-year", "one-year"),
    },
}
ACTION_WIDTHS = (8, 26, 60, 7, 24, 24, 20, 30, 12, 18, 60, 10, 30)
RECOMMENDATION_WIDTHS = (6, 70, 16, 50, 30, 30)
GRANT_WIDTHS = (14, 44, 22, 26, 20, 14, 12, 12, 16, 12)


def instructions(lang: str) -> list[str]:
    """Return the lines of the instructions sheet in lang."""
    w = WORDS[lang]
    actions, grants, disbursements, recommendations, contacts = w["sheets"]
    a, g, r = w["actions"], w["grants"], w["recommendations"]
    return [
        t("template.title", lang), "",
        t("template.upload", lang), t("template.command", lang), "",
        t("template.actions", lang, sheet=actions, required=", ".join((a[2], a[4], a[9]))),
        t("template.date", lang, sheet=actions, title=t("template.status_per", lang)),
        t("template.status", lang, choices=", ".join(w["statuses"])),
        t("template.id", lang, column=a[0]),
        t("template.evidence", lang, column=a[12]), "",
        t("template.grants", lang, sheet=grants, required=", ".join((g[0], g[2], g[6], g[7]))),
        t("template.years", lang, grants=grants),
        t("template.rows", lang, sheet=disbursements, columns=", ".join(w["disbursements"])),
        "",
        t("template.amounts", lang), t("template.totals", lang), "",
        t("template.recommendations", lang, sheet=recommendations,
          required=", ".join((r[0], r[1]))),
        t("template.responses", lang, column=r[2], choices=", ".join(w["responses"]),
          empty=t("response.no_response", lang)),
        t("template.link", lang, column=a[11], actions=actions),
        t("template.link_more", lang, sheet=recommendations), "",
        t("template.contacts", lang, sheet=contacts, actions=actions),
        t("template.contacts_more", lang),
    ]


def _header(ws, names: tuple[str, ...], widths: tuple[int, ...], row: int = 1) -> None:
    for col, (name, width) in enumerate(zip(names, widths), start=1):
        cell = ws.cell(row=row, column=col, value=name)
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[cell.column_letter].width = width
    ws.freeze_panes = ws.cell(row=row + 1, column=1)


def _choices(ws, words: tuple[str, ...], column: str, last: int = ROWS, first: int = 2) -> None:
    rule = DataValidation(type="list", formula1='"' + ",".join(words) + '"', allow_blank=True,
                          showErrorMessage=False)
    rule.add(f"{column}{first}:{column}{last}")
    ws.add_data_validation(rule)


def _title(ws, lang: str) -> None:
    """Write the actions sheet's title row: `Status per` (over two columns) and an empty date
    cell beside it, which the reader takes as the round's date once filled in."""
    ws.cell(row=TITLE_ROW, column=1, value=t("template.status_per", lang)).font = TITLE_FONT
    ws.merge_cells(start_row=TITLE_ROW, start_column=1, end_row=TITLE_ROW, end_column=2)
    date = ws.cell(row=TITLE_ROW, column=3)
    date.font, date.number_format = TITLE_FONT, "DD.MM.YYYY"
    date.alignment = Alignment(horizontal="left")


def build(target: Path, lang: str = "nb") -> Path:
    """Write the empty template in lang to target: instructions, five sheets, drop-downs."""
    w = WORDS[lang]
    wb = Workbook()
    guide = wb.active
    guide.title = t("template.sheet", lang)
    for i, line in enumerate(instructions(lang), start=1):
        guide.cell(row=i, column=1, value=line).font = TITLE_FONT if i == 1 else Font()
    guide.column_dimensions["A"].width = 100
    actions, grants, disbursements, recommendations, contacts = w["sheets"]
    ws = wb.create_sheet(actions)
    _title(ws, lang)
    _header(ws, w["actions"], ACTION_WIDTHS, row=HEADER_ROW)
    _choices(ws, w["statuses"], "J", first=HEADER_ROW + 1)
    for row in range(HEADER_ROW + 1, ROWS + 1):
        ws.cell(row=row, column=9).number_format = "DD.MM.YYYY"
    ws = wb.create_sheet(grants)
    _header(ws, w["grants"], GRANT_WIDTHS)
    _choices(ws, w["types"], "J")
    _header(wb.create_sheet(disbursements), w["disbursements"], (14, 8, 16))
    ws = wb.create_sheet(recommendations)
    _header(ws, w["recommendations"], RECOMMENDATION_WIDTHS)
    _choices(ws, w["responses"], "C", last=200)
    _header(wb.create_sheet(contacts), w["contacts"], (48, 60))
    wb.save(target)
    return target
