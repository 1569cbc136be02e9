#!/usr/bin/env python3
"""Generates the PDF fixtures of src/formats/pdf.rs (reportlab 4+; run once, commit the PDFs).

    pip install reportlab && python3 tests/data/formats/make_pdf_fixtures.py

brief.pdf      4 pages: a title, numbered headings, paragraphs wrapped by hand (one
               word hyphenated across a line end, real hyphens mid-line), a running
               header, a running footer with the page number, document info.
scanned.pdf    one page holding only a drawn picture: no text layer.
locked.pdf     a user password: cannot be opened without it.
owner_only.pdf encrypted with an empty user password (printing restricted): readable.
"""
import os

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas
from reportlab.lib.pdfencrypt import StandardEncryption

HERE = os.path.dirname(os.path.abspath(__file__))
WIDTH, HEIGHT = A4
LEFT = 72
BODY = ("Helvetica", 11, 14.5)  # font, size, leading

# Each page: a list of (kind, lines). Lines are wrapped by hand so that the
# hyphenated break "defen-" / "ce" lands exactly at a line end.
PAGES = [
    [
        ("title", ["Baltic Air Policing: Readiness Review"]),
        ("h1", ["1. Summary"]),
        ("p", [
            "The allied air policing mission over the Baltic states entered its twentieth year",
            "with four fighter detachments on quick reaction alert. This review weighs the",
            "readiness of the rotating detachments against the threat picture of the past year.",
        ]),
        ("p", [
            "Detachments flying the F-16 and the Eurofighter met every scramble order within",
            "the required fifteen minutes. Air defen-",
            "ce planners nevertheless ask for a second alert base further north, since the",
            "cease-fire talks in the region have stalled.",
        ]),
    ],
    [
        ("h1", ["2. Threat Picture"]),
        ("p", [
            "Intercepts rose by a third compared with the previous year. Most concerned",
            "transport aircraft flying without transponders or filed flight plans between the",
            "mainland and the exclave, often escorted by fighters of their own.",
        ]),
        ("h2", ["2.1 Electronic Warfare"]),
        ("p", [
            "Jamming of satellite navigation signals affected civil aviation across the",
            "region on more than two hundred days. Crews trained to fly approaches without",
            "satellite guidance, and the detachments exercised fallback procedures monthly.",
        ]),
    ],
    [
        ("h1", ["3. Infrastructure"]),
        ("p", [
            "Runway resurfacing at the main operating base closed one of two runways for",
            "eleven weeks. Hardened shelters for eight aircraft are funded and the first four",
            "will be ready next spring, together with a new fuel depot.",
        ]),
        ("p", [
            "Host nations proposed shared maintenance facilities so that detachments need",
            "to bring fewer spare parts on each rotation, cutting the airlift required.",
        ]),
    ],
    [
        ("h1", ["4. Recommendations"]),
        ("p", [
            "Keep four detachments on alert, add a second northern alert base, and fund the",
            "remaining shelters. Review the jamming countermeasures again in twelve months.",
        ]),
    ],
]

STYLE = {
    "title": ("Helvetica-Bold", 20, 30),
    "h1": ("Helvetica-Bold", 15, 22),
    "h2": ("Helvetica-Bold", 12.5, 18),
    "p": BODY,
}


def furniture(c, page_no, pages):
    c.setFont("Helvetica", 8.5)
    c.drawString(LEFT, HEIGHT - 40, "NATO UNCLASSIFIED - Baltic Air Policing Review")
    c.drawRightString(WIDTH - LEFT, 40, f"Page {page_no} of {pages}")


def brief(path):
    c = canvas.Canvas(path, pagesize=A4, invariant=1)
    c.setTitle("Baltic Air Policing: Readiness Review")
    c.setAuthor("Joint Air Power Staff")
    c.setSubject("Readiness review")
    c.setCreator("make_pdf_fixtures.py")
    for n, page in enumerate(PAGES, 1):
        furniture(c, n, len(PAGES))
        y = HEIGHT - 90
        for kind, lines in page:
            font, size, leading = STYLE[kind]
            c.setFont(font, size)
            y -= leading * 0.4  # space above a block
            for line in lines:
                c.drawString(LEFT, y, line)
                y -= leading
            y -= leading * 0.5  # space below a block
        c.showPage()
    c.save()
    # reportlab writes a fixed date in invariant mode; set the one the test expects.
    data = open(path, "rb").read()
    old = b"/CreationDate (D:20000101000000+00'00')"
    assert old in data, "invariant date not found"
    data = data.replace(old, b"/CreationDate (D:20240315093000+01'00')")
    open(path, "wb").write(data)


def scanned(path):
    c = canvas.Canvas(path, pagesize=A4, invariant=1)
    c.setFillGray(0.8)
    for i in range(12):
        c.rect(LEFT, HEIGHT - 120 - i * 30, 400 - i * 13, 12, fill=1, stroke=0)
    c.showPage()
    c.save()


def encrypted(path, user, owner):
    enc = StandardEncryption(user, ownerPassword=owner, canPrint=0, strength=128)
    c = canvas.Canvas(path, pagesize=A4, encrypt=enc, invariant=1)
    c.setFont("Helvetica", 11)
    c.drawString(LEFT, HEIGHT - 100, "Restricted distribution: exercise schedule for the spring rotation.")
    c.showPage()
    c.save()


if __name__ == "__main__":
    brief(os.path.join(HERE, "brief.pdf"))
    scanned(os.path.join(HERE, "scanned.pdf"))
    encrypted(os.path.join(HERE, "locked.pdf"), "secret", "owner-secret")
    encrypted(os.path.join(HERE, "owner_only.pdf"), "", "owner-secret")
