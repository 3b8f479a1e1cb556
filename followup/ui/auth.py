"""Sign-in with Streamlit's OpenID Connect (`st.login`) and roles from the secrets file.

With an `[auth]` table in the secrets, a visitor who is not signed in is given one page, the
sign-in page; a signed-in user without a role is given one page, the no-access page. Every
action checks the role again on the server where it is done (`require`), not only by hiding
its button. Without `[auth]` the app is open, as for a local run, and says so in the sidebar.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

import streamlit as st

from followup import access
from followup.i18n import plain, t
from followup.ui.state import document_language, lang

_LOG = logging.getLogger(__name__)


def _secret_tables() -> set[str]:
    try:
        return {name for name in ("auth", "access") if name in st.secrets}
    except (FileNotFoundError, st.errors.StreamlitSecretNotFoundError):
        return set()


def configured() -> bool:
    """Return True when the secrets hold an `[auth]` table (sign-in required)."""
    return "auth" in _secret_tables()


def misconfigured() -> bool:
    """Return True when roles are set but sign-in is not: the app then stays closed."""
    return _secret_tables() == {"access"}


def identity() -> str | None:
    """Return the signed-in user's e-mail address (or `sub`); None when nobody is signed in."""
    return identity_in(st.user.to_dict())


def identity_in(claims: Mapping) -> str | None:
    """Return the identity of a session's user claims (None when sign-in is off or nobody is
    signed in): what the server keeps of a session, outside its script runs too."""
    if not configured() or claims.get("is_logged_in") is not True:
        return None
    return access.identity_of(claims)


def permits(claims: Mapping, action: str) -> bool:
    """Return True when the user of these claims may do the action: the rule of `allowed`,
    for a session seen from the server (a message it sends, a file it asks for)."""
    if misconfigured():
        return False
    who = identity_in(claims)
    return not configured() or access.can(
        access.role_of(who, access.parse(st.secrets.get("access"))) if who else None, action)


def role() -> str | None:
    """Return the signed-in user's role from the secrets' `[access]` table, or None."""
    who = identity()
    return access.role_of(who, access.parse(st.secrets.get("access"))) if who else None


def allowed(action: str) -> bool:
    """Return True when the current user may do the action (always, when sign-in is off;
    never, when roles are set without sign-in)."""
    if misconfigured():
        return False
    return not configured() or access.can(role(), action)


def require(action: str) -> str | None:
    """Return who does the action (None when sign-in is off); stop the script if not allowed."""
    if allowed(action):
        return identity()
    _LOG.warning("refused %s to %r (role %s)", action, identity(), role())
    lg = lang()
    st.error(t("auth.refused", lg, action=t(f"auth.do.{action}", lg)), icon=":material/block:")
    st.stop()


def gate(lg: str):
    """Return the one-page navigation for a visitor without a role, or None for the others."""
    if misconfigured():
        page = st.Page(_closed, title=t("auth.closed", lg), icon=":material/lock:",
                       url_path="lukket", default=True)
        return st.navigation([page], position="hidden")
    if not configured():
        return None
    if identity() is None:
        page = st.Page(_sign_in, title=t("auth.sign_in", lg), icon=":material/login:",
                       url_path="logg-inn", default=True)
    elif role() is None:
        page = st.Page(_no_access, title=t("auth.no_access", lg), icon=":material/block:",
                       url_path="ingen-tilgang", default=True)
    else:
        return None
    return st.navigation([page], position="hidden")


def _closed() -> None:
    lg = lang()
    st.title(t("auth.closed", lg), anchor=False)
    st.error(t("auth.closed_text", lg), icon=":material/lock:")
    document_language(lg)


def _sign_in() -> None:
    lg = lang()
    st.title(t("auth.sign_in", lg), anchor=False)
    st.markdown(t("auth.sign_in_text", lg))
    document_language(lg)
    if st.button(t("auth.sign_in", lg), type="primary", icon=":material/login:", key="sign_in"):
        st.login()


def _no_access() -> None:
    lg = lang()
    st.title(t("auth.no_access", lg), anchor=False)
    st.markdown(t("auth.no_access_text", lg, who=plain(identity() or "")))
    sign_out_button(lg)
    document_language(lg)


def sign_out_button(lg: str) -> None:
    """Draw the sign-out button; pressing it ends the session and the provider's session."""
    if st.button(t("auth.sign_out", lg), icon=":material/logout:", key="sign_out"):
        st.logout()
        st.stop()


def sidebar(lg: str) -> None:
    """Say who is signed in, with a sign-out button; or that the view is open (no sign-in)."""
    if not configured():
        st.caption(t("open.notice", lg))
        return
    st.caption(t("auth.signed_in", lg, who=plain(identity() or ""),
                 role=t(f"role.{role()}", lg)))
    sign_out_button(lg)

