"""Email digest: a complete MIME message (text and HTML alternatives) for `sendmail -t`.

Headers come from the stdlib email package, which encodes non-ASCII words and
refuses header injection; the subject is cleaned to one line first anyway.
The Message-ID is derived from the digest's content and time, so the same
digest gives the same message, byte for byte.
"""

from __future__ import annotations

import hashlib

from .safe import clean, plural


def _sender(options) -> str:
    if options.sender:
        return clean(options.sender)
    import socket

    host = socket.getfqdn() or "localhost"
    return f"newsdigest <newsdigest@{host}>"


def render(digest, options) -> str:
    from email import policy
    from email.message import EmailMessage
    from email.utils import format_datetime

    from . import DigestRenderOptions
    from .html import render as render_html
    from .text import render as render_text

    text = render_text(digest, DigestRenderOptions(format="text"))
    html = render_html(digest, DigestRenderOptions(format="html"))
    sender = _sender(options)
    msg = EmailMessage(policy=policy.SMTP.clone(linesep="\n"))
    msg["Subject"] = f"{clean(digest.title)} — {digest.date}: {plural(digest.counts.entries, 'story', 'stories')}"
    msg["Date"] = format_datetime(digest.generated)
    msg["From"] = sender
    if options.to:
        msg["To"] = clean(options.to)
    domain = msg["From"].addresses[0].domain if msg["From"].addresses else "localhost"
    digest_id = hashlib.sha256((msg["Date"] + text).encode("utf-8")).hexdigest()[:24]
    msg["Message-ID"] = f"<{digest_id}.newsdigest@{domain or 'localhost'}>"
    msg["MIME-Version"] = "1.0"
    msg.set_content(text, subtype="plain", charset="utf-8", cte="quoted-printable")
    msg.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
    msg.set_boundary(f"==newsdigest-{digest_id}==")  # fixed, not random: same digest, same bytes
    return msg.as_string()
