"""The sample-data notice (issue 24 #6): on every page while the database holds only the
sample rounds, on none once a round of one's own is loaded."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.support import APP

PAGES = ("overview", "evaluations", "followup", "recommendations", "grants", "portfolio")


def notices(at: AppTest) -> list[str]:
    """Return the warnings on the page that say it shows sample data."""
    return [w.value for w in at.warning if w.value.startswith(("Eksempeldata", "Sample data"))]


def test_every_page_says_it_shows_sample_data_while_only_the_sample_is_loaded(
        tmp_path, monkeypatch):
    monkeypatch.setenv("FOLLOWUP_DB", str(tmp_path / "db" / "followup.duckdb"))  # the sample
    at = AppTest.from_file(APP, default_timeout=60).run()
    seen = {}
    for name in PAGES:
        at.switch_page(f"pages/{name}.py").run()
        assert not at.exception
        seen[name] = len(notices(at))
    assert seen == dict.fromkeys(PAGES, 1)
    at.segmented_control(key="lang").set_value("en").run()
    assert notices(at)[0].startswith("Sample data: the figures are the sample rounds'")


def test_no_notice_on_rounds_of_ones_own(two_rounds_app):
    two_rounds_app.run()
    assert not two_rounds_app.exception
    assert notices(two_rounds_app) == []
