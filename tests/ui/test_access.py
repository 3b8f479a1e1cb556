"""Roles from the `[access]` table: addresses, @domains, case, precedence, and no role."""

from __future__ import annotations

import pytest

from followup import access

RULES = access.parse({"viewers": ["@mfa.no", "svc-1234"], "editors": ["Kari@MFA.no"],
                      "admins": ["ola@mfa.no", "@tilsyn.example"]})


@pytest.mark.parametrize(("identity", "role"), [
    ("leder@mfa.no", "viewer"),
    ("LEDER@Mfa.No", "viewer"),            # the domain matches case-insensitively
    ("kari@mfa.no", "editor"),             # an editor is also under @mfa.no: the higher role
    ("KARI@mfa.NO", "editor"),             # an exact address matches case-insensitively
    ("ola@mfa.no", "admin"),
    ("revisor@tilsyn.example", "admin"),   # a domain can be given a higher role too
    ("svc-1234", "viewer"),                # a `sub` without an e-mail address, listed exactly
    (" leder@mfa.no ", "viewer"),
])
def test_role_of_a_listed_identity(identity, role):
    assert access.role_of(identity, RULES) == role


@pytest.mark.parametrize("identity", [
    "someone@example.org",
    "leder@evilmfa.no",       # only the part after @ is compared with the domain, whole
    "leder@mfa.no.evil.org",
    "leder@sub.mfa.no",       # a subdomain is another domain
    "mfa.no",
    "@mfa.no",                # not an address, even though it is an entry
    "kari",
    "SVC-12345",
    "",
    "   ",
    None,
])
def test_no_role_for_anyone_not_listed(identity):
    assert access.role_of(identity, RULES) is None


def test_no_access_table_gives_nobody_a_role():
    assert access.parse(None) == access.Access()
    assert access.role_of("ola@mfa.no", access.parse({})) is None


def test_a_single_entry_may_be_a_string_and_blank_entries_are_dropped():
    rules = access.parse({"admins": "Ola@mfa.no", "viewers": ["", "  "]})
    assert rules == access.Access(admins=frozenset({"ola@mfa.no"}))


def test_an_entry_that_is_not_text_is_an_error():
    with pytest.raises(ValueError, match="e-mail addresses or @domains"):
        access.parse({"editors": [42]})


@pytest.mark.parametrize(("role", "allowed"), [
    ("viewer", {"browse", "download"}),
    ("editor", {"browse", "download", "import", "remind", "request", "clear_cache"}),
    ("admin", {"browse", "download", "import", "remind", "request", "clear_cache", "delete",
               "audit", "configure"}),
    (None, set()),
    ("superuser", set()),
])
def test_what_each_role_may_do(role, allowed):
    assert {a for a in access.NEEDS if access.can(role, a)} == allowed


def test_an_unknown_action_is_an_error_not_a_yes():
    with pytest.raises(KeyError):
        access.can("admin", "drop_database")


@pytest.mark.parametrize(("claims", "identity"), [
    ({"sub": "abc", "email": "Kari@mfa.no"}, "Kari@mfa.no"),
    ({"sub": "abc"}, "abc"),
    ({"sub": "abc", "email": ""}, "abc"),
    ({"sub": "abc", "email": "kari@mfa.no", "email_verified": False}, "abc"),
    ({"sub": "abc", "email": "kari@mfa.no", "email_verified": True}, "kari@mfa.no"),
    ({}, None),
])
def test_identity_is_the_email_claim_or_else_sub(claims, identity):
    assert access.identity_of(claims) == identity
