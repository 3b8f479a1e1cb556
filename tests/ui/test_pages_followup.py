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
import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.support.grid import as_text, formats

APP = str(Path(__file__).resolve().parents[2] / "dashboard.py")
R1, R3, R2 = 1, 2, 3
KEYLESS = "auto:" + hashlib.md5(b"mr/dem|uten id").hexdigest()


def table(app, heading: str):
    """Return the table drawn after the heading (the first one after it)."""
    order = [e for e in app.main if e.type in ("header", "subheader", "dataframe")
             or getattr(e, "type", "") == "heading"]
    texts = [getattr(e, "value", None) for e in order]
    at = next(i for i, v in enumerate(texts) if isinstance(v, str) and v.startswith(heading))
    return as_text(next(e for e in order[at + 1:] if e.type == "dataframe").value)


def grid_of(app, heading: str):
    """Return the st.dataframe element drawn after the heading (the first one after it)."""
    order = [e for e in app.main if e.type in ("header", "subheader", "dataframe")]
    texts = [getattr(e, "value", None) for e in order]
    at = next(i for i, v in enumerate(texts) if isinstance(v, str) and v.startswith(heading))
    return next(e for e in order[at + 1:] if e.type == "dataframe")


def headings(app) -> list[str]:
    return [s.value for s in (*app.header, *app.subheader)]


def test_overview_lists_the_stalled_actions(three_rounds_app):
    three_rounds_app.run()
    assert not three_rounds_app.exception
    stalled = table(three_rounds_app, "Står stille")
    assert list(stalled["ID"]) == ["B1", "", "B2"]
    assert list(stalled["Tiltak"]) == ["b1", "uten id", "b2"]
    assert list(stalled["Status"]) == ["Pågår", "Delvis gjennomført", "Pågår"]
    assert list(stalled["Runder uendret"]) == [3, 3, 2]
    assert list(stalled["Siden"]) == ["16.01.2012", "16.01.2012", "29.06.2012"]
    assert any("minst 2 runder på rad" in c.value for c in three_rounds_app.caption)


def test_overview_lists_overdue_and_upcoming_deadlines(three_rounds_app):
    three_rounds_app.run()
    due = table(three_rounds_app, "Forfalt og snart forfalt")
    assert list(due["ID"]) == ["B1", "", "B2", "B7"]
    assert list(due["Frist"]) == ["01.10.2012", "14.12.2012", "31.01.2013", "14.03.2013"]
    assert list(due["Dager over frist"]) == [74, 0, -48, -90]  # days past the due date
    assert any("frist senest 14.03.2013 (rundens dato og 90 dager)" in c.value
               for c in three_rounds_app.caption)


def test_changes_compare_with_the_previous_round_by_default(three_rounds_app):
    three_rounds_app.run()
    picker = three_rounds_app.selectbox(key="compare")
    assert picker.value == R2
    assert picker.options == ["29.06.2012 · round1.xlsx (forrige)", "16.01.2012 · round0.xlsx"]
    assert "Hva er endret siden forrige runde" in headings(three_rounds_app)
    changes = table(three_rounds_app, "Hva er endret")
    assert list(changes["ID"]) == ["B6", "B4", "B7"]
    assert list(changes["Endring"]) == ["Ny status", "Nytt tiltak", "Nytt tiltak"]
    assert "compare" not in three_rounds_app.query_params


def test_changes_compare_with_any_earlier_round_and_the_choice_is_in_the_url(three_rounds_app):
    three_rounds_app.run()
    three_rounds_app.selectbox(key="compare").set_value(R1).run()
    assert not three_rounds_app.exception
    assert "Hva er endret siden runden per 16.01.2012" in headings(three_rounds_app)
    changes = table(three_rounds_app, "Hva er endret")
    assert list(changes["ID"]) == ["B2", "B3", "B7"]
    assert list(changes["Før"]) == ["Ikke gjort", "Pågår", ""]
    assert list(changes["Status"]) == ["Pågår", "Gjennomført", "Pågår"]
    assert three_rounds_app.query_params["compare"] == str(R1)
    three_rounds_app.switch_page("pages/followup.py").run()
    three_rounds_app.switch_page("pages/overview.py").run()
    assert three_rounds_app.selectbox(key="compare").value == R1
    three_rounds_app.selectbox(key="compare").set_value(R2).run()
    assert "compare" not in three_rounds_app.query_params


