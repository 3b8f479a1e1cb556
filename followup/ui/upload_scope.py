"""The upload page's scope and preview: which evaluation the workbook's rows without one belong
to, whether it is its evaluations' whole plan, and what the import would replace, keep and
remove (followup.store.preview, the same comparison as the pages' "what changed")."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from followup import store
from followup.i18n import date, plain, quote, status_label, t, tn
from followup.report.figures import proposed, sizing, tables
from followup.store import ingest, preview
from followup.ui import database, grids, lang
from followup.ui.data import options

EVALUATION, WHOLE_PLAN, REFUSED = "upload_evaluation", "upload_whole_plan", "upload_refused"


def _unnamed(result: ingest.Checked) -> int:
    """Return how many staged rows name no evaluation."""
    return store.one(result.con, "SELECT (SELECT count(*) FROM stg_actions WHERE evaluation "
                                 "IS NULL) + (SELECT count(*) FROM stg_recommendations "
                                 "WHERE evaluation IS NULL)")[0]


def scope() -> ingest.Scope:
    """Return the scope chosen on the page (kept in the session while the file is the same)."""
    name = " ".join((st.session_state.get(EVALUATION) or "").split())
    return ingest.Scope(name or None, bool(st.session_state.get(WHOLE_PLAN)),
                        tuple(sorted(st.session_state.get(REFUSED) or ())))


def scope_input(result: ingest.Checked) -> None:
    """Ask which evaluation the rows without one belong to (proposing those already known)
    and whether the workbook is the whole plan of its evaluations."""
    lg = lang()
    unnamed = _unnamed(result)
    if unnamed:
        known = options().get("evaluation", [])
        st.selectbox(t("up.evaluation", lg), known, index=None, key=EVALUATION,
                     accept_new_options=True, format_func=plain,
                     placeholder=t("up.evaluation_default", lg),
                     help=tn("up.evaluation_help", unnamed, lg))
    st.checkbox(t("up.whole_plan", lg), key=WHOLE_PLAN, help=t("up.whole_plan_help", lg))


def shown(result: ingest.Checked, as_of: dt.date) -> preview.Preview:
    """Return the preview of the import with the scope chosen (made once per choice)."""
    key = (as_of, scope())
    kept = st.session_state.get("upload_preview")
    if kept is not None and kept[0] == (result.sha256, key):
        return kept[1]
    made = preview.preview(result, database(), as_of, scope())
    st.session_state["upload_preview"] = ((result.sha256, key), made)
    return made


def _scope_line(row, as_of: dt.date, lg: str) -> str:
    evaluation = quote(row.evaluation, lg) if isinstance(row.evaluation, str) \
        else t("evaluation.default", lg)
    what = t(f"covers.{row.scope}", lg, evaluation=evaluation,
             actor=row.actor if isinstance(row.actor, str) else "",
             year=int(row.year) if pd.notna(row.year) else "")
    since = (t("up.scope_since", lg, previous=date(row.previous_as_of, lg), as_of=date(as_of, lg))
             if pd.notna(row.previous_as_of) else t("up.scope_new", lg))
    return plain(f"{what[:1].upper()}{what[1:]}: {since}")


def verdict(made: preview.Preview) -> None:
    """Say in a warning when the import removes more than a few actions or agreements."""
    lg = lang()
    actions, grants = made.removed
    if made.removes_many:
        st.warning(t("up.removes_many", lg, actions=actions, grants=grants),
                   icon=":material/warning:")
    for problem in made.problems:
        st.error(plain(problem.text(lg)), icon=":material/error:")


def changes(made: preview.Preview, as_of: dt.date) -> None:
    """Show per scope what is replaced, what is kept as last reported, and what changes."""
    lg = lang()
    if made.current is None:
        st.info(t("up.preview_first", lg))
    else:
        st.header(t("up.preview", lg, as_of=date(made.current["as_of"], lg)), anchor=False)
    st.markdown("\n".join(f"- {_scope_line(row, as_of, lg)}"
                          for row in made.scopes.itertuples()))
    if len(made.kept):
        st.markdown(t("up.kept", lg) + "\n" + "\n".join(
            "- " + plain(t("up.kept_line", lg, actor=row.actor, actions=row.actions,
                           evaluation=quote(row.evaluation, lg) if isinstance(
                               row.evaluation, str) else t("evaluation.default", lg),
                           since=date(row.last_report, lg)))
            for row in made.kept.itertuples()))
    if made.current is None:
        return
    since(made)
    st.markdown(t("up.actions_changed", lg, **tables.change_counts(made.actions)))
    if len(made.actions):
        grids.draw(grids.grid(made.actions, tables.CHANGE_COLUMNS, lg))
    refusals(made)
    st.markdown(t("up.grants_changed", lg, **tables.change_counts(made.grants)))
    if len(made.grants):
        grids.draw(grids.grid(made.grants, tables.GRANT_CHANGE_COLUMNS, lg))
    if len(made.spend):
        st.markdown(f"**{t('up.spend', lg)}**")
        grids.draw(grids.grid(tables.spend_preview_frame(made.spend),
                              tables.SPEND_PREVIEW_COLUMNS, lg))


def since(made: preview.Preview) -> None:
    """Say, in a warning, which of the workbook's actions changed in the state after the
    request it answers was made (someone else reported on them in between)."""
    lg = lang()
    if not made.since or not made.since["actions"]:
        return
    lines = [tn("up.since", len(made.since["actions"]), lg,
                request=made.since["request_id"], made=date(made.since["made_at"].date(), lg))]
    lines += ["- " + plain(t("cli.since_line", lg, action_id=a["action_id"] or "–",
                             actor=a["actor"], status=status_label(a["status"], lg),
                             requested=status_label(a["requested_status"], lg)
                             if a["requested_status"] else "–",
                             as_of=date(a["last_report"], lg)).strip())
              for a in made.since["actions"]]
    st.warning("\n".join(lines), icon=":material/history:")


def refusals(made: preview.Preview, key: str = REFUSED, inset: int = 0) -> None:
    """Show what the workbook proposes for the actions already reported, field by field
    (status, comment, evidence: as last reported and as proposed), and let the editor refuse
    single actions with an ID (the field `key`): they keep their previous report (the preview
    above is already without them). `inset`: the pixels a container takes of the page."""
    lg = lang()
    ids = proposed.actions(made.proposed)
    if made.proposed:
        st.markdown(tn("up.proposed", len(made.proposed), lg))
        grids.draw(grids.fitted(proposed.frame(made.proposed, lg), list(proposed.COLUMNS),
                                sizing.BUDGET - inset))
    chosen = list(st.session_state.get(key) or ())
    ids = list(dict.fromkeys([*ids, *chosen]))
    if ids:
        st.multiselect(t("up.refuse", lg), ids, key=key, format_func=plain,
                       help=t("up.refuse_help", lg))
