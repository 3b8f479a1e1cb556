"""Shared fixtures, named after what they hold: a fresh database path, databases built
through the real ingest path from the fixture workbooks (tests/support/builders.py), the
command line, AppTest on those databases, running servers and a Chromium page."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.support import APP
from tests.support.browser import VIEWPORT, chromium, require_chromium, running
from tests.support.builders import three_rounds, two_rounds, two_rounds_commented
from tests.support.cli import run_cli
from tests.support.hostile import hostile_rounds
from tests.support.reminder_fixture import reminder_rounds


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """Return a path for a fresh DuckDB file (not yet created)."""
    return tmp_path / "db" / "followup.duckdb"


@pytest.fixture
def cli():
    """Return the command-line runner."""
    return run_cli


@pytest.fixture
def three_rounds_db(db, tmp_path) -> tuple[Path, list[int]]:
    """Return the database of the three rounds of builders.three_rounds and their ids."""
    return db, three_rounds(db, tmp_path / "in")


@pytest.fixture
def reminder_rounds_db(db, tmp_path) -> tuple[Path, list[int]]:
    """Return the database of the reminders' three rounds (reminder_fixture) and their ids."""
    return db, reminder_rounds(db, tmp_path / "in")


@pytest.fixture(scope="module")
def two_rounds_commented_db(tmp_path_factory) -> Path:
    """Return a database of two rounds whose comments hold tricky text (one per module)."""
    folder = tmp_path_factory.mktemp("commented")
    return two_rounds_commented(folder / "db" / "followup.duckdb", folder)


@pytest.fixture(scope="module")
def three_rounds_module_db(tmp_path_factory) -> Path:
    """Return the database of builders.three_rounds, built once per module."""
    folder = tmp_path_factory.mktemp("three")
    path = folder / "db" / "followup.duckdb"
    three_rounds(path, folder / "in")
    return path


@pytest.fixture(scope="module")
def hostile_rounds_db(tmp_path_factory) -> Path:
    """Return a database of two rounds whose every text field is hostile (support/hostile)."""
    folder = tmp_path_factory.mktemp("hostile")
    path = folder / "db" / "followup.duckdb"
    hostile_rounds(path, folder / "in")
    return path


def _app(db: Path, monkeypatch) -> AppTest:
    monkeypatch.setenv("FOLLOWUP_DB", str(db))
    return AppTest.from_file(APP, default_timeout=60)


@pytest.fixture
def two_rounds_app(db, tmp_path, monkeypatch) -> AppTest:
    """Return AppTest of the dashboard on the two standard rounds (builders.two_rounds)."""
    two_rounds(db, tmp_path)
    return _app(db, monkeypatch)


@pytest.fixture
def three_rounds_app(db, tmp_path, monkeypatch) -> AppTest:
    """Return AppTest of the dashboard on the three rounds of builders.three_rounds."""
    three_rounds(db, tmp_path / "in")
    return _app(db, monkeypatch)


@pytest.fixture(scope="module")
def two_rounds_server(tmp_path_factory):
    """Yield a running dashboard on the two standard rounds (one per module)."""
    require_chromium()
    folder = tmp_path_factory.mktemp("two-rounds-server")
    with running(two_rounds(folder / "db" / "followup.duckdb", folder)) as server:
        yield server


@pytest.fixture(scope="module")
def three_rounds_server(tmp_path_factory):
    """Yield a running dashboard on the three rounds of builders.three_rounds."""
    require_chromium()
    folder = tmp_path_factory.mktemp("three-rounds-server")
    db = folder / "db" / "followup.duckdb"
    three_rounds(db, folder / "in")
    with running(db) as server:
        yield server


@pytest.fixture(scope="module")
def sample_server(tmp_path_factory):
    """Yield a running dashboard on the sample rounds, the app's own default database."""
    require_chromium()
    with running(tmp_path_factory.mktemp("sample") / "followup.duckdb") as server:
        yield server


@pytest.fixture(scope="module")
def portfolio_server(tmp_path_factory):
    """Yield a running dashboard on the five rounds of support/portfolio_fixture.py."""
    from tests.support.portfolio_fixture import portfolio_rounds

    require_chromium()
    folder = tmp_path_factory.mktemp("portfolio-server")
    db = folder / "db" / "followup.duckdb"
    portfolio_rounds(db, folder / "in")
    with running(db) as server:
        yield server


@pytest.fixture(scope="module")
def browser():
    """Yield a headless Chromium (one per module)."""
    require_chromium()
    with chromium() as launched:
        yield launched


@pytest.fixture(scope="module")
def laptop_page(browser):
    """Yield one Chromium page at the tests' laptop viewport, kept for the module."""
    context = browser.new_context(viewport=VIEWPORT)
    yield context.new_page()
    context.close()


@pytest.fixture
def fresh_page(browser):
    """Yield a Chromium page in a new context (no cookies, nothing cached) for one test."""
    context = browser.new_context(viewport=VIEWPORT)
    yield context.new_page()
    context.close()
