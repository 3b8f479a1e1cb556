"""Validation: every error and warning, located (sheet, Excel row, column, value) and worded
in Norwegian and English; every problem collected, nothing loaded when there is an error."""

from __future__ import annotations

import zipfile

import pytest

from followup.i18n import status_label
from followup.report.documents import template
from followup.store import ingest
from followup.workbook import formats
from followup.workbook.problems import Problem, Rejected
from tests.support.builders import (
    MINIMAL_ACTIONS,
    MINIMAL_GRANTS,
    check_sheets,
    load_sheets,
    snapshot_tables,
    standard_workbook,
    stored,
    texts,
    write_workbook,
)

AMOUNT_HINT_NB = " (skriv f.eks. 1 250 000 eller kr 1 250 000,50)."
AMOUNT_HINT_EN = " (write e.g. 1 250 000 or kr 1 250 000,50)."
DATE_HINT_NB = " (skriv f.eks. 31.12.2012, 2012-12-31 eller 2012)."
DATE_HINT_EN = " (write e.g. 31.12.2012, 2012-12-31 or 2012)."
GRANTS_HEADER = ["Avtalenr", "Partner", "Fra", "Til"]
LONG_HEADER = ["Avtalenr", "År", "Beløp"]


def problems(tmp_path, sheets, lang="nb", severity=None):
    """Return the located messages of a workbook made of these sheets."""
    return texts(check_sheets(tmp_path, sheets), lang, severity)


def both(tmp_path, sheets, severity=None):
    """Return the messages in Norwegian and in English."""
    checked = check_sheets(tmp_path, sheets)
    return texts(checked, "nb", severity), texts(checked, "en", severity)


# --- the example of the specification ----------------------------------------------------

def test_non_numeric_amount_in_a_year_column_is_located_like_the_spec_example(tmp_path):
    rows = [["Tilskuddsoversikt"], ["Seksjon for humanitære spørsmål"], None, None,
            [*GRANTS_HEADER, 2010, 2011],
            ["G1", "IOM", 2010, 2011, 100, 200],
            ["G2", "ILO", 2010, 2011, 100, 200],
            ["G3", "OSSE", 2010, 2011, 100, 200],
            ["G4", "NGO", 2010, 2011, 100, "åtte millioner"]]
    nb, en = both(tmp_path, {"Tilskudd": rows})
    assert nb == ["Tilskudd, rad 9, kolonne 2011: «åtte millioner» er ikke et beløp"
                  + AMOUNT_HINT_NB]
    assert nb[0].startswith("Tilskudd, rad 9, kolonne 2011: «åtte millioner» er ikke et beløp")
    assert en == ["Tilskudd, row 9, column 2011: “åtte millioner” is not an amount"
                  + AMOUNT_HINT_EN]


# --- file-level errors -------------------------------------------------------------------

def file_problems(data: bytes, lang: str = "nb") -> list[str]:
    checked = ingest.check(data, "opplasting.xlsx")
    checked.close()
    return [p.text(lang) for p in checked.problems]


def test_not_an_xlsx(tmp_path):
    data = b"Avtalenr;Partner\nG1;IOM\n"
    assert file_problems(data) == ["Filen er ikke en Excel-arbeidsbok (.xlsx, .xlsm eller .xls)."]
    assert file_problems(data, "en") == [
        "The file is not an Excel workbook (.xlsx, .xlsm or .xls)."]


def test_empty_file():
    assert file_problems(b"") == ["Filen er tom (0 byte)."]
    assert file_problems(b"", "en") == ["The file is empty (0 bytes)."]


@pytest.mark.parametrize("keep", [0.1, 0.5, 0.9, -22])
def test_truncated_file(tmp_path, keep):
    data = standard_workbook(tmp_path / "w.xlsx").read_bytes()
    cut = data[:int(len(data) * keep)] if keep > 0 else data[:keep]
    assert file_problems(cut) == [
        "Filen er skadet og kan ikke leses. Åpne den i Excel og lagre den på nytt."]
    assert file_problems(cut, "en") == [
        "The file is damaged and cannot be read. Open it in Excel and save it again."]


