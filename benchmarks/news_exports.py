#!/usr/bin/env python3
"""How fast the news-database exports are read: documents per second on one core.

    python benchmarks/news_exports.py                     # 10,000-document LexisNexis TXT (and RTF), 500-document
                                                       # Nexis Uni DOCX, 2,000-article Factiva HTML
    python benchmarks/news_exports.py --txt 2000 --docx 100 --runs 3

Each export is generated in memory in the vendor's layout (synthetic words, Non-ASCII names, wrapped subject
lists), then read by the loader registry as a build reads a file (`Reader.parse`: decoding included), in this
process, `--runs` times; the median is reported with the runs. Targets (issue 19): 2,000 documents/s for text,
200/s for DOCX. Reading happens once per changed file: the build cache keeps a file's clippings by its content.
"""
from __future__ import annotations

import argparse
import io
import random
import statistics
import textwrap
import time
import zipfile
from xml.sax.saxutils import escape

from sitegen.read.formats import default_reader

WORDS = [f"{a}{b}" for a in ("har", "fer", "qua", "ber", "cra", "tid", "pil", "car", "dre", "lig", "cou", "min",
                             "bud", "vot", "str", "wag", "fle", "rou", "por", "ter", "zoë", "ång", "łuk")
         for b in ("bour", "ry", "y", "th", "ne", "e", "ot", "go", "dger", "ht", "ncil", "ister", "get", "s")]
SOURCES = ["The Velmora Courier", "Velmora Evening Post", "Coastal Press Agency", "Nordküsten-Zeitung",
           "Harbour & Coast Quarterly", "Radio Velmora Transcripts"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(10, 24))).capitalize() + "."


def story(rng: random.Random) -> tuple[str, str, str, list[str]]:
    """(source, date line, headline, paragraphs) of about 450 words."""
    source = rng.choice(SOURCES)
    month, day, year = rng.randrange(12), rng.randint(1, 28), rng.randint(2015, 2024)
    date = f"{MONTHS[month]} {day}, {year} {rng.choice(DAYS)}"
    headline = " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 11))).capitalize()
    return source, date, headline, [" ".join(sentence(rng) for _ in range(3)) for _ in range(rng.randint(4, 8))]


def lexisnexis_text(count: int, rng: random.Random) -> bytes:
    out = [f"Download Request: Selected Items: 1-{count}\nTerms: harbour\n"]
    for n in range(1, count + 1):
        source, date, headline, paragraphs = story(rng)
        subjects = "; ".join(f"{rng.choice(WORDS).upper()} ({rng.randint(50, 99)}%)" for _ in range(8))
        out.append("\n".join([
            "", f"{n} of {count} DOCUMENTS".center(80).rstrip(), "", "", source.center(80).rstrip(), "",
            date.center(80).rstrip(), "Final Edition".center(80).rstrip(), "", headline, "",
            f"BYLINE: {rng.choice(WORDS).capitalize()} {rng.choice(WORDS).capitalize()}", "", "SECTION: NEWS; Pg. 4",
            "", f"LENGTH: {sum(len(p.split()) for p in paragraphs)} words", "", "",
            "\n\n".join(textwrap.fill(p, 78) for p in paragraphs), "", f"LOAD-DATE: {date.rsplit(' ', 1)[0]}", "",
            "LANGUAGE: ENGLISH", "", textwrap.fill("SUBJECT: " + subjects, 80), "", "PUBLICATION-TYPE: Newspaper",
            "", "", f"Copyright {date.split(', ')[1][:4]} {source}".center(80).rstrip(),
            "All Rights Reserved".center(80).rstrip(), ""]))
    return "\n".join(out).encode("utf-8")


def rtf_of(text: bytes) -> bytes:
    """The text export as LexisNexis writes it in RTF: a paragraph per block, non-ASCII as \\u escapes."""
    def esc(line: str) -> str:
        line = line.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}")
        return "".join(c if ord(c) < 128 else f"\\u{ord(c)}?" for c in line)

    blocks = text.decode("utf-8").split("\n\n")
    body = "\n".join("\\pard " + esc(" ".join(b.split())) + "\\par\n\\pard\\par" for b in blocks)
    return ("{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 Arial;}}\n" + body + "\n}").encode("ascii")


