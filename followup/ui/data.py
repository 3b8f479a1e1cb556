"""Reading the database from the app: a cursor on the kept read-only connection per uncached
batch (followup.store.keeper: given up at once when a writer waits).

Results are cached per query, parameters and database version (its files' times and sizes),
so an import from anywhere shows at once (followup.ui.memo keeps them); the state as of a
round that the queries read is composed once per version too (followup.store.composed).
"""

from __future__ import annotations

import weakref
from pathlib import Path

import pandas as pd
import streamlit as st

from followup import settings, store
from followup.filters import Filters
from followup.i18n import plain, t
from followup.store import ingest, leftovers
from followup.store.composed import Composed
from followup.ui.memo import Memo
from followup.ui.state import lang


@st.cache_resource(show_spinner=False)
def _ready(path: str) -> str:
    ingest.ensure_database(Path(path))
    leftovers.sweep(Path(path))
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


ANSWERS = Memo(2000)
# the state as of each round the queries ask for, composed once per database generation
STATES = Composed()


def _query(db: str, version: tuple, name: str, params: dict) -> pd.DataFrame:
    sql, bound = store.bind(name, params)
    with store.kept_reader(Path(db)) as con:
        STATES.prepare(con, (db, version), sql, bound)
        return con.execute(sql, bound).df()


def kept_state(con, db: str, version: tuple, names, params: dict) -> None:
    """Put on con (a cursor of its own) the kept state that the named queries read with
    params (followup.store.composed), for code that runs them itself."""
    bound = [store.bind(name, params) for name in names]
    STATES.prepare(con, (db, version), "\n".join(sql for sql, _ in bound),
                   {key: value for _, values in bound for key, value in values.items()})


def busy() -> None:
    """Say that the database is busy (an import runs) and stop this run; a rerun retries."""
    st.warning(t("up.busy", lang()), icon=":material/hourglass_top:")
    st.stop()


def damaged(exc: store.Damaged) -> None:
    """Say that the database file is damaged, name it and the way back, and stop this run."""
    st.error(t("db.damaged", lang(), path=plain(str(exc.path))), icon=":material/error:")
    st.stop()


# id of a frame query() returned -> (a weak reference to it, what it answers, its shape)
_ANSWERS: dict[int, tuple] = {}


def _remember(df: pd.DataFrame, answers: tuple) -> pd.DataFrame:
    ident = id(df)
    _ANSWERS[ident] = (weakref.ref(df, lambda _gone: _ANSWERS.pop(ident, None)), answers,
                       df.shape, tuple(df.columns))
    return df


def answer_of(df: pd.DataFrame) -> tuple | None:
    """Return what a frame answers (database, generation, query, parameters) when query()
    returned it and its shape is unchanged; None for any other frame. Callers never change
    a query's frame in place (they build new frames from it), so this names its content."""
    kept = _ANSWERS.get(id(df))
    if kept is None or kept[0]() is not df or kept[2:] != (df.shape, tuple(df.columns)):
        return None
    return kept[1]


def query(name: str, filters: Filters | None = None, **extra) -> pd.DataFrame:
    """Return the result of queries/NAME.sql for the filters (cached until the data changes)."""
    db = database()
    params = (filters or Filters()).params(**extra)
    version = generation(db)
    answers = (str(db), version, name, repr(sorted(params.items())))
    try:
        df = ANSWERS.get(answers, lambda: _query(str(db), version, name, params))
    except store.Busy:
        busy()
    except store.Damaged as exc:
        damaged(exc)
    return _remember(df, answers)


ROUNDS = Memo(64)


def _snapshots(db: str) -> pd.DataFrame:
    with store.kept_reader(Path(db)) as con:
        return pd.DataFrame(store.snapshots(con))


def snapshots() -> pd.DataFrame:
    """Return the reporting rounds, newest first (the same frame for every viewer: nobody
    changes it)."""
    db = database()
    try:
        return ROUNDS.get(("frame", str(db), generation(db)), lambda: _snapshots(str(db)))
    except store.Busy:
        busy()
    except store.Damaged as exc:
        damaged(exc)


def _rounds(rounds: pd.DataFrame) -> dict:
    """The rounds as plain values: the ids newest first, and each round's row."""
    return {"ids": [int(i) for i in rounds["snapshot_id"]],
            "rows": {int(r["snapshot_id"]): r for r in rounds.to_dict("records")}}


def _kept_rounds() -> dict:
    db = database()
    return ROUNDS.get(("plain", str(db), generation(db)), lambda: _rounds(snapshots()))


def previous_round(snapshot: int) -> int | None:
    """Return the round before the given one, or None."""
    ids = _kept_rounds()["ids"]
    at = ids.index(snapshot) if snapshot in ids else -1
    return ids[at + 1] if 0 <= at < len(ids) - 1 else None


def round_info(snapshot: int) -> dict:
    """Return the row of one reporting round (as_of, file_name, ...)."""
    return dict(_kept_rounds()["rows"][snapshot])


OPTIONS = Memo(64)


def options() -> dict[str, list[str]]:
    """Return the values each filter offers (for every viewer of the same data, made once)."""
    df = query("filter_options")
    return OPTIONS.get(answer_of(df), lambda: {
        dim: list(df.loc[df["dimension"] == dim, "value"])
        for dim in ("evaluation", "region", "section", "partner", "year")})


