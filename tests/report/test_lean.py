"""Charts are built as plain dicts and handed to plotly unvalidated (followup.report.figures.lean):
here plotly validates every chart of every builder from scratch, on the sample's rounds and
regions, in each language and scale, and must write exactly the same JSON."""

from __future__ import annotations

import json
from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio
import pytest

from followup import store
from followup.filters import Filters
from followup.report.figures import charts, followup_charts
from followup.report.figures.lean import Lean
from followup.store import ingest


def _json(fig) -> dict:
    return json.loads(pio.to_json(fig, validate=False))


@pytest.fixture(scope="module")
def frames(tmp_path_factory) -> list[tuple[str, dict]]:
    """Every query a chart draws, for each round and region of the sample (and no region)."""
    db = tmp_path_factory.mktemp("lean") / "followup.duckdb"
    ingest.ensure_database(Path(db))
    out = []
    with store.reader(db) as con:
        regions = [r for (r,) in con.execute(
            "SELECT DISTINCT region FROM grants WHERE region IS NOT NULL ORDER BY 1").fetchall()]
        for snapshot in [r["snapshot_id"] for r in store.snapshots(con)]:
            for region in [None, *regions]:
                f = Filters(snapshot=snapshot, regions=(region,) if region else ())

                def q(name, f=f, **extra):
                    return con.execute(*store.bind(name, f.params(**extra))).df()

                out.append((f"{snapshot}/{region}", {
                    "by_actor": q("status_by_actor"), "trend": q("status_trend"),
                    "by_type": q("grants_by_type"), "share": q("multi_year_share"),
                    "spend": q("spend_by_year"),
                    "groups": q("spend_by_group", dimension="partner"),
                    "partners": q("largest_partners"), "recs": q("recommendation_status"),
                    "history": q("action_history", action="B1")}))
    return out


def _charts(d: dict, lang: str, scale: float) -> list[tuple[str, object]]:
    return [
        ("completion", lambda: charts.completion_by_actor(d["by_actor"], lang, scale=scale)),
        ("completion small", lambda: charts.completion_by_actor(d["by_actor"], lang,
                                                                compact=True, scale=scale)),
        ("trend", lambda: charts.status_trend(d["trend"], lang, scale=scale)),
        ("type count", lambda: charts.grants_by_type_count(d["by_type"], lang, scale=scale)),
        ("type amount", lambda: charts.grants_by_type_amount(d["by_type"], lang, scale=scale,
                                                             compact=True)),
        ("share", lambda: charts.multi_year_share(d["share"], lang, scale=scale)),
        ("totals", lambda: charts.spend_totals(d["spend"], lang, 60e6, scale=scale)),
        ("totals, no level", lambda: charts.spend_totals(d["spend"], lang, None, scale=scale)),
        ("over time", lambda: charts.spend_over_time(d["groups"], lang, 60e6, scale=scale)),
        ("change", lambda: charts.spend_change(d["spend"], lang, scale=scale)),
        ("partners", lambda: charts.largest_partners(d["partners"], lang, scale=scale)),
        ("recommendations", lambda: followup_charts.recommendations_by_response(
            d["recs"], lang, scale=scale)),
        ("timeline", lambda: followup_charts.action_timeline(d["history"], lang, scale=scale)),
    ]


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_plotly_validating_every_chart_from_scratch_writes_the_same_json(frames, lang):
    checked = 0
    for where, d in frames:
        for scale in (1.0, 1.35):
            for name, build in _charts(d, lang, scale):
                if name == "timeline" and d["history"].empty:
                    continue
                fig = build()
                assert isinstance(fig, go.Figure)
                validated = go.Figure(fig.to_dict())  # raises on any property plotly lacks
                assert _json(fig) == _json(validated), f"{name} at {where}, {lang}, {scale}"
                checked += 1
    assert checked >= 150


def test_magic_underscores_nest_except_in_names_that_hold_one():
    fig = (Lean().add_bar(x=[1], y=[2], marker_color="#000000", error_y={"value": 1})
           .update_layout(plot_bgcolor="white", margin={"l": 1, "t": 2}, legend_title_text="")
           .update_layout(margin={"t": 10}).update_xaxes(title_text="År", title_font_size=12)
           .add_hline(y=5, line_dash="dash", line_width=2).figure())
    layout = fig.to_dict()["layout"]
    assert fig.data[0].marker.color == "#000000" and fig.data[0].error_y.value == 1
    assert layout["plot_bgcolor"] == "white" and layout["margin"] == {"l": 1, "t": 10}
    assert layout["legend"] == {"title": {"text": ""}}
    assert layout["xaxis"]["title"] == {"text": "År", "font": {"size": 12}}
    assert layout["shapes"][0]["line"] == {"dash": "dash", "width": 2}
    plotly = go.Figure()
    plotly.add_bar(x=[1], y=[2], marker_color="#000000", error_y={"value": 1})
    plotly.update_layout(plot_bgcolor="white", margin={"l": 1, "t": 2}, legend_title_text="")
    plotly.update_layout(margin={"t": 10})
    plotly.update_xaxes(title_text="År", title_font_size=12)
    plotly.add_hline(y=5, line_dash="dash", line_width=2)
    assert _json(fig) == _json(plotly)
