"""The texts of the follow-up in depth: recommendations, an action's history, stalled actions,
deadlines and the choice of round to compare with. Bokmål, nynorsk and English."""

from __future__ import annotations

RECS: dict[str, dict[str, str]] = {
    "page.recommendations": {"nb": "Anbefalinger", "nn": "Tilrådingar",
                             "en": "Recommendations"},
    "filter.compare": {"nb": "Sammenlign med", "nn": "Samanlikn med", "en": "Compare with"},
    "filter.previous": {"nb": "(forrige)", "nn": "(førre)", "en": "(previous)"},
    "h.changes_since": {"nb": "Hva er endret siden runden per {as_of}",
                        "nn": "Kva er endra sidan runden per {as_of}",
                        "en": "What changed since the round as of {as_of}"},
    "empty.no_changes_since": {"nb": "Ingen endringer siden runden per {as_of}.",
                               "nn": "Ingen endringar sidan runden per {as_of}.",
                               "en": "No changes since the round as of {as_of}."},
    # an action's history
    "detail.pick": {"nb": "Vis historikken til et tiltak", "nn": "Vis historikken til eit tiltak",
                    "en": "Show the history of an action"},
    "detail.placeholder": {"nb": "Klikk på en rad, eller velg et tiltak",
                           "nn": "Klikk på ei rad, eller vel eit tiltak",
                           "en": "Click a row, or choose an action"},
    "detail.heading": {"nb": "Historikk: {action}", "nn": "Historikk: {action}",
                       "en": "History: {action}"},
    "detail.caption": {
        "nb": {"one": "Status og kommentar i den ene runden som har tiltaket.",
               "other": "Status og kommentar i hver av de {count} rundene som har tiltaket."},
        "nn": {"one": "Status og kommentar i den eine runden som har tiltaket.",
               "other": "Status og kommentar i kvar av dei {count} rundane som har tiltaket."},
        "en": {"one": "Status and comment in the one round that has the action.",
               "other": "Status and comment in each of the {count} rounds that have the "
                        "action."}},
    "detail.hint": {"nb": "Klikk på en rad for å se hva tiltaket sa i hver runde.",
                    "nn": "Klikk på ei rad for å sjå kva tiltaket sa i kvar runde.",
                    "en": "Click a row to see what the action said in every round."},
    "detail.close": {"nb": "Lukk historikken", "nn": "Lukk historikken", "en": "Close the history"},
    "detail.no_comment": {"nb": "(ingen kommentar)", "nn": "(ingen kommentar)",
                          "en": "(no comment)"},
    "chart.as_of": {"nb": "Per", "nn": "Per", "en": "As of"},
    # stalled actions and deadlines
    "h.stalled": {"nb": "Står stille", "nn": "Står stille", "en": "Stalled"},
    "h.stalled_caption": {
        "nb": {"one": "Tiltak som ikke er gjennomført og har samme status som i forrige runde.",
               "other": "Tiltak som ikke er gjennomført og har hatt samme status i minst "
                        "{count} runder på rad."},
        "nn": {"one": "Tiltak som ikkje er gjennomførte og har same status som i førre runde.",
               "other": "Tiltak som ikkje er gjennomførte og har hatt same status i minst "
                        "{count} rundar på rad."},
        "en": {"one": "Actions not done with the same status as in the previous round.",
               "other": "Actions not done that have had the same status for at least {count} "
                        "rounds in a row."}},
    "empty.stalled": {"nb": "Ingen tiltak står stille.", "nn": "Ingen tiltak står stille.",
                      "en": "No action has stalled."},
    "h.deadlines": {"nb": "Forfalt og snart forfalt", "nn": "Forfalle og snart forfalle",
                    "en": "Overdue and due soon"},
    "h.deadlines_caption": {
        "nb": {"one": "Tiltak som ikke er gjennomført, med frist senest {until} (rundens dato "
                      "og 1 dag).",
               "other": "Tiltak som ikke er gjennomført, med frist senest {until} (rundens "
                        "dato og {count} dager)."},
        "nn": {"one": "Tiltak som ikkje er gjennomførte, med frist seinast {until} (datoen "
                      "til runden og 1 dag).",
               "other": "Tiltak som ikkje er gjennomførte, med frist seinast {until} (datoen "
                        "til runden og {count} dagar)."},
        "en": {"one": "Actions not done that are due on or before {until} (the round's date "
                      "plus 1 day).",
               "other": "Actions not done that are due on or before {until} (the round's "
                        "date plus {count} days)."}},
    "empty.deadlines": {"nb": "Ingen frister er passert eller nær.",
                        "nn": "Ingen fristar er passerte eller nære.",
                        "en": "No deadline has passed or is near."},
    "col.rounds_unchanged": {"nb": "Runder uendret", "nn": "Rundar uendra",
                             "en": "Rounds unchanged"},
    "col.since": {"nb": "Siden", "nn": "Sidan", "en": "Since"},
    "col.days_overdue": {"nb": "Overtid", "nn": "Overtid", "en": "Overdue"},
    "xcol.days_overdue": {"nb": "Dager på overtid", "nn": "Dagar på overtid",
                          "en": "Days overdue"},
    "deadline.overdue": {"nb": {"one": "{count} dag over", "other": "{count} dager over"},
                         "nn": {"one": "{count} dag over", "other": "{count} dagar over"},
                         "en": {"one": "{count} day overdue", "other": "{count} days overdue"}},
    "deadline.today": {"nb": "i dag", "nn": "i dag", "en": "today"},
    "deadline.left": {"nb": {"one": "om {count} dag", "other": "om {count} dager"},
                      "nn": {"one": "om {count} dag", "other": "om {count} dagar"},
                      "en": {"one": "in {count} day", "other": "in {count} days"}},
    "h.recommendations": {"nb": "Anbefalingene", "nn": "Tilrådingane",
                          "en": "The recommendations"},
    "h.by_response": {"nb": "Anbefalinger etter ledelsens svar og status",
                      "nn": "Tilrådingar etter svaret frå leiinga og status",
                      "en": "Recommendations by management response and status"},
    "empty.recommendations": {"nb": "Runden har ingen anbefalinger (arket «Anbefalinger»).",
                              "nn": "Runden har ingen tilrådingar (arket «Anbefalinger»).",
                              "en": "The round has no recommendations (the sheet "
                                    "“Recommendations”)."},
    "col.recommendation_id": {"nb": "Nr", "nn": "Nr", "en": "No."},
    "col.response": {"nb": "Ledelsens svar", "nn": "Svaret frå leiinga",
                     "en": "Management response"},
    "col.completion_pct": {"nb": "Gjennomført", "nn": "Gjennomført", "en": "Done"},
    "col.done": {"nb": "Gjennomførte tiltak", "nn": "Gjennomførte tiltak", "en": "Actions done"},
    "col.recommendations": {"nb": "Anbefalinger", "nn": "Tilrådingar", "en": "Recommendations"},
    "col.implemented": {"nb": "Gjennomført", "nn": "Gjennomført", "en": "Implemented"},
    "chart.recommendations": {"nb": "Anbefalinger", "nn": "Tilrådingar",
                              "en": "Recommendations"},
    "response.accepted": {"nb": "Enig", "nn": "Einig", "en": "Accepted"},
    "response.partial": {"nb": "Delvis enig", "nn": "Delvis einig", "en": "Partially accepted"},
    "response.rejected": {"nb": "Uenig", "nn": "Ueinig", "en": "Rejected"},
    "response.no_response": {"nb": "Ikke besvart", "nn": "Ikkje svart", "en": "No response"},
    "rec_status.implemented": {"nb": "Gjennomført", "nn": "Gjennomført", "en": "Implemented"},
    "rec_status.partial": {"nb": "Delvis gjennomført", "nn": "Delvis gjennomført",
                           "en": "Partly implemented"},
    "rec_status.ongoing": {"nb": "Pågår", "nn": "Pågår", "en": "Ongoing"},
    "rec_status.not_started": {"nb": "Ikke påbegynt", "nn": "Ikkje påbyrja",
                               "en": "Not started"},
    "rec_status.no_actions": {"nb": "Uten tiltak", "nn": "Utan tiltak", "en": "No actions"},
    "kpi.implementation": {"nb": "Anbefalinger gjennomført", "nn": "Tilrådingar gjennomførte",
                           "en": "Recommendations implemented"},
    "kpi.implementation_help": {
        "nb": "Gjennomførte anbefalinger av dem ledelsen var enig eller delvis enig i. "
              "Avviste anbefalinger telles ikke.",
        "nn": "Gjennomførte tilrådingar av dei leiinga var einig eller delvis einig i. "
              "Avviste tilrådingar vert ikkje talde.",
        "en": "Implemented recommendations of those management accepted or partly accepted. "
              "Rejected ones are not counted."},
    "rec.implemented_of": {"nb": "{done} av {total} gjennomført",
                           "nn": "{done} av {total} gjennomførte",
                           "en": "{done} of {total} implemented"},
    "rec.rejected_note": {
        "nb": {"one": "1 anbefaling ble avvist og telles ikke i andelen.",
               "other": "{count} anbefalinger ble avvist og telles ikke i andelen."},
        "nn": {"one": "1 tilråding vart avvist og vert ikkje talt i delen.",
               "other": "{count} tilrådingar vart avviste og vert ikkje talde i delen."},
        "en": {"one": "1 recommendation was rejected and is not counted in the rate.",
               "other": "{count} recommendations were rejected and are not counted in the "
                        "rate."}},
    "brief.followup": {"nb": "Står stille og frister", "nn": "Står stille og fristar",
                       "en": "Stalled and deadlines"},
    "brief.recommendations": {"nb": "Anbefalinger og ledelsens svar",
                              "nn": "Tilrådingar og svaret frå leiinga",
                              "en": "Recommendations and management responses"},
    "export.stalled": {"nb": "Står stille", "nn": "Står stille", "en": "Stalled"},
    "export.deadlines": {"nb": "Frister", "nn": "Fristar", "en": "Deadlines"},
}
