"""Delivering e-mails over SMTP: STARTTLS whenever the server offers it, or implicit TLS
(SMTPS) on port 465 or with FOLLOWUP_SMTP_TLS=ssl, both verified against the system's CAs or
FOLLOWUP_SMTP_CAFILE; the login only from the environment (FOLLOWUP_SMTP_USER /
FOLLOWUP_SMTP_PASSWORD), never from a command line, and never over an unencrypted session.
The envelope's sender and recipients are the addr-specs of the message's parsed From and To."""

from __future__ import annotations

import os
import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage

from followup.reminders import addresses

DEFAULT_PORT = 587
SMTPS_PORT = 465
TLS_MODES = ("starttls", "ssl")
DEFAULT_TIMEOUT = 30.0


class BadSetting(ValueError):
    """A FOLLOWUP_SMTP_* setting with a value it cannot have (`name`; the value is the text)."""

    def __init__(self, name: str, value: str):
        super().__init__(value)
        self.name = name


@dataclass(frozen=True)
class Smtp:
    """Where and as whom to send: host, port, login, sender (one parsed mailbox), a CA file
    to trust, and the TLS mode (`starttls`: upgrade a plain session; `ssl`: TLS from the first
    byte, SMTPS)."""

    host: str | None
    port: int = DEFAULT_PORT
    user: str | None = None
    password: str | None = None
    sender: Address | None = None
    cafile: str | None = None
    timeout: float = DEFAULT_TIMEOUT
    tls: str = "starttls"

    @classmethod
    def from_env(cls, host: str | None = None, port: int | None = None,
                 env: Mapping[str, str] = os.environ) -> Smtp:
        """Return the settings from FOLLOWUP_SMTP_* (host and port may be given instead).

        FOLLOWUP_SMTP_TLS (`starttls` or `ssl`) chooses the TLS mode; unset, port 465 means
        `ssl`. `ssl` without a port means 465. FOLLOWUP_SMTP_TIMEOUT is the seconds to wait
        for the server. Raise BadSetting for another mode, a port that is no port number, a
        time-out that is no number of seconds above 0, or a FOLLOWUP_SMTP_FROM that is not one
        mailbox with a plain address."""
        mode = (env.get("FOLLOWUP_SMTP_TLS") or "").strip().lower()
        if mode and mode not in TLS_MODES:
            raise BadSetting("FOLLOWUP_SMTP_TLS", env["FOLLOWUP_SMTP_TLS"].strip())
        port = port or _port(env.get("FOLLOWUP_SMTP_PORT")) or (
            SMTPS_PORT if mode == "ssl" else DEFAULT_PORT)
        mode = mode or ("ssl" if port == SMTPS_PORT else "starttls")
        return cls(host or env.get("FOLLOWUP_SMTP_HOST") or None, port,
                   env.get("FOLLOWUP_SMTP_USER") or None, env.get("FOLLOWUP_SMTP_PASSWORD"),
                   from_setting(env.get("FOLLOWUP_SMTP_FROM")),
                   env.get("FOLLOWUP_SMTP_CAFILE") or None,
                   timeout=_seconds(env.get("FOLLOWUP_SMTP_TIMEOUT")), tls=mode)


def from_setting(text: str | None) -> Address | None:
    """Return FOLLOWUP_SMTP_FROM as one Address (None when unset); raise BadSetting when it is
    not one mailbox with a plain address."""
    if not (text or "").strip():
        return None
    try:
        return addresses.sender(text.strip())
    except ValueError:
        raise BadSetting("FOLLOWUP_SMTP_FROM", text.strip()) from None


def _port(text: str | None) -> int | None:
    """Return FOLLOWUP_SMTP_PORT as a port number (None when unset)."""
    if not (text or "").strip():
        return None
    if not text.strip().isdigit() or not 0 < int(text) < 65536:
        raise BadSetting("FOLLOWUP_SMTP_PORT", text.strip())
    return int(text)