def test_no_recognised_sheet_names_the_accepted_ones(tmp_path):
    nb, en = both(tmp_path, {"Ark1": MINIMAL_ACTIONS, "Budsjett": MINIMAL_GRANTS})
    assert nb == ["Fant ingen kjent arkfane (fant: Ark1, Budsjett). Godtatte navn: "
                  "Tiltak | Actions | Oppfølging; Tilskudd | Tilskot | Grants | Avtaler | Avtalar; "
                  "Utbetalinger | Utbetalingar | Disbursements; "
                  "Anbefalinger | Recommendations | Anbefalingar | Tilrådingar | Tilrådinger; "
                  "Evalueringer | Evalueringar | Evaluations."]
    assert en == ["No recognised sheet (found: Ark1, Budsjett). Accepted names: "
                  "Tiltak | Actions | Oppfølging; Tilskudd | Tilskot | Grants | Avtaler | Avtalar; "
                  "Utbetalinger | Utbetalingar | Disbursements; "
                  "Anbefalinger | Recommendations | Anbefalingar | Tilrådingar | Tilrådinger; "
                  "Evalueringer | Evalueringar | Evaluations."]


def test_two_sheets_of_the_same_kind(tmp_path):
    nb, en = both(tmp_path, {"Tiltak": MINIMAL_ACTIONS, "Actions": MINIMAL_ACTIONS})
    assert nb == ["Flere arkfaner betyr det samme: Tiltak, Actions. Behold én av dem."]
    assert en == ["Several sheets mean the same: Tiltak, Actions. Keep one of them."]


def test_a_workbook_without_data_rows(tmp_path):
    nb, en = both(tmp_path, {"Tiltak": [["Tiltak", "Ansvarlig", "Status"]],
                             "Tilskudd": [GRANTS_HEADER, None, None]})
    assert nb == ["Arbeidsboken har ingen rader med data (lest: Tiltak, Tilskudd)."]
    assert en == ["The workbook has no rows of data (read: Tiltak, Tilskudd)."]


def test_a_sheet_without_a_header_row(tmp_path):
    nb, en = both(tmp_path, {"Tiltak": [["Plan"], ["noe", "helt", "annet"]],
                             "Tilskudd": MINIMAL_GRANTS})
    assert nb == ["Tiltak: fant ikke overskriftsraden blant de første 20 radene; ventet "
                  "kolonner som Tiltak, Ansvarlig, Status."]
    assert en == ["Tiltak: no header row among the first 20 rows; expected columns such as "
                  "Tiltak, Ansvarlig, Status."]


def test_an_empty_recognised_sheet_has_no_header(tmp_path):
    assert problems(tmp_path, {"Tiltak": [], "Tilskudd": MINIMAL_GRANTS}) == [
        "Tiltak: fant ikke overskriftsraden blant de første 20 radene; ventet "
        "kolonner som Tiltak, Ansvarlig, Status."]


# --- sheet-level errors ------------------------------------------------------------------

@pytest.mark.parametrize(("sheet", "rows", "nb", "en"), [
    ("Tiltak", [["Tiltak", "Status"], ["a", "Pågår"]],
     "Tiltak, rad 1: mangler påkrevd kolonne Ansvarlig (godtatte overskrifter: "
     "Ansvarlig | Ansvarleg | Responsible | Actor).",
     "Tiltak, row 1: the required column Ansvarlig is missing (accepted headers: "
     "Ansvarlig | Ansvarleg | Responsible | Actor)."),
    ("Tilskudd", [["Partner", "Fra", "Til"], ["IOM", 2011, 2012]],
     "Tilskudd, rad 1: mangler påkrevd kolonne Avtalenr (godtatte overskrifter: "
     "Avtalenr | Avtalenummer | Grant ID | Agreement).",
     "Tilskudd, row 1: the required column Avtalenr is missing (accepted headers: "
     "Avtalenr | Avtalenummer | Grant ID | Agreement)."),
    ("Utbetalinger", [["Avtalenr", "Beløp"], ["G1", 5]],
     "Utbetalinger, rad 1: mangler påkrevd kolonne År (godtatte overskrifter: År | Year).",
     "Utbetalinger, row 1: the required column År is missing (accepted headers: År | Year)."),
])
def test_a_required_column_missing(tmp_path, sheet, rows, nb, en):
    sheets = {sheet: rows}
    if sheet != "Tilskudd":
        sheets["Tilskudd"] = MINIMAL_GRANTS
    got_nb, got_en = both(tmp_path, sheets, "error")
    assert got_nb == [nb]
    assert got_en == [en]


