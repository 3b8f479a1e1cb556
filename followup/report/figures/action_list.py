"""Actions as wrapped text for a meeting room: every action's whole text, its actor, a status
chip, the due date and the comment, in type a projector shows (pure: rows in, HTML out); the
recommendations the same way, with management's response and the actions done.

Every text from the workbook is escaped; the page's own words come from followup.i18n.
"""

from __future__ import annotations

import html

import pandas as pd

from followup.i18n import date, percent, status_label, t
from followup.report.figures.followup_charts import rec_status_label, response_label
from followup.report.figures.links import evidence_html
from followup.report.figures.tables import status_css

CSS = """
<style>
.action-list { list-style: none; margin: 0; padding: 0; font-size: var(--al-size, 18px);
               line-height: 1.4; color: #1F2933; }
.action-list li { border-top: 1px solid #E5E7EB; padding: .6em 0 .7em; overflow-wrap: anywhere; }
.action-list .head { display: flex; flex-wrap: wrap; gap: .3em .8em; align-items: baseline;
                     color: #52606D; }
.action-list .id { font-weight: 700; color: #1F2933; }
.action-list .chip { display: inline-block; padding: .05em .55em; border-radius: .8em;
                     font-weight: 600; white-space: nowrap; }
.action-list .was { white-space: nowrap; }
.action-list .late { color: #B3261E; font-weight: 700; }
.action-list .text { margin: .2em 0 0; font-size: 1.1em; }
.action-list .comment { margin: .25em 0 0; color: #52606D; font-style: italic; }
.action-list .evidence { margin: .2em 0 0; color: #52606D; }
</style>
"""


def _esc(value) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) \
        else html.escape(str(value))


def _chip(code, lang: str, label=status_label) -> str:
    if not isinstance(code, str):
        return ""
    return (f'<span class="chip" style="{status_css(code)}">'
            f"{html.escape(label(code, lang))}</span>")


def _item(row: pd.Series, lang: str) -> str:
    head = [f'<span class="id">{_esc(row.get("action_id"))}</span>'] if pd.notna(
        row.get("action_id")) else []
    if isinstance(row.get("previous_status"), str):
        head.append(f'<span class="was">{_chip(row["previous_status"], lang)} → '
                    f'{_chip(row.get("status"), lang)}</span>')
    else:
        head.append(_chip(row.get("status"), lang))
    head.append(f'<span class="actor">{_esc(row.get("actor"))}</span>')
    if pd.notna(row.get("due_date")):
        due = t("list.due", lang, date=date(row["due_date"], lang))
        late = bool(row.get("overdue")) if pd.notna(row.get("overdue")) else False
        head.append(f'<span class="{"due late" if late else "due"}">{html.escape(due)}'
                    + (f" · {html.escape(t('brief.overdue', lang))}" if late else "")
                    + "</span>")
    comment = row.get("comment")
    body = f'<p class="text">{_esc(row.get("action"))}</p>'
    if isinstance(comment, str) and comment.strip():
        body += f'<p class="comment">{_esc(comment)}</p>'
    if isinstance(row.get("evidence"), str):
        label = html.escape(t("list.evidence", lang))
        body += f'<p class="evidence">{label} {evidence_html(row["evidence"])}</p>'
    return f'<li><div class="head">{"".join(head)}</div>{body}</li>'


def render(df: pd.DataFrame, lang: str, size_px: int = 18) -> str:
    """Return the actions as an HTML list at size_px (at least 18 px), escaped, with its CSS."""
    items = "".join(_item(row, lang) for _, row in df.iterrows())
    label = html.escape(t("list.label", lang))
    return (CSS + f'<ol class="action-list" aria-label="{label}" '
            f'style="--al-size:{max(size_px, 18)}px">{items}</ol>')


def _recommendation(row: pd.Series, lang: str) -> str:
    head = [f'<span class="id">{_esc(row.get("recommendation_id"))}</span>',
            _chip(row.get("status"), lang, rec_status_label),
            f'<span class="response">{html.escape(response_label(row["response"], lang))}'
            "</span>"]
    actions = int(row.get("actions") or 0)
    if actions:
        head.append('<span class="progress">' + html.escape(t(
            "list.rec_progress", lang, done=int(row.get("done") or 0), actions=actions,
            pct=percent(row.get("completion_pct"), lang, 0))) + "</span>")
    return (f'<li><div class="head">{"".join(head)}</div>'
            f'<p class="text">{_esc(row.get("recommendation"))}</p></li>')


def render_recommendations(recs: pd.DataFrame, lang: str, size_px: int = 18) -> str:
    """Return the recommendations as an HTML list at size_px (at least 18 px), escaped: each
    one's number, status, management's response, actions done and whole text."""
    items = "".join(_recommendation(row, lang) for _, row in recs.iterrows())
    label = html.escape(t("list.rec_label", lang))
    return (CSS + f'<ol class="action-list recommendation-list" aria-label="{label}" '
            f'style="--al-size:{max(size_px, 18)}px">{items}</ol>')