def _seconds(text: str | None) -> float:
    """Return FOLLOWUP_SMTP_TIMEOUT as seconds (DEFAULT_TIMEOUT when unset)."""
    if not (text or "").strip():
        return DEFAULT_TIMEOUT
    try:
        seconds = float(text)
    except ValueError:
        seconds = 0.0
    if not 0 < seconds < float("inf"):
        raise BadSetting("FOLLOWUP_SMTP_TIMEOUT", text.strip())
    return seconds


@dataclass(frozen=True)
class Delivery:
    """How one message went: to whom, and the server's reason when it did not; `problem`
    names a failure of the connection itself (`certificate`: the server's certificate was not
    verified, with `detail` saying why; `tls`: no TLS handshake; `timeout`)."""

    actor: str
    recipients: tuple[str, ...]
    error: str | None = None
    problem: str | None = None
    detail: str | None = None

    @property
    def ok(self) -> bool:
        """Return True when the server accepted the message for every recipient."""
        return self.error is None


class NoTls(smtplib.SMTPException):
    """The server does not offer STARTTLS, and a password is not sent in clear text."""


def connect(smtp: Smtp) -> smtplib.SMTP:
    """Return an open SMTP session: over implicit TLS (`ssl`), else STARTTLS when offered;
    logged in when a user is set, and only when the session is encrypted."""
    context = ssl.create_default_context(cafile=smtp.cafile)
    if smtp.tls == "ssl":
        session = smtplib.SMTP_SSL(smtp.host, smtp.port, timeout=smtp.timeout, context=context)
    else:
        session = smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout)
    try:
        session.ehlo()
        secure = smtp.tls == "ssl" or session.has_extn("starttls")
        if secure and smtp.tls != "ssl":
            session.starttls(context=context)
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


def _problem(exc: BaseException) -> tuple[str | None, str | None]:
    """Return what failed in the connection itself (see Delivery.problem), and why."""
    if isinstance(exc, ssl.SSLCertVerificationError):
        return "certificate", (exc.verify_message or exc.reason or str(exc)).rstrip(".")
    if isinstance(exc, ssl.SSLError):
        return "tls", (exc.reason or str(exc)).replace("_", " ").lower()
    if isinstance(exc, TimeoutError) or isinstance(exc.__context__, TimeoutError):
        # smtplib turns a time-out while reading a reply into SMTPServerDisconnected
        return "timeout", None
    return None, None


def _decode(text) -> str:
    return text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)


def deliver(smtp: Smtp, messages: list[tuple[str, EmailMessage]]) -> list[Delivery]:
    """Send each (actor, message) in one session; a refused message does not stop the rest.

    A session that cannot be opened (no server, a wrong login) is tried again for the next
    message, but not after a certificate, TLS handshake or time-out failure (it would fail
    the same way, a time-out after as long again): those messages get the same reason. Each
    message that did not go is reported with the server's reason."""
    results: list[Delivery] = []
    session = None
    broken: Delivery | None = None
    for actor, msg in messages:
        if broken is not None:
            results.append(Delivery(actor, _to(msg), broken.error, broken.problem,
                                    broken.detail))
            continue
        try:
            session = session or connect(smtp)
            refused = session.send_message(msg, _from(msg), list(_to(msg)))
        except (OSError, smtplib.SMTPException) as exc:
            results.append(Delivery(actor, _to(msg), _reason(exc), *_problem(exc)))
            if results[-1].problem:
                broken = results[-1]
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


def _from(msg: EmailMessage) -> str | None:
    sender = msg.get("From")
    return sender.addresses[0].addr_spec if sender is not None else None


def _to(msg: EmailMessage) -> tuple[str, ...]:
    """Return the addr-specs of the message's To (made of parsed Address objects)."""
    to = msg.get("To")
    return tuple(a.addr_spec for a in to.addresses) if to is not None else ()