def test_every_missing_required_column_is_named_under_the_header_row(tmp_path):
    rows = [["Oppfølgingsplan"], None, ["Tiltak", "Kommentar"], ["a", "b"]]
    assert problems(tmp_path, {"Tiltak": rows}, severity="error") == [
        "Tiltak, rad 3: mangler påkrevd kolonne Ansvarlig (godtatte overskrifter: "
        "Ansvarlig | Ansvarleg | Responsible | Actor).",
        "Tiltak, rad 3: mangler påkrevd kolonne Status (godtatte overskrifter: Status).",
    ]


def test_the_same_column_twice(tmp_path):
    rows = [["Avtalenr", "Partner", "Fra", "Til", "Beløp", "Avtalebeløp"],
            ["G1", "IOM", 2011, 2012, 1, 2]]
    nb, en = both(tmp_path, {"Tilskudd": rows})
    assert nb == ["Tilskudd, rad 1, kolonne Avtalebeløp: kolonne F betyr det samme som "
                  "kolonne E (Beløp); behold én."]
    assert en == ["Tilskudd, row 1, column Avtalebeløp: column F means the same as "
                  "column E (Beløp); keep one."]


def test_a_sheet_named_almost_like_a_grants_sheet_is_named_in_a_warning(tmp_path):
    # regression: `Tilskudd 2012` was dropped without a word
    from followup.store import ingest

    path = write_workbook(tmp_path / "nesten.xlsx", {
        "Tiltak": MINIMAL_ACTIONS,
        "Tilskudd 2012": [["Avtalenr", "Partner", "Fra", "Til"], ["G1", "IOM", 2011, 2012]],
        "Veiledning": [["Slik fyller du ut"]]})
    checked = ingest.check(path.read_bytes(), path.name)
    checked.close()
    assert [p.text() for p in checked.warnings] == [
        "Tilskudd 2012: arkfanen blir ikke lest; bare arkfaner som heter Tilskudd | Tilskot | "
        "Grants | Avtaler | Avtalar leses. Gi den ett av disse navnene om den skal med."]


# --- cell-level errors -------------------------------------------------------------------

# the template's six words of the language first, then every other word also accepted
ACCEPTED_NB = ("Bruk en av: Gjennomført, Delvis gjennomført, Pågår, Ikke gjort, Ikke rapportert, "
               "Bortfalt (også godtatt: Ferdig, Fullført, Utført, Done, Completed, Implemented, "
               "Delvis, Partial, Partially done, Partly done, Partially implemented, "
               "Partly implemented, Påbegynt, Påbyrja, "
               "Under arbeid, Ongoing, In progress, Started, Ikke påbegynt, Ikke startet, "
               "Ikkje påbyrja, Ikkje starta, Ikkje gjort, Not started, Not done, Not initiated, "
               "Ingen rapport, Ikkje rapportert, Not reported, No report, Ikke relevant, Utgår, "
               "Ikkje relevant, Bortfalle, Fell bort, No longer applicable, Not applicable, N/A)")
ACCEPTED_EN = ("Use one of: Done, Partly done, Ongoing, Not done, Not reported, "
               "Not applicable (also accepted: Gjennomført, Ferdig, Fullført, Utført, Completed, "
               "Implemented, Delvis, Delvis gjennomført, Partial, Partially done, "
               "Partially implemented, Partly implemented, Pågår, "
               "Påbegynt, Påbyrja, Under arbeid, In progress, Started, Ikke påbegynt, "
               "Ikke startet, Ikke gjort, Ikkje påbyrja, Ikkje starta, Ikkje gjort, Not started, "
               "Not initiated, Ikke rapportert, Ingen rapport, Ikkje rapportert, No report, "
               "Bortfalt, Ikke relevant, Utgår, Ikkje relevant, Bortfalle, Fell bort, "
               "No longer applicable, N/A)")


def test_unknown_status_lists_the_accepted_words(tmp_path):
    rows = [["Tiltak", "Ansvarlig", "Status"], ["a", "Hum", "Pågår"], ["b", "Hum", "Snart ferdig"]]
    nb, en = both(tmp_path, {"Tiltak": rows})
    assert nb == [f"Tiltak, rad 3, kolonne Status: «Snart ferdig» er ikke en kjent status. "
                  f"{ACCEPTED_NB}."]
    assert en == [f"Tiltak, row 3, column Status: “Snart ferdig” is not a known status. "
                  f"{ACCEPTED_EN}."]


