"""What a round covers, in words: one phrase per scope, the actors of an evaluation together."""

from __future__ import annotations

from itertools import groupby

from followup.i18n import quote, t

ORDER = ("plan", "actions", "recommendations", "evaluations", "grants", "disbursements",
         "contacts")


def evaluation_name(name: str | None, lang: str) -> str:
    """Return an evaluation as a text names it: quoted, or the default evaluation's words."""
    return quote(name, lang) if name else t("evaluation.default", lang)


def phrases(covers: list[dict], lang: str) -> list[str]:
    """Return one phrase per scope a round covers; the actors of one evaluation and the years
    of disbursements are listed together."""
    out = []
    rows = sorted(covers, key=lambda c: (ORDER.index(c["scope"]), c["evaluation"] or "",
                                         c["actor"] or "", c["year"] or 0))
    for (scope, evaluation), group in groupby(rows, key=lambda c: (c["scope"], c["evaluation"])):
        group = list(group)
        out.append(t(f"covers.{scope}", lang, evaluation=evaluation_name(evaluation, lang),
                     actor=", ".join(c["actor"] or "" for c in group),
                     year=", ".join(str(c["year"]) for c in group if c["year"] is not None)))
    return out
