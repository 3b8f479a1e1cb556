"""Where things live and how large an upload may be, from the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "queries"
DATA = ROOT / "data"
# the sample's rounds of the IOM evaluation (June and December 2012) ...
SAMPLE_WORKBOOKS = (DATA / "sample-2012-06.xlsx", DATA / "sample.xlsx")
SAMPLE_AS_OF = ("2012-06-29", "2012-12-14")
# ... and of a second, illustrative evaluation (followup/sample_second.py); a new database is
# made of all three, in this order
SAMPLE_SECOND = (DATA / "sample-retur-2012-10.xlsx", "2012-10-15")
SAMPLE_ROUNDS = ((SAMPLE_WORKBOOKS[0], SAMPLE_AS_OF[0]), (SAMPLE_WORKBOOKS[1], SAMPLE_AS_OF[1]),
                 SAMPLE_SECOND)
# What the audit log names as having loaded the sample rounds on first use.
SAMPLE_WHO = "sample"
TEMPLATE = DATA / "template.xlsx"
DEFAULT_DB = DATA / "followup.duckdb"


def template_path(lang: str) -> Path:
    """Return the empty workbook template in a language (bokmål's is data/template.xlsx)."""
    return TEMPLATE if lang not in ("nn", "en") else DATA / f"template-{lang}.xlsx"


def _megabytes(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(float(value) * 2**20) if value else default * 2**20


@dataclass(frozen=True)
class Limits:
    """Upper bounds an uploaded workbook must respect, in bytes."""

    max_file_bytes: int = 50 * 2**20
    max_unpacked_bytes: int = 300 * 2**20

    @classmethod
    def from_env(cls) -> Limits:
        """Return the limits set by FOLLOWUP_MAX_FILE_MB and FOLLOWUP_MAX_UNPACKED_MB."""
        return cls(_megabytes("FOLLOWUP_MAX_FILE_MB", 50),
                   _megabytes("FOLLOWUP_MAX_UNPACKED_MB", 300))


def db_path(explicit: str | os.PathLike | None = None) -> Path:
    """Return the database path: the given one, else $FOLLOWUP_DB, else data/followup.duckdb."""
    chosen = explicit or os.environ.get("FOLLOWUP_DB") or DEFAULT_DB
    return Path(chosen).expanduser().resolve()


def portfolio_level_nok() -> float:
    """Return the annual portfolio reference level in NOK ($FOLLOWUP_PORTFOLIO_MNOK, default 60)."""
    value = os.environ.get("FOLLOWUP_PORTFOLIO_MNOK", "").strip()
    return float(value or 60) * 1_000_000


def _whole_number(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value.isdigit() else default


# The follow-up rules every page, document, query default and reminder shares: an open action
# is "due soon" when due within DUE_SOON_DAYS of the round's date, and "stalled" when it had
# the same status in STALLED_ROUNDS reports in a row.
DUE_SOON_DAYS = _whole_number("FOLLOWUP_DUE_SOON_DAYS", 90)
STALLED_ROUNDS = _whole_number("FOLLOWUP_STALLED_ROUNDS", 2)
# An evaluation whose follow-up was last reported longer ago than this is flagged (Norad's
# rule: report on the follow-up within a year).
REPORT_MONTHS = _whole_number("FOLLOWUP_REPORT_MONTHS", 12)
