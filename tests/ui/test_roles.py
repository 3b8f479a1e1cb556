"""Roles in the app (AppTest's own signed-in user): what each role is given, and the server's
refusal of an import or a deletion even when the handler is reached past the hidden UI.

The sign-in itself is tested for real, against a real OpenID Connect provider in Chromium, in
test_signin.py; here `AppTest.user` stands in for the identity cookie that sign-in leaves.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from followup import store
from followup.cli import jobs
from followup.i18n import plain
from followup.store import rounds
from tests.support.builders import commented_workbook, two_rounds

APP = str(Path(__file__).resolve().parents[2] / "dashboard.py")
UPLOAD = "pages/upload.py"
AUTH = {"redirect_uri": "http://127.0.0.1:8501/oauth2callback", "cookie_secret": "not-a-secret",
        "client_id": "oppfolging", "client_secret": "not-a-secret",
        "server_metadata_url": "http://127.0.0.1:9400/.well-known/openid-configuration"}
ACCESS = {"viewers": ["@mfa.no"], "editors": ["kari@mfa.no"], "admins": ["ola@mfa.no"]}


@pytest.fixture
def database(db, tmp_path, monkeypatch):
    two_rounds(db, tmp_path)
    monkeypatch.setenv("FOLLOWUP_DB", str(db))
    return db


def signed_in(script, email: str | None, **kwargs) -> AppTest:
    """Return an AppTest of the script with sign-in on and the given user signed in."""
    at = (AppTest.from_function(script, kwargs=kwargs, default_timeout=90) if callable(script)
          else AppTest.from_file(script, default_timeout=90))
    at.secrets["auth"] = dict(AUTH)
    at.secrets["access"] = dict(ACCESS)
    at.user = {"is_logged_in": True, "email": email} if email else {"is_logged_in": False}
    return at


def round_ids(db: Path) -> list[int]:
    with store.reader(db) as con:
        return sorted(r["snapshot_id"] for r in store.snapshots(con))


def audit(db: Path) -> list[dict]:
    with store.reader(db) as con:
        return rounds.audit_log(con)


def texts(at) -> str:
    parts = [e.value for kind in ("title", "markdown", "caption", "error", "info", "header")
             for e in at.get(kind)]
    return "\n".join(str(p) for p in parts)


def button_keys(at) -> list[str]:
    return [b.key for b in at.button]


def test_a_visitor_not_signed_in_gets_only_the_sign_in_page(database):
    at = signed_in(APP, None).run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Logg inn"]
    assert [b.label for b in at.button] == ["Logg inn"]
    assert len(at.get("plotly_chart")) == 0
    assert len(at.get("download_button")) == 0
    assert len(at.sidebar.children) == 0
    for name in ("Oversikt", "Oppfølging", "Tilskudd", "Portefølje", "Last opp"):
        assert name not in texts(at)


def test_a_signed_in_user_without_a_role_gets_the_no_access_page(database):
    at = signed_in(APP, "someone@example.org").run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Ingen tilgang"]
    assert plain("someone@example.org") in at.markdown[0].value
    assert [b.label for b in at.button] == ["Logg ut"]
    assert len(at.get("plotly_chart")) == 0


def test_a_viewer_browses_and_downloads_but_has_no_upload_page(database):
    at = signed_in(APP, "leder@mfa.no").run()
    assert not at.exception
    assert len(at.get("plotly_chart")) == 3
    assert [b.label for b in at.get("download_button")] == ["Briefing (HTML)",
                                                            "Lysbilder (pptx)", "Data (xlsx)"]
    assert any(plain("leder@mfa.no") + " (leser)" in c.value for c in at.sidebar.caption)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(UPLOAD)


def test_the_upload_page_refuses_a_viewer_before_drawing_anything(database):
    at = signed_in(str(Path(APP).parent / UPLOAD), "leder@mfa.no").run()
    assert [e.value for e in at.error] == [
        "Du har ikke tilgang til å importere runder. Ingenting er endret."]
    assert len(at.get("file_uploader")) == 0
    assert len(at.button) == 0


def test_an_editor_uploads_and_imports_but_cannot_delete(database, tmp_path):
    workbook = commented_workbook(tmp_path / "runde-3.xlsx")
    at = signed_in(APP, "kari@mfa.no").run()
    at.switch_page(UPLOAD).run()
    assert not at.exception
    assert "delete" not in button_keys(at)
    assert "Logg over importer og slettinger" not in texts(at)
    at.get("file_uploader")[0].upload("runde-3.xlsx", workbook.read_bytes()).run()
    at.button(key="import").click().run()
    assert not at.exception
    assert round_ids(database) == [1, 2, 3]
    newest = audit(database)[0]
    assert (newest["who"], newest["event"], newest["snapshot_id"], newest["sha256"]) == (
        "kari@mfa.no", "import", 3, hashlib.sha256(workbook.read_bytes()).hexdigest())


def test_an_admin_sees_the_delete_button_and_the_audit_log(database):
    at = signed_in(APP, "ola@mfa.no").run()
    at.switch_page(UPLOAD).run()
    assert not at.exception
    assert "delete" in button_keys(at)
    assert "Logg over importer og slettinger" in texts(at)
    log = at.dataframe[-1].value
    # a column with no value in any row is left out (grids.grid): no reminder was sent and
    # no change refused, so Mottakere and Detaljer are not shown
    assert list(log.columns) == ["Tidspunkt", "Hvem", "Hendelse", "Runde", "Per", "Fil",
                                 "SHA-256"]
    assert list(log["Hendelse"]) == ["Import", "Import"]
    assert list(log["Runde"]) == [2, 1]
    assert str(log["Tidspunkt"].dtype).startswith("datetime64")  # sorts by time
    assert json.loads(at.dataframe[-1].proto.columns)["Tidspunkt"]["type_config"][
        "format"] == "DD.MM.YYYY HH:mm:ss"
    rounds = at.dataframe[0].value  # the rounds: dates and load times as values
    assert str(rounds["Per"].dtype).startswith("datetime64")
    assert str(rounds["Lastet inn"].dtype).startswith("datetime64")


def _import_handler(path: str) -> None:
    """The import form alone, as if the upload page had been reached past the navigation."""
    import datetime as dt
    from pathlib import Path

    from followup.store import ingest
    from followup.ui import upload

    upload.import_button(ingest.check(Path(path).read_bytes(), Path(path).name), dt.date.today())


def _delete_handler(snapshot: int) -> None:
    """The delete form alone, as if it had been drawn for someone who is not an admin."""
    from followup.ui import upload

    upload.delete_form(snapshot, "standard.xlsx")


@pytest.mark.parametrize("email", ["leder@mfa.no", "someone@example.org", None])
def test_the_import_handler_refuses_anyone_but_an_editor_on_the_server(database, tmp_path,
                                                                       email):
    workbook = commented_workbook(tmp_path / "runde-3.xlsx")
    at = signed_in(_import_handler, email, path=str(workbook)).run()
    at.button(key="import").click().run()
    assert [e.value for e in at.error] == [
        "Du har ikke tilgang til å importere runder. Ingenting er endret."]
    assert round_ids(database) == [1, 2]
    assert [r["event"] for r in audit(database)] == ["import", "import"]


def test_the_import_handler_imports_for_an_editor(database, tmp_path):
    workbook = commented_workbook(tmp_path / "runde-3.xlsx")
    at = signed_in(_import_handler, "KARI@mfa.no", path=str(workbook)).run()
    at.button(key="import").click().run()
    assert not at.error
    assert round_ids(database) == [1, 2, 3]
    assert audit(database)[0]["who"] == "KARI@mfa.no"


@pytest.mark.parametrize("email", ["kari@mfa.no", "leder@mfa.no", "someone@example.org", None])
def test_the_delete_handler_refuses_anyone_but_an_admin_on_the_server(database, email):
    at = signed_in(_delete_handler, email, snapshot=2).run()
    at.checkbox(key="confirm_delete_2").check().run()
    at.button(key="delete").click().run()
    assert [e.value for e in at.error] == [
        "Du har ikke tilgang til å slette runder. Ingenting er endret."]
    assert round_ids(database) == [1, 2]


def test_the_delete_handler_deletes_for_an_admin_and_the_log_keeps_the_import(database):
    at = signed_in(_delete_handler, "ola@mfa.no", snapshot=2).run()
    at.checkbox(key="confirm_delete_2").check().run()
    at.button(key="delete").click().run()
    assert not at.error
    assert round_ids(database) == [1]
    log = audit(database)
    assert [(r["event"], r["snapshot_id"], r["who"]) for r in log] == [
        ("delete", 2, "ola@mfa.no"), ("import", 2, None), ("import", 1, None)]
    assert log[0]["sha256"] == log[1]["sha256"]


def test_a_role_taken_away_mid_session_refuses_the_import(database, tmp_path):
    workbook = commented_workbook(tmp_path / "runde-3.xlsx")
    at = signed_in(APP, "kari@mfa.no").run()
    at.switch_page(UPLOAD).run()
    at.get("file_uploader")[0].upload("runde-3.xlsx", workbook.read_bytes()).run()
    at.secrets["access"] = {**ACCESS, "editors": []}
    at.button(key="import").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "Du har ikke tilgang til å importere runder. Ingenting er endret."]
    assert not at.get("file_uploader")
    assert round_ids(database) == [1, 2]


def test_without_sign_in_the_app_is_open_and_says_so(database):
    at = AppTest.from_file(APP, default_timeout=90).run()
    assert "Åpen lokal visning uten innlogging." in [c.value for c in at.sidebar.caption]
    at.switch_page(UPLOAD).run()
    assert not at.exception
    assert "delete" in button_keys(at)
    assert "Logg over importer og slettinger" in texts(at)


def test_the_jobs_record_an_identity_that_looks_like_an_option_and_keep_the_order(database,
                                                                                   tmp_path):
    # `--who -kari@mfa.no` would be an argparse error; an import and a deletion within one
    # second were listed in either order
    workbook = commented_workbook(tmp_path / "runde-3.xlsx")
    who = "-kari@mfa.no"
    done = jobs.import_workbook(workbook.read_bytes(), workbook.name, database, None, who, "nb")
    assert done.outcome == "ok", done.message
    assert jobs.delete_round(database, 3, who, "nb").outcome == "ok"
    assert [(r["event"], r["who"]) for r in audit(database)[:2]] == [
        ("delete", who), ("import", who)]


def test_roles_without_sign_in_close_the_app_instead_of_opening_it(database):
    # regression: an [access] table without [auth] was ignored, so everyone could do everything
    at = AppTest.from_file(APP, default_timeout=90)
    at.secrets["access"] = dict(ACCESS)
    at.run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Stengt"]
    assert not at.get("plotly_chart")
    assert not at.get("file_uploader")
    assert round_ids(database) == [1, 2]
