"""A real SMTP server on localhost (aiosmtpd) that keeps what it is given, optionally with
STARTTLS (or implicit TLS, SMTPS) on a self-signed certificate made for the test and a login
it checks."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import socket
import ssl
from dataclasses import dataclass, field
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

REFUSED_DOMAIN = "refused.example.org"


@dataclass
class Inbox:
    """What the server was given: (envelope sender, recipients, parsed message) per message,
    and the logins it saw."""

    received: list[tuple] = field(default_factory=list)
    logins: list[tuple[str, str]] = field(default_factory=list)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        """Refuse every address at REFUSED_DOMAIN; accept the others."""
        if address.endswith("@" + REFUSED_DOMAIN):
            return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        """Keep the message, parsed with the standard library."""
        message = email.message_from_bytes(envelope.original_content or envelope.content,
                                           policy=email.policy.default)
        self.received.append((envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 Message accepted"

    def by_recipient(self) -> dict[str, object]:
        """Return {first recipient: message}."""
        return {rcpt[0]: message for _, rcpt, message in self.received}


def self_signed(folder: Path) -> tuple[Path, Path]:
    """Write a certificate and key for `localhost`, valid for a day; return their paths."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5))
            .not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "smtp-cert.pem", folder / "smtp-key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _Counting(Controller):
    """A controller that counts the connections made to it (its own start-up check too)."""

    opened = 0

    def factory(self):
        """Return the session of a new connection, counting it."""
        self.opened += 1
        return super().factory()


class Server:
    """A running server: its port, inbox, and (with TLS) the certificate to trust.

    `tls=True` offers STARTTLS and requires it; `implicit=True` speaks TLS from the first byte
    (SMTPS, as on port 465), so the whole session, the login too, is encrypted."""

    def __init__(self, folder: Path, tls: bool = False, login: tuple[str, str] | None = None,
                 implicit: bool = False):
        self.inbox = Inbox()
        kwargs = {}
        self.cafile = None
        if tls or implicit:
            cert, key = self_signed(folder)
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(cert, key)
            if implicit:
                # aiosmtpd counts only STARTTLS as TLS for AUTH; this session is TLS throughout
                kwargs.update(ssl_context=context, auth_require_tls=False)
            else:
                kwargs.update(tls_context=context, require_starttls=True)
            self.cafile = str(cert)
        if login:
            kwargs.update(authenticator=self._check(login), auth_required=True,
                          auth_exclude_mechanism=["LOGIN"])
        self.port = _free_port()
        self.controller = _Counting(self.inbox, hostname="127.0.0.1", port=self.port,
                                     server_hostname="localhost", **kwargs)

    @property
    def connections(self) -> int:
        """Return how many connections clients made (not the controller's start-up check)."""
        return self.controller.opened - 1

    def _check(self, login: tuple[str, str]):
        def authenticator(server, session, envelope, mechanism, data):
            user, password = data.login.decode(), data.password.decode()
            self.inbox.logins.append((user, password))
            return AuthResult(success=(user, password) == login, handled=False)
        return authenticator

    def __enter__(self) -> Server:
        self.controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self.controller.stop()
