"""The languages: nb, nn and en, plural forms, and the number and date formats."""

from __future__ import annotations

import datetime as dt

import pytest

from followup.i18n import LANGS, date, mnok, nok, number, percent, t, timestamp, tn


def test_three_languages_with_bokmal_first():
    assert LANGS == ("nb", "nn", "en")


def test_nynorsk_falls_back_to_bokmal_where_a_text_has_no_nynorsk():
    assert t("no.such.key", "nn") == "no.such.key"
    assert t("filter.round", "nn") in (t("filter.round", "nb"), "Rapporteringsrunde")


@pytest.mark.parametrize(("lang", "one", "two"), [
    ("nb", "1 avtale", "2 avtaler"),
    ("nn", "1 avtale", "2 avtalar"),
    ("en", "1 agreement", "2 agreements"),
])
def test_plural_forms_of_a_count(lang, one, two):
    assert tn("table.grants", 1, lang) == one
    assert tn("table.grants", 2, lang) == two
    assert tn("table.grants", 0, lang) == two.replace("2", "0")


def test_a_large_count_is_grouped_like_any_number():
    assert tn("table.grants", 1250, "nb") == "1\u00a0250 avtaler"
    assert tn("table.grants", 1250, "en") == "1,250 agreements"


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_norwegian_numbers_in_both_written_standards(lang):
    assert number(1_250_000, 0, lang) == "1\u00a0250\u00a0000"
    assert percent(66.66, lang) == "66,7\u00a0%"
    assert date(dt.date(2012, 12, 31), lang) == "31.12.2012"
    assert mnok(58_400_000, lang) == "58,4 mill.\u00a0kr"
    assert nok(1_250_000, lang) == "1\u00a0250\u00a0000\u00a0kr"
    assert number(-1500, 0, lang) == "−1\u00a0500"


@pytest.mark.parametrize("lang", LANGS)
def test_one_minus_sign_in_every_language(lang):
    assert number(-1500, 0, lang).startswith("\u2212")
    assert percent(-20.0, lang).startswith("\u2212")
    assert "\u2212" in mnok(-2_500_000, lang) and "-" not in mnok(-2_500_000, lang)
    assert number(-0.04, 1, lang) == number(0, 1, lang)  # rounds to zero: no sign


def test_english_numbers_and_dates():
    assert number(1_250_000, 0, "en") == "1,250,000"
    assert percent(66.66, "en") == "66.7%"
    assert date(dt.date(2012, 12, 31), "en") == "2012-12-31"
    assert mnok(58_400_000, "en") == "NOK\u00a058.4m"
    assert nok(1_250_000, "en") == "NOK\u00a01,250,000"


def test_timestamps_on_a_24_hour_clock():
    moment = dt.datetime(2012, 12, 31, 14, 5, 9)
    assert timestamp(moment, "nn") == "31.12.2012 14:05"
    assert timestamp(moment, "en", seconds=True) == "2012-12-31 14:05:09"


def test_rounding_is_what_python_rounds():
    assert number(2.675, 2, "nb") == "2,67"  # the binary value is below 2.675
    assert percent(42.857142, "nb") == "42,9\u00a0%"
    assert number(0.5, 0, "en") == "0" and number(1.5, 0, "en") == "2"