def test_unknown_status_names_the_templates_six_words_of_the_language_first():
    problem = Problem("error", "unknown_status", "Tiltak", 3, "Status", "Snart ferdig")
    for lang, word in (("nb", "Ikke gjort"), ("nn", "Ikkje gjort"), ("en", "Not done")):
        first, also = problem.message(lang).split(": ", 1)[1].split(" (", 1)
        assert first.split(", ") == list(template.WORDS[lang]["statuses"])
        assert word in first and word not in also
        listed = first.split(", ") + also.rstrip(").").split(": ", 1)[1].split(", ")
        assert sorted(listed) == sorted(w for ws in formats.STATUS_WORDS.values() for w in ws)
        # one word for each status, in the order of the statuses
        assert [next(s for s, ws in formats.STATUS_WORDS.items() if w in ws)
                for w in formats.OFFERED_STATUSES[lang]] == list(formats.STATUSES)
        # one name per thing (issue 24 #10): the template offers the words the pages write
        assert [status_label(s, lang) for s in formats.STATUSES] == list(
            formats.OFFERED_STATUSES[lang])


def test_non_numeric_amounts_in_every_amount_column(tmp_path):
    sheets = {
        "Tilskudd": [[*GRANTS_HEADER, "Amount NOK", "2011"],
                     ["G1", "IOM", 2011, 2012, "ca. en million", "1 000"],
                     ["G2", "ILO", 2011, 2012, 5, "12,5 %"]],
        "Utbetalinger": [LONG_HEADER, ["G1", 2012, "1 2OO"]],
    }
    nb, en = both(tmp_path, sheets)
    assert nb == [
        "Tilskudd, rad 2, kolonne Amount NOK: «ca. en million» er ikke et beløp" + AMOUNT_HINT_NB,
        "Tilskudd, rad 3, kolonne 2011: «12,5 %» er ikke et beløp" + AMOUNT_HINT_NB,
        "Utbetalinger, rad 2, kolonne Beløp: «1 2OO» er ikke et beløp" + AMOUNT_HINT_NB,
    ]
    assert en[2] == "Utbetalinger, row 2, column Beløp: “1 2OO” is not an amount" + AMOUNT_HINT_EN


@pytest.mark.parametrize("text", ["snart", "31.02.2012", "2012-13-01", "12/31/2012", "1.1.1850",
                                  "Q3 2012", "12"])
def test_unreadable_dates(tmp_path, text):
    sheets = {"Tiltak": [["Tiltak", "Ansvarlig", "Status", "Frist"], ["a", "Hum", "Pågår", text]],
              "Tilskudd": [GRANTS_HEADER, ["G1", "IOM", text, "31.12.2012"],
                           ["G2", "ILO", 2011, text]]}
    nb, en = both(tmp_path, sheets)
    assert nb == [f"Tiltak, rad 2, kolonne Frist: «{text}» er ikke en dato" + DATE_HINT_NB,
                  f"Tilskudd, rad 2, kolonne Fra: «{text}» er ikke en dato" + DATE_HINT_NB,
                  f"Tilskudd, rad 3, kolonne Til: «{text}» er ikke en dato" + DATE_HINT_NB]
    assert en[0] == f"Tiltak, row 2, column Frist: “{text}” is not a date" + DATE_HINT_EN


@pytest.mark.parametrize("text", ["tjue tolv", "20111", "12", "2012-2013", "1850"])
def test_unreadable_year(tmp_path, text):
    sheets = {"Tilskudd": MINIMAL_GRANTS, "Utbetalinger": [LONG_HEADER, ["G1", text, 5]]}
    nb, en = both(tmp_path, sheets)
    assert nb == [f"Utbetalinger, rad 2, kolonne År: «{text}» er ikke et årstall "
                  f"(skriv f.eks. 2012)."]
    assert en == [f"Utbetalinger, row 2, column År: “{text}” is not a year (write e.g. 2012)."]


@pytest.mark.parametrize("year", ["2011.5", 2011.5, 2011.4])
def test_a_fractional_year_is_unreadable_not_rounded(tmp_path, year):
    sheets = {"Tilskudd": MINIMAL_GRANTS, "Utbetalinger": [LONG_HEADER, ["G1", year, 5]]}
    assert problems(tmp_path, sheets) == [
        f"Utbetalinger, rad 2, kolonne År: «{year}» er ikke et årstall (skriv f.eks. 2012)."]


