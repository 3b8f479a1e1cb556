"""Reminder e-mails: one RFC 5322 message per actor, plain text with a simple HTML twin.

Pure functions of a `chase.Chase`: nothing is sent here. The HTML part escapes every value
from the workbook and refers to nothing outside the message (no images, no style sheets).
A draft (`draft=True`, for the `.eml` files) carries `X-Unsent: 1`, so Outlook opens it as a
message to review and send. The address headers are made of parsed `Address` objects
(`addresses`): a name or address from a workbook cannot add a recipient. A reminder may carry
the actor's request for a status (`reminders --attach-requests`) as an .xlsx attachment.
"""

from __future__ import annotations

import html
import io
import re
import unicodedata
import zipfile
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from followup.i18n import date, quote, status_label, t, tn
from followup.reminders import addresses
from followup.reminders.rule import Chase, Item, Reminder

_SLUG = re.compile(r"[^a-z0-9]+")
XLSX = ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
# an actor's request to attach: (file name, .xlsx bytes)
Attachment = tuple[str, bytes]


def subject(reminder: Reminder, chase: Chase, lang: str) -> str:
    """Return `Oppfølging av evalueringen: 2 tiltak å rapportere på (per 30.06.2014)`."""
    return tn("rem.subject", len(reminder.items), lang, as_of=date(chase.as_of, lang))


def due_text(item: Item, lang: str, labelled: bool = True) -> str:
    """Return the due date with how late or near it is (`Frist: 01.10.2012, 74 dager over
    fristen`; without `Frist:` for a table's column), or that there is none."""
    if item.due_date is None:
        return t("rem.no_due", lang)
    text = date(item.due_date, lang)
    text = t("rem.due", lang, date=text) if labelled else text
    if item.days_overdue is None:
        return text
    if item.days_overdue > 0:
        return f"{text}, {tn('rem.overdue', item.days_overdue, lang)}"
    if item.days_overdue == 0:
        return f"{text}, {t('rem.due_today', lang)}"
    return f"{text}, {tn('rem.days_left', -item.days_overdue, lang)}"


def _title(item: Item) -> str:
    return f"{item.action_id} – {item.action}" if item.action_id else item.action


def _reasons(item: Item, lang: str) -> str:
    return t("rem.why", lang, reasons=", ".join(t(f"rem.reason.{r}", lang)
                                                 for r in item.reasons))


def _comment(item: Item, lang: str) -> str:
    if not item.last_comment:
        return t("rem.no_comment", lang)
    return t("rem.last_comment", lang, comment=quote(item.last_comment, lang))


def plain_text(reminder: Reminder, chase: Chase, lang: str) -> str:
    """Return the message's plain-text body."""
    lines = [t("rem.greeting", lang), "",
             tn("rem.intro", len(reminder.items), lang, as_of=date(chase.as_of, lang),
                actor=reminder.actor), ""]
    for number, item in enumerate(reminder.items, start=1):
        lines.append(f"{number}. {_title(item)}")
        lines.append("   " + " · ".join((
            t("rem.status", lang, status=status_label(item.status, lang)),
            due_text(item, lang), tn("rem.unchanged", item.rounds_unchanged, lang))))
        lines.append("   " + _comment(item, lang))
        lines.append("   " + _reasons(item, lang))
        lines.append("")
    lines += [t("rem.ask", lang), "", t("rem.signoff", lang), ""]
    return "\n".join(lines)


def _cell(text: str) -> str:
    return f'<td style="padding:4px 8px;border:1px solid #ccc;vertical-align:top">' \
           f"{html.escape(text)}</td>"


def html_text(reminder: Reminder, chase: Chase, lang: str) -> str:
    """Return the message's HTML body: the same words, the actions as a table."""
    head = "".join(f'<th style="padding:4px 8px;border:1px solid #ccc;text-align:left">'
                   f"{html.escape(t(f'rem.col.{c}', lang))}</th>"
                   for c in ("id", "action", "status", "due", "unchanged", "comment"))
    rows = "".join(
        "<tr>" + "".join(_cell(v) for v in (
            item.action_id or "", item.action, status_label(item.status, lang),
            due_text(item, lang, labelled=False),
            tn("rem.unchanged", item.rounds_unchanged, lang), item.last_comment or "")) + "</tr>"
        for item in reminder.items)
    intro = tn("rem.intro", len(reminder.items), lang, as_of=date(chase.as_of, lang),
               actor=reminder.actor)
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"></head>'
            f'<body style="font-family:Arial,sans-serif;font-size:14px">'
            f"<p>{html.escape(t('rem.greeting', lang))}</p><p>{html.escape(intro)}</p>"
            f'<table style="border-collapse:collapse"><thead><tr>{head}</tr></thead>'
            f"<tbody>{rows}</tbody></table>"
            f"<p>{html.escape(t('rem.ask', lang))}</p>"
            f"<p>{html.escape(t('rem.signoff', lang))}</p></body></html>")


def message(reminder: Reminder, chase: Chase, lang: str, sender: Address | None = None,
            draft: bool = True, when=None, attachment: Attachment | None = None) -> EmailMessage:
    """Return the reminder to one actor as an e-mail (a draft carries `X-Unsent: 1`), with
    the actor's request attached when given."""
    msg = EmailMessage()
    if sender is not None:
        msg["From"] = sender
    if reminder.emails:
        msg["To"] = addresses.mailboxes(reminder.emails)
    msg["Subject"] = subject(reminder, chase, lang)
    if when is not None:
        msg["Date"] = format_datetime(when)
    msg["Message-ID"] = make_msgid("oppfolging", domain=sender.domain if sender is not None
                                   else "oppfolging.invalid")
    if draft:
        msg["X-Unsent"] = "1"
    msg.set_content(plain_text(reminder, chase, lang))
    msg.add_alternative(html_text(reminder, chase, lang), subtype="html")
    if attachment is not None:
        msg.add_attachment(attachment[1], maintype=XLSX[0], subtype=XLSX[1],
                           filename=attachment[0])
    msg["Content-Language"] = {"nb": "nb-NO", "nn": "nn-NO"}.get(lang, "en")
    return msg


def file_name(index: int, actor: str) -> str:
    """Return a safe file name for an actor's draft (`01-hum-seksjonen.eml`)."""
    ascii_name = unicodedata.normalize("NFKD", actor.replace("ø", "o").replace("Ø", "O")
                                       .replace("æ", "ae").replace("Æ", "Ae"))
    slug = _SLUG.sub("-", ascii_name.encode("ascii", "ignore").decode().lower()).strip("-")
    return f"{index:02d}-{slug[:60] or 'ansvarlig'}.eml"


def drafts(chase: Chase, lang: str, sender: Address | None = None,
           attachments: dict[str, Attachment] | None = None) -> dict[str, bytes]:
    """Return {file name: .eml bytes}, one draft per actor to remind, in the chase's order
    (with the actor's request attached, when `attachments` has one for the actor)."""
    attachments = attachments or {}
    return {file_name(i, r.actor): message(r, chase, lang, sender,
                                           attachment=attachments.get(r.actor)).as_bytes()
            for i, r in enumerate(chase.reminders, start=1)}


def drafts_zip(chase: Chase, lang: str, sender: Address | None = None) -> bytes:
    """Return a zip of every draft."""
    return packed(drafts(chase, lang, sender))


def packed(files: dict[str, bytes]) -> bytes:
    """Return a zip of these files ({safe file name: bytes})."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()
