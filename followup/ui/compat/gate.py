"""The gate every patch passes: the release it was written for and the shape of what it patches.

A patch names the packages it was written for (`{"streamlit": "1.67"}`: any 1.67.x) and a
function returning what is not as it expects ("" when all is). When either does not hold,
`fits` logs one line and the patch leaves Streamlit's own behaviour; `in_force` logs, once
per process, that a patch took effect. Both lines go to Streamlit's log (its format and
`logger.level`), so they appear in the server's output.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import metadata

from streamlit.logger import get_logger

LOG = get_logger("followup.ui.compat")
_said: set[str] = set()


def installed(package: str) -> str:
    """Return the installed version of a package ("" when it is not installed)."""
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return ""


def _release(version: str, written_for: str) -> bool:
    return version == written_for or version.startswith(written_for + ".")


def fits(patch: str, written_for: dict[str, str], shape: Callable[[], str]) -> bool:
    """Return True when the packages are the releases the patch was written for and shape()
    finds nothing amiss; else log one line saying what differs and return False."""
    wrong = [f"{name} {installed(name) or 'missing'}, written for {release}"
             for name, release in written_for.items()
             if not _release(installed(name), release)]
    if not wrong:
        try:
            amiss = shape()
        except Exception as error:  # any surprise in the shape is a mismatch
            amiss = f"{type(error).__name__}: {error}"
        if amiss:
            wrong.append(amiss)
    if wrong:
        LOG.warning("followup.ui.compat: %s stepped aside, Streamlit's own behaviour kept: %s",
                    patch, "; ".join(wrong))
        return False
    return True


def in_force(patch: str, what: str) -> None:
    """Log, once per process, that a patch took effect."""
    if patch not in _said:
        _said.add(patch)
        LOG.info("followup.ui.compat: %s in force: %s", patch, what)
