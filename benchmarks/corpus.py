#!/usr/bin/env python3
"""A deterministic synthetic archive for benchmarks, written with the standard library only.

    python benchmarks/corpus.py 10000 /tmp/corpus-10k                 # plain-text exports
    python benchmarks/corpus.py 10000 /tmp/hugo-10k --format hugo     # the same clippings as a Hugo site

The same count and seed give byte-identical files. The text exports carry the quirks sitegen must handle:
blank lines between header lines, a category list continued on the next line, a paragraph broken in the
middle of a sentence, some clippings without a publication date, some CRLF files, non-ASCII names. The
Hugo site has equivalent pages (a page per clipping, paginated lists per year, source and category) with
minimal templates, for a like-for-like timing.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
from pathlib import Path

OUTLETS = ["Harbour Ledger", "Valley Courier", "Nordsee Rundschau", "Gazeta Portowa", "Le Quotidien du Port",
           "Diario del Estrecho", "Kıyı Postası", "Evening Lantern", "Балтийский вестник", "Morning Tide",
           "Θαλασσινά Νέα", "Riverside Chronicle", "Ostrava Denně", "Fjord Posten", "Delta Weekly",
           "湾岸新報", "Atlantic Wire", "Sahil Haber", "Lagoon Observer", "Canal Street Journal",
           "Corriere del Molo", "Bay Area Dispatch", "Pomorski Glas", "Estuary Times"]
LANGUAGES = ["English", "English", "English", "German", "French", "Turkish"]
REGIONS = ["Europe", "Asia", "Americas", "Africa", "Middle East", "Oceania", "Baltic", "Mediterranean"]
TOPICS = ["Shipping", "Fisheries", "Budget", "Elections", "Weather", "Courts", "Labour", "Tourism",
          "Energy", "Rail", "Housing", "Schools", "Health", "Culture", "Sport", "Trade & Customs"]
NOUNS = (
    "quay crane ferry tanker dredger lighthouse harbourmaster tariff levy council mayor senate "
    "budget levee floodgate warehouse terminal berth pilot tugboat union wage contract inspector "
    "customs manifest cargo container shipyard drydock salt marsh estuary tide storm forecast "
    "ministry auditor tender permit license committee hearing verdict appeal barge canal lock bridge"
).split()
VERBS = ["approved", "rejected", "delayed", "opened", "closed", "reviewed", "funded", "cancelled", "extended",
         "questioned", "welcomed", "criticised", "postponed", "announced"]


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(NOUNS) for _ in range(rng.randint(6, 18))]
    words.insert(rng.randint(1, 3), rng.choice(VERBS))
    if rng.random() < 0.2:
        words.insert(rng.randint(0, len(words)), str(rng.randint(3, 2000)))
    text = " ".join(words)
    return text[0].upper() + text[1:] + rng.choice("....?!")


class Clipping:
    """One made-up clipping; every field drawn from one seeded generator, in a fixed order."""

    def __init__(self, number: int, rng: random.Random) -> None:
        self.id = hashlib.sha256(f"bench-{number}".encode()).hexdigest()[:16]
        first = dt.date(1998, 1, 1).toordinal()
        self.published = dt.date.fromordinal(rng.randint(first, dt.date(2025, 12, 31).toordinal()))
        self.dated = rng.random() > 0.04
        self.captured = dt.datetime.combine(self.published + dt.timedelta(days=rng.randint(0, 90)),
                                            dt.time(rng.randint(0, 23), rng.randint(0, 59)))
        words = [rng.choice(NOUNS) for _ in range(rng.randint(4, 11))]
        words.insert(1, rng.choice(VERBS))
        self.title = " ".join(words).capitalize()
        self.outlet = rng.choice(OUTLETS)
        self.categories = [rng.choice(LANGUAGES), rng.choice(REGIONS), *rng.sample(TOPICS, rng.randint(1, 3))]
        self.link = f"https://example.net/{self.published:%Y}/{self.id}" if rng.random() < 0.4 else ""
        self.paragraphs = [" ".join(_sentence(rng) for _ in range(rng.randint(2, 6)))
                           for _ in range(rng.randint(3, 9))]
        self.split = rng.random() < 0.25
        self.crlf = rng.random() < 0.05

    def as_export(self) -> str:
        paragraphs = list(self.paragraphs)
        if self.split:  # the export breaks a sentence across a blank line
            words = paragraphs[0].split(" ")
            paragraphs[0:1] = [" ".join(words[:len(words) // 2]), " ".join(words[len(words) // 2:])]
        header = []
        if self.dated:
            header.append(f"Published on {self.published:%B} {self.published.day}, {self.published.year}")
        hour = self.captured.hour % 12 or 12
        header.append(f"Document Date: {self.captured:%a, %b %d %Y} {hour:02d}:{self.captured:%M}:00 "
                      f"{'am' if self.captured.hour < 12 else 'pm'}")
        header.append("Category: ," + ",".join(self.categories[:-1]) + " -")
        header.append("," + self.categories[-1])
        header.append("Show on website: " + (self.link or "Click Here"))
        header.append("Sources " + self.outlet)
        text = "\n\n" + self.title + "\n\n\n\n" + "\n\n".join(header + paragraphs) + "\n"
        return text.replace("\n", "\r\n") if self.crlf else text

    def as_hugo(self) -> str:
        def quoted(value: str) -> str:
            return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
        categories = ", ".join(quoted(c) for c in self.categories)
        return (f"---\ntitle: {quoted(self.title)}\ndate: {self.published.isoformat()}\nslug: {quoted(self.id)}\n"
                f"sources: [{quoted(self.outlet)}]\ncategories: [{categories}]\n---\n\n"
                + "\n\n".join(self.paragraphs) + "\n")


HUGO_CONFIG = """baseURL = "https://example.org/archive/"
title = "Benchmark archive"
disableKinds = ["RSS"]
[pagination]
  pagerSize = 50
