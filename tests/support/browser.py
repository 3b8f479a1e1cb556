"""Real headless Chromium (Debian's) through Playwright, and a real Streamlit server."""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update"]
ROOT = Path(__file__).resolve().parents[2]


def shown(text: str) -> str:
    """Return user or workbook text as the page shows it through followup.i18n.plain: the
    escapes read, with the word joiners (U+2060) that keep `@`, `:` and `www.` from linking."""
    from followup.i18n import plain

    return re.sub(r"\\(.)", r"\1", plain(text))


def require_chromium() -> None:
    """Fail under CI, skip elsewhere, when Debian's Chromium is not installed."""
    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} is missing (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def free_port() -> int:
    """Return a free loopback port."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """`streamlit run dashboard.py` on a free loopback port, against a given database.

    `options` are more command-line options, e.g. `["--secrets.files", PATH]`; `port` is given
    when something (a redirect URI) must know it before the server starts.
    """

    def __init__(self, db: Path, extra_env: dict | None = None, app: str = "dashboard.py",
                 options: list[str] | None = None, port: int | None = None):
        self.db = db
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "FOLLOWUP_DB": str(db), "PYTHONPATH": str(ROOT), **(extra_env or {})}
        self.log = open(db.parent / f"streamlit-{self.port}.log", "w")  # noqa: SIM115
        self.process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", app, "--server.port", str(self.port),
             "--server.address", "127.0.0.1", "--server.headless", "true",
             "--browser.gatherUsageStats", "false", *(options or [])],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        _wait_for(f"{self.url}/_stcore/health", self.process)

    def stop(self) -> None:
        """Stop the server."""
        _stop(self.process)
        self.log.close()


def _wait_for(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=1) as reply:
                if reply.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"nothing answered on {url} (exit code {process.poll()})")


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def launch(playwright):
    """Return a headless Chromium browser."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)


VIEWPORT = {"width": 1440, "height": 1000}  # the tests' laptop, unless a test says otherwise


@contextlib.contextmanager
def chromium():
    """Yield a headless Chromium browser (Playwright started for it), closed afterwards."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            yield browser
        finally:
            browser.close()


@contextlib.contextmanager
def running(db: Path, **options):
    """Yield `Server(db, **options)`, stopped afterwards."""
    server = Server(db, **options)
    try:
        yield server
    finally:
        server.stop()


class Provider:
    """A real OpenID Connect provider (oidc-provider-mock) on a free loopback port.

    Its authorize form signs in whatever `sub` is typed, with that as the `email` claim;
    `users` are JSON claims of predefined users (e.g. one without an e-mail address).
    """

    def __init__(self, folder: Path, users: list[str] = ()):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(folder / f"oidc-{self.port}.log", "w")  # noqa: SIM115
        claims = [arg for user in users for arg in ("--user-claims", user)]
        self.process = subprocess.Popen(
            [sys.executable, "-m", "oidc_provider_mock", "-p", str(self.port), *claims],
            stdout=self.log, stderr=subprocess.STDOUT)
        _wait_for(f"{self.url}/.well-known/openid-configuration", self.process)

    def stop(self) -> None:
        """Stop the provider."""
        _stop(self.process)
        self.log.close()


SETTLED_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return !!app && app.dataset.testScriptState === 'notRunning'
    && !!document.querySelector('h1')
    && !document.querySelector('[data-testid="stSkeleton"]')
    && [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
         .every(chart => chart.querySelector('.main-svg'));
}"""


def settled(page, timeout: float = 60_000) -> None:
    """Wait until a page's script run has ended and its charts are drawn, then two frames more
    (for what the page's own scripts do on the next frame)."""
    page.wait_for_function(SETTLED_JS, timeout=timeout)
    page.evaluate("() => new Promise(done => requestAnimationFrame("
                  "() => requestAnimationFrame(done)))")


# Each grid as it is drawn: its columns' widths (the grid component's own, read from the page),
# its font and paddings (the grid's CSS variables), its row height, what scrolls, and every
# header and cell's text with the width it is drawn at; a text longer than its column, or
# (wrapping, in a row taller than 4rem) needing more lines than its row has, is cut.
GRIDS_JS = """() => [...document.querySelectorAll('[data-testid=stDataFrame]')].map(g => {
  const canvas = g.querySelector('canvas[data-testid=data-grid-canvas]');
  let f = canvas[Object.keys(canvas).find(k => k.startsWith('__reactFiber'))];
  while (f && !(f.memoizedProps && Array.isArray(f.memoizedProps.columns)
                && f.memoizedProps.getCellContent)) f = f.return;
  const props = f.memoizedProps;
  const css = getComputedStyle(canvas);
  const v = name => css.getPropertyValue(name).trim();
  const family = v('--gdg-font-family') || 'sans-serif';
  const pad = parseFloat(v('--gdg-cell-horizontal-padding') || '8');
  const ctx = document.createElement('canvas').getContext('2d');
  const width = (text, style) => {
    ctx.font = `${style} ${family}`;
    return ctx.measureText(text).width;
  };
  const body = v('--gdg-base-font-style'), head = v('--gdg-header-font-style');
  const size = parseFloat(body.split(' ').pop());
  // the grid wraps a text only in rows taller than 4rem (st.dataframe's own rule)
  const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
  const lines = props.rowHeight > 4 * rem
    ? Math.max(1, Math.floor((props.rowHeight - 6) / (size * 1.2))) : 1;
  const cut = [], rows = [];
  const scroller = g.querySelector('.dvn-scroller');
  props.columns.forEach((col, c) => {
    if (!col.title) return;  // the row markers
    if (width(col.title, head) + 2 * pad > col.width + 0.5) cut.push(`header ${col.title}`);
  });
  for (let r = 0; r < props.rows; r++) {
    const row = [];
    props.columns.forEach((col, c) => {
      if (!col.title) return;
      const cell = props.getCellContent([c, r]);
      const data = cell.data && Array.isArray(cell.data.values) ? cell.data.values : cell.data;
      const text = typeof cell.displayData === 'string' ? cell.displayData
        : typeof data?.displayDate === 'string' ? data.displayDate
        : Array.isArray(data) ? data.map(x => typeof x === 'object' ? (x.label ?? x.value ?? '')
                                                               : x).join(' ')
        : String(data ?? '');
      row.push(text);
      const room = col.width - 2 * pad - (cell.kind === 'bubble' ? 16 : 0);
      let used = 1, line = 0;
      for (const word of text.split(/\\s+/).filter(Boolean)) {
        const w = width(word + ' ', body);
        if (line && line + w > room) { used += 1; line = 0; }
        line += w;
        if (width(word, body) > room) used = 99;
      }
      if (text && (used > lines || (lines === 1 && width(text, body) > room)))
        cut.push(`${col.title}: ${text}`);
    });
    rows.push(row);
  }
  return {heads: props.columns.filter(c => c.title).map(c => c.title), rows, cut,
          wide: scroller.scrollWidth > scroller.clientWidth};
})"""
HEADS_JS = """() => [...document.querySelectorAll('[data-testid=stDataFrame]')].every(
  g => g.querySelector('[role=columnheader]'))"""


def grids(page) -> list[dict]:
    """Return the page's grids as GRIDS_JS measures them."""
    page.wait_for_function(HEADS_JS, timeout=30_000)
    return page.evaluate(GRIDS_JS)