def test_a_link_with_compare_opens_that_comparison(three_rounds_app):
    three_rounds_app.query_params["compare"] = str(R1)
    three_rounds_app.run()
    assert list(table(three_rounds_app, "Hva er endret")["ID"]) == ["B2", "B3", "B7"]


def test_a_comparison_round_not_before_the_chosen_round_is_forgotten(three_rounds_app):
    three_rounds_app.query_params["compare"] = str(R1)
    three_rounds_app.run()
    three_rounds_app.selectbox(key="round").set_value(R1).run()
    assert not three_rounds_app.exception
    assert "compare" not in three_rounds_app.query_params
    assert any("første runde" in i.value for i in three_rounds_app.info)
    three_rounds_app.selectbox(key="round").set_value(R2).run()
    assert three_rounds_app.selectbox(key="compare").value == R1
    assert three_rounds_app.selectbox(key="compare").options == [
        "16.01.2012 · round0.xlsx (forrige)"]


def downloads_help(app) -> list[str]:
    """Return the help of the meeting pack's three buttons (not the reminders' zip)."""
    return [b.help for b in app.get("download_button") if b.key.startswith("dl_")]


def test_the_downloads_compare_with_the_round_chosen_and_say_so(three_rounds_app, db):
    from followup import ui
    from followup.filters import Filters
    from followup.ui.data import generation
    from tests.support.htmldoc import parse, table_rows

    three_rounds_app.run()
    assert all(
        h.endswith(" Endringene er sammenlignet med runden per 29.06.2012.")
        for h in downloads_help(three_rounds_app)
    )
    three_rounds_app.selectbox(key="compare").set_value(R1).run()
    assert not three_rounds_app.exception
    assert len(downloads_help(three_rounds_app)) == 3
    assert all(
        h.endswith(" Endringene er sammenlignet med runden per 16.01.2012.")
        for h in downloads_help(three_rounds_app)
    )
    three_rounds_app.switch_page(
        "pages/followup.py"
    ).run()  # the choice holds on every page's downloads
    assert all(h.endswith("16.01.2012.") for h in downloads_help(three_rounds_app))
    # the button's file: the cached function, with the round the page keeps for it
    compare = three_rounds_app.session_state["f_compare"]
    assert compare == R1

    def brief(against):
        made = ui._pack("brief", str(db), generation(db), Filters(snapshot=R3), "nb", against)
        return parse(made.decode())

    doc = brief(compare)
    assert doc.one(id="s-changes").one("h2").text == "Hva er endret siden runden per 16.01.2012"
    assert [r[0] for r in table_rows(doc, "t-changes")] == ["B2", "B3", "B7"]
    default = brief(R2)
    assert [r[0] for r in table_rows(default, "t-changes")] == ["B6", "B4", "B7"]


def test_the_first_round_downloads_say_nothing_of_a_comparison(three_rounds_app):
    three_rounds_app.query_params["round"] = str(R1)
    three_rounds_app.run()
    assert not three_rounds_app.exception
    assert [h.split(";")[0] for h in downloads_help(three_rounds_app)][:1] == [
        "Én fil med nøkkeltall, grafer og tiltak for dette utvalget"
    ]
    assert not any("sammenlignet med runden" in h for h in downloads_help(three_rounds_app))


def test_an_actions_history_shows_status_and_comment_in_every_round(three_rounds_app):
    three_rounds_app.query_params["action"] = "B1"
    three_rounds_app.run()
    assert not three_rounds_app.exception
    assert "Historikk: B1" in headings(three_rounds_app)
    history = table(three_rounds_app, "Historikk: B1")
    assert list(history["Per"]) == ["16.01.2012", "29.06.2012", "14.12.2012"]
    assert list(history["Status"]) == ["Pågår"] * 3
    assert list(history["Ansvarlig"]) == ["Hum", "Hum", "IOM"]
    assert list(history["Kommentar"]) == ["Starter", "Venter på IOM", "Fortsatt venter"]
    assert any(
        c.value == "Status og kommentar i hver av de 3 rundene som har tiltaket."
        for c in three_rounds_app.caption
    )
    timeline = three_rounds_app.get("plotly_chart")[-1]
    assert '"ticktext":["16.01.2012","29.06.2012","14.12.2012"]' in timeline.proto.spec


