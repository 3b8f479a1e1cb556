"""Grid sizing (followup.report.figures.sizing): the rows that wrap, the texts that cannot."""

from __future__ import annotations

import pandas as pd

from followup.report.figures import sizing


def test_a_two_line_row_is_tall_enough_for_the_grid_to_wrap():
    # st.dataframe wraps only in rows taller than 4rem (68 px at the theme's 17 px); the plan
    # gave 65 px, so the audit log's "eksempeldata (lastet ved første start)" stayed on one
    # line and was cut
    data = pd.DataFrame({"Hvem": ["eksempeldata (lastet ved første start)"]})
    plan = sizing.plan(data, ["who"], budget=200)
    assert plan.widths == {"who": 200}  # 26 characters a line: two lines
    assert plan.row_height == 69 > 4 * 17


def test_a_file_name_too_long_for_its_column_is_shortened_in_its_middle():
    # 141 px hold (141 - 26) / 7.2 = 15 characters: 7 first, the ellipsis, 7 last
    assert sizing.shortened("sample-retur-2012-10.xlsx", 141) == "sample-…10.xlsx"
    assert sizing.shortened("Status høst 2012.xlsx", 141) == "Status høst 2012.xlsx"  # wraps
    assert sizing.shortened("sample.xlsx", 141) == "sample.xlsx"
    assert sizing.shortened(None, 141) is None


def test_wrapped_columns_narrow_rather_than_push_the_grid_wider_than_the_page():
    # the English rounds grid: its short columns leave 141 px for the file name (under 150)
    data = pd.DataFrame({"Short": ["x" * 100], "File": ["sample-retur-2012-10.xlsx"]})
    # a short text is at most 16 characters wide: 16 × 7.2 + 26 = 141.2, 142 px
    plan = sizing.plan(data, ["short", "file_name"], budget=142 + 141)
    assert plan.widths == {"short": 142, "file_name": 141}  # not 150: 9 px past the page
