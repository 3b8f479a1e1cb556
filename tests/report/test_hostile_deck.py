"""The meeting pack of two rounds whose every text field is hostile (tests/support/hostile.py):
the deck's XML parses and LibreOffice renders it, its charts' workbooks hold names as text, the
export writes no formula and the briefing loads nothing (issue 22 #6, #7)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from openpyxl import load_workbook
from pptx import Presentation

from followup.report.documents.cells import xml_text
from tests.support.cli import run_cli
from tests.support.hostile import ACTORS, HOSTILE, OUTSIDE
from tests.support.htmldoc import parse

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
SUFFIX = {"slides": ".pptx", "brief": ".html", "export": ".xlsx"}


@pytest.fixture(scope="module")
def pack(hostile_rounds_db, tmp_path_factory) -> dict[str, Path]:
    """Make the deck, the briefing and the export of the hostile round with the CLI."""
    out = tmp_path_factory.mktemp("pack")
    made = {}
    for command, suffix in SUFFIX.items():
        made[command] = out / f"pack{suffix}"
        done = run_cli(command, "--db", hostile_rounds_db, "--out", made[command])
        assert done.returncode == 0, done.stderr
    return made


def parts(path: Path) -> dict[str, bytes]:
    return parts_of(path.read_bytes())


def parts_of(body: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def charts(prs) -> list:
    return [shape.chart for page in prs.slides for shape in page.shapes if shape.has_chart]


def test_a_control_character_in_an_actor_name_no_longer_breaks_the_deck(pack):
    for name, body in parts(pack["slides"]).items():
        if name.endswith((".xml", ".rels")):
            etree.fromstring(body)  # raises on a character XML cannot hold
    actors = [label.split("\n")[0] for chart in charts(Presentation(pack["slides"]))
              if chart.plots[0].categories and "%" in chart.plots[0].categories[0]
              for label in chart.plots[0].categories]
    assert "BelEsc[31mRød[0m" in actors  # the BEL and ESCs of `Bel_x0007_Esc_x001B_…` gone
    assert not [a for a in actors if CONTROL.search(a)]


def test_no_text_of_the_deck_holds_a_control_character_or_its_escape(pack):
    for name, body in parts(pack["slides"]).items():
        if name.startswith("ppt/") and name.endswith(".xml"):
            text = "".join(etree.fromstring(body).itertext())
            assert not CONTROL.search(text), name
            assert not re.search(r"_x00[01][0-9A-F]_", text), name


def test_names_that_start_with_equals_are_text_in_the_charts_workbooks(pack):
    embedded = {name: body for name, body in parts(pack["slides"]).items()
                if name.endswith(".xlsx")}
    assert embedded
    texts = set()
    for name, body in embedded.items():
        for part, xml in parts_of(body).items():
            assert b"<f>" not in xml and b"<f " not in xml, (name, part)
            assert b"<hyperlink" not in xml and b"relationships/hyperlink" not in xml, part
        for ws in load_workbook(io.BytesIO(body)):
            for row in ws.iter_rows():
                texts.update(c.value for c in row if c.data_type == "s")
                assert not [c for c in row if c.data_type == "f"], name
    shown = {text.split("\n")[0] for text in texts if isinstance(text, str)}
    risky = [actor for actor in ACTORS if actor.startswith(("=", "https:"))]
    assert len(risky) == 3
    assert {xml_text(actor)[:40] for actor in risky} <= {s[:40] for s in shown}


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_renders_every_slide_of_the_hostile_deck(pack, tmp_path):
    profile = tmp_path / "lo-profile"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(pack["slides"])],
                   check=True, capture_output=True, timeout=180,
                   env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    pdf = (tmp_path / "pack.pdf").read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page\b", pdf))
    assert pages == len(Presentation(pack["slides"]).slides) > 5


def test_the_export_writes_every_hostile_text_as_text(pack):
    book = load_workbook(pack["export"])
    seen = set()
    for ws in book:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate)
                if isinstance(cell.value, str):
                    seen.add(cell.value)
                    if cell.value.lstrip().startswith(("=", "+", "-", "@")):
                        assert cell.quotePrefix, (ws.title, cell.coordinate, cell.value)
    assert {a for a in ACTORS if a.startswith("=")} <= seen
    assert HOSTILE[0] in seen


def test_the_briefing_shows_the_hostile_text_and_loads_nothing(pack):
    text = pack["brief"].read_text(encoding="utf-8")
    doc = parse(text)
    for node in doc.walk():
        assert node.tag not in ("img", "iframe", "object", "embed", "link", "a"), node.attrs
        assert not [k for k in node.attrs if k.startswith("on")], node.attrs
        for value in node.attrs.values():
            assert OUTSIDE not in (value or ""), node.attrs
    scripts = [n for n in doc.walk() if n.tag == "script"]
    assert not [s for s in scripts if s.attrs.get("src") or s.text == "alert(1)"]
    assert "default-src 'none'" in text
    assert HOSTILE[0] in doc.text
