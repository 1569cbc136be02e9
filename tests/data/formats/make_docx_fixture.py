#!/usr/bin/env python3
"""Generates the Word fixture of the mixed-folder test (standard library only).

    python3 tests/data/formats/make_docx_fixture.py

sanctions_brief.docx  a Word brief as Word writes it: Title and Heading 1/2 styles, body
                      paragraphs split into runs, a table, core properties (title,
                      creator, created date, language).
"""
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def para(text, style=None):
    props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    # Word splits text into runs at every change of formatting, even inside a word.
    mid = len(text) // 2
    runs = "".join(f'<w:r><w:t xml:space="preserve">{part}</w:t></w:r>' for part in (text[:mid], text[mid:]))
    return f"<w:p>{props}{runs}</w:p>"


def table(rows):
    cells = lambda row: "".join(f"<w:tc>{para(c)}</w:tc>" for c in row)
    return "<w:tbl>" + "".join(f"<w:tr>{cells(r)}</w:tr>" for r in rows) + "</w:tbl>"


BODY = "".join([
    para("Sanctions Enforcement Weekly", "Title"),
    para("Shadow fleet", "Heading1"),
    para("Port authorities in the Baltic inspected fourteen tankers suspected of carrying "
         "sanctioned crude under flags of convenience; three were detained for missing insurance papers."),
    para("Ship-to-ship transfers", "Heading2"),
    para("Transfers off the coast moved further from shore, beyond the reach of coastal radar, "
         "according to satellite imagery reviewed by the desk."),
    table([["Flag", "Tankers inspected", "Detained"], ["Gabon", "6", "2"], ["Cook Islands", "8", "1"]]),
    para("Export controls", "Heading1"),
    para("Dual-use machine tools kept reaching the defence industry through third countries."),
])

DOCUMENT = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>'
            f"{BODY}<w:sectPr/></w:body></w:document>")
STYLES = (f'<w:styles {W}><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>'
          '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style>'
          '<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/></w:style></w:styles>')
CORE = ('<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties '
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        "<dc:title>Sanctions Enforcement Weekly</dc:title><dc:creator>Economic Security Desk</dc:creator>"
        "<dc:language>en-GB</dc:language>"
        '<dcterms:created xsi:type="dcterms:W3CDTF">2024-05-06T09:00:00Z</dcterms:created></cp:coreProperties>')
RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships '
        'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
        "</Relationships>")


def main():
    path = os.path.join(HERE, "sanctions_brief.docx")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in [("[Content_Types].xml", "<Types/>"), ("_rels/.rels", RELS),
                              ("word/document.xml", DOCUMENT), ("word/styles.xml", STYLES),
                              ("docProps/core.xml", CORE)]:
            info = zipfile.ZipInfo(name, date_time=(2024, 5, 6, 9, 0, 0))
            z.writestr(info, content, zipfile.ZIP_DEFLATED)


if __name__ == "__main__":
    main()
