#!/usr/bin/env python3
"""Reads a printed comment back page by page with poppler's pdftotext, as a reader would see it,
and checks what DocketKit promises of its layout: every page carries its page number and the
docket ID, and no page before the appendices is left nearly empty by a forced break.

usage: check_pages.py FILE.pdf --docket ID --appendix HEADING [--min-words N]
"""
import argparse
import re
import subprocess
import sys


def page_count(pdf):
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def page_text(pdf, number):
    return subprocess.run(["pdftotext", "-layout", "-f", str(number), "-l", str(number), pdf, "-"], capture_output=True, text=True, check=True).stdout


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("pdf")
    parser.add_argument("--docket", required=True)
    parser.add_argument("--appendix", required=True, help="the heading the first appendix starts with")
    parser.add_argument("--min-words", type=int, default=100)
    args = parser.parse_args()

    pages = page_count(args.pdf)
    texts = {number: page_text(args.pdf, number) for number in range(1, pages + 1)}
    # The page before the first appendix ends the body, and the appendix starts a new page:
    # that page may be short; every earlier one is full unless a break was forced.
    first_appendix = next((n for n in range(1, pages + 1) if args.appendix in texts[n]), pages + 1)
    problems = []
    in_appendix = False
    for number in range(1, pages + 1):
        text = texts[number]
        if not re.search(rf"\bPage {number}\b", text):
            problems.append(f"page {number} does not carry 'Page {number}'")
        if args.docket not in text:
            problems.append(f"page {number} does not carry the docket ID {args.docket}")
        in_appendix = in_appendix or args.appendix in text
        # The page numbers and docket line are furniture, not content.
        words = len(re.findall(r"[A-Za-z]{2,}", text)) - 4
        if not in_appendix and number < first_appendix - 1 and words < args.min_words:
            problems.append(f"page {number}, before the appendices, holds only {words} words")
    if problems:
        print(f"{args.pdf}: " + "; ".join(problems), file=sys.stderr)
        return 1
    print(f"{args.pdf}: {pages} pages, each numbered and carrying {args.docket}; no page before the appendices under {args.min_words} words")
    return 0


if __name__ == "__main__":
    sys.exit(main())
