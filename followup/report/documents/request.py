"""A request for a status (`python -m followup requests`, the editors' button in the app): one
workbook per actor with that actor's open actions of the state, to fill in and send back.

Each is an ordinary workbook of the format (sheet Tiltak | Actions with the language's
headers), so a returned request goes through the usual check and, loaded, is a round that
covers that actor (scoped rounds). As such a round replaces all the actor's actions of each
evaluation it holds, the request holds them all: the open ones to fill in, then the closed
ones (done, not applicable), locked; and every column an action has (section, region,
recommendation number…), so what the actor was not asked about stays as it was. A title row
`Status per <date>` (`Status as of`) gives the round's date; only the date, the status (a
drop-down of the language's words), the comment and the evidence can be edited (the sheet is
protected without a password: it guides, it does not secure). No text from the state is ever
a formula.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.worksheet.datavalidation import DataValidation

from followup import store
from followup.filters import Filters
from followup.i18n import date, t
from followup.report.documents.export import put
from followup.report.documents.template import HEADER_FILL, HEADER_FONT, TITLE_FONT, WORDS
from followup.workbook.formats import STATUSES

# (the column's name in the query, its header's index in template.WORDS[lang]["actions"],
# its width); the input columns are the last three
COLUMNS = (("action_id", 0, 8), ("evaluation", 7, 26), ("recommendation_id", 11, 10),
           ("recommendation", 1, 40), ("action", 2, 60), ("party", 3, 7), ("actor", 4, 20),
           ("section", 5, 18), ("region", 6, 14), ("due_date", 8, 12), ("status", 9, 20),
           ("last_comment", 10, 60), ("last_evidence", 12, 30))
INPUT = ("status", "last_comment", "last_evidence")
INPUT_FILL = PatternFill("solid", fgColor="FFF7D6")
CLOSED_FONT = Font(color="52606D")
HEADER_ROW = 3


@dataclass(frozen=True)
class Request:
    """One actor's request: the workbook, its file name, and the number of open actions it
    asks about per evaluation (eval_key '' is the default evaluation)."""

    actor: str
    file_name: str
    data: bytes
    actions: dict[str, int]


def file_name(actor: str, made: dt.date, lang: str) -> str:
    """Return a safe file name for an actor's request (no path, no control characters)."""
    safe = re.sub(r"[^\w.-]+", "-", actor, flags=re.UNICODE).strip("-._")[:60] or "actor"
    prefix = t("request.file", lang)
    return f"{prefix}-{safe}-{made.isoformat()}.xlsx"


def _text(value):
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def _guide(wb: Workbook, actor: str, made: dt.date, lang: str) -> None:
    ws = wb.active
    ws.title = t("template.sheet", lang)
    headers = WORDS[lang]["actions"]
    lines = [t("request.title", lang, actor=_text(actor)), "",
             t("request.intro", lang, date=date(made, lang)),
             t("request.date", lang),
             t("request.fill", lang, status=headers[9], comment=headers[10],
               evidence=headers[12]),
             t("template.status", lang, choices=", ".join(WORDS[lang]["statuses"])),
             t("template.evidence", lang, column=headers[12]),
             t("request.rows", lang), t("request.back", lang)]
    for i, line in enumerate(lines, start=1):
        put(ws, i, 1, line)
        ws.cell(row=i, column=1).font = TITLE_FONT if i == 1 else Font()
    ws.column_dimensions["A"].width = 100


def workbook(rows: list[dict], actor: str, made: dt.date, lang: str) -> bytes:
    """Return one actor's request as .xlsx bytes: instructions, then the actions sheet with
    the title row, the header and the actor's actions, the open ones first with only their
    inputs editable, then the closed ones (done, not applicable), locked and grey."""
    words = WORDS[lang]
    status_word = dict(zip(STATUSES, words["statuses"], strict=True))
    wb = Workbook()
    _guide(wb, actor, made, lang)
    ws = wb.create_sheet(words["sheets"][0])
    shown = made.isoformat() if lang == "en" else made.strftime("%d.%m.%Y")
    title = ws.cell(row=1, column=1, value=t("request.status_per", lang, date=shown))
    title.font, title.protection = TITLE_FONT, Protection(locked=False)
    for col, (_, index, width) in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=HEADER_ROW, column=col, value=words["actions"][index])
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[cell.column_letter].width = width
    for r, row in enumerate(rows, start=HEADER_ROW + 1):
        for col, (name, _, _) in enumerate(COLUMNS, start=1):
            value = row[name]
            if name == "status":
                value = status_word[value]
            put(ws, r, col, _text(value), "DD.MM.YYYY" if name == "due_date" else None)
            cell = ws.cell(row=r, column=col)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if not row["is_open"]:
                cell.font = CLOSED_FONT
            elif name in INPUT:
                cell.protection, cell.fill = Protection(locked=False), INPUT_FILL
    status_col = ws.cell(row=HEADER_ROW, column=[c[0] for c in COLUMNS].index("status") + 1)
    opened = sum(1 for row in rows if row["is_open"])
    if opened:
        rule = DataValidation(type="list", formula1='"' + ",".join(words["statuses"]) + '"',
                              allow_blank=True, showErrorMessage=True)
        letter = status_col.column_letter
        rule.add(f"{letter}{HEADER_ROW + 1}:{letter}{HEADER_ROW + opened}")
        ws.add_data_validation(rule)
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=1)
    ws.protection.sheet = True
    ws.protection.formatColumns = ws.protection.formatRows = False
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def requests(con, filters: Filters, made: dt.date, lang: str) -> list[Request]:
    """Return one request per actor with open actions in the filtered state (the filters'
    actors only, when they name any), in the actors' order."""
    relation = store.relation(con, "request_actions", filters.params())
    names = relation.columns
    by_actor: dict[str, list[dict]] = {}
    for values in relation.fetchall():
        row = dict(zip(names, values))
        by_actor.setdefault(row["actor"], []).append(row)
    found, taken = [], set()
    for actor, rows in by_actor.items():
        name = file_name(actor, made, lang)
        while name.casefold() in taken:  # two actors whose names differ only in symbols
            name = name.removesuffix(".xlsx") + "-2.xlsx"
        taken.add(name.casefold())
        counts: dict[str, int] = {}
        for row in rows:
            counts[row["eval_key"]] = counts.get(row["eval_key"], 0) + row["is_open"]
        found.append(Request(actor, name,
                             workbook(rows, actor, made, lang), counts))
    return found
