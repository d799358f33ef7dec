#!/usr/bin/env python3
"""Documents per second on one core for the export formats of issue 19 (part B), on inputs made here:

    python benchmarks/importers.py                  # 10,000-row spreadsheet (TSV and XLSX), 1,000 web pages,
                                                    # 100 alert feeds of 20 entries; 3 runs each
    python benchmarks/importers.py --pages DIR      # also every *.html under DIR (real saved pages)

Each measure calls the format's loader in this one process (no workers), as a build does for each file, and
prints the median wall time of the runs with every run's time, the median CPU time, and documents per second both
ways. The process uses one core, so its CPU time is its time on that core; on a busy shared host the wall time
also counts the waits for a core, so the aim of issue 19 is checked against the CPU rate (both are shown).

The inputs are deterministic (a seeded generator): a Meltwater-style UTF-16 TSV with 18 columns and opening texts
of 40-80 words; the same rows as an XLSX when openpyxl is installed (a test dependency); news article pages of
about 55 KB with what real pages carry around the article: JSON-LD and meta tags, a script bundle, a navigation
of 80 links, a cookie banner, a related-article list and a footer.
"""
from __future__ import annotations

import argparse
import codecs
import datetime as dt
import io
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sitegen.read import alerts, spreadsheet, webpage
from sitegen.read.registry import InputFile, ReadOptions

WORDS = ("harbour", "ferry", "council", "quay", "tariff", "budget", "crane", "terminal", "inspector", "berth",
         "dredger", "lighthouse", "customs", "warehouse", "contract", "union", "ministry", "tender", "permit",
         "hearing", "verdict", "barge", "canal", "lock", "bridge", "tide", "storm", "forecast", "shipyard",
         "cargo", "container", "levy", "mayor", "senate", "pilot", "tugboat", "manifest", "estuary", "marsh")
NAMES = ("Jolanta Wiśniewska", "Jörg Müller", "Ayşe Demir", "Zoë Ünal", "Mikael Åström", "Begoña Núñez",
         "Şule Ağaoğlu", "Käthe Groß")
OUTLETS = ("Baltic Ledger", "Nordsee Rundschau", "Örnek Gazetesi", "Karlskrona Kuriren", "Diario Ejemplar",
           "Gazeta Portowa", "Le Quotidien du Port", "Kıyı Postası")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
TARGETS = {"spreadsheet": 2000, "web page": 200}


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def rows(count: int, rng: random.Random) -> list[list[str]]:
    header = ["Date", "Headline", "URL", "Opening Text", "Hit Sentence", "Source", "Influencer", "Country",
              "Language", "Reach", "AVE", "Sentiment", "Key Phrases", "Keywords", "Alternate Date Format", "Time",
              "Document Tags", "Document ID"]
    table = [header]
    for n in range(count):
        day = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(1800))
        hour = rng.randint(1, 12)
        table.append([
            f"{day.day:02d}-{MONTHS[day.month - 1]}-{day.year} {hour:02d}:{rng.randint(0, 59):02d}{rng.choice('AP')}M",
            sentence(rng, rng.randint(5, 12)), f"https://news{n % 50}.example.org/{day.year}/{n}",
            " ".join(sentence(rng, rng.randint(8, 16)) for _ in range(rng.randint(4, 6))), sentence(rng, 10),
            rng.choice(OUTLETS), rng.choice(NAMES), "Poland", rng.choice(("English", "German", "Turkish")),
            str(rng.randint(100, 900_000)), f"{rng.random() * 5000:.2f}", rng.choice(("Positive", "Neutral")),
            ", ".join(rng.sample(WORDS, 3)), rng.choice(WORDS), f"{MONTHS[day.month - 1]} {day.day}, {day.year}",
            f"{hour:02d}:00 AM", ", ".join(rng.sample(("Ports", "Transport", "Energy", "Budget"), 2)),
            f"{1_600_000_000_000 + n * 7919}_{rng.getrandbits(64):016x}"])
    return table


def tsv(table: list[list[str]]) -> bytes:
    return codecs.BOM_UTF16_LE + "\r\n".join("\t".join(row) for row in table).encode("utf-16-le")


