"""Figures built as plain dicts and made a plotly Figure once, without plotly's validation.

Plotly checks and copies every property as it is set (each `add_bar`, `update_layout`, the
template again on every `update_layout(template=…)`): about 60 ms of CPU for one of our
charts, where building the same dict and handing it over costs 2 ms. On a server that is what
a viewer's new filter costs, so the chart builders write into a `Lean` figure, which keeps the
few methods of `go.Figure` they use (the same arguments, the same meaning, magic underscores
such as `title_text` included) and becomes a `go.Figure(…, _validate=False)` at the end
(`built`). The validation is not lost: tests/test_lean.py builds every chart and checks that
plotly, validating the figure from scratch, makes exactly the same JSON of it.
"""

from __future__ import annotations

import copy
import functools
from functools import cache

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

_CLASSES = {"layout": go.Layout, "xaxis": go.layout.XAxis, "yaxis": go.layout.YAxis,
            "annotation": go.layout.Annotation, "shape": go.layout.Shape, "bar": go.Bar,
            "scatter": go.Scatter}


@cache
def _names(kind: str) -> frozenset[str]:
    """Return the property names of a kind of plotly object (`plot_bgcolor` is one name,
    `title_text` is not: it is `title.text`)."""
    return frozenset(_CLASSES[kind]()._valid_props)


@cache
def _template(name: str) -> dict:
    """Return a registered template as the JSON plotly writes for it."""
    return pio.templates[name].to_plotly_json()


def _value(value):
    """Return a value as plotly's validators keep it: a column or an index as numpy."""
    if isinstance(value, (pd.Series, pd.Index)):
        return value.to_numpy()
    return value


def _expanded(props: dict, kind: str) -> dict:
    """Return the properties of a kind of object with magic underscores (`title_text`)
    turned into nested dicts, as plotly reads them."""
    out: dict = {}
    names = _names(kind)
    for key, value in props.items():
        path = [key] if key in names or "_" not in key else key.split("_")
        _merge(out, _nest(path, _value(value)))
    return out


def _nest(path: list[str], value) -> dict:
    for key in reversed(path[1:]):
        value = {key: value}
    return {path[0]: value}


def _merge(into: dict, update: dict) -> None:
    """Merge update into a dict as `update_layout` does: nested dicts key by key, any other
    value (a list, a number, None) replacing what was there."""
    for key, value in update.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = value


class Lean:
    """The part of `go.Figure` the chart builders use, writing into plain dicts."""

    def __init__(self):
        self.data: list[dict] = []
        self.layout: dict = {}

    def _trace(self, kind: str, props: dict) -> Lean:
        self.data.append({**_expanded(props, kind), "type": kind})
        return self

    def add_bar(self, **props) -> Lean:
        return self._trace("bar", props)

    def add_scatter(self, **props) -> Lean:
        return self._trace("scatter", props)

    def add_annotation(self, **props) -> Lean:
        self.layout.setdefault("annotations", []).append(_expanded(props, "annotation"))
        return self

    def add_hline(self, y, **props) -> Lean:
        """A line across the plot at y (as plotly's add_hline draws it: a shape in the x
        axis's domain)."""
        line = {"type": "line", "x0": 0, "x1": 1, "xref": "x domain", "y0": y, "y1": y,
                "yref": "y"}
        self.layout.setdefault("shapes", []).append({**line, **_expanded(props, "shape")})
        return self

    def update_layout(self, **props) -> Lean:
        if isinstance(props.get("template"), str):
            props["template"] = copy.deepcopy(_template(props["template"]))
        _merge(self.layout, _expanded(props, "layout"))
        return self

    def update_xaxes(self, **props) -> Lean:
        return self._axis("xaxis", props)

    def update_yaxes(self, **props) -> Lean:
        return self._axis("yaxis", props)

    def _axis(self, name: str, props: dict) -> Lean:
        _merge(self.layout.setdefault(name, {}), _expanded(props, name))
        return self

    def figure(self) -> go.Figure:
        """Return the plotly Figure of these dicts (not validated again: see the module)."""
        if "template" not in self.layout:  # what go.Figure() starts from
            self.layout["template"] = copy.deepcopy(_template(pio.templates.default))
        return Built({"data": self.data, "layout": self.layout}, _validate=False)


class Built(go.Figure):
    """A built chart: nobody changes it afterwards, so its dict (a deep copy of the figure,
    which st.plotly_chart asks for on every run) is worked out once."""

    def to_dict(self) -> dict:
        kept = self.__dict__.get("_built_dict")
        if kept is None:
            kept = self.__dict__["_built_dict"] = super().to_dict()
        return kept


def built(builder):
    """Make a chart builder that writes into a Lean figure return a plotly Figure."""
    @functools.wraps(builder)
    def build(*args, **kwargs):
        out = builder(*args, **kwargs)
        return out.figure() if isinstance(out, Lean) else out
    return build

