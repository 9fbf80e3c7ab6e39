"""Email digest: a complete MIME message (plain text and HTML alternatives) for `sendmail -t`.

Built with the stdlib email package, which encodes non-ASCII words (RFC 2047)
and folds long headers; every header value is made one safe line first
(textsafe.one_line), so a title holding "\\r\\nBcc: ..." can never start a header.
Lines end in \\n, as sendmail expects on its standard input. The Message-ID
and the MIME boundary are derived from the message itself, so the same digest
gives the same message, byte for byte.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

from ..errors import UsageError
from ..textsafe import one_line
from .options import RenderOptions
from .view import DigestView, plural


def default_sender() -> str:
    import socket

    host = socket.getfqdn() or "localhost"
    if not _is_hostname(host):
        host = "localhost"
    return f"newsdigest <newsdigest@{host}>"


def _is_hostname(host: str) -> bool:
    labels = host.split(".")
    return host.isascii() and all(label and len(label) <= 63 and label.replace("-", "").isalnum() for label in labels)


def _addresses(value: str, header: str) -> tuple:
    """'Ann <ann@example.org>, bo@example.org' as Address objects; a clear UsageError when it is not that."""
    from email.headerregistry import Address
    from email.utils import getaddresses

    text = one_line(value)
    found = []
    for name, addr in getaddresses([text]):
        user, at, domain = addr.rpartition("@")
        if not (at and user and domain):
            raise UsageError(f"{header} address {text!r} is not an email address (expected name@example.org)")
        if not user.isascii():
            raise UsageError(f"{header} address {text!r}: the part before @ must be ASCII")
        try:
            domain = domain.encode("idna").decode("ascii")  # bücher.example -> xn--bcher-kva.example
        except UnicodeError:
            raise UsageError(f"{header} address {text!r}: {domain!r} is not a valid domain name") from None
        found.append(Address(display_name=name, username=user, domain=domain))
    if not found:
        raise UsageError(f"{header} address {text!r} is not an email address (expected name@example.org)")
    return tuple(found)


def subject(view: DigestView) -> str:
    """'News digest — 2026-11-18 (3 stories)'."""
    return f"{view.heading} ({plural(view.size, 'story', 'stories')})"


def digest_chunks(view: DigestView, options: RenderOptions) -> Iterator[str]:
    """The whole message as one piece, built before this returns (a bad address fails here, before any write)."""
    return iter([message(view, options)])


def message(view: DigestView, options: RenderOptions) -> str:
    from email import policy
    from email.message import EmailMessage
    from email.utils import format_datetime

    from .html import digest_page
    from .text import digest_text

    plain = digest_text(view, options)
    page = digest_page(view, options, inline=True)  # styles inlined too: clients that drop <style> keep the look
    senders = _addresses(options.sender or default_sender(), "From")
    recipients = _addresses(options.to, "To") if options.to else ()
    title = one_line(options.subject) or subject(view)
    date = format_datetime(view.generated)

    msg = EmailMessage(policy=policy.SMTP.clone(linesep="\n"))
    msg["Subject"] = title
    msg["Date"] = date
    msg["From"] = senders
    if recipients:
        msg["To"] = recipients
    # Same digest, same sender and recipients, same id; any difference, a new one.
    seed = "\n".join([date, str(msg["From"]), str(msg.get("To", "")), title, plain, page])
    digest_id = hashlib.sha256(seed.encode("utf-8")).hexdigest()[:32]
    msg["Message-ID"] = f"<{digest_id}.newsdigest@{senders[0].domain}>"
    msg.set_content(plain, subtype="plain", charset="utf-8", cte="quoted-printable")
    msg.add_alternative(page, subtype="html", charset="utf-8", cte="quoted-printable")
    for part in msg.iter_parts():
        del part["MIME-Version"]  # add_alternative gives the HTML part its own; only the message needs one
    # A fixed boundary, not a random one. Quoted-printable bodies encode every "=", so "==" never occurs in them.
    msg.set_boundary(f"==newsdigest-{digest_id}==")
    return msg.as_string()
