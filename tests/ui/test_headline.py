"""One headline per page (issue 24 #6): a sentence a director can read aloud first, from the
pages' own queries, so it agrees with the key figures under it. The sample's December round
(14.12.2012): 18 actions, 17 applicable, 5 done (29,4 %), 3 overdue, 2 stalled; 62,1 mill. kr
disbursed in 2012, 93,9 % of it to multi-year agreements. Its recommendations (the state as of
that round: the IOM evaluation's 7 and the return evaluation's 3 from 15.10.2012): 9 accepted or
partly accepted (IOM 1-6, return 1-3), 1 rejected (IOM 7); implemented, every applicable action
done, only IOM 3 (UD-6) — IOM 1 has UD-5 partly done, IOM 2 UD-3/UD-4 not done, IOM 4 UD-7
ongoing, IOM 5 IOM-1 begun, IOM 6 IOM-3 partly done, return 1 RR-2 ongoing, return 2 RR-3 not
done, return 3 RR-5 not done: 1 of 9 (the card's 11,1 %)."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
from streamlit.testing.v1 import AppTest

from followup.report.figures import kpis
from tests.support import APP

ACTIONS = {"nb": "5 av 17 tiltak gjennomført · 3 forfalt · 2 står stille",
           "nn": "5 av 17 tiltak gjennomførte · 3 forfalne · 2 står stille",
           "en": "5 of 17 actions done · 3 overdue · 2 stalled"}
SPEND = {"nb": "62,1 mill.\u00a0kr utbetalt i 2012 · 94\u00a0% til flerårige avtaler",
         "nn": "62,1 mill.\u00a0kr utbetalt i 2012 · 94\u00a0% til fleirårige avtalar",
         "en": "NOK\u00a062.1m disbursed in 2012 · 94% to multi-year agreements"}
RECOMMENDATIONS = {
    "nb": "1 av 9 anbefalinger ledelsen er enig i, er gjennomført · 1 avvist",
    "nn": "1 av 9 tilrådingar leiinga er einig i, er gjennomførte · 1 avviste",
    "en": "1 of 9 accepted recommendations implemented · 1 rejected"}
PAGES = {"overview": ACTIONS, "evaluations": ACTIONS, "followup": ACTIONS,
         "recommendations": RECOMMENDATIONS, "grants": SPEND, "portfolio": SPEND}


def headlines(at: AppTest) -> list[str]:
    """Return the text of the page's headline elements."""
    return [re.sub(r"<[^>]+>", "", h.proto.body) for h in at.get("html")
            if 'class="page-headline"' in h.proto.body]


def test_every_page_opens_with_its_headline_in_each_language(tmp_path, monkeypatch):
    monkeypatch.setenv("FOLLOWUP_DB", str(tmp_path / "db" / "followup.duckdb"))  # the sample
    at = AppTest.from_file(APP, default_timeout=60).run()
    seen = {}
    for lang in ("nb", "nn", "en"):
        at.segmented_control(key="lang").set_value(lang).run()
        for name in PAGES:
            at.switch_page(f"pages/{name}.py").run()
            assert not at.exception
            seen[(name, lang)] = headlines(at)
    assert seen == {(name, lang): [words[lang]] for name, words in PAGES.items()
                    for lang in ("nb", "nn", "en")}


def test_no_headline_when_the_filters_leave_nothing():
    empty = pd.DataFrame({"actions": [0], "applicable": [0], "done": [0], "overdue": [0]})
    assert kpis.action_headline(empty, 0, "nb") is None
    rates = pd.DataFrame({"recommendations": [0], "accepted": [0], "implemented": [0],
                          "rejected": [0]})
    assert kpis.recommendation_headline(rates, "nb") is None
    # all rejected: none to implement, said as 0 of 0 with the rejected beside it
    rejected = rates.assign(recommendations=2, rejected=2)
    assert kpis.recommendation_headline(rejected, "en") == \
        "0 of 0 accepted recommendations implemented · 2 rejected"
    spend = pd.DataFrame({"year": [2011, 2013], "amount_nok": [1_000_000.0, 5_000_000.0]})
    share = pd.DataFrame({"year": [2011], "multi_year_pct": [None]})
    # the year the cards describe: the round's year or the last before it; no share, no half
    assert kpis.spend_headline(spend, share, dt.date(2012, 12, 14), "nb") == \
        "1,0 mill.\u00a0kr utbetalt i 2011"
    assert kpis.spend_headline(spend.head(0), share, dt.date(2012, 12, 14), "nb") is None
