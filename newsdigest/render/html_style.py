"""The HTML digest's looks: one stylesheet, and the essentials again as style attributes for mail.

The stylesheet is the whole design: light and dark colours (prefers-color-scheme),
a phone layout, and print rules (black on white, no contents box, link targets
written out, no story split across pages). Mail clients that drop <style>
(some webmail, many forwarding paths) still get INLINE: fonts, the column
width, heading sizes and the muted colour of bylines, so the mail stays
readable. Dark rules say !important so they win over those attributes.

Nothing here loads anything: system fonts, no url(), no @import.
"""

from __future__ import annotations

# Light: near-black on white, muted grey for bylines (#55554f on #fff is 7.4:1).
# Dark: light grey on near-black (#e8e8e4 on #1b1b1a is 14:1), links light blue.
STYLE = """
body { margin: 0; padding: 0; background: #f4f4f2; color: #1d1d1b;
  -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
.digest { max-width: 40em; margin: 0 auto; padding: 16px; background: #ffffff; overflow-wrap: anywhere;
  font-family: -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif; font-size: 16px; line-height: 1.5; }
.masthead { border-bottom: 3px double #1d1d1b; padding-bottom: 8px; margin-bottom: 16px; }
h1 { font-size: 28px; line-height: 1.2; margin: 8px 0 4px; }
h2 { font-size: 20px; line-height: 1.3; margin: 28px 0 6px; }
h2.group { font-size: 14px; text-transform: uppercase; letter-spacing: 0.06em; color: #55554f;
  border-bottom: 1px solid #d8d8d4; padding-bottom: 4px; }
h3 { font-size: 20px; line-height: 1.3; margin: 24px 0 6px; }
p { margin: 6px 0; }
ul, ol { margin: 6px 0; padding-inline-start: 22px; }
.dateline, .counts, .facts, .sources, .failures, .colophon { color: #55554f; font-size: 14px; }
.toc { background: #f4f4f2; border-radius: 6px; padding: 8px 12px; margin: 16px 0; }
.toc h2 { font-size: 16px; margin: 4px 0; }
.toc li { margin: 2px 0; }
.toc ol ol { list-style: disc; }
.story { margin-bottom: 20px; }
.story h2, .story h3 { margin-bottom: 2px; }
a { color: #1a4f8b; }
h2 a, h3 a { color: inherit; text-decoration-color: #9a9a94; }
footer { border-top: 1px solid #d8d8d4; margin-top: 28px; padding-top: 8px; }
@media (max-width: 480px) { .digest { padding: 12px; } h1 { font-size: 23px; } h2, h3 { font-size: 18px; } }
@media (prefers-color-scheme: dark) {
  body { background: #111111 !important; color: #e8e8e4 !important; }
  .digest { background: #1b1b1a !important; color: #e8e8e4 !important; }
  .masthead { border-bottom-color: #e8e8e4 !important; }
  h1, h2, h3, p, li { color: #e8e8e4 !important; }
  .dateline, .counts, .facts, .sources, .failures, .colophon, h2.group { color: #a8a8a0 !important; }
  .toc { background: #262624 !important; }
  h2.group, footer { border-color: #3a3a38 !important; }
  a { color: #8ab4f8 !important; }
  h2 a, h3 a { color: #e8e8e4 !important; }
}
@media print {
  body, .digest { background: #ffffff !important; color: #000000 !important; }
  .digest { max-width: none; padding: 0; font-size: 11pt; }
  .toc { display: none; }
  .story { break-inside: avoid; }
  a { color: #000000 !important; text-decoration: none; }
  .story h2 a[href]::after, .story h3 a[href]::after, .sources a[href]::after {
    content: " (" attr(href) ")"; font-size: 9pt; font-weight: normal; }
}
"""

# The essentials, as style attributes, for the email's HTML part.
INLINE = {
    "digest": "max-width: 40em; margin: 0 auto; padding: 16px; font-family: -apple-system, 'Segoe UI', Roboto, "
    "Helvetica, Arial, sans-serif; font-size: 16px; line-height: 1.5; overflow-wrap: anywhere;",
    "h1": "font-size: 28px; line-height: 1.2; margin: 8px 0 4px;",
    "h2": "font-size: 20px; line-height: 1.3; margin: 24px 0 2px;",
    "group": "font-size: 14px; text-transform: uppercase; letter-spacing: 0.06em; color: #55554f; margin: 28px 0 6px;",
    "muted": "color: #55554f; font-size: 14px; margin: 4px 0;",
    "p": "margin: 6px 0;",
    "toc": "background: #f4f4f2; padding: 8px 12px; margin: 16px 0;",
    "toc_heading": "font-size: 16px; margin: 4px 0;",
    "a": "color: #1a4f8b;",
}
