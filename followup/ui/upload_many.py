"""The upload page with several workbooks at once (the returns of several actors): each is
checked and previewed on its own against the state as it is now, and *Importer alle* loads
them together, each its own round, in the order of their dates (each date from its title row,
else today). A workbook with errors, or one already loaded, is named and left out; refusing
single rows is done with the workbook uploaded alone.
"""

from __future__ import annotations

import datetime as dt
import hashlib

import streamlit as st

from followup.cli import jobs
from followup.i18n import date, plain, t, tn
from followup.report.figures import tables
from followup.store import ingest, preview
from followup.ui import auth, database, lang, state
from followup.ui.upload import ROUND, loaded_round, ready
from followup.ui.upload_scope import since

_STATE = "upload_many"


def forget() -> None:
    """Drop the kept checks of several workbooks (closing their staging data)."""
    for kept in (st.session_state.pop(_STATE, None) or {}).values():
        kept.close()


def _checked(files) -> list[ingest.Checked]:
    """Return each upload checked (in a child process), computed once per file content."""
    kept: dict = st.session_state.setdefault(_STATE, {})
    found = []
    for uploaded in files:
        data = uploaded.getvalue()
        key = hashlib.sha256(data).hexdigest()
        if key not in kept:
            with st.spinner(t("up.checking", lang())):
                kept[key] = jobs.check_workbook(data, uploaded.name)
        found.append(kept[key])
    for key in [k for k, c in kept.items() if c not in found]:
        kept.pop(key).close()
    return found


def _one(result: ingest.Checked) -> None:
    """Show one workbook: its date, its problems, what it covers and changes."""
    lg = lang()
    st.subheader(plain(result.file_name), anchor=False)
    loaded = loaded_round(result)
    if result.errors:
        st.error(tn("up.errors", len(result.errors), lg), icon=":material/error:")
        st.markdown("\n".join(f"- {plain(p.text(lg))}" for p in result.errors[:5]))
        return
    if loaded is not None:
        st.info(t("up.already_loaded", lg, snapshot=int(loaded["snapshot_id"]),
                  as_of=date(loaded["as_of"], lg)), icon=":material/content_copy:")
        return
    as_of, source = ingest.round_date(result, None)
    st.caption(t("up.many_as_of", lg, as_of=date(as_of, lg)) if source == "workbook"
               else t("up.as_of_today", lg))
    made = preview.preview(result, database(), as_of)
    st.markdown(t("up.actions_changed", lg, **tables.change_counts(made.actions)))
    if made.removes_many:
        st.warning(t("up.removes_many", lg, actions=made.removed[0], grants=made.removed[1]),
                   icon=":material/warning:")
    for problem in made.problems:
        st.error(plain(problem.text(lg)), icon=":material/error:")
    since(made)


def section(files) -> None:
    """Check, preview and import several workbooks at once."""
    lg = lang()
    checked = _checked(files)
    for result in checked:
        with st.container(border=True):
            _one(result)
    going = sorted((c for c in checked if ready(c)),
                   key=lambda c: ingest.round_date(c, None)[0])
    left = [c.file_name for c in checked if c not in going]
    if left:
        st.caption(tn("up.many_left", len(left), lg, files=plain(", ".join(left))))
    if not st.button(tn("up.import_all", len(going), lg), type="primary", disabled=not going,
                     key="import_all", icon=":material/upload:"):
        return
    who = auth.require("import")
    done = []
    for result in going:
        with st.spinner(t("up.importing", lg)):
            outcome = jobs.import_workbook(result.data, result.file_name, database(),
                                           ingest.round_date(result, None)[0], who, lg)
        if outcome.outcome != "ok":
            st.error(t("up.failed", lg, detail=plain(outcome.message)), icon=":material/error:")
            break
        as_of = dt.date.fromisoformat(outcome.detail["as_of"])
        st.session_state[ROUND] = int(outcome.detail["snapshot_id"])
        done.append(f"{plain(result.file_name)}: " + t(
            "up.imported", lg, snapshot=outcome.detail["snapshot_id"], as_of=date(as_of, lg)))
    if done:
        forget()
        st.session_state["upload_notice"] = " ".join(done)
        st.session_state["upload_generation"] = st.session_state.get("upload_generation", 0) + 1
        state.clear(("round",))
        st.rerun()