def test_the_history_follows_an_action_without_id_by_its_key(three_rounds_app):
    three_rounds_app.query_params["action"] = KEYLESS
    three_rounds_app.run()
    three_rounds_app.switch_page("pages/followup.py").run()
    assert not three_rounds_app.exception
    history = table(three_rounds_app, "Historikk")
    assert list(history["Status"]) == ["Delvis gjennomført"] * 3


def test_an_action_that_leaves_later_rounds_out(three_rounds_app):
    three_rounds_app.query_params["action"] = "B4"
    three_rounds_app.run()
    three_rounds_app.selectbox(key="round").set_value(R2).run()
    history = table(three_rounds_app, "Historikk")
    assert list(history["Per"]) == ["16.01.2012"]
    assert any(
        c.value == "Status og kommentar i den ene runden som har tiltaket."
        for c in three_rounds_app.caption
    )


def test_closing_the_history_forgets_the_action(three_rounds_app):
    three_rounds_app.query_params["action"] = "B2"
    three_rounds_app.run()
    three_rounds_app.switch_page("pages/followup.py").run()
    assert "Historikk: B2" in headings(three_rounds_app)
    three_rounds_app.button(key="detail_close").click().run()
    assert not any(s.startswith("Historikk") for s in headings(three_rounds_app))
    assert "action" not in three_rounds_app.query_params
    assert any(
        c.value.startswith("Klikk på en rad for å se hva tiltaket sa i hver runde (med tastaturet")
        for c in three_rounds_app.caption
    )


def test_the_follow_up_pages_in_english_and_nynorsk(three_rounds_app):
    three_rounds_app.query_params["action"] = "B1"
    three_rounds_app.run()
    three_rounds_app.segmented_control(key="lang").set_value("en").run()
    assert not three_rounds_app.exception
    assert {"Stalled", "Overdue and due soon", "History: B1"} <= set(headings(three_rounds_app))
    due = grid_of(three_rounds_app, "Overdue and due soon")
    assert list(due.value["Days overdue"]) == [74, 0, -48, -90]
    assert formats(due)["Days overdue"]["help"] == (
        "Days past the due date as of the round's date; a negative number is days left.")
    assert formats(due)["Due"]["type_config"]["format"] == "YYYY-MM-DD"
    assert as_text(due.value, "en")["Due"].tolist()[0] == "2012-10-01"
    three_rounds_app.segmented_control(key="lang").set_value("nn").run()
    assert not three_rounds_app.exception
    due = grid_of(three_rounds_app, "Forfalle og snart forfalle")
    assert list(due.value["Dagar over frist"]) == [74, 0, -48, -90]
    assert formats(due)["Dagar over frist"]["help"].startswith("Dagar over fristen")
    assert formats(due)["Frist"]["type_config"]["format"] == "DD.MM.YYYY"


def test_the_grids_get_dates_as_dates_and_numbers_as_numbers(three_rounds_app):
    # regression: the due dates reached st.dataframe as text, so a click on "Frist" sorted
    # 01.10.2012 before 14.06.2011
    three_rounds_app.run()
    due = grid_of(three_rounds_app, "Forfalt og snart forfalt")
    assert str(due.value["Frist"].dtype).startswith("datetime64")
    assert str(due.value["Dager over frist"].dtype) == "int32"
    assert formats(due)["Dager over frist"]["type_config"]["format"] == "%+d"
    assert formats(due)["Status"]["type_config"]["options"][0] == {
        "value": "Gjennomført", "color": "#009E73"}
    stalled = grid_of(three_rounds_app, "Står stille")
    assert str(stalled.value["Siden"].dtype).startswith("datetime64")
    assert str(stalled.value["Runder uendret"].dtype) == "int64"


def test_the_grant_grid_gets_amounts_as_numbers_and_dates_as_dates(two_rounds_app):
    two_rounds_app.switch_page("pages/grants.py").run()
    assert not two_rounds_app.exception
    grants = two_rounds_app.dataframe[0]
    assert str(grants.value["Utbetalt (kr)"].dtype) == "float64"
    assert str(grants.value["Fra"].dtype).startswith("datetime64")
    assert formats(grants)["Utbetalt (kr)"]["type_config"]["format"] == "%'\u00a0,d"
    # no agreement of these rounds has an amount: the empty column is left out
    assert "Avtalebeløp (kr)" not in grants.value.columns


