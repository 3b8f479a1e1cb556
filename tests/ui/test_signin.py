"""Sign-in for real: a real OpenID Connect provider (oidc-provider-mock), `st.login` in the app,
headless Chromium through the provider's own form; roles from the same secrets file.

The app reads a secrets file in tmp_path (`--secrets.files`), never the repository's.
"""

from __future__ import annotations

import hashlib
import re

import pytest
from playwright.sync_api import expect

from followup import store
from followup.store import rounds
from tests.support.browser import Provider, Server, free_port, require_chromium, shown
from tests.support.builders import commented_workbook, two_rounds

pytestmark = pytest.mark.browser
PAGE_NAMES = ("Oversikt", "Oppfølging", "Tilskudd", "Portefølje", "Last opp")
SECRETS = """[auth]
redirect_uri = "http://127.0.0.1:{port}/oauth2callback"
cookie_secret = "a-cookie-secret-for-the-tests-only-0123456789"
client_id = "oppfolging"
client_secret = "a-client-secret-for-the-tests-only"
server_metadata_url = "{provider}/.well-known/openid-configuration"

[access]
viewers = ["@mfa.no", "svc-1234"]
editors = ["kari@mfa.no"]
admins = ["ola@mfa.no"]
"""


@pytest.fixture(scope="module")
def signin_server(tmp_path_factory):
    require_chromium()
    folder = tmp_path_factory.mktemp("signin")
    db = two_rounds(folder / "db" / "followup.duckdb", folder)
    provider = Provider(folder, users=['{"sub": "svc-1234"}'])
    port = free_port()
    secrets = folder / "secrets.toml"
    secrets.write_text(SECRETS.format(port=port, provider=provider.url), encoding="utf-8")
    server = Server(db, options=["--secrets.files", str(secrets)], port=port)
    server.provider, server.secrets = provider, secrets
    yield server
    server.stop()
    provider.stop()


def round_ids(app) -> list[int]:
    with store.reader(app.db) as con:
        return sorted(r["snapshot_id"] for r in store.snapshots(con))


def audit(app) -> list[dict]:
    with store.reader(app.db) as con:
        return rounds.audit_log(con)


def open_app(page, app, path: str = "") -> None:
    """Open a path of the app; close Streamlit's notice when the path is not served."""
    page.goto(f"{app.url}/{path}")
    page.get_by_role("heading", level=1).first.wait_for(timeout=30_000)
    if path:
        dialog = page.get_by_role("dialog")
        dialog.wait_for(timeout=10_000)
        expect(dialog).to_contain_text("Page not found")
        page.keyboard.press("Escape")
        dialog.wait_for(state="detached", timeout=10_000)


def sign_in(page, app, sub: str) -> None:
    """Sign in through the provider's own authorize form, as the given subject."""
    open_app(page, app)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url(f"{app.provider.url}/oauth2/authorize**", timeout=30_000)
    page.locator("input[name='sub']").fill(sub)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(re.compile(re.escape(app.url) + r"/?$"), timeout=30_000)
    page.get_by_role("heading", level=1).first.wait_for(timeout=30_000)


def charts(page, count: int) -> None:
    expect(page.locator(".js-plotly-plot")).to_have_count(count, timeout=30_000)


@pytest.mark.parametrize("path", ["", "followup", "upload"])
def test_a_visitor_not_signed_in_is_served_only_the_sign_in_page(fresh_page, signin_server, path):
    frames: list[bytes] = []
    fresh_page.on("websocket", lambda ws: ws.on(
        "framereceived", lambda data: frames.append(data if isinstance(data, bytes)
                                                    else data.encode())))
    open_app(fresh_page, signin_server, path)
    expect(fresh_page.get_by_role("heading", level=1)).to_have_text("Logg inn")
    expect(fresh_page.get_by_role("button", name="Logg inn")).to_be_visible()
    fresh_page.wait_for_timeout(1_000)  # anything else the server would send has arrived by now
    assert fresh_page.locator(".js-plotly-plot").count() == 0
    assert fresh_page.locator("[data-testid='stDownloadButton']").count() == 0
    assert fresh_page.locator("input[type='file']").count() == 0
    assert fresh_page.locator("[data-testid='stSidebarNav']").count() == 0
    body = fresh_page.locator("body").inner_html()
    for name in PAGE_NAMES:
        assert name not in body
    served = b"".join(frames)
    assert b"Logg inn" in served
    for secret in [n.encode() for n in PAGE_NAMES if n != "Oppfølging"] + [
            b"standard.xlsx", b"earlier.xlsx", b"MR/DEM", b"plotly", b"Analyse"]:
        assert secret not in served


