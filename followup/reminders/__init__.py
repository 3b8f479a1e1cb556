"""Stage 4, reminders: a round's state in, e-mails to the responsible actors out.

`rule` says who is chased for what (overdue, due within the due-soon window, not reported,
stalled; the windows come from `settings`), `message` writes each actor's e-mail (plain text
and HTML, as an .eml draft or for sending), `delivery` sends over SMTP (STARTTLS or SMTPS,
with the certificate checked) and `log` writes each delivery and refusal to the audit log.
All mail code lives here. It may import `workbook`, `store` and `report`; the command line
(`cli.reminders`) and the app (`ui.reminders`) call it.
"""
