"""Work on uploads runs as the command line in a child process: the same code path as the
CLI, the database's own locks between processes, and an app that a crashed import cannot harm.
The upload page's check runs there too (`check_workbook`): a workbook is never parsed in the
server process, so no file can take the server down (see followup.store.child).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from followup.settings import ROOT
from followup.store import leftovers
from followup.store.ingest import AS_ROWS_SAY, Scope

TIMEOUT = float(os.environ.get("FOLLOWUP_JOB_TIMEOUT", "300"))
_LOG = logging.getLogger(__name__)


@dataclass
class JobResult:
    """How a write ended: ok, rejected (the workbook), busy, damaged or disk_full (the
    database), or failed."""

    outcome: str
    detail: dict
    message: str = ""


def _run(args: list[str], extra_env: dict[str, str] | None = None) -> JobResult:
    env = {**os.environ, "PYTHONPATH": str(ROOT), **(extra_env or {})}
    try:
        done = subprocess.run([sys.executable, "-m", "followup", *args], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        _LOG.error("%s gave no answer within %s s", args[0], TIMEOUT)
        return JobResult("failed", {})
    return _result(done)


def _result(done: subprocess.CompletedProcess) -> JobResult:
    """Read the child's outcome; a crash's output goes to the server log, not to the user."""
    outcome = {0: "ok", 2: "rejected", 3: "busy", 4: "damaged", 5: "disk_full"}.get(
        done.returncode, "failed")
    try:
        detail = json.loads(done.stdout) if done.stdout.strip() else {}
    except json.JSONDecodeError:
        detail = {}
    if outcome == "failed":
        _LOG.error("job failed (exit %s): %s", done.returncode, done.stderr[-4000:])
        return JobResult(outcome, detail)
    return JobResult(outcome, detail, done.stderr.strip())


def check_workbook(data: bytes, file_name: str):
    """Return the uploaded bytes checked by `python -m followup check` in a child process, with
    its typed tables for the preview; a child that fails is a located problem, not a crash."""
    from followup.store import child, staged
    from followup.workbook.problems import Problem

    with tempfile.TemporaryDirectory(prefix=leftovers.temp_prefix("check")) as folder:
        path = Path(folder) / "upload.xlsx"
        path.write_bytes(data)
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        args = [sys.executable, "-m", "followup", "check", str(path), f"--out={folder}",
                f"--name={file_name}"]
        try:
            done = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True,
                                  timeout=child.SECONDS + 30)
            found = json.loads(done.stdout) if done.returncode in (0, 2) else None
        except (subprocess.TimeoutExpired, json.JSONDecodeError):
            done, found = None, None
        if found is None:
            _LOG.error("check failed: %s", done.stderr[-4000:] if done else "timeout")
            found = {"problems": [Problem("error", "child_crash", args={"file": file_name})
                                  .as_dict()]}
        checked = staged.from_summary(data, {"file_name": file_name, **found})
        if not checked.errors and (Path(folder) / f"{staged.STAGED[0]}.parquet").exists():
            staged.read_staged(checked, Path(folder))
        return checked


def import_workbook(data: bytes, file_name: str, db: Path, as_of: dt.date | None,
                    who: str | None, lang: str, scope: Scope = AS_ROWS_SAY) -> JobResult:
    """Import uploaded bytes as a new round through `python -m followup ingest`, for the
    evaluation and as the whole plan or not as `scope` says."""
    with tempfile.TemporaryDirectory(prefix=leftovers.temp_prefix("upload")) as folder:
        path = Path(folder) / "upload.xlsx"
        path.write_bytes(data)
        args = ["ingest", str(path), f"--db={db}", f"--name={file_name}", "--json",
                f"--lang={lang}"]
        if as_of:
            args.append(f"--as-of={as_of.isoformat()}")
        if who:
            args.append(f"--who={who}")
        if scope.evaluation:
            args.append(f"--evaluation={scope.evaluation}")
        if scope.whole_plan:
            args.append("--whole-plan")
        args += [f"--keep-previous={action_id}" for action_id in scope.keep_previous]
        return _run(args)


def delete_round(db: Path, snapshot: int, who: str | None, lang: str) -> JobResult:
    """Delete a round through `python -m followup delete`."""
    args = ["delete", str(snapshot), f"--db={db}", "--json", f"--lang={lang}"]
    if who:
        args.append(f"--who={who}")
    return _run(args)


def _filter_args(filters) -> list[str]:
    """Return the options that give a child the filters' round, regions, sections and
    evaluations."""
    args = [f"--snapshot={filters.snapshot}"]
    for option, values in (("region", filters.regions), ("section", filters.sections),
                           ("evaluation", filters.evaluations)):
        args += [f"--{option}={value}" for value in values]
    return args


def send_reminders(db: Path, filters, days: int, who: str | None, lang: str,
                   smtp_env: dict[str, str], attach: bool = False) -> JobResult:
    """Send the reminders of the filters' round through `python -m followup reminders --send`
    (the SMTP settings and login passed in the child's environment, never as arguments),
    with each actor's request for a status attached when `attach`."""
    args = (["reminders", "--send", "--json", f"--db={db}", f"--lang={lang}", f"--days={days}",
             *_filter_args(filters)] + (["--attach-requests"] if attach else [])
            + ([f"--who={who}"] if who else []))
    return _run(args, smtp_env)


def _zipped(folder: Path, names: list[str]) -> bytes:
    """Return a zip of these files of a child's folder (names the child reported)."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as packed:
        for name in names:
            packed.write(folder / name, arcname=name)
    return out.getvalue()


def draft_reminders(db: Path, filters, days: int, who: str | None, lang: str,
                    sender: str | None) -> tuple[JobResult, bytes]:
    """Write the reminders of the filters' round as drafts with each actor's request for a
    status beside its draft and attached to it, recorded as requests, through `python -m
    followup reminders --attach-requests` in a child process; return its outcome and the
    drafts and workbooks as a zip."""
    with tempfile.TemporaryDirectory(prefix=leftovers.temp_prefix("reminders")) as folder:
        args = (["reminders", "--json", "--attach-requests", f"--out={folder}", f"--db={db}",
                 f"--lang={lang}", f"--days={days}", *_filter_args(filters)]
                + ([f"--who={who}"] if who else []))
        outcome = _run(args, {"FOLLOWUP_SMTP_FROM": sender or ""})
        names = [*outcome.detail.get("files", []), *outcome.detail.get("requests", [])]
        return outcome, _zipped(Path(folder), names) if outcome.outcome == "ok" else b""


def make_requests(db: Path, filters, who: str | None, lang: str) -> tuple[JobResult, bytes]:
    """Write and record the requests for a status of the filters' round through `python -m
    followup requests` in a child process; return its outcome and the workbooks as a zip."""
    with tempfile.TemporaryDirectory(prefix=leftovers.temp_prefix("requests")) as folder:
        args = ["requests", "--json", f"--out={folder}", f"--db={db}", f"--lang={lang}",
                *_filter_args(filters)] + ([f"--who={who}"] if who else [])
        outcome = _run(args)
        files = [r["file"] for r in outcome.detail.get("requests", [])]
        return outcome, _zipped(Path(folder), files)
