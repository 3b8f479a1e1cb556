"""The upload page with several workbooks at once (the returns of several actors): each is
checked and previewed on its own against the state as it is now, in an expander of its own
with its date (from its title row, else today; editable) and the field that refuses its single
proposed changes, and *Importer alle* loads them together, each its own round with its date
and refusals, in the order of their dates. A workbook with errors, or one already loaded, is
named and left out.
"""

from __future__ import annotations

import datetime as dt
import hashlib

import streamlit as st

from followup.cli import jobs
from followup.i18n import date, plain, quote, t, tn
from followup.report.figures import sizing, tables
from followup.store import ingest, preview
from followup.ui import auth, database, lang, state
from followup.ui.upload import ROUND, loaded_round
from followup.ui.upload_scope import refusals, since

_STATE, _PREVIEWS = "upload_many", "upload_many_previews"


def forget() -> None:
    """Drop the kept checks of several workbooks (closing their staging data), their
    previews and the dates and refusals chosen for them."""
    st.session_state.pop(_PREVIEWS, None)
    for key in [k for k in st.session_state if str(k).startswith(("many_as_of_",
                                                                  "many_refused_"))]:
        del st.session_state[key]
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


def _key(result: ingest.Checked, what: str) -> str:
    """Return the session key of one workbook's field (its date, its refusals)."""
    return f"many_{what}_{result.sha256[:16]}"


def _as_of(result: ingest.Checked) -> dt.date:
    """Ask for the workbook's date, proposing the one its title row gives (else today, said
    so); return the date chosen."""
    lg, today = lang(), dt.date.today()
    key = _key(result, "as_of")
    proposed, _ = ingest.round_date(result, None)
    st.session_state.setdefault(key, proposed)
    chosen = st.date_input(t("up.as_of", lg), format="DD.MM.YYYY", key=key,
                           min_value=dt.date(1990, 1, 1),
                           max_value=dt.date(max(today.year, proposed.year) + 5, 12, 31))
    found = result.found_as_of
    if found:
        st.caption(t("up.as_of_found", lg, sheet=plain(found.sheet), row=found.row,
                     text=plain(quote(found.text, lg))))
    else:
        st.caption(t("up.as_of_today", lg))
    return chosen


def _preview(result: ingest.Checked, as_of: dt.date, scope: ingest.Scope) -> preview.Preview:
    """Return the preview of one workbook with its date and refusals (made once per choice)."""
    kept: dict = st.session_state.setdefault(_PREVIEWS, {})
    key = (result.sha256, as_of, scope)
    if key not in kept:
        kept[key] = preview.preview(result, database(), as_of, scope)
    return kept[key]


def _one(result: ingest.Checked) -> tuple[dt.date, ingest.Scope] | None:
    """Show one workbook: its problems, or its date, what it changes, what it proposes for
    the actions already reported and the field that refuses them; return its date and scope
    when it can be imported."""
    lg = lang()
    loaded = loaded_round(result)
    if result.errors:
        st.error(tn("up.errors", len(result.errors), lg), icon=":material/error:")
        st.markdown("\n".join(f"- {plain(p.text(lg))}" for p in result.errors[:5]))
        return None
    if loaded is not None:
        st.info(t("up.already_loaded", lg, snapshot=int(loaded["snapshot_id"]),
                  as_of=date(loaded["as_of"], lg)), icon=":material/content_copy:")
        return None
    as_of = _as_of(result)
    refused = _key(result, "refused")
    scope = ingest.Scope(keep_previous=tuple(sorted(st.session_state.get(refused) or ())))
    made = _preview(result, as_of, scope)
    st.markdown(t("up.actions_changed", lg, **tables.change_counts(made.actions)))
    if made.removes_many:
        st.warning(t("up.removes_many", lg, actions=made.removed[0], grants=made.removed[1]),
                   icon=":material/warning:")
    for problem in made.problems:
        st.error(plain(problem.text(lg)), icon=":material/error:")
    since(made)
    refusals(made, refused, sizing.EXPANDER)
    return None if made.problems else (as_of, scope)


def section(files) -> None:
    """Check, preview and import several workbooks at once, each in its own expander."""
    lg = lang()
    checked = list({c.sha256 or id(c): c for c in _checked(files)}.values())
    shown = {c.sha256 for c in checked}
    kept = st.session_state.get(_PREVIEWS) or {}
    for key in [k for k in kept if k[0] not in shown]:  # a file taken away
        del kept[key]
    chosen = {}
    for result in checked:
        with st.expander(plain(result.file_name), expanded=True,
                         icon=":material/description:"):
            chosen[id(result)] = _one(result)
    going = sorted((c for c in checked if chosen[id(c)]), key=lambda c: chosen[id(c)][0])
    left = [c.file_name for c in checked if not chosen[id(c)]]
    if left:
        st.caption(tn("up.many_left", len(left), lg, files=plain(", ".join(left))))
    if not st.button(tn("up.import_all", len(going), lg), type="primary", disabled=not going,
                     key="import_all", icon=":material/upload:"):
        return
    who = auth.require("import")
    done = []
    for result in going:
        as_of, scope = chosen[id(result)]
        with st.spinner(t("up.importing", lg)):
            outcome = jobs.import_workbook(result.data, result.file_name, database(), as_of,
                                           who, lg, scope)
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
