"""A seed page set by another tool than the tests' own: ReportLab's platypus, four column frames
under a title frame, the headline in the top frame and the others inside the columns, paragraphs
with a first-line indent and space after, the non-embedded Adobe font STSong-Light (its glyphs
reach pdf.js through the predefined CMap UniGB-UCS2-H).

usage: python3 reportlab-paper.py ARTICLES.json OUT.pdf   (articles as `npm run corpus -- --json`)
"""
import json
import sys

from reportlab.lib.pagesizes import A3
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import BaseDocTemplate, Frame, FrameBreak, PageTemplate, Paragraph

pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
articles = json.load(open(sys.argv[1], encoding="utf-8"))
width, height = A3
margin, columns, gutter, top = 40, 4, 16, 70
column = (width - 2 * margin - (columns - 1) * gutter) / columns
first = [Frame(margin, height - margin - top, width - 2 * margin, top, id="top")]
first += [Frame(margin + c * (column + gutter), margin, column, height - 2 * margin - top - 10, id=f"c{c}") for c in range(columns)]
rest = [Frame(margin + c * (column + gutter), margin, column, height - 2 * margin, id=f"d{c}") for c in range(columns)]
doc = BaseDocTemplate(sys.argv[2], pagesize=A3, pageTemplates=[PageTemplate("first", first, autoNextPageTemplate="rest"), PageTemplate("rest", rest)])
font = "STSong-Light"
body = ParagraphStyle("body", fontName=font, fontSize=10, leading=14, firstLineIndent=20, wordWrap="CJK", spaceAfter=3, alignment=4)
head = ParagraphStyle("head", fontName=font, fontSize=17, leading=22, wordWrap="CJK", spaceBefore=10, spaceAfter=6)
lead = ParagraphStyle("lead", fontName=font, fontSize=26, leading=32, wordWrap="CJK", alignment=1)
byline = ParagraphStyle("byline", fontName=font, fontSize=10, leading=14, wordWrap="CJK", spaceAfter=4)


def esc(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


story = []
for i, a in enumerate(articles):
    if i == 0:
        story += [Paragraph(esc(a["title"] or ""), lead), FrameBreak()]
    elif a["title"]:
        story.append(Paragraph(esc(a["title"]), head))
    if a["byline"]:
        story.append(Paragraph(esc(a["byline"]), byline))
    story += [Paragraph(esc(p), body) for p in a["body"].split("\n") if p.strip()]
doc.build(story)