def test_a_viewer_browses_and_downloads_but_cannot_import(fresh_page, signin_server, tmp_path):
    before = round_ids(signin_server)
    sign_in(fresh_page, signin_server, "leder@mfa.no")
    charts(fresh_page, 3)
    expect(fresh_page.get_by_text(
        f"Innlogget som {shown('leder@mfa.no')} (leser)")).to_be_visible()
    nav = fresh_page.locator("[data-testid='stSidebarNav']")
    expect(nav).to_contain_text("Portefølje")
    expect(nav).not_to_contain_text("Last opp")
    with fresh_page.expect_download(timeout=60_000) as download:
        fresh_page.get_by_role("button", name="Data (xlsx)").click()
    assert download.value.suggested_filename == "oppfolging-data-2012-12-14.xlsx"

    open_app(fresh_page, signin_server, "upload")
    expect(fresh_page.get_by_role("heading", level=1).first).to_have_text("Oversikt")
    charts(fresh_page, 3)
    assert fresh_page.locator("input[type='file']").count() == 0
    assert fresh_page.get_by_role("button", name="Importer").count() == 0
    assert round_ids(signin_server) == before


def test_a_user_without_an_email_claim_is_known_by_sub(fresh_page, signin_server):
    sign_in(fresh_page, signin_server, "svc-1234")
    charts(fresh_page, 3)
    expect(fresh_page.get_by_text("Innlogget som svc-1234 (leser)")).to_be_visible()


def test_an_editor_imports_and_the_audit_log_names_her(fresh_page, signin_server, tmp_path):
    workbook = commented_workbook(tmp_path / "runde-3.xlsx")
    sign_in(fresh_page, signin_server, "kari@mfa.no")
    expect(fresh_page.get_by_text(
        f"Innlogget som {shown('kari@mfa.no')} (redaktør)")).to_be_visible()
    fresh_page.locator("[data-testid='stSidebarNav']").get_by_text("Last opp").click()
    fresh_page.locator("input[type='file']").set_input_files(str(workbook))
    importer = fresh_page.get_by_role("button", name="Importer")
    expect(importer).to_be_enabled(timeout=30_000)
    assert fresh_page.get_by_role("button", name="Slett runden").count() == 0
    assert fresh_page.get_by_text("Logg over importer og slettinger").count() == 0
    importer.click()
    expect(fresh_page.get_by_text(re.compile(r"Importert som runde \d+"))).to_be_visible(
        timeout=60_000)
    newest = audit(signin_server)[0]
    assert (newest["who"], newest["event"], newest["file_name"], newest["sha256"]) == (
        "kari@mfa.no", "import", "runde-3.xlsx", hashlib.sha256(workbook.read_bytes()).hexdigest())
    assert newest["snapshot_id"] == max(round_ids(signin_server))
    assert fresh_page.get_by_role("button", name="Slett runden").count() == 0


