"""Reading the database from the app: one short read-only connection per uncached batch.

Results are cached per query, parameters and database version (its files' times and sizes),
so an import from anywhere shows at once, and the app never holds the file open.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from followup import settings, store
from followup.filters import Filters
from followup.i18n import plain, t
from followup.store import ingest
from followup.ui.state import lang


@st.cache_resource(show_spinner=False)
def _ready(path: str) -> str:
    ingest.ensure_database(Path(path))
    return path


def database() -> Path:
    """Return the database path, loading the sample rounds on first run (a damaged or busy
    database is said on the page, which stops there)."""
    try:
        return Path(_ready(str(settings.db_path())))
    except store.Busy:
        busy()
    except store.Damaged as exc:
        damaged(exc)


def generation(db: Path) -> tuple:
    """Return what changes whenever the database changes (its files' times and sizes)."""
    out = []
    for path in (db, db.with_name(db.name + ".wal")):
        try:
            info = path.stat()
            out.append((info.st_mtime_ns, info.st_size))
        except FileNotFoundError:
            out.append(None)
    return tuple(out)


@st.cache_data(show_spinner=False, max_entries=2000)
def _query(db: str, gen: tuple, name: str, params: dict) -> pd.DataFrame:
    with store.reader(Path(db)) as con:
        return con.execute(*store.bind(name, params)).df()


def busy() -> None:
    """Say that the database is busy (an import runs) and stop this run; a rerun retries."""
    st.warning(t("up.busy", lang()), icon=":material/hourglass_top:")
    st.stop()


def damaged(exc: store.Damaged) -> None:
    """Say that the database file is damaged, name it and the way back, and stop this run."""
    st.error(t("db.damaged", lang(), path=plain(str(exc.path))), icon=":material/error:")
    st.stop()


def query(name: str, filters: Filters | None = None, **extra) -> pd.DataFrame:
    """Return the result of queries/NAME.sql for the filters (cached until the data changes)."""
    db = database()
    params = (filters or Filters()).params(**extra)
    try:
        return _query(str(db), generation(db), name, params)
    except store.Busy:
        busy()
    except store.Damaged as exc:
        damaged(exc)


@st.cache_data(show_spinner=False, max_entries=64)
def _snapshots(db: str, gen: tuple) -> pd.DataFrame:
    with store.reader(Path(db)) as con:
        return pd.DataFrame(store.snapshots(con))


def snapshots() -> pd.DataFrame:
    """Return the reporting rounds, newest first."""
    db = database()
    try:
        return _snapshots(str(db), generation(db))
    except store.Busy:
        busy()
    except store.Damaged as exc:
        damaged(exc)


def previous_round(snapshot: int) -> int | None:
    """Return the round before the given one, or None."""
    rounds = snapshots()
    ids = list(rounds["snapshot_id"])
    at = ids.index(snapshot) if snapshot in ids else -1
    return ids[at + 1] if 0 <= at < len(ids) - 1 else None


def round_info(snapshot: int) -> dict:
    """Return the row of one reporting round (as_of, file_name, ...)."""
    rounds = snapshots()
    return rounds[rounds["snapshot_id"] == snapshot].iloc[0].to_dict()


def options() -> dict[str, list[str]]:
    df = query("filter_options")
    return {dim: list(df.loc[df["dimension"] == dim, "value"]) for dim in
            ("evaluation", "region", "section", "partner", "year")}


