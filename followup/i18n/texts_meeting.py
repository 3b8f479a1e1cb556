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
    # charts said in words (text alternatives for screen readers)
    "alt.actors": {"nb": {"one": "{count} ansvarlig", "other": "{count} ansvarlige"},
                   "nn": {"one": "{count} ansvarleg", "other": "{count} ansvarlege"},
                   "en": {"one": "{count} actor", "other": "{count} actors"}},
    "alt.actions": {"nb": {"one": "{count} tiltak", "other": "{count} tiltak"},
                    "nn": {"one": "{count} tiltak", "other": "{count} tiltak"},
                    "en": {"one": "{count} action", "other": "{count} actions"}},
    "alt.rounds": {"nb": {"one": "{count} rapporteringsrunde", "other": "{count} "
                          "rapporteringsrunder"},
                   "nn": {"one": "{count} rapporteringsrunde", "other": "{count} "
                          "rapporteringsrundar"},
                   "en": {"one": "{count} reporting round", "other": "{count} reporting "
                          "rounds"}},
    "alt.grants": {"nb": {"one": "{count} avtale", "other": "{count} avtaler"},
                   "nn": {"one": "{count} avtale", "other": "{count} avtalar"},
                   "en": {"one": "{count} agreement", "other": "{count} agreements"}},
    "alt.partners_n": {"nb": {"one": "den {count} partneren", "other": "de {count} partnerne"},
                       "nn": {"one": "den {count} partnaren", "other": "dei {count} "
                              "partnarane"},
                       "en": {"one": "the {count} partner", "other": "the {count} partners"}},
    "alt.completion": {
        "nb": "Liggende stolper: status for {actions} fordelt på {actors}. Høyest andel "
              "gjennomført har {best} ({pct}).",
        "nn": "Liggjande stolpar: status for {actions} fordelt på {actors}. Høgast del "
              "gjennomført har {best} ({pct}).",
        "en": "Horizontal bars: the status of {actions} across {actors}. {best} has the "
              "highest share done ({pct})."},
    "alt.trend": {
        "nb": "Stablede stolper: tiltak per status i {rounds}. I siste runde ({as_of}) er "
              "{done} av {actions} gjennomført.",
        "nn": "Stabla stolpar: tiltak per status i {rounds}. I siste runde ({as_of}) er "
              "{done} av {actions} gjennomførte.",
        "en": "Stacked bars: actions per status in {rounds}. In the latest round ({as_of}), "
              "{done} of {actions} are done."},
    "alt.by_type_grants": {
        "nb": "Stolper: flerårige og ettårige avtaler med utbetaling per år, {first}–{last}. "
              "I {last}: {multi} flerårige og {one} ettårige.",
        "nn": "Stolpar: fleirårige og eittårige avtalar med utbetaling per år, {first}–{last}. "
              "I {last}: {multi} fleirårige og {one} eittårige.",
        "en": "Bars: multi-year and one-year agreements with a disbursement per year, "
              "{first}–{last}. In {last}: {multi} multi-year and {one} one-year."},
    "alt.by_type_amount": {
        "nb": "Stablede stolper: utbetalt til flerårige og ettårige avtaler per år, "
              "{first}–{last}. I {last}: {multi} til flerårige og {one} til ettårige.",
        "nn": "Stabla stolpar: utbetalt til fleirårige og eittårige avtalar per år, "
              "{first}–{last}. I {last}: {multi} til fleirårige og {one} til eittårige.",
        "en": "Stacked bars: disbursed to multi-year and one-year agreements per year, "
              "{first}–{last}. In {last}: {multi} to multi-year and {one} to one-year."},
    "alt.share": {
        "nb": "Linje: flerårig andel av utbetalingene per år, fra {first_pct} i {first} til "
              "{last_pct} i {last}.",
        "nn": "Linje: fleirårig del av utbetalingane per år, frå {first_pct} i {first} til "
              "{last_pct} i {last}.",
        "en": "Line: the multi-year share of spend per year, from {first_pct} in {first} to "
              "{last_pct} in {last}."},
    "alt.spend": {
        "nb": "Stolper: utbetalt per år, {first}–{last}, med summen på hver stolpe. Mest i "
              "{peak}: {amount}.",
        "nn": "Stolpar: utbetalt per år, {first}–{last}, med summen på kvar stolpe. Mest i "
              "{peak}: {amount}.",
        "en": "Bars: disbursed per year, {first}–{last}, with the total on each bar. Most in "
              "{peak}: {amount}."},
    "alt.level": {"nb": "En stiplet linje viser porteføljenivået, ca. {level} i året.",
                  "nn": "Ei stipla linje viser porteføljenivået, ca. {level} i året.",
                  "en": "A dashed line shows the portfolio level, about {level} a year."},
    "alt.change": {
        "nb": "Stolper: endring i utbetalt fra året før, {first}–{last}. I {year}: {amount}.",
        "nn": "Stolpar: endring i utbetalt frå året før, {first}–{last}. I {year}: {amount}.",
        "en": "Bars: the change in spend from the year before, {first}–{last}. In {year}: "
              "{amount}."},
    "alt.change_none": {"nb": "Ingen tall å vise.", "nn": "Ingen tal å vise.",
                        "en": "No figures to show."},
    "alt.partners": {
        "nb": "Liggende stolper: {partners} som fikk mest. Størst er {partner} med {amount} "
              "({pct}).",
        "nn": "Liggjande stolpar: {partners} som fekk mest. Størst er {partner} med {amount} "
              "({pct}).",
        "en": "Horizontal bars: {partners} that received the most. The largest is {partner} "
              "with {amount} ({pct})."},
    "h.partners_in": {"nb": "Største partnere, {period}", "nn": "Største partnarar, {period}",
                      "en": "Largest partners, {period}"},
}
