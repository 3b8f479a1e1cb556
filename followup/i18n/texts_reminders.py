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
}