# Recommendations in R3 (see test_recommendations): 1 accepted, implemented (B3 done, B5 not
# applicable); 2 partly accepted, partial; 3 rejected, no actions; 4 accepted, not started;
# 5 no response, no actions; 6 accepted, ongoing. Implementation rate: R3 1 of 4 = 25,0 %,
# R2 1 of 3 = 33,3 % -> -8,3 p.p.; one rejected.


def test_overview_shows_the_implementation_rate_against_the_previous_round(three_rounds_app):
    three_rounds_app.run()
    card = next(m for m in three_rounds_app.metric if m.label == "Anbefalinger gjennomført")
    assert (card.value, card.delta) == ("25,0\u00a0%", "\u22128,3 p.p.")


def test_recommendations_page_shows_response_status_and_progress(three_rounds_app):
    three_rounds_app.run()
    three_rounds_app.switch_page("pages/recommendations.py").run()
    assert not three_rounds_app.exception
    assert [(m.label, m.value, m.delta) for m in three_rounds_app.metric] == [
        ("Anbefalinger gjennomført", "25,0\u00a0%", "\u22128,3 p.p.")
    ]
    assert any(
        c.value == "1 anbefaling ble avvist og telles ikke i andelen."
        for c in three_rounds_app.caption
    )
    recs = table(three_rounds_app, "Anbefalingene")
    assert list(recs["Nr"]) == ["1", "2", "3", "4", "5", "6"]
    assert list(recs["Ledelsens svar"]) == [
        "Enig",
        "Delvis enig",
        "Uenig",
        "Enig",
        "Ikke besvart",
        "Enig",
    ]
    assert list(recs["Status"]) == [
        "Gjennomført",
        "Delvis gjennomført",
        "Uten tiltak",
        "Ikke gjort",
        "Uten tiltak",
        "Pågår",
    ]
    assert list(recs["Tiltak"]) == [1, 2, 0, 1, 0, 3]
    assert list(recs["Gjennomførte tiltak"]) == [1, 0, 0, 0, 0, 0]
    assert list(recs["Gjennomført"].fillna(-1)) == [100.0, 0.0, -1, 0.0, -1, 0.0]
    chart = json.loads(three_rounds_app.get("plotly_chart")[0].proto.spec)
    assert chart["data"][0]["y"] == ["Enig", "Delvis enig", "Uenig", "Ikke besvart"]
    assert [(tr["name"], tr["x"]) for tr in chart["data"]] == [
        ("Gjennomført", [1, 0, 0, 0]),
        ("Delvis gjennomført", [0, 1, 0, 0]),
        ("Pågår", [1, 0, 0, 0]),
        ("Ikke gjort", [1, 0, 0, 0]),
        ("Uten tiltak", [0, 0, 1, 1]),
    ]


def test_recommendations_follow_the_region_filter(three_rounds_app):
    three_rounds_app.run()
    three_rounds_app.switch_page("pages/recommendations.py").run()
    three_rounds_app.multiselect(key="region").set_value(["Europa"]).run()
    recs = table(three_rounds_app, "Anbefalingene")
    assert list(recs["Nr"]) == ["1", "2"]
    assert list(recs["Status"]) == ["Uten tiltak", "Delvis gjennomført"]


def test_recommendations_page_in_nynorsk(three_rounds_app):
    three_rounds_app.query_params["lang"] = "nn"
    three_rounds_app.run()
    three_rounds_app.switch_page("pages/recommendations.py").run()
    assert not three_rounds_app.exception
    assert three_rounds_app.title[0].value == "Tilrådingar"
    assert list(table(three_rounds_app, "Tilrådingane")["Svar frå leiinga"])[:3] == [
        "Einig",
        "Delvis einig",
        "Ueinig",
    ]


def test_a_round_without_recommendations_says_so(db, tmp_path, monkeypatch):
    from tests.support.builders import two_rounds

    two_rounds(db, tmp_path)
    monkeypatch.setenv("FOLLOWUP_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert "Anbefalinger gjennomført" not in [m.label for m in at.metric]
    at.switch_page("pages/recommendations.py").run()
    assert not at.exception
    assert any("Runden har ingen anbefalinger" in i.value for i in at.info)
