"""The workbook format: sheet kinds, column aliases and status words, as data."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

ACTIONS, GRANTS, DISBURSEMENTS = "actions", "grants", "disbursements"
RECOMMENDATIONS, CONTACTS, EVALUATIONS = "recommendations", "contacts", "evaluations"
KINDS = (ACTIONS, GRANTS, DISBURSEMENTS, RECOMMENDATIONS, EVALUATIONS, CONTACTS)
# The kinds whose rows make a round (a workbook of contacts alone has no rows of data; one of
# recommendations alone does: the round of the management response, before any action; so
# does the register of evaluations).
DATA_KINDS = (ACTIONS, GRANTS, DISBURSEMENTS, RECOMMENDATIONS, EVALUATIONS)
# The kinds counted on the upload page even when the workbook does not have them.
CORE_KINDS = (ACTIONS, GRANTS, DISBURSEMENTS)


@dataclass(frozen=True)
class Field:
    """One canonical column: its name in code, accepted headers, and whether it is required."""

    name: str
    aliases: tuple[str, ...]
    required: bool = False


SHEET_ALIASES: dict[str, tuple[str, ...]] = {
    ACTIONS: ("Tiltak", "Actions", "Oppfølging"),
    GRANTS: ("Tilskudd", "Tilskot", "Grants", "Avtaler", "Avtalar"),
    DISBURSEMENTS: ("Utbetalinger", "Utbetalingar", "Disbursements"),
    RECOMMENDATIONS: ("Anbefalinger", "Recommendations", "Anbefalingar", "Tilrådingar",
                      "Tilrådinger"),
    CONTACTS: ("Kontakter", "Kontaktar", "Contacts"),
    EVALUATIONS: ("Evalueringer", "Evalueringar", "Evaluations"),
}

FIELDS: dict[str, tuple[Field, ...]] = {
    ACTIONS: (
        Field("action", ("Tiltak", "Action"), required=True),
        Field("actor", ("Ansvarlig", "Ansvarleg", "Responsible", "Actor"), required=True),
        Field("status", ("Status",), required=True),
        Field("action_id", ("ID", "Nr", "Nr.")),
        Field("recommendation", ("Anbefaling", "Tilråding", "Recommendation")),
        Field("recommendation_id", ("Anbefaling nr", "Recommendation ID", "Rec. ID",
                                    "Anbefalingsnr", "Tilråding nr")),
        Field("evaluation", ("Evaluering", "Evaluation")),
        Field("party", ("Part", "Party")),
        Field("section", ("Seksjon", "Section")),
        Field("region", ("Region",)),
        Field("due_date", ("Frist", "Due date")),
        Field("comment", ("Kommentar", "Comment")),
        Field("evidence", ("Dokumentasjon", "Evidence")),
    ),
    GRANTS: (
        Field("grant_id", ("Avtalenr", "Avtalenummer", "Grant ID", "Agreement"), required=True),
        Field("partner", ("Partner", "Partnar", "Tilskuddsmottaker", "Tilskotsmottakar",
                          "Mottaker", "Mottakar"), required=True),
        Field("start_date", ("Start", "Fra", "Frå"), required=True),
        Field("end_date", ("Slutt", "Til", "End"), required=True),
        Field("title", ("Tittel", "Title")),
        Field("section", ("Seksjon", "Section")),
        Field("region", ("Region",)),
        Field("country", ("Land", "Country")),
        Field("amount", ("Avtalebeløp", "Beløp", "Amount NOK")),
        Field("grant_type", ("Avtaletype", "Type")),
    ),
    DISBURSEMENTS: (
        Field("grant_id", ("Avtalenr", "Grant ID", "Avtalenummer", "Agreement"), required=True),
        Field("year", ("År", "Year"), required=True),
        Field("amount", ("Beløp", "Amount NOK", "Amount"), required=True),
    ),
    RECOMMENDATIONS: (
        Field("recommendation_id", ("Nr", "Nr.", "ID"), required=True),
        Field("recommendation", ("Anbefaling", "Recommendation", "Tilråding"), required=True),
        Field("response", ("Ledelsens svar", "Svar", "Management response", "Response",
                           "Leiinga sitt svar", "Leiinga svar")),
        Field("response_text", ("Begrunnelse", "Response text", "Kommentar", "Grunngjeving",
                                "Comment")),
        Field("evaluation", ("Evaluering", "Evaluation")),
        Field("responsible", ("Ansvarlig", "Responsible", "Ansvarleg")),
    ),
    EVALUATIONS: (
        Field("evaluation", ("Evaluering", "Evaluation"), required=True),
        Field("report_year", ("Rapportår", "År", "Report year", "Year", "Utgitt",
                              "Published")),
        Field("response_date", ("Ledelsens svar", "Dato for ledelsens svar", "Svar",
                                "Management response", "Response date", "Leiinga sitt svar",
                                "Dato for leiinga sitt svar")),
        Field("owner", ("Eier", "Eigar", "Oppfølgingsansvarlig", "Ansvarlig", "Ansvarleg",
                        "Owner", "Responsible")),
        Field("link", ("Lenke", "Lenkje", "Link", "Rapport", "Report", "URL")),
    ),
    CONTACTS: (
        Field("actor", ("Ansvarlig", "Ansvarleg", "Actor", "Responsible"), required=True),
        Field("email", ("E-post", "E-postadresse", "Email", "E-mail", "Email address"),
              required=True),
    ),
}

# A plain e-mail address, `local@domain.tld` in ASCII: no `=` or `?` in the local part (so no
# RFC 2047 encoded word, `=?utf-8?q?…?=`, which a mail program decodes into another address),
# no quotes, angle brackets, spaces or control characters. The import checks the contacts with
# it (check_contacts.sql, bound as $email) and the reminders send only to what it matches.
EMAIL = (r"[A-Za-z0-9!#$%&'*+/^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/^_`{|}~-]+)*"
         r"@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}")

# A link drawn as a link (the evaluations' reports, an action's evidence): https only, with no
# space, quote, angle bracket or control character; anything else is shown as text. The
# checks bind it as $link (check_actions.sql, check_evaluations.sql); followup.report.links
# draws by it.
HTTPS_LINK = r'https://[^\s<>"\x00-\x1f\x7f]+'

# Columns that identify a row: a totals row has a sum word in one of them and the rest empty.
IDENTIFYING: dict[str, tuple[str, ...]] = {
    ACTIONS: ("action_id", "action", "actor"),
    GRANTS: ("grant_id", "partner", "title"),
    DISBURSEMENTS: ("grant_id",),
    RECOMMENDATIONS: ("recommendation_id", "recommendation"),
    CONTACTS: ("actor", "email"),
    EVALUATIONS: ("evaluation",),
}

STATUS_WORDS: dict[str, tuple[str, ...]] = {
    "done": ("Gjennomført", "Ferdig", "Fullført", "Utført", "Done", "Completed", "Implemented"),
    "partial": ("Delvis", "Delvis gjennomført", "Partial", "Partially done", "Partly done",
                "Partially implemented", "Partly implemented"),
    "ongoing": ("Pågår", "Påbegynt", "Påbyrja", "Under arbeid", "Ongoing", "In progress",
                "Started"),
    "not_started": ("Ikke påbegynt", "Ikke startet", "Ikke gjort", "Ikkje påbyrja",
                    "Ikkje starta", "Ikkje gjort", "Not started", "Not done", "Not initiated"),
    "no_report": ("Ikke rapportert", "Ingen rapport", "Ikkje rapportert", "Not reported",
                  "No report"),
    "not_applicable": ("Bortfalt", "Ikke relevant", "Utgår", "Ikkje relevant", "Bortfalle",
                       "Fell bort", "No longer applicable", "Not applicable", "N/A"),
}
STATUSES = tuple(STATUS_WORDS)
# The six status words the template offers in each language (its drop-down, one per status),
# the words the pages write (one name per thing, tests/workbook/test_validation.py):
# a message about a word it does not know names these first, the others only as also accepted.
OFFERED_STATUSES: dict[str, tuple[str, ...]] = {
    "nb": ("Gjennomført", "Delvis gjennomført", "Pågår", "Ikke gjort", "Ikke rapportert",
           "Bortfalt"),
    "nn": ("Gjennomført", "Delvis gjennomført", "Pågår", "Ikkje gjort", "Ikkje rapportert",
           "Ikkje relevant"),
    "en": ("Done", "Partly done", "Ongoing", "Not done", "Not reported", "Not applicable"),
}

# Management responses to a recommendation (bokmål, nynorsk, English); an empty cell is
# `no_response`, with a warning.
RESPONSE_WORDS: dict[str, tuple[str, ...]] = {
    "accepted": ("Enig", "Akseptert", "Godtatt", "Agreed", "Accepted", "Einig", "Godteke"),
    "partial": ("Delvis enig", "Delvis akseptert", "Partially agreed", "Partially accepted",
                "Delvis einig", "Delvis godtatt", "Delvis godteke"),
    "rejected": ("Uenig", "Avvist", "Ikke akseptert", "Disagreed", "Rejected", "Not accepted",
                 "Ueinig", "Ikkje akseptert", "Ikke godtatt", "Ikkje godteke"),
}
RESPONSES = (*RESPONSE_WORDS, "no_response")

GRANT_TYPE_WORDS: dict[str, tuple[str, ...]] = {
    "multi-year": ("flerårig", "fleirårig", "multi-year", "multiyear", "multi year",
                   "flerårlig"),
    "one-year": ("ettårig", "eittårig", "one-year", "one year", "single-year", "ettårlig"),
}

_PUNCT = re.compile(r"[\W_]+", re.UNICODE)
_PAREN = re.compile(r"\([^)]*\)|\[[^\]]*\]")
YEAR_HEADER = re.compile(r"^\s*((?:19|20)\d{2})(?:\.0+)?\s*$")


def norm(text: str) -> str:
    """Return the matching key of a sheet name or header: case-, space- and punctuation-blind."""
    text = unicodedata.normalize("NFC", str(text)).casefold()
    return _PUNCT.sub("", text)


def header_keys(text: str) -> tuple[str, ...]:
    """Return the keys a header may match: as written, then without a bracketed unit."""
    full = norm(text)
    bare = norm(_PAREN.sub(" ", str(text)))
    return (full, bare) if bare and bare != full else (full,)


def header_year(text: str | None) -> int | None:
    """Return the year a header names (`2011`, `2011.0`, `2011 (NOK)`), or None."""
    if text is None:
        return None
    match = YEAR_HEADER.match(str(text)) or YEAR_HEADER.match(_PAREN.sub(" ", str(text)))
    return int(match.group(1)) if match else None


def is_year_field(name: str) -> bool:
    """Return True for the field of a wide year column (`y2011`), False for `year` and others."""
    return len(name) == 5 and name[0] == "y" and name[1:].isdigit()


def sheet_kind_within(name: str) -> str | None:
    """Return the kind whose sheet name a longer name contains (`Tilskudd 2012`), or None."""
    key = norm(name)
    for kind, aliases in SHEET_ALIASES.items():
        if any(norm(a) in key for a in aliases):
            return kind
    return None


def sheet_kind(name: str) -> str | None:
    """Return which kind of sheet a sheet name denotes, or None."""
    key = norm(name)
    for kind, aliases in SHEET_ALIASES.items():
        if key in {norm(a) for a in aliases}:
            return kind
    return None


@cache
def alias_map(kind: str) -> dict[str, str]:
    """Return {normalised header: field name} for one sheet kind (made once, shared)."""
    return {norm(alias): f.name for f in FIELDS[kind] for alias in f.aliases}


def word_map(words: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """Return {lower-cased word: code} for status or grant-type words."""
    out = {}
    for code, aliases in words.items():
        for word in (code, *aliases):
            out[" ".join(word.casefold().split())] = code
    return out
