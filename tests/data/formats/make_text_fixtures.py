#!/usr/bin/env python3
"""Generates the HTML and e-mail fixtures of src/formats/ (standard library only).

    python3 tests/data/formats/make_text_fixtures.py

news_page.html  a saved news page in Windows-1252: navigation, a cookie banner, a share
                bar, the article (h1, h2, h3, a table), comments, a newsletter box,
                related links and a footer.
reply.eml       a reply with an HTML body (and its plain alternative), a quoted
                original, a signature and a PDF attachment (brief.pdf).
"""
import os
from email.message import EmailMessage
from email.policy import SMTP

HERE = os.path.dirname(os.path.abspath(__file__))

ARTICLE = """
<p>Radar operators in Estonia’s north-east tracked eleven small drones crossing the border
over three nights last week, the defence ministry said on Thursday. None carried a payload,
but two flew within a few kilometres of the power station at Narva before turning back.</p>
<p>Officials believe the flights were probing how quickly the air defence network reacts.
Interceptor aircraft on quick reaction alert were not launched, because the drones flew too
low and too slowly for fighters to engage them safely.</p>
<h2>Gaps in low-altitude coverage</h2>
<p>The incursions exposed what planners have warned about for years: long-range radars see
aircraft well but lose small, slow targets flying below a few hundred metres, where hills and
forest hide them.</p>
<table>
<tr><th>Zone</th><th>Coverage</th><th>Gap</th></tr>
<tr><td>North-east</td><td>Full above 1,500 m</td><td>Below 300 m</td></tr>
<tr><td>Islands</td><td>Partial</td><td>Below 500 m</td></tr>
</table>
<h3>What the ministry plans</h3>
<p>The ministry will spend €120 million — about a tenth of this year’s procurement budget —
on short-range sensors and jammers, and will ask allies to station a counter-drone unit in
the region from spring.</p>
<p>“We are not yet where we need to be,” said the commander of the air force, adding that
detection, not interception, was the harder half of the problem.</p>
"""

PAGE = f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="windows-1252">
<title>Drone incursions test Baltic air defences | The Northern Monitor</title>
<meta property="og:site_name" content="The Northern Monitor">
<meta property="article:published_time" content="2024-09-12T07:45:00+02:00">
<meta name="author" content="Kadri Tamm">
<script>window.dataLayer = [];</script>
</head>
<body>
<header class="masthead">
<h1 class="site-logo">The Northern Monitor</h1>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/defence">Defence</a></li><li><a href="/economy">Economy</a></li></ul></nav>
</header>
<div id="cookie-consent" class="banner">
<p>We use cookies to improve your experience and to measure our audience.</p>
<a href="#">Accept all</a> <a href="#">Manage preferences</a>
</div>
<main>
<article>
<header><h1>Drone incursions test Baltic air defences</h1>
<p class="byline">By Kadri Tamm, 12 September 2024</p></header>
<div class="share-tools"><a href="#">Share on X</a> <a href="#">Share on Facebook</a> <a href="#">Copy link</a></div>
{ARTICLE}
</article>
<section id="comments">
<h3>3 comments</h3>
<div class="comment"><p>Great article, but what about the islands? Nobody ever mentions them.</p></div>
<div class="comment"><p>They should have shot them down. Simple as that, in my opinion.</p></div>
<div class="comment"><p>Cheap drones versus expensive missiles, the maths never works out.</p></div>
</section>
</main>
<div class="newsletter-signup"><p>Subscribe to our morning briefing.</p>
<form><input type="email"><button>Sign up</button></form></div>
<aside class="related"><h3>Related</h3><ul>
<li><a href="#">Finland extends border fence</a></li>
<li><a href="#">Latvia buys air defence systems</a></li></ul></aside>
<footer><p>© 2024 The Northern Monitor · <a href="#">Privacy</a> · <a href="#">Terms</a></p></footer>
</body>
</html>
"""


def news_page(path):
    with open(path, "wb") as f:
        f.write(PAGE.encode("cp1252"))


REPLY_HTML = """<div dir="ltr"><div>Thanks, the review reads well.</div><div><br></div>
<div>Two points before we send it on: the shelter figures on page 3 are last year’s,
and the jamming section should cite the civil aviation reports.</div><div><br></div>
<div>I attach the marked-up copy.</div><br clear="all"><div>-- <br>
<div dir="ltr" class="gmail_signature">Maj. Anna Berg<br>Joint Air Power Staff<br>+46 8 000 00 00</div></div></div>
<br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">On Mon, 18 Mar 2024 at 09:12, Analysis Desk
&lt;desk@example.org&gt; wrote:<br></div><blockquote class="gmail_quote" style="margin:0 0 0 .8ex;border-left:1px #ccc solid;padding-left:1ex">
<div dir="ltr">Anna, please find the draft review attached. Comments by Tuesday?</div></blockquote></div>
"""

# The smallest valid PNG (1x1, grey): an attachment of a kind briefs does not read.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010800000000"
    "3a7e9b550000000a4944415478da63f80f00010101001b9a6c5a0000000049454e44ae426082"
)


def reply(path):
    msg = EmailMessage()
    msg["From"] = '"Maj. Anna Berg" <anna.berg@example.mil>'
    msg["To"] = "Analysis Desk <desk@example.org>"
    msg["Subject"] = "Re: Baltic air policing review"
    msg["Date"] = "Tue, 19 Mar 2024 16:05:00 +0100"
    msg["Message-ID"] = "<review-reply-1@example.mil>"
    msg["In-Reply-To"] = "<review-draft-1@example.org>"
    msg.set_content(REPLY_HTML, subtype="html", charset="utf-8", cte="quoted-printable")
    with open(os.path.join(HERE, "brief.pdf"), "rb") as f:
        msg.add_attachment(f.read(), maintype="application", subtype="pdf", filename="review-marked-up.pdf")
    msg.add_attachment(PNG, maintype="image", subtype="png", filename="logo.png")
    msg["Content-Language"] = "en"  # after the body: set_content drops Content-* headers
    with open(path, "wb") as f:
        f.write(msg.as_bytes(policy=SMTP))


if __name__ == "__main__":
    news_page(os.path.join(HERE, "news_page.html"))
    reply(os.path.join(HERE, "reply.eml"))
