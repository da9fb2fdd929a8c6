"""Reads a DOCX written by DocketKit with python-docx, an independent reader, and asserts what a
coalition lead relies on: heading styles, paragraph text, list items, hyperlinks, table cells and
document properties. Usage: read_docx.py FILE [--title T] [--subject S] [--heading H]...
[--paragraph TEXT]... [--list-item TEXT]... [--link URL]... [--cell TEXT]..."""
import argparse
import sys

import docx
from docx.oxml.ns import qn

parser = argparse.ArgumentParser()
parser.add_argument("file")
parser.add_argument("--title")
parser.add_argument("--subject")
parser.add_argument("--heading", action="append", default=[])
parser.add_argument("--paragraph", action="append", default=[])
parser.add_argument("--list-item", action="append", default=[])
parser.add_argument("--link", action="append", default=[])
parser.add_argument("--cell", action="append", default=[])
parser.add_argument("--tables", type=int)
parser.add_argument("--headings-of", help="a Markdown rendering of the same document: every ATX heading in it must be a heading here")
parser.add_argument("--table-header", action="append", default=[], help="a cell text the first row of some table must hold")
args = parser.parse_args()

document = docx.Document(args.file)
failures = []

def expect(condition, message):
    if not condition:
        failures.append(message)

properties = document.core_properties
if args.title is not None:
    expect(properties.title == args.title, f"title is {properties.title!r}")
if args.subject is not None:
    expect(properties.subject == args.subject, f"subject is {properties.subject!r}")

headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
for heading in args.heading:
    expect(heading in headings, f"no heading {heading!r}; headings: {headings[:12]}")

if args.headings_of:
    # Only heading lines are read, outside fenced code; the renderer writes plain heading text.
    wanted, fenced = [], False
    with open(args.headings_of, encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("```") or line.startswith("~~~"):
                fenced = not fenced
            elif not fenced and line.startswith("#"):
                wanted.append(line.lstrip("#").strip().replace("\\", ""))
    titled = headings + [p.text for p in document.paragraphs if p.style.name == "Title"]
    missing = [w for w in wanted if w not in titled]
    expect(not missing, f"{len(missing)} of {len(wanted)} headings missing: {missing[:5]}")

texts = [p.text for p in document.paragraphs]
for text in args.paragraph:
    expect(any(text in t for t in texts), f"no paragraph containing {text!r}")

items = [p.text for p in document.paragraphs if p._p.pPr is not None and p._p.pPr.numPr is not None]
for item in args.list_item:
    expect(any(item in t for t in items), f"no list item containing {item!r}")

targets = [rel.target_ref for rel in document.part.rels.values() if rel.reltype.endswith("/hyperlink")]
anchored = {h.get(qn("r:id")) for h in document.element.body.iter(qn("w:hyperlink"))}
for link in args.link:
    ids = [rid for rid, rel in document.part.rels.items() if rel.reltype.endswith("/hyperlink") and rel.target_ref == link]
    expect(ids and any(i in anchored for i in ids), f"no hyperlink to {link!r}; targets: {targets}")

cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
for text in args.cell:
    expect(any(text in c for c in cells), f"no table cell containing {text!r}")
header_cells = [cell.text for table in document.tables for cell in table.rows[0].cells]
for text in args.table_header:
    expect(text in header_cells, f"no table header cell {text!r}; header cells: {header_cells}")
if args.tables is not None:
    expect(len(document.tables) == args.tables, f"{len(document.tables)} tables")

if failures:
    print("\n".join(f"{args.file}: {f}" for f in failures))
    sys.exit(1)
print(f"{args.file}: {len(headings)} headings, {len(items)} list items, {len(targets)} links, {len(document.tables)} tables read back")
