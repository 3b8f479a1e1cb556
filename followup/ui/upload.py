"""The upload page's parts: check a file, preview the change, import, manage the rounds.

The workbook is checked in a child process with a memory and a time limit (followup.cli.jobs,
`check_workbook`), which hands back the problems, the counts and the typed tables; the preview
compares those tables with the database here. The import and the deletion run as the command
line in a child process too, so they take exactly the CLI's path.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import streamlit as st

from followup import store
from followup.cli import jobs
from followup.i18n import date, number, plain, quote, t, tn
from followup.report.figures import tables
from followup.settings import template_path
from followup.store import ingest, preview
from followup.store.rounds import audit_log as audit_rows
from followup.ui import auth, database, generation, grids, lang, snapshots, state
from followup.workbook import formats

_STATE = "upload_checked"
ROUND = "manage_round"  # the round chosen under the rounds: the one just imported, after one
_UPLOADS = "upload_generation"  # bumped after an import: a new uploader key empties the form
SHOWN = 15
EXCEL = (".xlsx", ".xlsm", ".xls")
OTHER_KINDS = {".ods": "ods", ".fods": "ods", ".csv": "csv", ".txt": "csv"}


def template_button() -> None:
    """Offer the empty workbook template for download."""
    lg = lang()
    st.download_button(t("up.template", lg), template_path(lg).read_bytes(),
                       file_name=t("up.template_file", lg), icon=":material/download:",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def workbooks(files: list) -> list:
    """Return the uploads that are Excel workbooks; for every other file say, in the user's
    language, to save it as .xlsx and how (the uploader takes any file, so none is refused in
    Streamlit's English)."""
    lg = lang()
    kept = []
    for uploaded in files:
        suffix = Path(uploaded.name).suffix.lower()
        if suffix in EXCEL:
            kept.append(uploaded)
            continue
        kind = OTHER_KINDS.get(suffix, "other")
        st.error(t(f"up.not_xlsx.{kind}", lg, file=plain(quote(uploaded.name, lg))),
                 icon=":material/table_view:")
    return kept


def checked(uploaded) -> ingest.Checked:
    """Return the checked upload, computed once per file content (its staging data kept)."""
    data = uploaded.getvalue()
    kept = st.session_state.get(_STATE)
    if kept and kept.data == data:
        return kept
    forget()
    with st.spinner(t("up.checking", lang())):
        result = jobs.check_workbook(data, uploaded.name)
    st.session_state[_STATE] = result
    st.session_state["as_of"] = ingest.round_date(result, None)[0]
    return result


def loaded_round(result: ingest.Checked) -> pd.Series | None:
    """Return the round that already holds this very file (same sha256), or None."""
    rows = snapshots()
    same = rows[rows["sha256"] == result.sha256]
    return same.iloc[0] if len(same) else None


def forget() -> None:
    """Drop the kept upload, its preview and the scope chosen for it (after an import or when
    the file is removed or replaced)."""
    for key in ("upload_preview", "upload_evaluation", "upload_whole_plan", "upload_refused"):
        st.session_state.pop(key, None)
    kept = st.session_state.pop(_STATE, None)
    if kept:
        kept.close()


def as_of_chosen(result: ingest.Checked) -> dt.date:
    """Return the round's date as chosen so far (proposed when the file was checked)."""
    return st.session_state.get("as_of") or dt.date.today()


def as_of_input(result: ingest.Checked) -> dt.date:
    """Ask for the round's as-of date, proposing the one the title rows give (else today,
    with a warning), and say where it was found; return the date chosen."""
    lg, today = lang(), dt.date.today()
    if result.con is None or result.errors or loaded_round(result) is not None:
        return st.session_state.get("as_of", today)
    found = result.found_as_of
    chosen = st.date_input(t("up.as_of", lg), format="DD.MM.YYYY", key="as_of",
                           min_value=dt.date(1990, 1, 1),
                           max_value=dt.date(max(today.year, found.as_of.year if found else 0)
                                             + 5, 12, 31))
    if found:
        st.caption(t("up.as_of_found", lg, sheet=plain(found.sheet), row=found.row,
                     text=plain(quote(found.text, lg))))
    else:
        st.warning(t("up.as_of_today", lg), icon=":material/event:")
    return chosen


def ready(result: ingest.Checked) -> bool:
    """Return True when the workbook can be previewed and imported (no errors, not loaded)."""
    return result.con is not None and not result.errors and loaded_round(result) is None


def summary(result: ingest.Checked, made: preview.Preview | None = None) -> None:
    """Show rows per sheet, then every error and warning in one table; the all-clear only
    when the import removes no more than a few actions or agreements (`made`)."""
    lg = lang()
    if result.sheets:
        st.header(t("up.summary", lg), anchor=False)
        kinds = [k for k in formats.KINDS if k in formats.CORE_KINDS or k in result.sheets]
        for col, kind in zip(st.columns(len(kinds)), kinds):
            col.metric(t(f"up.count.{kind}", lg), number(result.counts.get(kind, 0), 0, lg),
                       border=True)
        st.caption(t("up.sheets_read", lg, names=plain(", ".join(
            s.name for s in result.sheets.values()))))
    loaded = loaded_round(result)
    if loaded is not None:
        st.info(t("up.already_loaded", lg, snapshot=int(loaded["snapshot_id"]),
                  as_of=date(loaded["as_of"], lg)), icon=":material/content_copy:")
    if result.errors:
        st.error(tn("up.errors", len(result.errors), lg), icon=":material/error:")
    elif not result.warnings and not (made and (made.removes_many or made.problems)):
        st.success(t("up.ok", lg), icon=":material/check_circle:")
    if result.warnings and not result.errors:
        st.warning(tn("up.warnings", len(result.warnings), lg), icon=":material/warning:")
    listed = result.errors or result.warnings
    if listed:
        st.markdown("\n".join(f"- {plain(p.text(lg))}" for p in listed[:SHOWN]))
        with st.expander(t("up.all_problems", lg, count=len(result.problems))):
            st.dataframe(tables.problems_frame(result.errors + result.warnings, lg),
                         hide_index=True)


def import_button(result: ingest.Checked, as_of: dt.date,
                  scope: ingest.Scope = ingest.AS_ROWS_SAY,
                  made: preview.Preview | None = None) -> None:
    """The Importer button; disabled, with the reason, while errors remain."""
    lg = lang()
    duplicate = loaded_round(result) is not None
    blocked = bool(result.errors) or duplicate or bool(made and made.problems)
    if st.button(t("up.import", lg), type="primary", disabled=blocked, key="import",
                 icon=":material/upload:"):
        who = auth.require("import")
        with st.spinner(t("up.importing", lg)):
            outcome = jobs.import_workbook(result.data, result.file_name, database(), as_of,
                                           who, lg, scope)
        _report(outcome)
    if blocked:
        st.caption(t("up.import_loaded", lg) if duplicate else t("up.import_disabled", lg))


def _report(outcome: jobs.JobResult) -> None:
    lg = lang()
    if outcome.outcome == "ok":
        forget()
        key = "up.duplicate" if outcome.detail.get("duplicate") else "up.imported"
        notice = t(key, lg, snapshot=outcome.detail["snapshot_id"],
                   as_of=date(dt.date.fromisoformat(outcome.detail["as_of"]), lg))
        if key == "up.imported":
            latest = int(snapshots()["snapshot_id"].iloc[0])
            notice += " " + (t("up.now_current", lg) if latest == outcome.detail["snapshot_id"]
                             else t("up.not_current", lg, snapshot=latest))
        st.session_state["upload_notice"] = notice
        st.session_state[ROUND] = int(outcome.detail["snapshot_id"])
        st.session_state[_UPLOADS] = st.session_state.get(_UPLOADS, 0) + 1
        state.clear(("round",))
        st.rerun()
    elif outcome.outcome == "busy":
        st.warning(t("up.busy", lg), icon=":material/hourglass_top:")
    elif outcome.outcome in ("damaged", "disk_full"):
        st.error(plain(outcome.message), icon=":material/error:")
    else:
        st.error(t("up.failed", lg, detail=plain(outcome.message)), icon=":material/error:")


def uploader_key() -> str:
    """Return the file uploader's key; a new one after an import, so the form starts empty."""
    imports = st.session_state.get(_UPLOADS, 0)
    return f"workbook-{imports}" if imports else "workbook"


def notice() -> None:
    """Show the message left by the last import or deletion, once."""
    message = st.session_state.pop("upload_notice", None)
    if message:
        st.success(message, icon=":material/check_circle:")


def rounds() -> None:
    """List the rounds; download an original; delete a round after a confirmation (admins)."""
    lg = lang()
    st.header(t("up.rounds", lg), anchor=False)
    rows = snapshots()
    if rows.empty:
        st.info(t("up.no_rounds", lg))
        return
    grids.draw(grids.grid(rows, tables.ROUND_COLUMNS, lg))
    labels = {int(r.snapshot_id): f"{r.snapshot_id} · {date(r.as_of, lg)} · {r.file_name}"
              for r in rows.itertuples()}
    chosen = st.selectbox(t("up.choose_round", lg), list(labels), format_func=labels.get,
                          key=ROUND)
    row = rows[rows["snapshot_id"] == chosen].iloc[0]
    original = ingest.archive_path(database(), row["sha256"])
    if original.exists():
        st.download_button(t("up.download_original", lg), original.read_bytes,
                           file_name=ingest.display_name(row["file_name"]),
                           icon=":material/download:", key="download_original")
    if auth.allowed("delete"):
        delete_form(int(chosen), row["file_name"])


def delete_form(snapshot: int, file_name: str) -> None:
    """The confirmation and the delete button for one round; the deletion checks the role."""
    lg = lang()
    sure = st.checkbox(t("up.delete_confirm", lg, snapshot=snapshot, file=plain(file_name)),
                       key=f"confirm_delete_{snapshot}")
    if st.button(t("up.delete", lg), disabled=not sure, key="delete",
                 icon=":material/delete:"):
        who = auth.require("delete")
        outcome = jobs.delete_round(database(), snapshot, who, lg)
        if outcome.outcome == "ok":
            state.clear(("round",))
            st.session_state["upload_notice"] = t("up.deleted", lg, snapshot=snapshot)
            st.rerun()
        elif outcome.outcome == "busy":
            st.warning(t("up.busy", lg))
        else:
            st.error(t("up.failed", lg, detail=plain(outcome.message)))


@st.cache_data(show_spinner=False, max_entries=16)
def _audit(db: str, gen: tuple) -> list[dict]:
    with store.reader(Path(db)) as con:
        return audit_rows(con)


def audit_log() -> None:
    """Show every import and deletion, newest first (admins only)."""
    if not auth.allowed("audit"):
        return
    lg = lang()
    st.header(t("up.audit", lg), anchor=False)
    st.caption(t("up.audit_caption", lg))
    db = database()
    grids.draw(grids.grid(tables.audit_frame(_audit(str(db), generation(db)), lg),
                          tables.AUDIT_COLUMNS, lg))