def test_duplicate_action_id(tmp_path):
    rows = [["Nr", "Tiltak", "Ansvarlig", "Status"], ["UD-1", "a", "Hum", "Pågår"],
            ["UD-2", "b", "Hum", "Pågår"], [" UD-1 ", "c", "IOM", "Ferdig"],
            ["UD-1", "d", "IOM", "Ferdig"]]
    nb, en = both(tmp_path, {"Tiltak": rows})
    assert nb == [
        "Tiltak, rad 4, kolonne Nr: ID «UD-1» finnes også i rad 2; hver ID skal være unik.",
        "Tiltak, rad 5, kolonne Nr: ID «UD-1» finnes også i rad 2; hver ID skal være unik."]
    assert en[0] == ("Tiltak, row 4, column Nr: ID “UD-1” also appears in row 2; "
                     "every ID must be unique.")


def test_duplicate_grant_id(tmp_path):
    rows = [GRANTS_HEADER, ["G1", "IOM", 2011, 2012], ["G2", "ILO", 2011, 2012],
            ["G1", "UNODC", 2012, 2012]]
    nb, en = both(tmp_path, {"Tilskudd": rows})
    assert nb == ["Tilskudd, rad 4, kolonne Avtalenr: avtalenummer «G1» finnes også i rad 2; "
                  "hvert avtalenummer skal være unikt."]
    assert en == ["Tilskudd, row 4, column Avtalenr: agreement number “G1” also appears in "
                  "row 2; each must be unique."]


def test_disbursement_for_an_unknown_grant(tmp_path):
    sheets = {"Grants": MINIMAL_GRANTS,
              "Disbursements": [["Grant ID", "Year", "Amount NOK"], ["G1", 2011, 5],
                                ["G9", 2011, 7]]}
    nb, en = both(tmp_path, sheets)
    assert nb == ["Disbursements, rad 3, kolonne Grant ID: utbetaling til avtale «G9», "
                  "som ikke står i arket Grants."]
    assert en == ["Disbursements, row 3, column Grant ID: a disbursement to agreement “G9”, "
                  "which is not in the sheet Grants."]


def test_disbursements_without_a_grants_sheet_are_checked_against_the_portfolio_on_load(
        tmp_path):
    sheets = {"Tiltak": MINIMAL_ACTIONS, "Utbetalinger": [LONG_HEADER, ["G1", 2011, 5]]}
    assert problems(tmp_path, sheets) == []  # the workbook alone cannot tell
    db = tmp_path / "db" / "followup.duckdb"
    with pytest.raises(Rejected) as rejected:
        load_sheets(db, sheets)
    assert [p.text("nb") for p in rejected.value.problems] == [
        "Utbetalinger, rad 2, kolonne Avtalenr: utbetaling til avtale «G1», som ikke er i "
        "porteføljen: arbeidsboka har ikke noe ark med tilskudd, så utbetalingene må gjelde "
        "avtaler som alt er lastet inn (ta med arket Tilskudd, eller rett avtalenummeret)."]
    assert not db.exists() or stored(db, "SELECT count(*) FROM snapshots") == [(0,)]


def test_a_grant_and_year_in_both_layouts(tmp_path):
    sheets = {"Tilskudd": [[*GRANTS_HEADER, 2011], ["G1", "IOM", 2011, 2012, 10],
                           ["G2", "ILO", 2011, 2012, None]],
              "Utbetalinger": [LONG_HEADER, ["G1", 2011, 10], ["G1", 2012, 20],
                               ["G2", 2011, 30]]}
    nb, en = both(tmp_path, sheets)
    assert nb == ["Utbetalinger, rad 2, kolonne Avtalenr: avtale «G1», år 2011 står både i "
                  "Tilskudd (kolonne 2011) og i Utbetalinger; før den opp bare ett sted."]
    assert en == ["Utbetalinger, row 2, column Avtalenr: agreement “G1”, year 2011 is given "
                  "both in Tilskudd (column 2011) and in Utbetalinger; give it in one place only."]


