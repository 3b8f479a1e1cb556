"""The follow-up in depth through AppTest, on the three rounds of tests/builders.py.

Rounds by as-of date (ids follow ingest order): R1 16.01.2012 (id 1), R2 29.06.2012 (id 3),
R3 14.12.2012 (id 2, the latest). Figures by hand (see test_action_rounds):
  stalled in R3 (2 rounds or more): B1 ongoing 3 since R1, "uten id" partial 3 since R1,
    B2 ongoing 2 since R2
  deadlines within 90 days of 14.12.2012: B1 74 days over, "uten id" due that day, B2 in 48,
    B7 in 90 (B6, in 91, is not listed)
  changes R3 against R2 (the default): B6 partial -> ongoing, B4 new, B7 new;
    against R1: B2 not started -> ongoing, B3 ongoing -> done, B7 new
  B1's history: ongoing in all three, actor Hum, Hum, IOM, comments Starter, Venter på IOM,
    Fortsatt venter
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.builders import three_rounds

APP = str(Path(__file__).resolve().parent.parent / "dashboard.py")
R1, R3, R2 = 1, 2, 3
KEYLESS = "auto:" + hashlib.md5(b"mr/dem|uten id").hexdigest()


@pytest.fixture
def app(db, tmp_path, monkeypatch):
    three_rounds(db, tmp_path / "in")
    monkeypatch.setenv("FOLLOWUP_DB", str(db))
    return AppTest.from_file(APP, default_timeout=60)


def table(app, heading: str):
    """Return the table drawn after the subheading (the first one after it)."""
    order = [e for e in app.main if e.type in ("subheader", "dataframe")
             or getattr(e, "type", "") == "heading"]
    texts = [getattr(e, "value", None) for e in order]
    at = next(i for i, v in enumerate(texts) if isinstance(v, str) and v.startswith(heading))
    return next(e for e in order[at + 1:] if e.type == "dataframe").value


def subheaders(app) -> list[str]:
    return [s.value for s in app.subheader]


def test_overview_lists_the_stalled_actions(app):
    app.run()
    assert not app.exception
    stalled = table(app, "Står stille")
    assert list(stalled["ID"]) == ["B1", "", "B2"]
    assert list(stalled["Tiltak"]) == ["b1", "uten id", "b2"]
    assert list(stalled["Status"]) == ["Pågår", "Delvis gjennomført", "Pågår"]
    assert list(stalled["Runder uendret"]) == [3, 3, 2]
    assert list(stalled["Siden"]) == ["16.01.2012", "16.01.2012", "29.06.2012"]
    assert any("minst 2 runder på rad" in c.value for c in app.caption)


def test_overview_lists_overdue_and_upcoming_deadlines(app):
    app.run()
    due = table(app, "Forfalt og snart forfalt")
    assert list(due["ID"]) == ["B1", "", "B2", "B7"]
    assert list(due["Frist"]) == ["01.10.2012", "14.12.2012", "31.01.2013", "14.03.2013"]
    assert list(due["Overtid"]) == ["74 dager over", "i dag", "om 48 dager", "om 90 dager"]
    assert any("frist senest 14.03.2013 (rundens dato og 90 dager)" in c.value
               for c in app.caption)


def test_changes_compare_with_the_previous_round_by_default(app):
    app.run()
    picker = app.selectbox(key="compare")
    assert picker.value == R2
    assert picker.options == ["29.06.2012 · round1.xlsx (forrige)", "16.01.2012 · round0.xlsx"]
    assert "Hva er endret siden forrige runde" in subheaders(app)
    changes = table(app, "Hva er endret")
    assert list(changes["ID"]) == ["B6", "B4", "B7"]
    assert list(changes["Endring"]) == ["Ny status", "Nytt tiltak", "Nytt tiltak"]
    assert "compare" not in app.query_params


def test_changes_compare_with_any_earlier_round_and_the_choice_is_in_the_url(app):
    app.run()
    app.selectbox(key="compare").set_value(R1).run()
    assert not app.exception
    assert "Hva er endret siden runden per 16.01.2012" in subheaders(app)
    changes = table(app, "Hva er endret")
    assert list(changes["ID"]) == ["B2", "B3", "B7"]
    assert list(changes["Før"]) == ["Ikke gjort", "Pågår", ""]
    assert list(changes["Status"]) == ["Pågår", "Gjennomført", "Pågår"]
    assert app.query_params["compare"] == str(R1)
    app.switch_page("pages/followup.py").run()
    app.switch_page("pages/overview.py").run()
    assert app.selectbox(key="compare").value == R1
    app.selectbox(key="compare").set_value(R2).run()
    assert "compare" not in app.query_params


def test_a_link_with_compare_opens_that_comparison(app):
    app.query_params["compare"] = str(R1)
    app.run()
    assert list(table(app, "Hva er endret")["ID"]) == ["B2", "B3", "B7"]


def test_a_comparison_round_not_before_the_chosen_round_is_forgotten(app):
    app.query_params["compare"] = str(R1)
    app.run()
    app.selectbox(key="round").set_value(R1).run()
    assert not app.exception
    assert "compare" not in app.query_params
    assert any("første runde" in i.value for i in app.info)
    app.selectbox(key="round").set_value(R2).run()
    assert app.selectbox(key="compare").value == R1
    assert app.selectbox(key="compare").options == ["16.01.2012 · round0.xlsx (forrige)"]


def test_an_actions_history_shows_status_and_comment_in_every_round(app):
    app.query_params["action"] = "B1"
    app.run()
    assert not app.exception
    assert "Historikk: B1" in subheaders(app)
    history = table(app, "Historikk: B1")
    assert list(history["Per"]) == ["16.01.2012", "29.06.2012", "14.12.2012"]
    assert list(history["Status"]) == ["Pågår"] * 3
    assert list(history["Ansvarlig"]) == ["Hum", "Hum", "IOM"]
    assert list(history["Kommentar"]) == ["Starter", "Venter på IOM", "Fortsatt venter"]
    assert any(c.value == "Status og kommentar i hver av de 3 rundene som har tiltaket."
               for c in app.caption)
    timeline = app.get("plotly_chart")[-1]
    assert '"ticktext":["16.01.2012","29.06.2012","14.12.2012"]' in timeline.proto.spec


def test_the_history_follows_an_action_without_id_by_its_key(app):
    app.query_params["action"] = KEYLESS
    app.run()
    app.switch_page("pages/followup.py").run()
    assert not app.exception
    history = table(app, "Historikk")
    assert list(history["Status"]) == ["Delvis gjennomført"] * 3


def test_an_action_that_leaves_later_rounds_out(app):
    app.query_params["action"] = "B4"
    app.run()
    app.selectbox(key="round").set_value(R2).run()
    history = table(app, "Historikk")
    assert list(history["Per"]) == ["16.01.2012"]
    assert any(c.value == "Status og kommentar i den ene runden som har tiltaket."
               for c in app.caption)


def test_closing_the_history_forgets_the_action(app):
    app.query_params["action"] = "B2"
    app.run()
    app.switch_page("pages/followup.py").run()
    assert "Historikk: B2" in subheaders(app)
    app.button(key="detail_close").click().run()
    assert not any(s.startswith("Historikk") for s in subheaders(app))
    assert "action" not in app.query_params
    assert any(c.value == "Klikk på en rad for å se hva tiltaket sa i hver runde."
               for c in app.caption)


def test_the_follow_up_pages_in_english_and_nynorsk(app):
    app.query_params["action"] = "B1"
    app.run()
    app.segmented_control(key="lang").set_value("en").run()
    assert not app.exception
    assert {"Stalled", "Overdue and due soon", "History: B1"} <= set(subheaders(app))
    assert list(table(app, "Overdue and due soon")["Overdue"]) == [
        "74 days overdue", "today", "in 48 days", "in 90 days"]
    app.segmented_control(key="lang").set_value("nn").run()
    assert not app.exception
    assert list(table(app, "Forfalle og snart forfalle")["Overtid"]) == [
        "74 dagar over", "i dag", "om 48 dagar", "om 90 dagar"]