def nexis_docx(count: int, rng: random.Random) -> bytes:
    ns = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')

    def p(text: str, label: str = "") -> str:
        runs = f'<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{label}:\xa0</w:t></w:r>' if label else ""
        return f'<w:p>{runs}<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'

    parts = [p("Job Number: 1"), p(f"Documents ({count})")]
    parts += [p(f"{n}. Document {n}") for n in range(1, count + 1)]
    for _ in range(count):
        source, date, headline, paragraphs = story(rng)
        parts += [p(headline), p(source), p(date + " 9:20 AM GMT"), p(f"Copyright 2024 {source}"),
                  p("NEWS", "Section"), p("450 words", "Length"), p("Jonas Müller", "Byline"), p("Body")]
        parts += [p(text) for text in paragraphs]
        parts += [p("Classification"), p("ENGLISH", "Language"), p("PORTS (91%); FERRIES (88%)", "Subject"),
                  p(date.rsplit(" ", 1)[0], "Load-Date"), p("End of Document")]
    document = f'<?xml version="1.0" encoding="UTF-8"?><w:document {ns}><w:body>{"".join(parts)}</w:body></w:document>'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()


def factiva_html(count: int, rng: random.Random) -> bytes:
    def row(code: str, value: str) -> str:
        return f'<tr><td align="right" valign="top" class="index"><b>{code}</b> </td><td>{value}</td></tr>'

    articles = []
    for n in range(count):
        source, date, headline, paragraphs = story(rng)
        text = "".join(f'<p class="articleParagraph enarticleParagraph">{escape(t)}</p>' for t in paragraphs)
        month, day, year = date.split()[0], date.split()[1].rstrip(","), date.split()[2]
        articles.append('<div class="article enArticle"><table>' + "".join([
            row("HD", f'<b class="enHeadline">{escape(headline)}</b>'), row("WC", "450 words"),
            row("PD", f"{day} {month} {year}"), row("SN", escape(source)), row("LA", "English"),
            row("TD", text), row("NS", "gcat : Political/General News | ncat : Content Types"),
            row("AN", f"Document VELM{n:08d}{year}0101ek1f0001x")]) + "</table></div>")
    return ('<html><head><meta charset="utf-8"><title>Factiva</title></head><body>' + "\n".join(articles)
            + "</body></html>").encode("utf-8")


def measure(name: str, file_name: str, data: bytes, expected: int, runs: int, target: int | None) -> None:
    """Read `data` `runs` times; print the median wall and CPU seconds and documents per second of each. On a
    shared, busy host the wall clock counts the time other processes had the core; CPU time is this process's
    own, the documents per second one core reads, and what the target is checked against."""
    reader = default_reader()
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        clippings, problems = reader.parse(data, file_name)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
        assert len(clippings) == expected, (name, len(clippings), problems[:3])
    wall, cpu = statistics.median(walls), statistics.median(cpus)
    goal = f"  target {target:,}/s: {'met' if expected / cpu >= target else 'MISSED'}" if target else ""
    print(f"{name:<15} {expected:>6,} documents {len(data) / 2**20:5.1f} MB | CPU {cpu:5.2f} s "
          f"{expected / cpu:7,.0f} documents/s | wall {wall:5.2f} s {expected / wall:7,.0f}/s "
          f"(median of {runs}: {', '.join(f'{w:.2f}' for w in walls)}){goal}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--txt", type=int, default=10_000, help="documents in the LexisNexis export")
    parser.add_argument("--docx", type=int, default=500, help="documents in the Nexis Uni export")
    parser.add_argument("--factiva", type=int, default=2_000, help="articles in the Factiva page")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(19)
    text = lexisnexis_text(args.txt, rng)
    measure("LexisNexis TXT", "export.txt", text, args.txt, args.runs, 2_000)
    quarter = text[:text.index(f" {args.txt // 4 + 1} of ".encode())]
    measure("LexisNexis RTF", "export.rtf", rtf_of(quarter), args.txt // 4, args.runs, None)
    measure("Nexis Uni DOCX", "export.docx", nexis_docx(args.docx, rng), args.docx, args.runs, 200)
    measure("Factiva HTML", "export.html", factiva_html(args.factiva, rng), args.factiva, args.runs, None)


if __name__ == "__main__":
    main()