def test_a_grant_and_year_in_both_layouts_is_reported_once_per_long_row(tmp_path):
    sheets = {"Tilskudd": [[*GRANTS_HEADER, 2011], ["G1", "IOM", 2011, 2012, 10],
                           ["G1", "IOM", 2011, 2012, 10]],
              "Utbetalinger": [LONG_HEADER, ["G1", 2011, 10]]}
    assert [t for t in problems(tmp_path, sheets) if "både" in t] == [
        "Utbetalinger, rad 2, kolonne Avtalenr: avtale «G1», år 2011 står både i "
        "Tilskudd (kolonne 2011) og i Utbetalinger; før den opp bare ett sted."]


def test_required_cells_left_empty(tmp_path):
    sheets = {"Tiltak": [["Tiltak", "Ansvarlig", "Status"], [None, "Hum", "Pågår"],
                         ["b", None, "Pågår"]],
              "Tilskudd": [GRANTS_HEADER, [None, "IOM", 2011, 2012], ["G2", None, None, None]],
              "Utbetalinger": [LONG_HEADER, ["G2", None, None]]}
    nb, en = both(tmp_path, sheets)
    missing = "mangler verdi; kolonnen er påkrevd."
    assert nb == [
        f"Tiltak, rad 2, kolonne Tiltak: {missing}",
        f"Tiltak, rad 3, kolonne Ansvarlig: {missing}",
        f"Tilskudd, rad 2, kolonne Avtalenr: {missing}",
        f"Tilskudd, rad 3, kolonne Partner: {missing}",
        f"Tilskudd, rad 3, kolonne Fra: {missing}",
        f"Tilskudd, rad 3, kolonne Til: {missing}",
        f"Utbetalinger, rad 2, kolonne År: {missing}",
        f"Utbetalinger, rad 2, kolonne Beløp: {missing}",
    ]
    assert en[0] == "Tiltak, row 2, column Tiltak: no value; the column is required."


def test_end_before_start(tmp_path):
    rows = [GRANTS_HEADER, ["G1", "IOM", "01.07.2012", "30.06.2012"]]
    nb, en = both(tmp_path, {"Tilskudd": rows})
    assert nb == ["Tilskudd, rad 2, kolonne Til: slutt «30.06.2012» er før start (01.07.2012)."]
    assert en == ["Tilskudd, row 2, column Til: the end “30.06.2012” is before the start "
                  "(01.07.2012)."]


def test_unknown_agreement_type(tmp_path):
    rows = [[*GRANTS_HEADER, "Type"], ["G1", "IOM", 2011, 2012, "toårig"]]
    nb, en = both(tmp_path, {"Tilskudd": rows})
    assert nb == ["Tilskudd, rad 2, kolonne Type: «toårig» er ikke en avtaletype. "
                  "Godtatte: flerårig, ettårig."]
    assert en == ["Tilskudd, row 2, column Type: “toårig” is not an agreement type. "
                  "Accepted: multi-year, one-year."]


def test_an_excel_error_in_a_cell(tmp_path):
    rows = [[*GRANTS_HEADER, 2011], ["G1", "IOM", 2011, 2012, "#DIV/0!"]]
    nb, en = both(tmp_path, {"Tilskudd": rows})
    assert nb == ["Tilskudd, rad 2, kolonne 2011: cellen inneholder Excel-feilen «#DIV/0!»; "
                  "rett formelen eller skriv inn verdien."]
    assert en == ["Tilskudd, row 2, column 2011: the cell holds the Excel error “#DIV/0!”; "
                  "fix the formula or type the value."]


def test_many_problems_of_one_kind_are_capped_with_a_count(tmp_path):
    rows = [["Tiltak", "Ansvarlig", "Status"], *[[f"t{i}", "Hum", "??"] for i in range(53)]]
    got = problems(tmp_path, {"Tiltak": rows})
    assert len(got) == 51
    assert got[49].startswith("Tiltak, rad 51, kolonne Status: «??» er ikke en kjent status.")
    assert got[50] == "Tiltak, kolonne Status: … og 3 flere av samme slag i denne kolonnen."


# --- warnings ----------------------------------------------------------------------------

