"""The meeting pack: the briefing (HTML), the slides (pptx) and the data (xlsx) of a round and
its filters, compared with a chosen earlier round. One code path for the command line's
`brief`, `slides` and `export` and the app's three download buttons."""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from followup.filters import Filters


@dataclass(frozen=True)
class Document:
    """One document of the pack: its command, the module and function that make it, the file
    it is written to and the words the app and the command line use for it."""

    command: str
    module: str
    function: str
    stem: str
    suffix: str
    mime: str
    help: str


PACK = (
    Document("brief", "brief", "render", "oppfolging-briefing", ".html", "text/html",
             "write the meeting briefing as one self-contained HTML file"),
    Document("slides", "slides", "render", "oppfolging-lysbilder", ".pptx",
             "application/vnd.openxmlformats-officedocument.presentationml.presentation",
             "write the meeting pack as a PowerPoint deck (.pptx)"),
    Document("export", "export", "workbook", "oppfolging-data", ".xlsx",
             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
             "write the filtered actions, grants and disbursements as .xlsx"),
)
BY_COMMAND = {d.command: d for d in PACK}


def make(command: str, con, filters: Filters, lang: str, compare: int | None) -> bytes:
    """Return the bytes of one document of the pack (its module is imported only now: python-pptx
    and openpyxl are slow to load)."""
    document = BY_COMMAND[command]
    module = importlib.import_module(f"followup.report.documents.{document.module}")
    made = getattr(module, document.function)(con, filters, lang, compare)
    return made.encode("utf-8") if isinstance(made, str) else made


def file_name(command: str, as_of) -> str:
    """Return the name the app gives the downloaded document of a round."""
    document = BY_COMMAND[command]
    return f"{document.stem}-{as_of:%Y-%m-%d}{document.suffix}"
