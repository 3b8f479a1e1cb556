"""The follow-up chart builders and table labels are pure: a DataFrame in, a Figure out."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from followup.report.figures import charts, followup_charts, tables

HISTORY = pd.DataFrame({
    "snapshot_id": [1, 3, 2],
    "as_of": [dt.date(2012, 1, 16), dt.date(2012, 6, 29), dt.date(2012, 12, 14)],
    "status": ["not_started", "ongoing", "done"],
    "actor": ["Hum", "Hum", "IOM"],
    "comment": ["Starter", None, "Ferdig"],
})
RECS = pd.DataFrame({
    "recommendation_id": ["1", "2", "3", "4", "5"],
    "recommendation": ["r1", "r2", "r3", "r4", "r5"],
    "response": ["accepted", "accepted", "partial", "rejected", "accepted"],
    "actions": [2, 1, 1, 0, 3],
    "done": [2, 0, 1, 0, 1],
    "status": ["implemented", "ongoing", "implemented", "no_actions", "partial"],
    "completion_pct": [100.0, 0.0, 100.0, None, 33.3],
})


def test_the_timeline_has_a_dot_per_round_in_as_of_order_on_its_status_colour():
    fig = followup_charts.action_timeline(HISTORY, "nb")
    dots = fig.data[0]
    assert list(dots.x) == ["1", "3", "2"]
    assert list(fig.layout.xaxis.ticktext) == ["16.01.2012", "29.06.2012", "14.12.2012"]
    assert list(dots.marker.color) == [charts.STATUS_COLORS[s]
                                       for s in ("not_started", "ongoing", "done")]
    assert list(dots.text) == ["Ikke gjort", "Pågår", "Gjennomført"]
    assert [c[1] for c in dots.customdata] == ["Starter", "(ingen kommentar)", "Ferdig"]
    assert fig.layout.showlegend is False


def test_the_timeline_in_english_and_larger_for_a_projector():
    fig = followup_charts.action_timeline(HISTORY, "en", scale=1.35)
    assert list(fig.layout.xaxis.ticktext) == ["2012-01-16", "2012-06-29", "2012-12-14"]
    assert [c[1] for c in fig.data[0].customdata][1] == "(no comment)"
    assert fig.layout.height == 270


def test_recommendations_by_response_stacks_statuses_in_the_status_colours():
    fig = followup_charts.recommendations_by_response(RECS, "nb")
    assert [tr.name for tr in fig.data] == ["Gjennomført", "Delvis gjennomført", "Pågår",
                                            "Uten tiltak"]
    assert [tr.marker.color for tr in fig.data] == [
        charts.STATUS_COLORS[s] for s in ("done", "partial", "ongoing", "no_report")]
    assert list(fig.data[0].y) == ["Enig", "Delvis enig", "Uenig"]
    assert list(fig.data[0].x) == [1, 1, 0]  # implemented: 1 accepted, 1 partly accepted
    assert list(fig.data[3].x) == [0, 0, 1]  # the rejected one has no actions
    assert [a.text for a in fig.layout.annotations] == [
        "1 av 3<br>gjennomført", "1 av 1<br>gjennomført", "0 av 1<br>gjennomført"]  # narrow
    assert fig.layout.barmode == "stack"


def test_recommendations_by_response_in_nynorsk_and_english():
    nn = followup_charts.recommendations_by_response(RECS, "nn")
    assert list(nn.data[0].y) == ["Einig", "Delvis einig", "Ueinig"]
    en = followup_charts.recommendations_by_response(RECS, "en")
    assert list(en.data[0].y) == ["Accepted", "Partially accepted", "Rejected"]
    assert en.layout.annotations[0].text == "1 of 3<br>implemented"


def test_deadline_words_for_overdue_today_and_left():
    assert [tables.deadline(d, "nb") for d in (74, 1, 0, -1, -48)] == [
        "74 dager over", "1 dag over", "i dag", "om 1 dag", "om 48 dager"]
    assert [tables.deadline(d, "en") for d in (1, 0, -90)] == [
        "1 day overdue", "today", "in 90 days"]


def test_recommendation_table_labels_responses_statuses_and_shares():
    out = tables.labelled(RECS, tables.RECOMMENDATION_COLUMNS, "nb")
    assert list(out["response"]) == ["Enig", "Enig", "Delvis enig", "Uenig", "Enig"]
    assert list(out["status"]) == ["Gjennomført", "Pågår", "Gjennomført", "Uten tiltak",
                                   "Delvis gjennomført"]
    assert list(out["completion_pct"]) == ["100\u00a0%", "0\u00a0%", "100\u00a0%", "–",
                                           "33\u00a0%"]
    kept = tables.labelled(RECS, tables.RECOMMENDATION_COLUMNS, "nb", bars=("completion_pct",))
    assert list(kept["completion_pct"])[:3] == [100.0, 0.0, 100.0]
    assert tables.status_css("implemented") == tables.status_css("done")
    assert tables.status_css("no_actions") == tables.status_css("no_report")


def test_a_grant_without_country_or_title_shows_a_blank_not_none():
    grants = pd.DataFrame({"grant_id": ["G1"], "partner": ["IOM"], "title": [None],
                           "section": ["Hum"], "region": ["Globalt"], "country": [None],
                           "start_date": [None], "end_date": [None], "grant_type": ["one-year"],
                           "amount_nok": [None], "disbursed_nok": [1000.0]})
    row = tables.labelled(grants, tables.GRANT_COLUMNS, "nb").iloc[0]
    assert (row["title"], row["country"], row["disbursed_nok"]) == ("", "", "1\u00a0000")


def test_the_recommendations_list_says_each_ones_status_response_and_progress_in_text():
    import re

    from followup.report.figures import action_list

    recs = pd.DataFrame({
        "recommendation_id": ["1", "7"],
        "recommendation": ["Legg anbefalingene til grunn <b>sentralt</b> & lokalt",
                           "Overlat rettshåndhevelse til andre"],
        "response": ["accepted", "rejected"], "actions": [3, 0], "done": [2, 0],
        "status": ["partial", "no_actions"], "completion_pct": [66.7, float("nan")]})
    page = action_list.render_recommendations(recs, "nb", 24)
    assert "--al-size:24px" in page and 'aria-label="Anbefalingene som liste"' in page
    items = re.findall(r"<li>(.*?)</li>", page)
    texts = [re.sub(r"<[^>]+>", "|", item) for item in items]
    assert [re.split(r"\|+", t.strip("|")) for t in texts] == [
        ["1", "Delvis gjennomført", "Enig", "2 av 3 tiltak gjennomført (67\u00a0%)",
         "Legg anbefalingene til grunn &lt;b&gt;sentralt&lt;/b&gt; &amp; lokalt"],
        ["7", "Uten tiltak", "Uenig", "Overlat rettshåndhevelse til andre"]]
    assert "<b>" not in page
    english = action_list.render_recommendations(recs, "en")
    assert "2 of 3 actions done (67%)" in english and "--al-size:18px" in english
    assert "2 av 3 tiltak gjennomførte (67\u00a0%)" in action_list.render_recommendations(
        recs, "nn")