def test_negative_amounts_warn_and_load(db, tmp_path):
    sheets = {"Tilskudd": [[*GRANTS_HEADER, "Avtalebeløp", 2011],
                           ["G1", "IOM", 2011, 2012, -5000, "-1 000"]],
              "Utbetalinger": [LONG_HEADER, ["G1", 2012, "(250)"]]}
    loaded = load_sheets(db, sheets)
    assert [w.text() for w in loaded.warnings] == [
        "Tilskudd, rad 2, kolonne Avtalebeløp: negativt beløp «-5000» (tilbakebetaling?); "
        "tatt med som det står.",
        "Tilskudd, rad 2, kolonne 2011: negativt beløp «-1 000» (tilbakebetaling?); "
        "tatt med som det står.",
        "Utbetalinger, rad 2, kolonne Beløp: negativt beløp «(250)» (tilbakebetaling?); "
        "tatt med som det står.",
    ]
    assert loaded.warnings[2].text("en") == (
        "Utbetalinger, row 2, column Beløp: negative amount “(250)” (a refund?); "
        "included as written.")
    assert stored(db, "SELECT warnings FROM snapshots") == [(3,)]


def test_empty_status_warns_and_loads(db):
    loaded = load_sheets(db, {"Tiltak": [["Tiltak", "Ansvarlig", "Status"], ["a", "Hum", None]]})
    assert [w.text("en") for w in loaded.warnings] == [
        "Tiltak, row 2, column Status: the status is empty; recorded as “Not reported”."]
    assert stored(db, "SELECT status FROM actions") == [("no_report",)]


def test_unknown_columns_warn_and_load(db):
    rows = [["Tiltak", "Ansvarlig", "Status", "Notat"], ["a", "Hum", "Pågår", "x"]]
    loaded = load_sheets(db, {"Tiltak": rows})
    assert [w.text() for w in loaded.warnings] == [
        "Tiltak, rad 1: ukjente kolonner blir ikke lest: Notat."]


def test_a_column_with_values_but_no_header_warns(db):
    rows = [["Tiltak", "Ansvarlig", "Status"], ["a", "Hum", "Pågår", None, "løs tekst"]]
    loaded = load_sheets(db, {"Tiltak": rows})
    assert [(w.text(), w.text("en")) for w in loaded.warnings] == [
        ("Tiltak, rad 1: kolonne E har verdier, men ingen overskrift; den blir ikke lest.",
         "Tiltak, row 1: column E has values but no header; it is not read.")]


def test_warnings_alone_do_not_stop_a_load(db):
    loaded = load_sheets(db, {"Tiltak": [["Tiltak", "Ansvarlig", "Status", "X"],
                                         ["a", "Hum", None, 1]]})
    assert len(loaded.warnings) == 2
    assert all(not w.is_error for w in loaded.warnings)
    assert stored(db, "SELECT count(*) FROM actions") == [(1,)]


# --- all problems, all or nothing --------------------------------------------------------

def test_every_problem_of_every_sheet_is_collected_in_sheet_and_row_order(tmp_path):
    sheets = {
        "Utbetalinger": [LONG_HEADER, ["G9", 2011, 5], ["G1", "tjue", "mye"]],
        "Tilskudd": [["Tittel"], [*GRANTS_HEADER, "Ekstra", 2011],
                     ["G1", "IOM", "i fjor", 2012, None, "åtte millioner"],
                     ["G1", "ILO", 2011, 2012, None, -5]],
        "Tiltak": [["ID", "Tiltak", "Ansvarlig", "Status"], ["A1", "a", "Hum", "Ferdigg"],
                   ["A1", "b", "Hum", None]],
    }
    assert problems(tmp_path, sheets) == [
        "Tiltak, rad 2, kolonne Status: «Ferdigg» er ikke en kjent status. "
        f"{ACCEPTED_NB}.",
        "Tiltak, rad 3, kolonne ID: ID «A1» finnes også i rad 2; hver ID skal være unik.",
        "Tiltak, rad 3, kolonne Status: status er tom; registrert som «Ikke rapportert».",
        "Tilskudd, rad 2: ukjente kolonner blir ikke lest: Ekstra.",
        "Tilskudd, rad 3, kolonne Fra: «i fjor» er ikke en dato" + DATE_HINT_NB,
        "Tilskudd, rad 3, kolonne 2011: «åtte millioner» er ikke et beløp" + AMOUNT_HINT_NB,
        "Tilskudd, rad 4, kolonne Avtalenr: avtalenummer «G1» finnes også i rad 3; "
        "hvert avtalenummer skal være unikt.",
        "Tilskudd, rad 4, kolonne 2011: negativt beløp «-5» (tilbakebetaling?); "
        "tatt med som det står.",
        "Utbetalinger, rad 2, kolonne Avtalenr: utbetaling til avtale «G9», som ikke står i "
        "arket Tilskudd.",
        "Utbetalinger, rad 3, kolonne År: «tjue» er ikke et årstall (skriv f.eks. 2012).",
        "Utbetalinger, rad 3, kolonne Beløp: «mye» er ikke et beløp" + AMOUNT_HINT_NB,
    ]


