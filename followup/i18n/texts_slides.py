"""The words of the slide deck (python -m followup slides), in bokmål, nynorsk and English."""

from __future__ import annotations

SLIDES: dict[str, dict[str, str]] = {
    "dl.slides": {"nb": "Lysbilder (pptx)", "nn": "Lysbilete (pptx)", "en": "Slides (pptx)"},
    "dl.slides_help": {
        "nb": "En PowerPoint-presentasjon for dette utvalget: nøkkeltall, grafer som kan "
              "redigeres, og tabeller over endringer og frister.",
        "nn": "Ein PowerPoint-presentasjon for dette utvalet: nøkkeltal, grafar som kan "
              "redigerast, og tabellar over endringar og fristar.",
        "en": "A PowerPoint deck for these filters: key figures, editable charts, and tables "
              "of changes and deadlines."},
    "slides.title": {"nb": "Statusorientering", "nn": "Statusorientering",
                     "en": "Status briefing"},
    "slides.kpis": {"nb": "Nøkkeltall", "nn": "Nøkkeltal", "en": "Key figures"},
    "slides.evaluations": {"nb": "Evaluering: {names}", "nn": "Evaluering: {names}",
                           "en": "Evaluation: {names}"},
    "slides.completion": {"nb": "Gjennomføring per ansvarlig", "nn": "Gjennomføring per ansvarleg",
                          "en": "Completion by actor"},
    "slides.multi": {"nb": "Flerårige og ettårige avtaler per år",
                     "nn": "Fleirårige og eittårige avtalar per år",
                     "en": "Multi-year and one-year agreements per year"},
    "slides.by_count": {"nb": "Antall avtaler med utbetaling", "nn": "Talet på avtalar med "
                                                                     "utbetaling",
                        "en": "Agreements with a disbursement"},
    "slides.by_amount": {"nb": "Utbetalt, mill. kr", "nn": "Utbetalt, mill. kr",
                         "en": "Disbursed, NOK million"},
    "slides.spend": {"nb": "Utbetalt per år mot porteføljenivået",
                     "nn": "Utbetalt per år mot porteføljenivået",
                     "en": "Disbursed per year against the portfolio level"},
    "slides.spend_filtered": {"nb": "Utbetalt per år", "nn": "Utbetalt per år",
                              "en": "Disbursed per year"},
    "slides.disbursed": {"nb": "Utbetalt", "nn": "Utbetalt", "en": "Disbursed"},
    "slides.level": {"nb": "Porteføljenivå ca. {level}", "nn": "Porteføljenivå ca. {level}",
                     "en": "Portfolio level about {level}"},
    "slides.changes": {"nb": "Hva er endret siden forrige runde",
                       "nn": "Kva er endra sidan førre runde",
                       "en": "What changed since the previous round"},
    "slides.changes_summary": {"nb": "{changed} har endret status · {new} nye · {removed} "
                                     "fjernet · sammenlignet med runden per {as_of}",
                               "nn": "{changed} har endra status · {new} nye · {removed} "
                                     "fjerna · samanlikna med runden per {as_of}",
                               "en": "{changed} changed status · {new} new · {removed} removed "
                                     "· compared with the round as of {as_of}"},
    "slides.first_round": {"nb": "Dette er første runde; det er ingenting å sammenligne med.",
                           "nn": "Dette er første runde; det er ingenting å samanlikne med.",
                           "en": "This is the first round; there is nothing to compare with."},
    "slides.no_changes": {"nb": "Ingen endringer siden forrige runde ({as_of}).",
                          "nn": "Ingen endringar sidan førre runde ({as_of}).",
                          "en": "No changes since the previous round ({as_of})."},
    "slides.no_actions": {"nb": "Ingen tiltak passer med utvalget.",
                          "nn": "Ingen tiltak passar med utvalet.",
                          "en": "No actions match these filters."},
    "slides.no_grants": {"nb": "Ingen tilskudd eller utbetalinger passer med utvalget.",
                         "nn": "Ingen tilskot eller utbetalingar passar med utvalet.",
                         "en": "No grants or disbursements match these filters."},
    "slides.no_rounds": {"nb": "Ingen rapporteringsrunder er lastet inn ennå.",
                         "nn": "Ingen rapporteringsrundar er lasta inn enno.",
                         "en": "No reporting rounds have been loaded yet."},
    "slides.part": {"nb": "{title} ({page} av {pages})", "nn": "{title} ({page} av {pages})",
                    "en": "{title} ({page} of {pages})"},
}

SLIDES.update({
    "slides.stalled": {"nb": "Tiltak som står stille", "nn": "Tiltak som står stille",
                       "en": "Stalled actions"},
    "slides.deadlines": {"nb": "Forfalte og snart forfalte tiltak",
                         "nn": "Forfalne og snart forfalne tiltak",
                         "en": "Overdue actions and actions due soon"},
})
