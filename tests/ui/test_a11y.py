"""A chart's words drawn after it: the sentence a screen reader reads and the table view, with
workbook text as text."""

from __future__ import annotations

from followup.report.figures import charts
from followup.ui import a11y
from tests.report.test_charts import BY_ACTOR


def test_the_table_view_writes_workbook_text_as_text():
    df = BY_ACTOR.assign(actor=BY_ACTOR["actor"].replace("Hum", "<img src=x onerror=alert(1)>"))
    words = a11y.chart_words(charts.completion_by_actor(df, "nb"), "actor_chart", "nb")
    assert "<img" not in words
    assert '<th scope="row">&lt;img src=x onerror=alert(1)&gt;</th>' in words
    assert words.startswith('<p class="sr-only" id="chart-alt-actor_chart" '
                            'data-chart="actor_chart">Liggende stolper:')
    assert "<summary>Vis tallene som tabell</summary>" in words


def test_each_table_views_region_is_named_by_its_own_caption():
    # regression: every table view's region had the same name (axe: landmark-unique)
    fig = charts.completion_by_actor(BY_ACTOR, "en")
    words = a11y.chart_words(fig, "actor_chart", "en")
    assert '<div class="scroll" role="region" tabindex="0" ' \
           'aria-labelledby="chart-table-actor_chart">' in words
    assert '<caption id="chart-table-actor_chart">Horizontal bars:' in words
