"""Each chart carries its sentence and its data as a table (the chart's table view), written as
the chart writes it, in the user's language; figures computed by hand from the frames."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from followup.report.figures import alt, charts, followup_charts, portfolio_charts
from tests.report.test_charts import BY_ACTOR, BY_TYPE, SPEND
from tests.report.test_followup_charts import HISTORY, RECS

NBSP = "\u00a0"
TREND = pd.DataFrame({"snapshot_id": [1, 1, 2], "as_of": [dt.date(2012, 6, 29)] * 2
                      + [dt.date(2012, 12, 14)], "status": ["done", "ongoing", "done"],
                      "actions": [1, 3, 4]})


def table(fig) -> list[list[str]]:
    found = alt.table_of(fig)
    return [found.head, *found.rows]


def test_completion_by_actor_counts_each_status_and_the_share_done():
    assert table(charts.completion_by_actor(BY_ACTOR, "nb")) == [
        ["Ansvarlig", "Gjennomført", "Pågår", "Ikke gjort", "Bortfalt", "Andel gjennomført"],
        ["Hum", "1", "1", "0", "0", f"50{NBSP}%"],
        ["IOM", "1", "0", "1", "1", f"50{NBSP}%"],
    ]
    assert table(charts.completion_by_actor(BY_ACTOR, "en", compact=True))[0][-1] == "Share done"


def test_the_trend_counts_each_status_in_each_round_oldest_first():
    assert table(charts.status_trend(TREND, "nb")) == [
        ["Runde", "Gjennomført", "Pågår"],
        ["29.06.2012", "1", "3"],
        ["14.12.2012", "4", "0"],
    ]


def test_agreements_and_amounts_by_type_per_year():
    assert table(charts.grants_by_type_count(BY_TYPE, "nb")) == [
        ["År", "Flerårig", "Ettårig"], ["2011", "2", "0"], ["2012", "1", "1"]]
    assert table(charts.grants_by_type_amount(BY_TYPE, "en")) == [
        ["Year", "Multi-year", "One-year"],
        ["2011", f"NOK{NBSP}1.5m", f"NOK{NBSP}0.0m"],
        ["2012", f"NOK{NBSP}2.0m", f"NOK{NBSP}0.5m"],
    ]


def test_spend_by_group_has_each_years_sum_and_names_as_written():
    df = pd.DataFrame({"year": [2011, 2012, 2012], "grp": ["A & <b>B</b>", "A & <b>B</b>", "C"],
                       "amount_nok": [1_500_000.0, 1_000_000.0, 2_000_000.0]})
    assert table(charts.spend_over_time(df, "nb", level_nok=60_000_000)) == [
        ["År", "A & <b>B</b>", "C", "Sum"],
        ["2011", f"1,5 mill.{NBSP}kr", f"0,0 mill.{NBSP}kr", f"1,5 mill.{NBSP}kr"],
        ["2012", f"1,0 mill.{NBSP}kr", f"2,0 mill.{NBSP}kr", f"3,0 mill.{NBSP}kr"],
    ]
    assert table(charts.spend_totals(SPEND.drop(columns="grants"), "nb"))[:2] == [
        ["År", "Utbetalt"], ["2011", f"1,5 mill.{NBSP}kr"]]


def test_a_planned_year_is_labelled_as_a_plan_in_the_table_as_on_the_axis():
    df = pd.DataFrame({"year": [2012, 2013], "grp": ["A", "A"],
                       "amount_nok": [1_000_000.0, 2_000_000.0], "planned": [False, True]})
    fig = charts.spend_over_time(df, "nb")
    assert table(fig) == [["År", "A"], ["2012", f"1,0 mill.{NBSP}kr"],
                          ["2013 (plan)", f"2,0 mill.{NBSP}kr"]]
    assert list(fig.layout.xaxis.categoryarray) == ["2012", "2013 (plan)"]


def test_the_change_share_and_partners_are_written_as_their_labels():
    assert table(charts.spend_change(SPEND, "nb")) == [
        ["År", "Endring"],
        ["2012", f"+1,0 mill.{NBSP}kr (+66,7{NBSP}%)"],
        ["2013", f"\u22121,9 mill.{NBSP}kr (\u221274,0{NBSP}%)"],
    ]
    share = pd.DataFrame({"year": [2011, 2012], "multi_year_pct": [100.0, 80.0]})
    assert table(charts.multi_year_share(share, "nb")) == [
        ["År", "Flerårig"], ["2011", f"100{NBSP}%"], ["2012", f"80{NBSP}%"]]
    partners = pd.DataFrame({"partner": ["IOM", "UNODC"], "amount_nok": [3e6, 1e6],
                             "grants": [2, 1], "share_pct": [75.0, 25.0]})
    assert table(charts.largest_partners(partners, "nn")) == [
        ["Partnar", "Utbetalt", "Del"],
        ["IOM", f"3,0 mill.{NBSP}kr", f"75{NBSP}%"],
        ["UNODC", f"1,0 mill.{NBSP}kr", f"25{NBSP}%"],
    ]


def test_recommendations_by_response_count_each_status_and_those_done():
    fig = followup_charts.recommendations_by_response(RECS, "nb")
    assert table(fig) == [
        ["Ledelsens svar", "Gjennomført", "Delvis gjennomført", "Pågår", "Uten tiltak",
         "Gjennomført"],
        ["Enig", "1", "1", "1", "0", "1 av 3 gjennomført"],
        ["Delvis enig", "1", "0", "0", "0", "1 av 1 gjennomført"],
        ["Uenig", "0", "0", "0", "1", "0 av 1 gjennomført"],
    ]
    # regression: this chart had no text alternative
    assert alt.text_of(fig) == ("Liggende stolper: 5 anbefalinger etter ledelsens svar, delt "
                                "etter status; 2 er gjennomført.")


def test_the_timeline_lists_status_and_comment_in_each_round():
    fig = followup_charts.action_timeline(HISTORY, "nb")
    assert table(fig) == [
        ["Per", "Status", "Kommentar"],
        ["16.01.2012", "Ikke gjort", "Starter"],
        ["29.06.2012", "Pågår", "(ingen kommentar)"],
        ["14.12.2012", "Gjennomført", "Ferdig"],
    ]
    assert alt.text_of(fig) == ("Tidslinje: tiltakets status i 3 rapporteringsrunder, sist "
                                "gjennomført (per 14.12.2012).")


PORTFOLIO = pd.DataFrame({"evaluation": ["Eval <b>A</b>", None], "actions": [4, 2],
                          "done": [1, 2], "completion_pct": [25.0, 100.0],
                          "implementation_pct": [50.0, None], "open_recommendations": [1, 0]})
OPEN = pd.DataFrame({"evaluation": ["Eval <b>A</b>", "Eval <b>A</b>", None, "Eval <b>A</b>"],
                     "age_years": [0.0, 4.0, 1.0, None]})


def test_the_evaluations_progress_writes_each_share_and_an_unknown_as_a_dash():
    assert table(portfolio_charts.evaluations_progress(PORTFOLIO, "nb")) == [
        ["Evaluering", "Tiltak gjennomført", "Aksepterte anbefalinger gjennomført"],
        ["Eval <b>A</b>", f"25{NBSP}%", f"50{NBSP}%"],
        ["Standardevalueringen", f"100{NBSP}%", "–"],
    ]


def test_open_recommendations_by_age_count_each_evaluation_and_the_sum():
    # the age not known is left out, as in the chart; four years or more is "3 år eller mer"
    assert table(portfolio_charts.open_by_age(OPEN, "nb")) == [
        ["Hele år siden ledelsens svar", "Eval <b>A</b>", "Standardevalueringen", "Sum"],
        ["Under 1 år", "1", "0", "1"],
        ["1 år", "0", "1", "1"],
        ["2 år", "0", "0", "0"],
        ["3 år eller mer", "1", "0", "1"],
    ]


BUILT = {
    "completion": lambda lg: charts.completion_by_actor(BY_ACTOR, lg),
    "trend": lambda lg: charts.status_trend(TREND, lg),
    "count": lambda lg: charts.grants_by_type_count(BY_TYPE, lg),
    "amount": lambda lg: charts.grants_by_type_amount(BY_TYPE, lg, compact=True),
    "totals": lambda lg: charts.spend_totals(SPEND.drop(columns="grants"), lg, 60e6),
    "change": lambda lg: charts.spend_change(SPEND, lg),
    "recommendations": lambda lg: followup_charts.recommendations_by_response(RECS, lg),
    "timeline": lambda lg: followup_charts.action_timeline(HISTORY, lg),
    "progress": lambda lg: portfolio_charts.evaluations_progress(PORTFOLIO, lg),
    "ages": lambda lg: portfolio_charts.open_by_age(OPEN, lg),
}


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
@pytest.mark.parametrize("chart", BUILT)
def test_every_chart_has_a_sentence_and_a_table_of_its_data(chart, lang):
    fig = BUILT[chart](lang)
    found = alt.table_of(fig)
    assert alt.text_of(fig) and "alt." not in alt.text_of(fig)
    assert found.rows and all(len(row) == len(found.head) for row in found.rows)
    assert not any(cell.startswith(("col.", "chart.", "kpi.")) for cell in found.head)