def xlsx(table: list[list[str]]) -> bytes | None:
    try:
        import openpyxl
    except ImportError:
        return None
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    for row in table:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def page(n: int, rng: random.Random) -> bytes:
    day = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(1800))
    title = sentence(rng, rng.randint(6, 11))[:-1]
    outlet = rng.choice(OUTLETS)
    paragraphs = "\n".join(f"<p>{' '.join(sentence(rng, rng.randint(10, 22)) for _ in range(rng.randint(2, 4)))}</p>"
                           for _ in range(rng.randint(8, 15)))
    nav = "".join(f'<li><a href="/section/{i}">{rng.choice(WORDS).title()} {i}</a></li>' for i in range(80))
    related = "".join(f'<li><a href="/story/{rng.getrandbits(32)}">{sentence(rng, 8)}</a></li>' for _ in range(12))
    script = "var config = {" + ",".join(f'"k{i}": "{rng.getrandbits(64):x}"' for i in range(1500)) + "};"
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} | {outlet}</title>
<meta property="og:title" content="{title}"><meta property="og:site_name" content="{outlet}">
<meta property="article:published_time" content="{day.isoformat()}T08:00:00+01:00">
<link rel="canonical" href="https://news.example.org/{day.year}/{n}">
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle",
"headline": "{title}", "datePublished": "{day.isoformat()}T08:00:00+01:00",
"author": {{"@type": "Person", "name": "{rng.choice(NAMES)}"}},
"publisher": {{"@type": "Organization", "name": "{outlet}"}}, "articleSection": "{rng.choice(WORDS).title()}"}}
</script><script>{script}</script><style>{'.a{color:red}' * 300}</style></head><body>
<div id="cookie-banner" class="cookie-consent"><p>We use cookies to improve your experience.</p>
<button>Accept</button></div><header><nav class="menu"><ul>{nav}</ul></nav></header>
<main><article><h1>{title}</h1><p class="byline">By {rng.choice(NAMES)}</p>{paragraphs}</article>
<aside class="related"><h2>Related</h2><ul>{related}</ul></aside></main>
<footer><p>© {outlet} · <a href="/privacy">Privacy</a> · <a href="/terms">Terms</a></p></footer></body></html>
""".encode()


def feed(n: int, rng: random.Random, entries: int) -> bytes:
    items = []
    for e in range(entries):
        stamp = (dt.datetime(2024, 1, 1) + dt.timedelta(minutes=rng.randrange(500_000))).isoformat()
        items.append(f"""<entry><id>tag:google.com,2013:googlealerts/feed:{n * 1000 + e}</id>
<title type="html">{sentence(rng, 8)} &lt;b&gt;ferry&lt;/b&gt;</title>
<link href="https://www.google.com/url?rct=j&amp;sa=t&amp;url=https://news{e}.example.org/{n}/{e}&amp;ct=ga"/>
<published>{stamp}Z</published><updated>{stamp}Z</updated>
<content type="html">{sentence(rng, 25)}&amp;nbsp;...</content><author><name></name></author></entry>""")
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>Google Alert - ferry {n}</title>{''.join(items)}</feed>").encode()


def measure(label: str, kind: str, files: list[tuple[str, bytes]], load: Callable, runs: int) -> None:
    options = ReadOptions()
    load(InputFile(files[0][0], files[0][1]), options)  # imports and first-use set-up are not measured
    results = []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        documents = sum(len(load(InputFile(name, data), options)[0]) for name, data in files)
        results.append((time.perf_counter() - wall, time.process_time() - cpu, documents))
    times = sorted(r[0] for r in results)
    median = statistics.median(times)
    cpu = statistics.median(r[1] for r in results)
    documents = results[0][2]
    target = TARGETS.get(kind)
    aim = f"; aim ≥ {target:,}/s {'met' if documents / cpu >= target else 'NOT met'}" if target else ""
    print(f"{label:<42} {documents:>6,} docs: wall {median:6.2f} s median of {runs} "
          f"({', '.join(f'{t:.2f}' for t in times)}), CPU {cpu:6.2f} s: {documents / median:>7,.0f}/s wall, "
          f"{documents / cpu:>7,.0f}/s CPU{aim}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--pages", type=Path, help="also measure every *.html under this folder")
    parser.add_argument("--web-pages", type=int, default=1000)
    args = parser.parse_args()
    rng = random.Random(19)
    table = rows(args.rows, rng)
    measure(f"spreadsheet: UTF-16 TSV, {args.rows:,} rows", "spreadsheet", [("mentions.csv", tsv(table))],
            spreadsheet.load, args.runs)
    book = xlsx(table)
    if book is not None:
        measure(f"spreadsheet: XLSX, {args.rows:,} rows", "spreadsheet", [("mentions.xlsx", book)],
                spreadsheet.load, args.runs)
    pages = [(f"page-{n}.html", page(n, rng)) for n in range(args.web_pages)]
    size = sum(len(d) for _, d in pages) / len(pages) / 1024
    measure(f"web pages: {len(pages):,} made, {size:.0f} KB each", "web page", pages, webpage.load, args.runs)
    feeds = [(f"alerts-{n}.xml", feed(n, rng, 20)) for n in range(100)]
    measure("alerts: 100 feeds of 20 entries", "alerts", feeds, alerts.load, args.runs)
    if args.pages:
        real = [(p.name, p.read_bytes()) for p in sorted(args.pages.rglob("*.html"))]
        size = sum(len(d) for _, d in real) / max(len(real), 1) / 1024
        measure(f"web pages: {len(real):,} from {args.pages.name}/, {size:.0f} KB each", "web page", real,
                webpage.load, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
