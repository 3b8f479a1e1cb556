"""Text from a workbook that may be a link (an action's evidence, an evaluation's report): only
an https link (followup.workbook.formats.HTTPS_LINK) is ever drawn as one, opened with
`rel="noopener noreferrer"`; anything else (an archive reference such as `2013/4567-2`,
`javascript:`, `http://`, a link with a quote in it) is escaped text.
"""

from __future__ import annotations

import html
import re

from followup.workbook.formats import HTTPS_LINK

_LINK = re.compile(HTTPS_LINK)
# what the app's grid matches a link with (a JavaScript regex: LinkColumn's validate)
GRID_LINK = "^" + HTTPS_LINK + "$"


def https_link(value) -> str | None:
    """Return value when it is an https link to draw as a link, else None."""
    return value if isinstance(value, str) and _LINK.fullmatch(value) else None


def text_only(value) -> str:
    """Return value when it is text not drawn as a link ('' for a link and for nothing)."""
    return value if isinstance(value, str) and not https_link(value) else ""


def evidence_html(value) -> str:
    """Return evidence as HTML: an https link as a link that opens in a new tab without the
    opener or the referrer, anything else escaped ('' for nothing)."""
    link = https_link(value)
    if link is not None:
        shown = html.escape(link)
        return (f'<a href="{shown}" target="_blank" rel="noopener noreferrer">'
                f"{shown}</a>")
    return html.escape(value) if isinstance(value, str) else ""
