"""E-mail addresses as the reminders use them: parsed `Address` objects, never joined text.

A workbook's address becomes an `Address` only when it is a plain `local@domain` (the import's
own rule, `workbook.formats.EMAIL`), so no encoded word, quote, bracket or line break in it can
name another recipient; anything else is refused here, whatever a database made by an older
release holds. The sender (FOLLOWUP_SMTP_FROM) is parsed as one mailbox. Every address header
of a message and the SMTP envelope are made from these objects.
"""

from __future__ import annotations

import email.errors
import email.policy
import re
from collections.abc import Iterable
from email.headerregistry import Address

from followup.workbook.formats import EMAIL

_EMAIL = re.compile(EMAIL)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def plain(text: object) -> Address | None:
    """Return a plain `local@domain` address as an Address, else None."""
    if not isinstance(text, str) or not _EMAIL.fullmatch(text):
        return None
    parsed = Address(addr_spec=text)
    return parsed if parsed.addr_spec == text else None


def mailboxes(texts: Iterable[str]) -> tuple[Address, ...]:
    """Return the addresses as Address objects; raise ValueError for one that is not plain."""
    parsed = tuple(plain(text) for text in texts)
    if None in parsed:
        raise ValueError("not a plain local@domain address")
    return parsed


def sender(text: str) -> Address:
    """Return FOLLOWUP_SMTP_FROM (`Oppfølging <oppfolging@ud.no>` or a bare address) as one
    Address; raise ValueError unless it is exactly one mailbox with a plain address."""
    try:
        header = email.policy.default.header_factory("From", text)
    except (ValueError, IndexError, email.errors.HeaderParseError) as exc:
        raise ValueError(text) from exc
    found = header.addresses
    if (header.defects or len(header.groups) != 1 or header.groups[0].display_name is not None
            or len(found) != 1 or plain(found[0].addr_spec) is None
            or _CONTROL.search(found[0].display_name)):
        raise ValueError(text)
    return Address(display_name=found[0].display_name, addr_spec=found[0].addr_spec)
