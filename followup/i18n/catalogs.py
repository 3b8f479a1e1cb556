"""The gettext catalogs in locale/: compiled on first use, loaded once per process.

`locale/{nb,nn,en}/LC_MESSAGES/messages.po` are the source (committed); the `.mo` beside each
is built from it when it is missing or older than the `.po` (a fresh clone, or a `git pull`
that changed a translation), written atomically so two processes starting at once do not
read half a file. Where locale/ cannot be written the catalog is compiled in memory instead.
nynorsk and English fall back to bokmål for a message they lack; bokmål to the key itself.
"""

from __future__ import annotations

import contextlib
import gettext
import io
import os
import tempfile
from functools import lru_cache
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parents[2] / "locale"
DOMAIN = "messages"
FALLBACK = "nb"


def po_path(lang: str, locale_dir: Path = LOCALE_DIR) -> Path:
    """Return the path of a language's .po catalog."""
    return locale_dir / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def compile_po(po: Path) -> bytes:
    """Return the .mo bytes of a .po file (fuzzy messages left out, as msgfmt does)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as source:
        catalog = read_po(source)
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def _write_atomically(path: Path, data: bytes) -> None:
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def mo_bytes(lang: str, locale_dir: Path = LOCALE_DIR) -> bytes:
    """Return the compiled catalog of lang, compiling (and saving) it when stale."""
    po = po_path(lang, locale_dir)
    mo = po.with_suffix(".mo")
    if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
        return mo.read_bytes()
    data = compile_po(po)
    with contextlib.suppress(OSError):  # a read-only checkout: the catalog lives in memory
        _write_atomically(mo, data)
    return data


@lru_cache(maxsize=8)
def translations(lang: str) -> gettext.NullTranslations:
    """Return the translations of lang, falling back to bokmål, then to the key itself."""
    if lang not in ("nb", "nn", "en"):
        lang = FALLBACK
    found = gettext.GNUTranslations(io.BytesIO(mo_bytes(lang)))
    if lang != FALLBACK:
        found.add_fallback(translations(FALLBACK))
    return found