def test_an_admin_deletes_a_round_and_the_log_keeps_its_import(fresh_page, signin_server):
    sign_in(fresh_page, signin_server, "ola@mfa.no")
    expect(fresh_page.get_by_text(
        f"Innlogget som {shown('ola@mfa.no')} (administrator)")).to_be_visible()
    fresh_page.locator("[data-testid='stSidebarNav']").get_by_text("Last opp").click()
    expect(fresh_page.get_by_text("Logg over importer og slettinger")).to_be_visible(timeout=30_000)
    newest = max(round_ids(signin_server))
    fresh_page.get_by_text(f"Ja, slett runde {newest} ").click()
    fresh_page.get_by_role("button", name="Slett runden").click()
    expect(fresh_page.get_by_text(f"Runde {newest} er slettet.")).to_be_visible(timeout=60_000)
    assert newest not in round_ids(signin_server)
    log = audit(signin_server)
    deleted = log[0]
    assert (deleted["who"], deleted["event"], deleted["snapshot_id"]) == (
        "ola@mfa.no", "delete", newest)
    imported = [r for r in log if r["event"] == "import" and r["snapshot_id"] == newest]
    assert len(imported) == 1
    assert imported[0]["sha256"] == deleted["sha256"]
    table = fresh_page.locator("[data-testid='stDataFrame']").last  # the log, under the rounds
    expect(table.get_by_test_id("glide-cell-2-0")).to_have_text("Sletting", timeout=30_000)
    rows = [row.locator("td").all_text_contents() for row in table.locator("tr").all()]
    rows = [cells for cells in rows if cells]
    assert rows[0][1:4] == ["ola@mfa.no", "Sletting", str(newest)]
    assert [cells[2] for cells in rows if cells[3] == str(newest)] == ["Sletting", "Import"]
    # the last column, after the recipients: the first 12 characters (whole in `snapshots`)
    assert rows[0][-1] == deleted["sha256"][:12]


def test_a_signed_in_user_without_a_role_is_told_politely_and_can_sign_out(fresh_page,
                                                                          signin_server):
    sign_in(fresh_page, signin_server, "someone@example.org")
    expect(fresh_page.get_by_role("heading", level=1)).to_have_text("Ingen tilgang")
    expect(fresh_page.get_by_text(
        f"Du er logget inn som {shown('someone@example.org')}")).to_be_visible()
    assert fresh_page.locator(".js-plotly-plot").count() == 0
    body = fresh_page.locator("body").inner_html()
    for name in PAGE_NAMES:
        assert name not in body
    fresh_page.get_by_role("button", name="Logg ut").click()
    fresh_page.wait_for_url(f"{signin_server.provider.url}/oauth2/end_session**", timeout=30_000)
    fresh_page.get_by_role("button", name="End session").click()
    fresh_page.get_by_role("button", name="Logg inn").wait_for(timeout=30_000)
    expect(fresh_page.get_by_role("heading", level=1)).to_have_text("Logg inn")


def test_a_role_taken_away_in_the_secrets_applies_without_a_restart(fresh_page, signin_server):
    secrets = signin_server.secrets
    text = secrets.read_text(encoding="utf-8")
    sign_in(fresh_page, signin_server, "kari@mfa.no")
    nav = fresh_page.locator("[data-testid='stSidebarNav']")
    expect(nav).to_contain_text("Last opp")
    try:
        secrets.write_text(
            text.replace('editors = ["kari@mfa.no"]', "editors = []"), encoding="utf-8"
        )
        for _ in range(30):  # Streamlit polls the secrets file for changes
            fresh_page.wait_for_timeout(1_000)
            fresh_page.reload()
            charts(fresh_page, 3)
            if "Last opp" not in nav.inner_text():
                break
        expect(nav).not_to_contain_text("Last opp")
        expect(fresh_page.get_by_text(
        f"Innlogget som {shown('kari@mfa.no')} (leser)")).to_be_visible()
    finally:
        secrets.write_text(text, encoding="utf-8")


def test_a_new_servers_first_visit_to_a_page_address_is_still_only_the_sign_in_page(
    signin_server, browser
):
    # regression: Streamlit ran a page file alone (no dashboard.py, no sign-in gate) for the
    # first request to a new server when that request named the page's own address
    fresh = Server(signin_server.db, options=["--secrets.files", str(signin_server.secrets)])
    try:
        context = browser.new_context()
        page = context.new_page()
        page.goto(f"{fresh.url}/grants")
        page.get_by_role("heading", level=1).first.wait_for(timeout=30_000)
        page.wait_for_timeout(1500)
        expect(page.get_by_role("heading", level=1).first).to_have_text("Logg inn")
        assert page.locator(".js-plotly-plot").count() == 0
        text = page.locator("body").inner_text()
        assert not [name for name in PAGE_NAMES if name in text and name != "Oppfølging"]
        assert "grants" not in text and "portfolio" not in text
        context.close()
    finally:
        fresh.stop()
