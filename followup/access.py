"""Who may do what: roles from the `[access]` table of the secrets file (no Streamlit).

```toml
[access]
viewers = ["@mfa.no"]          # browse and download
editors = ["kari@mfa.no"]      # also upload and import, send reminders, clear the caches
admins  = ["ola@mfa.no"]       # also delete rounds and read the audit log
```

An entry is an exact address or `@domain`; both match case-insensitively. A person named in
several lists has the highest of those roles. Nobody has a role unless a list names them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

ROLES = ("viewer", "editor", "admin")
LISTS = {"viewer": "viewers", "editor": "editors", "admin": "admins"}
NEEDS = {"browse": "viewer", "download": "viewer", "import": "editor", "remind": "editor",
         "request": "editor", "clear_cache": "editor", "delete": "admin", "audit": "admin",
         "configure": "admin"}  # configure: read how the app is set up (secrets, variables)


@dataclass(frozen=True)
class Access:
    """The entries of each role's list, lower-cased."""

    viewers: frozenset[str] = frozenset()
    editors: frozenset[str] = frozenset()
    admins: frozenset[str] = frozenset()


def _entries(value) -> frozenset[str]:
    items = [value] if isinstance(value, str) else list(value or [])
    if not all(isinstance(item, str) for item in items):
        raise ValueError(f"[access] lists hold e-mail addresses or @domains, not {value!r}")
    return frozenset(item.strip().lower() for item in items if item.strip())


def parse(table: Mapping | None) -> Access:
    """Return the role lists of an `[access]` table (empty lists when it is missing)."""
    table = table or {}
    return Access(**{name: _entries(table.get(name)) for name in LISTS.values()})


def matches(identity: str, entries: frozenset[str]) -> bool:
    """Return True when the identity is listed, or its domain is listed as `@domain`."""
    who = identity.strip().lower()
    if not who or who.startswith("@"):
        return False
    local, at, domain = who.rpartition("@")
    return who in entries or bool(at and local and domain and f"@{domain}" in entries)


def role_of(identity: str | None, rules: Access) -> str | None:
    """Return 'admin', 'editor', 'viewer' or None for a signed-in identity."""
    if not identity or not identity.strip():
        return None
    for role in reversed(ROLES):
        if matches(identity, getattr(rules, LISTS[role])):
            return role
    return None


def can(role: str | None, action: str) -> bool:
    """Return True when the role may do the action (one of NEEDS)."""
    needed = NEEDS[action]
    return role in ROLES and ROLES.index(role) >= ROLES.index(needed)


def identity_of(claims: Mapping) -> str | None:
    """Return the `email` claim of a signed-in user, or `sub` where there is no (verified) email."""
    email = claims.get("email")
    if isinstance(email, str) and email.strip() and claims.get("email_verified") is not False:
        return email.strip()
    sub = claims.get("sub")
    return sub.strip() if isinstance(sub, str) and sub.strip() else None