def test_an_error_anywhere_loads_nothing_and_rejected_carries_every_problem(db, tmp_path):
    load_sheets(db, {"Tiltak": MINIMAL_ACTIONS}, "2012-06-29", name="first.xlsx")
    before = snapshot_tables(db)
    bad = {"Tiltak": [["Tiltak", "Ansvarlig", "Status"], ["ok", "Hum", "Pågår"],
                      ["feil", "Hum", "Kanskje"]],
           "Tilskudd": [GRANTS_HEADER, ["G1", "IOM", "i går", 2012]]}
    with pytest.raises(Rejected) as caught:
        load_sheets(db, bad, "2012-12-14", name="second.xlsx")
    assert [p.code for p in caught.value.problems] == ["unknown_status", "bad_date"]
    assert snapshot_tables(db) == before


def test_a_workbook_that_is_not_a_zip_of_sheets_names_no_sheet(tmp_path):
    path = tmp_path / "notater.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "hei")
    assert file_problems(path.read_bytes()) == [
        "Filen er ikke en Excel-arbeidsbok (.xlsx, .xlsm eller .xls)."]


def test_an_unreadable_workbook_part_is_damaged_without_naming_the_part(tmp_path):
    source = write_workbook(tmp_path / "w.xlsx", {"Tiltak": MINIMAL_ACTIONS})
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(broken, "w") as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "xl/workbook.xml":
                body = body[: len(body) // 2]
            dst.writestr(info, body)
    assert file_problems(broken.read_bytes()) == [
        "Filen er skadet og kan ikke leses. Åpne den i Excel og lagre den på nytt."]


def test_a_message_stays_on_one_line_when_a_value_or_header_has_line_breaks(tmp_path):
    rows = [["Avtalenr", "Partner", "Fra", "Til", "Avtale-\nbeløp", "Merknad\nfra seksjonen"],
            ["G1", "IOM", 2011, 2012, "1 000\n2 000", "x"]]
    assert problems(tmp_path, {"Tilskudd": rows}) == [
        "Tilskudd, rad 1: ukjente kolonner blir ikke lest: Merknad ↵ fra seksjonen.",
        "Tilskudd, rad 2, kolonne Avtale- ↵ beløp: «1 000 ↵ 2 000» er ikke et beløp"
        + AMOUNT_HINT_NB,
    ]


def test_a_long_value_is_cut_in_the_message(tmp_path):
    long = "ikke en dato " * 20
    rows = [["Tiltak", "Ansvarlig", "Status", "Frist"], ["a", "Hum", "Pågår", long]]
    (text,) = problems(tmp_path, {"Tiltak": rows})
    assert text == f"Tiltak, rad 2, kolonne Frist: «{long[:99]}…» er ikke en dato" + DATE_HINT_NB


def test_a_formula_saved_without_its_result_is_an_error_not_a_silent_gap(tmp_path):
    # regression: formulas written by a program (no cached value) were read as empty cells,
    # so a disbursement vanished and a required cell was reported as merely missing
    from openpyxl import Workbook

    from followup.store import ingest

    wb = Workbook()
    ws = wb.active
    ws.title = "Tilskudd"
    ws.append(["Avtalenr", "Partner", "Fra", "Til", 2012])
    ws.append(["G1", "IOM", 2012, 2012, "=2000000/2"])
    ws.append(["G2", "=A1", 2012, 2012, 500])
    ws.append(["Sum", None, None, None, "=SUM(E2:E3)"])
    path = tmp_path / "formler.xlsx"
    wb.save(path)
    checked = ingest.check(path.read_bytes(), path.name)
    checked.close()
    assert [p.text() for p in checked.errors] == [
        "Tilskudd, rad 2, kolonne 2012: cellen har formelen «=2000000/2», men ikke noe lagret "
        "resultat (filen er ikke lagret fra Excel). Åpne og lagre den i Excel, eller skriv "
        "inn verdien.",
        "Tilskudd, rad 3, kolonne Partner: cellen har formelen «=A1», men ikke noe lagret "
        "resultat (filen er ikke lagret fra Excel). Åpne og lagre den i Excel, eller skriv "
        "inn verdien."]