[taxonomies]
  source = "sources"
  category = "categories"
[permalinks]
  clippings = "/:year/:month/:day/:slug/"
"""
HUGO_LAYOUTS = {
    "baseof.html": '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>'
                   '<body><main>{{ block "main" . }}{{ end }}</main></body></html>\n',
    "single.html": '{{ define "main" }}<article><h1>{{ .Title }}</h1>'
                   '<time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time>'
                   '<p>{{ range .Params.sources }}{{ . }}{{ end }}</p>{{ .Content }}</article>{{ end }}\n',
    "list.html": '{{ define "main" }}<h1>{{ .Title }}</h1><ol>{{ range .Paginator.Pages }}<li>'
                 '<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "2006-01-02" }}</li>{{ end }}</ol>'
                 '{{ with .Paginator.Next }}<a href="{{ .URL }}">older</a>{{ end }}{{ end }}\n',
    "terms.html": '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Data.Terms.Alphabetical }}<li>'
                  '<a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> {{ .Count }}</li>{{ end }}</ul>{{ end }}\n',
}


def write_corpus(count: int, out: Path, fmt: str = "text", seed: int = 1) -> Path:
    """Write `count` clippings into `out`; returns the folder to build (the Hugo site's root for hugo)."""
    rng = random.Random(seed)
    if fmt == "hugo":
        folder = out / "content" / "clippings"
        layouts = out / "layouts" / "_default"
        layouts.mkdir(parents=True, exist_ok=True)
        (out / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
        for name, body in HUGO_LAYOUTS.items():
            (layouts / name).write_text(body, encoding="utf-8")
    else:
        folder = out
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        clipping = Clipping(number, rng)
        if fmt == "hugo":
            (folder / f"{clipping.id}.md").write_text(clipping.as_hugo(), encoding="utf-8")
        else:
            (folder / f"{number:06d}_{clipping.id}.txt").write_bytes(clipping.as_export().encode("utf-8"))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--format", choices=("text", "hugo"), default="text")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    write_corpus(args.count, args.out, args.format, args.seed)
    print(f"wrote {args.count} clippings ({args.format}) to {args.out}")


if __name__ == "__main__":
    main()
