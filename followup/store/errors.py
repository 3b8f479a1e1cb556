"""Why the database could not be used, as exceptions the command line and the app word alike."""

from __future__ import annotations

import errno


class DiskFull(Exception):
    """The disk under the database (or its originals/) is full; nothing was loaded."""


class Damaged(Exception):
    """The database file is damaged (truncated, overwritten, a bad block): restore a back-up."""

    def __init__(self, path, detail: str = ""):
        super().__init__(f"{path}: {detail}")
        self.path = path


_DAMAGE = ("corrupt", "checksum", "not a valid duckdb database", "could not read enough bytes",
           "failed to deserialize", "serialization error", "invalid block")


def is_damage(exc: BaseException) -> bool:
    """Return True when a DuckDB error says the file itself is damaged."""
    text = str(exc).lower()
    return any(marker in text for marker in _DAMAGE)


def is_disk_full(exc: BaseException) -> bool:
    """Return True for an OSError or DuckDB error that says there is no space left."""
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    return "no space left on device" in str(exc).lower()
