"""The texts of the contacts sheet and the reminders, in bokmål, nynorsk and English."""

from __future__ import annotations

REMINDERS: dict[str, dict[str, str]] = {
    "kind.contacts": {"nb": "Kontakter", "nn": "Kontaktar", "en": "Contacts"},
    "problem.bad_email": {
        "nb": "{quoted} er ikke en e-postadresse (skriv f.eks. navn@ud.no; flere skilles med "
              "; eller ,).",
        "nn": "{quoted} er ikkje ei e-postadresse (skriv t.d. namn@ud.no; fleire skil ein med "
              "; eller ,).",
        "en": "{quoted} is not an e-mail address (write e.g. name@mfa.no; separate several "
              "with ; or ,)."},
    "problem.unknown_contact_actor": {
        "nb": "{quoted} står ikke som ansvarlig i arket {actions_sheet}; adressen brukes bare "
              "om navnet er skrevet likt der.",
        "nn": "{quoted} står ikkje som ansvarleg i arket {actions_sheet}; adressa blir berre "
              "brukt om namnet er skrive likt der.",
        "en": "{quoted} is not a responsible actor in the sheet {actions_sheet}; the address is "
              "only used when the name is written the same there."},
    "up.count.contacts": {"nb": "Kontaktadresser", "nn": "Kontaktadresser",
                          "en": "Contact addresses"},
    "cli.contacts": {"nb": "  Kontaktadresser: {contacts}", "nn": "  Kontaktadresser: {contacts}",
                     "en": "  Contact addresses: {contacts}"},
    # the messages
    "rem.subject": {
        "nb": {"one": "Oppfølging av evalueringen: {count} tiltak å rapportere på (per {as_of})",
               "other": "Oppfølging av evalueringen: {count} tiltak å rapportere på (per "
                        "{as_of})"},
        "nn": {"one": "Oppfølging av evalueringa: {count} tiltak å rapportere på (per {as_of})",
               "other": "Oppfølging av evalueringa: {count} tiltak å rapportere på (per "
                        "{as_of})"},
        "en": {"one": "Follow-up of the evaluation: {count} action to report on (as of {as_of})",
               "other": "Follow-up of the evaluation: {count} actions to report on (as of "
                        "{as_of})"}},
    "rem.greeting": {"nb": "Hei,", "nn": "Hei,", "en": "Hello,"},
    "rem.intro": {
        "nb": {"one": "I oppfølgingen av evalueringen per {as_of} står {actor} som ansvarlig "
                      "for {count} tiltak som vi ber om en oppdatering på:",
               "other": "I oppfølgingen av evalueringen per {as_of} står {actor} som ansvarlig "
                        "for {count} tiltak som vi ber om en oppdatering på:"},
        "nn": {"one": "I oppfølginga av evalueringa per {as_of} står {actor} som ansvarleg for "
                      "{count} tiltak som vi ber om ei oppdatering på:",
               "other": "I oppfølginga av evalueringa per {as_of} står {actor} som ansvarleg "
                        "for {count} tiltak som vi ber om ei oppdatering på:"},
        "en": {"one": "In the follow-up of the evaluation as of {as_of}, {actor} is responsible "
                      "for {count} action we ask you to update us on:",
               "other": "In the follow-up of the evaluation as of {as_of}, {actor} is "
                        "responsible for {count} actions we ask you to update us on:"}},
    "rem.status": {"nb": "Status: {status}", "nn": "Status: {status}", "en": "Status: {status}"},
    "rem.due": {"nb": "Frist: {date}", "nn": "Frist: {date}", "en": "Due: {date}"},
    "rem.no_due": {"nb": "Ingen frist", "nn": "Inga frist", "en": "No due date"},
    "rem.overdue": {
        "nb": {"one": "{count} dag over fristen", "other": "{count} dager over fristen"},
        "nn": {"one": "{count} dag over fristen", "other": "{count} dagar over fristen"},
        "en": {"one": "{count} day overdue", "other": "{count} days overdue"}},
    "rem.due_today": {"nb": "fristen er i dag", "nn": "fristen er i dag", "en": "due today"},
    "rem.days_left": {
        "nb": {"one": "om {count} dag", "other": "om {count} dager"},
        "nn": {"one": "om {count} dag", "other": "om {count} dagar"},
        "en": {"one": "in {count} day", "other": "in {count} days"}},
    "rem.unchanged": {
        "nb": {"one": "Status fra denne runden", "other": "Uendret i {count} runder"},
        "nn": {"one": "Status frå denne runden", "other": "Uendra i {count} rundar"},
        "en": {"one": "Status since this round", "other": "Unchanged for {count} rounds"}},
    "rem.last_comment": {"nb": "Siste kommentar: {comment}", "nn": "Siste kommentar: {comment}",
                         "en": "Last comment: {comment}"},
    "rem.no_comment": {"nb": "Ingen kommentar ennå.", "nn": "Ingen kommentar enno.",
                       "en": "No comment yet."},
    "rem.why": {"nb": "Purres fordi: {reasons}", "nn": "Purra fordi: {reasons}",
                "en": "Reminded because: {reasons}"},
    "rem.reason.overdue": {"nb": "fristen er passert", "nn": "fristen er passert",
                           "en": "the due date has passed"},
    "rem.reason.due_soon": {"nb": "fristen nærmer seg", "nn": "fristen nærmar seg",
                            "en": "the due date is near"},
    "rem.reason.no_report": {"nb": "ikke rapportert", "nn": "ikkje rapportert",
                             "en": "not reported"},
    "rem.reason.stalled": {"nb": "samme status over flere runder",
                           "nn": "same status over fleire rundar",
                           "en": "the same status over several rounds"},
    "rem.ask": {
        "nb": "Svar gjerne på denne e-posten med status, hva som er gjort, og eventuelt ny "
              "frist, innen neste rapportering.",
        "nn": "Svar gjerne på denne e-posten med status, kva som er gjort, og eventuelt ny "
              "frist, innan neste rapportering.",
        "en": "Please reply to this e-mail with the status, what has been done and any new due "
              "date before the next report."},
    "rem.signoff": {"nb": "Vennlig hilsen", "nn": "Venleg helsing", "en": "Kind regards"},
    "rem.col.id": {"nb": "ID", "nn": "ID", "en": "ID"},
    "rem.col.action": {"nb": "Tiltak", "nn": "Tiltak", "en": "Action"},
    "rem.col.status": {"nb": "Status", "nn": "Status", "en": "Status"},
    "rem.col.due": {"nb": "Frist", "nn": "Frist", "en": "Due"},
    "rem.col.unchanged": {"nb": "Uendret", "nn": "Uendra", "en": "Unchanged"},
    "rem.col.comment": {"nb": "Siste kommentar", "nn": "Siste kommentar",
                        "en": "Last comment"},
    "event.reminder": {"nb": "Purring sendt", "nn": "Purring send", "en": "Reminder sent"},
    "event.reminder_failed": {"nb": "Purring ikke levert", "nn": "Purring ikkje levert",
                              "en": "Reminder not delivered"},
    "col.recipients": {"nb": "Mottakere", "nn": "Mottakarar", "en": "Recipients"},
    # the command line
    "cli.rem.none": {"nb": "Ingen å purre på per {as_of} (runde {snapshot}).",
                     "nn": "Ingen å purre på per {as_of} (runde {snapshot}).",
                     "en": "Nobody to remind as of {as_of} (round {snapshot})."},
    "cli.rem.round": {
        "nb": {"one": "Purringer per {as_of} (runde {snapshot}): {count} ansvarlig.",
               "other": "Purringer per {as_of} (runde {snapshot}): {count} ansvarlige."},
        "nn": {"one": "Purringar per {as_of} (runde {snapshot}): {count} ansvarleg.",
               "other": "Purringar per {as_of} (runde {snapshot}): {count} ansvarlege."},
        "en": {"one": "Reminders as of {as_of} (round {snapshot}): {count} actor.",
               "other": "Reminders as of {as_of} (round {snapshot}): {count} actors."}},
    "cli.rem.actor": {
        "nb": {"one": "  {actor}: {count} tiltak ({ids}) → {to}",
               "other": "  {actor}: {count} tiltak ({ids}) → {to}"},
        "nn": {"one": "  {actor}: {count} tiltak ({ids}) → {to}",
               "other": "  {actor}: {count} tiltak ({ids}) → {to}"},
        "en": {"one": "  {actor}: {count} action ({ids}) → {to}",
               "other": "  {actor}: {count} actions ({ids}) → {to}"}},
    "cli.rem.no_address": {"nb": "ingen adresse", "nn": "inga adresse", "en": "no address"},
    "cli.rem.no_id": {"nb": "uten ID", "nn": "utan ID", "en": "no ID"},
    "cli.rem.without": {"nb": "Uten e-postadresse (legg dem i arket Kontakter): {actors}",
                        "nn": "Utan e-postadresse (legg dei i arket Kontaktar): {actors}",
                        "en": "Without an e-mail address (add them to the sheet Contacts): "
                              "{actors}"},
    "cli.rem.skipped": {"nb": "  {actor}: hoppet over, ingen adresse",
                        "nn": "  {actor}: hoppa over, inga adresse",
                        "en": "  {actor}: skipped, no address"},
    "cli.rem.sent": {"nb": "  {actor}: sendt til {to}", "nn": "  {actor}: send til {to}",
                     "en": "  {actor}: sent to {to}"},
    "cli.rem.failed": {"nb": "  {actor}: IKKE levert til {to}: {error}",
                       "nn": "  {actor}: IKKJE levert til {to}: {error}",
                       "en": "  {actor}: NOT delivered to {to}: {error}"},
    "cli.rem.outcome": {
        "nb": "Sendt {sent} av {total}; {failed} ikke levert, {skipped} uten adresse.",
        "nn": "Send {sent} av {total}; {failed} ikkje levert, {skipped} utan adresse.",
        "en": "Sent {sent} of {total}; {failed} not delivered, {skipped} without an address."},
    "cli.rem.bad_days": {"nb": "--days må være 0 eller mer (fikk {days}).",
                         "nn": "--days må vere 0 eller meir (fekk {days}).",
                         "en": "--days must be 0 or more (got {days})."},
    "cli.rem.need_out": {"nb": "Oppgi --out MAPPE for utkastene, eller --send for å sende.",
                         "nn": "Oppgi --out MAPPE for utkasta, eller --send for å sende.",
                         "en": "Give --out FOLDER for the drafts, or --send to send them."},
    "cli.smtp.no_host": {
        "nb": "Ingen SMTP-server: oppgi --smtp-host eller FOLLOWUP_SMTP_HOST.",
        "nn": "Ingen SMTP-tenar: oppgi --smtp-host eller FOLLOWUP_SMTP_HOST.",
        "en": "No SMTP server: give --smtp-host or FOLLOWUP_SMTP_HOST."},
    "cli.smtp.no_from": {
        "nb": "Ingen avsender: sett FOLLOWUP_SMTP_FROM (f.eks. «Oppfølging <kari@ud.no>»).",
        "nn": "Ingen avsendar: set FOLLOWUP_SMTP_FROM (t.d. «Oppfølging <kari@ud.no>»).",
        "en": "No sender: set FOLLOWUP_SMTP_FROM (e.g. “Follow-up <kari@mfa.no>”)."},
}
