"""The workbook template in bokmål, nynorsk and English: its words are the format's, and a
filled-in copy of each loads."""

from __future__ import annotations

import datetime as dt
import re

import openpyxl
import pytest

from followup.i18n import LANGS, t
from followup.report.documents import template
from followup.settings import template_path
from followup.store import ingest
from tests.i18n.test_nynorsk import BOKMAL_ONLY
from tests.support.builders import load, stored


@pytest.mark.parametrize("lang", LANGS)
def test_the_committed_template_is_what_the_builder_writes(tmp_path, lang):
    built = openpyxl.load_workbook(template.build(tmp_path / "t.xlsx", lang))
    committed = openpyxl.load_workbook(template_path(lang))
    assert committed.sheetnames == built.sheetnames
    for name in built.sheetnames:
        assert [[c.value for c in row] for row in committed[name].iter_rows()] == \
            [[c.value for c in row] for row in built[name].iter_rows()]


@pytest.mark.parametrize("lang", LANGS)
def test_a_filled_in_template_loads_in_every_language(tmp_path, db, lang):
    wb = openpyxl.load_workbook(template_path(lang))
    words = template.WORDS[lang]
    actions, grants, disbursements, recommendations, _contacts = (wb[n] for n in words["sheets"])
    assert wb.worksheets[0].title == t("template.sheet", lang)
    assert wb.worksheets[0]["A1"].value == t("template.title", lang)
    for i, status in enumerate(words["statuses"], start=2):
        actions.append([f"A{i}", None, f"tiltak {i}", None, "Hum", None, None, None,
                        "31.12.2012", status, None])
    grants.append(["G1", None, "IOM", None, None, None, "01.01.2011", "31.12.2012", "1 000 000",
                   words["types"][1]])
    disbursements.append(["G1", 2012, "250 000"])
    for i, response in enumerate(words["responses"], start=1):
        recommendations.append([i, f"tilråding {i}", response])
    filled = tmp_path / "filled.xlsx"
    wb.save(filled)
    loaded = load(db, filled, "2012-12-14")
    assert [p.code for p in loaded.warnings] == []
    assert stored(db, "select status from actions order by row_no") == [
        ("done",), ("partial",), ("ongoing",), ("not_started",), ("no_report",),
        ("not_applicable",)]
    assert stored(db, "select grant_type, amount_nok from grants") == [("one-year", 1_000_000)]
    assert stored(db, "select year, amount_nok from disbursements") == [(2012, 250_000)]
    assert stored(db, "select response from recommendations order by row_no") == [
        ("accepted",), ("partial",), ("rejected",)]


def test_the_nynorsk_instructions_hold_no_bokmal_word():
    words = {w.lower() for line in template.instructions("nn")
             for w in re.findall(r"[a-zæøåA-ZÆØÅ]+", line)}
    assert sorted(words & BOKMAL_ONLY) == []
    assert {"ikkje", "frå", "éi"} & words


@pytest.mark.parametrize("lang", LANGS)
def test_the_templates_status_per_row_gives_the_rounds_date_once_filled_in(tmp_path, db, lang):
    wb = openpyxl.load_workbook(template_path(lang))
    words = template.WORDS[lang]
    actions = wb[words["sheets"][0]]
    assert actions["A1"].value == t("template.status_per", lang)
    assert actions["C1"].value is None and actions["C1"].number_format == "DD.MM.YYYY"
    assert [c.value for c in actions[template.HEADER_ROW]] == list(words["actions"])
    actions.append(["A1", None, "tiltak", None, "Hum", None, None, None, None,
                    words["statuses"][2]])
    empty = tmp_path / "empty-date.xlsx"
    wb.save(empty)
    assert ingest.check(empty.read_bytes(), empty.name).found_as_of is None
    actions["C1"] = dt.datetime(2012, 12, 14)
    filled = tmp_path / "filled-date.xlsx"
    wb.save(filled)
    found = ingest.check(filled.read_bytes(), filled.name).found_as_of
    assert (found.as_of, found.sheet, found.row) == (dt.date(2012, 12, 14), words["sheets"][0], 1)
    assert load(db, filled).as_of == dt.date(2012, 12, 14)
