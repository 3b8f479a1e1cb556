"""Texts for the round's date found in a workbook, the meeting views and chart descriptions.

Plural messages hold a "one" and an "other" form per language (looked up with `tn`).
"""

MEETING = {
    # the round's date read from the workbook
    "cli.as_of_found": {
        "nb": "Rundens dato {as_of} er hentet fra arket {sheet}, rad {row}.",
        "nn": "Datoen for runden, {as_of}, er henta frå arket {sheet}, rad {row}.",
        "en": "The round's date {as_of} was read from sheet {sheet}, row {row}."},
    "cli.as_of_today": {
        "nb": "Advarsel: fant ingen dato i tittelradene i arbeidsboken; runden er datert i dag "
              "({as_of}). Oppgi --as-of for en annen dato.",
        "nn": "Åtvaring: fann ingen dato i tittelradene i arbeidsboka; runden er datert i dag "
              "({as_of}). Oppgi --as-of for ein annan dato.",
        "en": "Warning: no date was found in the workbook's title rows; the round is dated "
              "today ({as_of}). Give --as-of for another date."},
    "up.as_of_found": {
        "nb": "Datoen er hentet fra arket {sheet}, rad {row}: {text}",
        "nn": "Datoen er henta frå arket {sheet}, rad {row}: {text}",
        "en": "The date was read from sheet {sheet}, row {row}: {text}"},
    "up.as_of_today": {
        "nb": "Fant ingen dato i tittelradene (for eksempel «per 14.12.2012»); dagens dato er "
              "foreslått. Sjekk den før du importerer.",
        "nn": "Fann ingen dato i tittelradene (til dømes «per 14.12.2012»); dagens dato er "
              "føreslått. Sjekk han før du importerer.",
        "en": "No date was found in the title rows (such as “as of 2012-12-14”); today's date "
              "is proposed. Check it before importing."},
    "up.already_loaded": {
        "nb": "Denne filen er allerede importert som runde {snapshot} (per {as_of}). En ny "
              "import ville ikke endre noe.",
        "nn": "Denne fila er alt importert som runde {snapshot} (per {as_of}). Ein ny import "
              "ville ikkje endre noko.",
        "en": "This file is already imported as round {snapshot} (as of {as_of}). Importing "
              "it again would change nothing."},
    "up.import_loaded": {
        "nb": "Filen er allerede importert; det er ingenting å importere.",
        "nn": "Fila er alt importert; det er ingenting å importere.",
        "en": "The file is already imported; there is nothing to import."},
    # the audit log
    "audit.local_user": {"nb": "{name} (lokal bruker)", "nn": "{name} (lokal brukar)",
                         "en": "{name} (local user)"},
}
