"""Delivering e-mails over SMTP: STARTTLS whenever the server offers it, the login only from
the environment (FOLLOWUP_SMTP_USER / FOLLOWUP_SMTP_PASSWORD), never from a command line."""

from __future__ import annotations

import os
import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage

DEFAULT_PORT = 587


@dataclass(frozen=True)
class Smtp:
    """Where and as whom to send: host, port, login, sender, and a CA file to trust."""

    host: str | None
    port: int = DEFAULT_PORT
    user: str | None = None
    password: str | None = None
    sender: str | None = None
    cafile: str | None = None
    timeout: float = 30.0

    @classmethod
    def from_env(cls, host: str | None = None, port: int | None = None,
                 env: Mapping[str, str] = os.environ) -> Smtp:
        """Return the settings from FOLLOWUP_SMTP_* (host and port may be given instead)."""
        return cls(host or env.get("FOLLOWUP_SMTP_HOST") or None,
                   port or int(env.get("FOLLOWUP_SMTP_PORT") or DEFAULT_PORT),
                   env.get("FOLLOWUP_SMTP_USER") or None, env.get("FOLLOWUP_SMTP_PASSWORD"),
                   env.get("FOLLOWUP_SMTP_FROM") or None, env.get("FOLLOWUP_SMTP_CAFILE") or None)


@dataclass(frozen=True)
class Delivery:
    """How one message went: to whom, and the server's reason when it did not."""

    actor: str
    recipients: tuple[str, ...]
    error: str | None = None

    @property
    def ok(self) -> bool:
        """Return True when the server accepted the message for every recipient."""
        return self.error is None


class NoTls(smtplib.SMTPException):
    """The server does not offer STARTTLS, and a password is not sent in clear text."""


def connect(smtp: Smtp) -> smtplib.SMTP:
    """Return an open SMTP session: STARTTLS when offered, logged in when a user is set."""
    session = smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout)
    try:
        session.ehlo()
        secure = session.has_extn("starttls")
        if secure:
            session.starttls(context=ssl.create_default_context(cafile=smtp.cafile))
            session.ehlo()
        if smtp.user:
            if not secure:
                raise NoTls(f"{smtp.host}:{smtp.port} offers no STARTTLS")
            session.login(smtp.user, smtp.password or "")
    except BaseException:
        session.close()
        raise
    return session


def _reason(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return "; ".join(f"{to}: {code} {_decode(text)}" for to, (code, text)
                         in exc.recipients.items())
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"{exc.smtp_code} {_decode(exc.smtp_error)}"
    return str(exc) or type(exc).__name__


def _decode(text) -> str:
    return text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)


def deliver(smtp: Smtp, messages: list[tuple[str, EmailMessage]]) -> list[Delivery]:
    """Send each (actor, message) in one session; a refused message does not stop the rest.

    A session that cannot be opened (no server, a wrong login) is tried again for the next
    message; each message that did not go is reported with the server's reason."""
    results: list[Delivery] = []
    session = None
    for actor, msg in messages:
        try:
            session = session or connect(smtp)
            refused = session.send_message(msg)
        except (OSError, smtplib.SMTPException) as exc:
            results.append(Delivery(actor, _to(msg), _reason(exc)))
            if not isinstance(exc, (smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError,
                                    smtplib.SMTPSenderRefused)):
                _close(session)
                session = None
            continue
        error = _reason(smtplib.SMTPRecipientsRefused(refused)) if refused else None
        results.append(Delivery(actor, _to(msg), error))
    _close(session)
    return results


def _close(session: smtplib.SMTP | None) -> None:
    if session is None:
        return
    try:
        session.quit()
    except (OSError, smtplib.SMTPException):
        session.close()


def _to(msg: EmailMessage) -> tuple[str, ...]:
    return tuple(a.strip() for a in str(msg.get("To", "")).split(",") if a.strip())
