"""The chart builders are pure: a query's DataFrame in, a Figure out. No Streamlit here."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from followup.report.figures import charts

BY_ACTOR = pd.DataFrame({
    "actor": ["Hum", "Hum", "IOM", "IOM", "IOM"],
    "status": ["done", "ongoing", "done", "not_started", "not_applicable"],
    "actions": [1, 1, 1, 1, 1],
    "applicable": [2, 2, 2, 2, 2],
    "done": [1, 1, 1, 1, 1],
    "completion_pct": [50.0, 50.0, 50.0, 50.0, 50.0],
})
BY_TYPE = pd.DataFrame({"year": [2011, 2012, 2012], "grant_type": ["multi-year", "multi-year",
                                                                     "one-year"],
                        "grants": [2, 1, 1], "amount_nok": [1_500_000.0, 2_000_000.5, 500_000.0]})
SPEND = pd.DataFrame({"year": [2011, 2012, 2013],
                      "amount_nok": [1_500_000.0, 2_500_000.5, 650_000.0], "grants": [2, 2, 2]})


def test_completion_by_actor_has_one_trace_per_status_in_its_colour():
    fig = charts.completion_by_actor(BY_ACTOR, "nb")
    assert [tr.name for tr in fig.data] == ["Gjennomført", "Pågår", "Ikke gjort", "Bortfalt"]
    assert [tr.marker.color for tr in fig.data] == [
        charts.STATUS_COLORS[s] for s in ("done", "ongoing", "not_started", "not_applicable")]
    assert list(fig.data[0].customdata) == ["Hum", "IOM"]
    assert [a.text for a in fig.layout.annotations] == ["50\u00a0%<br>gjennomført"] * 2
    assert fig.layout.separators == ",\u00a0"
    assert fig.layout.barmode == "stack"


def test_the_small_completion_chart_labels_only_the_share():
    fig = charts.completion_by_actor(BY_ACTOR, "en", compact=True)
    assert [a.text for a in fig.layout.annotations] == ["50%", "50%"]
    assert fig.layout.showlegend is False
    assert fig.layout.separators == ".,"


def test_no_report_is_grey_and_every_status_has_a_distinct_colour():
    assert charts.STATUS_COLORS["no_report"] == "#8C8C8C"
    assert len(set(charts.STATUS_COLORS.values())) == len(charts.STATUS_COLORS)


def test_status_trend_puts_rounds_in_order_with_norwegian_dates():
    df = pd.DataFrame({"snapshot_id": [1, 1, 2], "as_of": [dt.date(2012, 6, 29)] * 2
                       + [dt.date(2012, 12, 14)], "status": ["done", "ongoing", "done"],
                       "actions": [1, 3, 4]})
    fig = charts.status_trend(df, "nb")
    done = next(tr for tr in fig.data if tr.name == "Gjennomført")
    assert list(done.x) == ["1", "2"]
    assert list(fig.layout.xaxis.ticktext) == ["29.06.2012", "14.12.2012"]
    assert list(done.y) == [1, 4]


def test_status_trend_keeps_two_rounds_of_the_same_date_apart():
    # regression: rounds sharing an as-of date were stacked into one bar
    df = pd.DataFrame({"snapshot_id": [1, 2], "as_of": [dt.date(2012, 6, 29)] * 2,
                       "status": ["done", "done"], "actions": [1, 4]})
    fig = charts.status_trend(df, "nb")
    assert list(fig.data[0].y) == [1, 4]
    assert list(fig.layout.xaxis.ticktext) == ["29.06.2012 (runde 1)", "29.06.2012 (runde 2)"]


def test_actors_with_the_same_start_keep_their_own_bars_and_their_whole_names():
    # regression: the small chart cut names to 22 characters and merged two actors; then it
    # cut them ("Seksjon for …") where two lines hold them
    long = ["Seksjon for migrasjon og flyktninger", "Seksjon for migrasjon og utvikling"]
    df = pd.DataFrame({"actor": long, "status": ["done", "ongoing"], "actions": [1, 2],
                       "applicable": [1, 2], "done": [1, 0], "completion_pct": [100.0, 0.0]})
    fig = charts.completion_by_actor(df, "nb", compact=True)
    assert all(list(tr.y) == long for tr in fig.data)
    assert list(fig.layout.yaxis.ticktext) == ["Seksjon for migrasjon og<br>flyktninger",
                                               "Seksjon for migrasjon og<br>utvikling"]


def test_grants_by_type_amount_is_in_millions_with_norwegian_hover():
    fig = charts.grants_by_type_amount(BY_TYPE, "nb")
    multi = fig.data[0]
    assert multi.name == "Flerårig"
    assert list(multi.y) == pytest.approx([1.5, 2.0000005])
    assert list(multi.customdata) == ["1,5 mill.\u00a0kr", "2,0 mill.\u00a0kr"]


def test_spend_over_time_draws_the_portfolio_level():
    df = SPEND.assign(grp=["IOM", "IOM", "UNODC"]).drop(columns="grants")
    fig = charts.spend_over_time(df, "nb", level_nok=60_000_000)
    assert [tr.name for tr in fig.data] == ["IOM", "UNODC", "Porteføljenivå ca. 60 mill.\u00a0kr"]
    assert fig.layout.shapes[0].y0 == 60.0
    # each year's total is printed on its bar: 1,5 + 2,5 + 0,65 million
    assert [(a.x, a.text) for a in fig.layout.annotations] == [
        (0, "1,5"), (1, "2,5"), (2, "0,7")]  # by position on the category axis


def test_spend_over_time_folds_small_groups_into_other():
    groups = [f"P{i}" for i in range(12)]
    df = pd.DataFrame({"year": [2012] * 12, "grp": groups,
                       "amount_nok": [float(100 - i) for i in range(12)]})
    fig = charts.spend_over_time(df, "nb")
    names = [tr.name for tr in fig.data]
    assert names == [*groups[:charts.TOP_GROUPS], "Andre"]


def test_spend_change_compares_with_a_missing_year_as_zero_without_infinity():
    # regression: a year with nothing before it read "+inf %"
    df = pd.DataFrame({"year": [2010, 2012], "amount_nok": [1_000_000.0, 3_000_000.0]})
    fig = charts.spend_change(df, "nb")
    assert list(fig.data[0].x) == ["2011", "2012"]
    assert fig.data[0].text[1] == "+3,0 mill.\u00a0kr"
    assert "inf" not in " ".join(fig.data[0].text)


def test_spend_change_labels_the_change_in_percent():
    fig = charts.spend_change(SPEND, "nb")
    assert list(fig.data[0].x) == ["2012", "2013"]
    assert list(fig.data[0].text) == ["+1,0 mill.\u00a0kr<br>(+66,7\u00a0%)",  # two lines
                                      "\u22121,9 mill.\u00a0kr<br>(\u221274,0\u00a0%)"]
    assert fig.data[0].constraintext == "none"  # never shrunk to the bar's width
    assert fig.data[0].marker.color == ("#009E73", "#D55E00")


def test_largest_partners_keeps_the_top_ten():
    df = pd.DataFrame({"partner": [f"P{i}" for i in range(14)],
                       "amount_nok": [float(14 - i) * 1e6 for i in range(14)], "grants": 1,
                       "share_pct": 7.0})
    fig = charts.largest_partners(df, "nb")
    assert len(fig.data[0].y) == 10


def test_multi_year_share_is_on_a_hundred_scale():
    df = pd.DataFrame({"year": [2011, 2012], "multi_year_pct": [100.0, 80.0]})
    fig = charts.multi_year_share(df, "nb")
    assert list(fig.data[0].text) == ["100\u00a0%", "80\u00a0%"]
    assert tuple(fig.layout.yaxis.range) == (0, 120)  # room above 100 % for its label
    assert fig.data[0].cliponaxis is False


def test_presentation_scale_enlarges_the_type():
    normal = charts.status_trend(pd.DataFrame({"snapshot_id": [1], "as_of": [dt.date(2012, 1, 1)],
                                               "status": ["done"], "actions": [1]}), "nb")
    large = charts.status_trend(pd.DataFrame({"snapshot_id": [1], "as_of": [dt.date(2012, 1, 1)],
                                              "status": ["done"], "actions": [1]}), "nb",
                                scale=1.35)
    assert large.layout.font.size > normal.layout.font.size
    assert large.layout.height > normal.layout.height


def test_the_modebar_keeps_the_png_download():
    assert "toImage" not in charts.PLOTLY_CONFIG["modeBarButtonsToRemove"]
    assert charts.PLOTLY_CONFIG["toImageButtonOptions"]["format"] == "png"


def test_years_stay_in_calendar_order_when_a_group_starts_later():
    # regression: the bars of the first group set the axis order, so an earlier year that
    # only a later group had came last (2011, 2012, 2013, 2010)
    df = pd.DataFrame({"year": [2011, 2012, 2013, 2010], "grp": ["IOM", "IOM", "IOM", "NF"],
                       "amount_nok": [3.0, 3.0, 3.0, 1.0]})
    fig = charts.spend_over_time(df, "nb")
    assert list(fig.layout.xaxis.categoryarray) == ["2010", "2011", "2012", "2013"]


def test_amount_ticks_take_the_decimals_the_range_needs():
    from followup.report.figures.axes import amount_axis, count_axis

    assert amount_axis(0, 4.0) == {"tick0": 0, "dtick": 1, "tickformat": ",.0f"}
    assert amount_axis(0, 2.5) == {"tick0": 0, "dtick": 0.5, "tickformat": ",.1f"}
    assert amount_axis(0, 0.3) == {"tick0": 0, "dtick": 0.1, "tickformat": ",.1f"}
    assert amount_axis(0, 1.2)["tickformat"] == ",.2f"  # steps of 0,25
    assert amount_axis(0, 72.0)["dtick"] == 20
    assert amount_axis(0, 2.5000005)["dtick"] == 0.5  # 2 000 000,50 + 500 000
    assert count_axis(3) == {"tick0": 0, "dtick": 1, "tickformat": ",d", "rangemode": "tozero"}
    assert count_axis(40)["dtick"] == 10


BY_TYPE_PLANNED = pd.concat([BY_TYPE.assign(planned=False), pd.DataFrame(
    {"year": [2013], "grant_type": ["multi-year"], "grants": [2], "amount_nok": [650_000.0],
     "planned": [True]})], ignore_index=True)


@pytest.mark.parametrize("lang, plan", [("nb", "2013 (plan)"), ("en", "2013 (plan)")])
def test_a_planned_year_is_drawn_apart_on_the_grant_type_charts(lang, plan):
    """Issue 24 #5: the 14.12.2012 round's 2013 is a plan on every chart of grants by type:
    labelled, its bars striped and lighter, its axis label on two lines, never on end."""
    for build in (charts.grants_by_type_count, charts.grants_by_type_amount):
        fig = build(BY_TYPE_PLANNED, lang)
        multi = fig.data[0]
        assert list(multi.x) == ["2011", "2012", plan]
        assert list(multi.marker.pattern.shape) == ["", "", "/"]
        assert list(multi.marker.opacity) == [1, 1, 0.55]
        axis = fig.layout.xaxis
        assert list(axis.ticktext) == ["2011", "2012", plan.replace(" ", "<br>", 1)]
        assert axis.tickangle == 0


def test_the_multi_year_share_marks_a_planned_year_hollow_and_says_the_years_paid():
    df = pd.DataFrame({"year": [2011, 2012, 2013], "multi_year_pct": [100.0, 80.0, 50.0],
                       "planned": [False, False, True]})
    fig = charts.multi_year_share(df, "nb")
    assert list(fig.data[0].x) == ["2011", "2012", "2013 (plan)"]
    assert list(fig.data[0].marker.color) == ["#0072B2", "#0072B2", "white"]
    # the sentence read aloud ends with the last year paid, not the plan
    assert "2012" in fig.layout.meta["alt"] and "50" not in fig.layout.meta["alt"]


def test_a_total_just_under_the_portfolio_line_is_written_above_it():
    """Issue 24 #4: 57,5 sat on the 60 MNOK line, struck through by it."""
    df = pd.DataFrame({"year": [2010, 2011, 2012], "grp": "IOM",
                       "amount_nok": [57_500_000.0, 61_700_000.0, 30_000_000.0]})
    fig = charts.spend_over_time(df, "nb", level_nok=60_000_000)
    assert [(a.text, a.y) for a in fig.layout.annotations] == [
        ("57,5", 60.0), ("61,7", 61.7), ("30,0", 30.0)]
