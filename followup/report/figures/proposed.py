"""What a return proposes for the actions already reported (followup.store.review.proposed),
written out for the upload preview's grid and for `ingest`'s output: one row per changed
field (status, comment, evidence), as last reported and as proposed, and whether the editor
refused it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from followup.i18n import status_label, t

if TYPE_CHECKING:
    import pandas as pd

# the grid's columns (their codes; followup.report.figures.sizing wraps was and proposed)
COLUMNS = ("action_id", "actor", "field", "was", "proposed", "refused")


def written(change: dict, lang: str) -> tuple[str, str, str]:
    """Return a proposed change's field name, its value before and its proposed value in the
    user's language (a status as its label, a missing value as –)."""
    def value(v):
        if v is None:
            return "–"
        return status_label(v, lang) if change["field"] == "status" else str(v)
    return t(f"col.{change['field']}", lang), value(change["before"]), value(change["after"])


def actions(proposed: list[dict]) -> list[str]:
    """Return the IDs of the actions with a proposed change, in order (those without an ID
    cannot be refused by it)."""
    return list(dict.fromkeys(c["action_id"] for c in proposed if c["action_id"]))


def frame(proposed: list[dict], lang: str) -> pd.DataFrame:
    """Return the proposed changes as a table with headers in the user's language."""
    import pandas as pd  # here, not above: `ingest` prints `written` and must not wait 0.4 s

    rows = []
    for change in proposed:
        field, was, new = written(change, lang)
        rows.append([change["action_id"] or "", change["actor"], field, was, new,
                     t("up.refused_mark", lang) if change["refused"] else ""])
    heads = [t("col.action_id", lang), t("col.actor", lang), t("col.field", lang),
             t("col.was", lang), t("col.proposed", lang), t("col.refused", lang)]
    return pd.DataFrame(rows, columns=heads)
