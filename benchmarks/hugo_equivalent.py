#!/usr/bin/env python3
"""Turn make_corpus's minimal Hugo site into one that builds sitegen's page set ("equivalent pages").

    python benchmarks/hugo_equivalent.py MINIMAL OUT

Issue 8 asks for sitegen to be "no slower than Hugo building the same archive with equivalent pages".
``../shared/bench/make_corpus.py N DIR --format hugo`` writes a minimal Hugo site (clipping pages and the
source/category taxonomies, RSS disabled, one-line layouts), which builds far fewer and smaller pages than
sitegen does. `make_equivalent` copies such a site and turns it into one that makes the same kinds and numbers
of pages as sitegen, with layouts whose per-page markup is close in kind and size to sitegen's templates.

What maps to what (sitegen -> this Hugo site):

- clipping page /YYYY/MM/DD/<slug>.html -> the regular page (make_corpus's /:year/:month/:day/:slug/ permalinks
  are kept) with sitegen's head (description from ``.Summary | plainify | truncate 160``, canonical link, Open
  Graph, Twitter card, NewsArticle JSON-LD via ``jsonify``, citation_* tags), site nav, breadcrumbs to the
  year/month/day pages, facts (date, ``.ReadingTime``, category links), the body, "Cite this clipping", "More
  from <source>" and "More in <category>" (3 neighbours of the page in the term's page list, found per page
  with ``Pages.Prev``/``Pages.Next``) and earlier/later links (``.PrevInSection``/``.NextInSection``).
- year /YYYY/, month /YYYY/MM/ and day /YYYY/MM/DD/ pages -> terms of three added taxonomies `years`,
  `months`, `days` (/years/2020/, /months/2020-03/, /days/2020-03-05/) whose terms are written into each
  content file's front matter from its ``date:`` line. Year pages list their months with counts (not
  paginated, like sitegen's); month pages list their days with counts, then their clippings; month and day
  pages are paginated 50 a page. Their taxonomy pages (/years/ etc.) are not rendered (``build.render =
  "never"`` cascaded to them): sitegen has no such pages.
- source and category pages -> the `sources` and `categories` terms, paginated 50; /sources/ and
  /categories/ -> the taxonomy pages, each term with its count.
- categories: sitegen takes a language name among the categories (make_corpus puts one first) as the
  clipping's language, not as a category, so this module moves it out of ``categories`` into a ``cliplang``
  parameter (used for lang attributes). Without that Hugo would have 5 more categories and ~200 more pages.
- timeline /timeline/ -> the `clippings` section page (``url: /timeline/``, not paginated): years with counts
  and their months. home -> the 20 newest clippings, years, top sources and categories.
- Atom feeds of the home page and of every source and category (20 entries) -> Hugo's built-in RSS for the
  home page and term pages (``[services.rss] limit = 20``); RSS is switched off for the years/months/days
  terms by cascading ``outputs = ["html"]`` to them, so no extra feeds are written.
- clippings.json / clippings.csv (sitegen's data exports) -> two custom home output formats with the same
  fields; sitemap.xml, robots.txt, 404.html -> Hugo's own; sitegen's static files are copied when found.

Not reproduced: sitegen's SVG bar charts on year and timeline pages (a plain count list instead); its pager
(pages numbered from the oldest, the first page holding 50-99 entries: Hugo's holds 50, so Hugo writes ~90
more, smaller source/category pages at 10,000 clippings); Atom (Hugo's built-in RSS 2.0 instead, with longer
summaries); day pages' links relative to the page; the capture date (make_corpus's Hugo files lack it, and
clippings without a publication date are filed under it by sitegen, so day/month counts differ slightly).
Standard library only.
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent
SITEGEN_STATIC = HERE.parent / "static"

# Language names sitegen reads as the clipping's language rather than a category (sitegen/textutil.py knows
# more; these are the ones make_corpus writes, and a few more).
LANGUAGES = {"english": "en", "turkish": "tr", "german": "de", "french": "fr", "spanish": "es",
             "italian": "it", "portuguese": "pt", "russian": "ru", "arabic": "ar", "greek": "el"}
SITE_LANGUAGE = "en"

CONFIG = """baseURL = {base_url}
title = {title}
enableRobotsTXT = true

[pagination]
  pagerSize = 50
  disableAliases = true  # no /page/1/ redirects (sitegen writes none)

[taxonomies]
  source = "sources"
  category = "categories"
  year = "years"
  month = "months"
  day = "days"

[permalinks]
  [permalinks.page]
    clippings = "/:year/:month/:day/:slug/"

[mediaTypes."text/csv"]
  suffixes = ["csv"]

[outputFormats.clippingsjson]
  mediaType = "application/json"
  baseName = "clippings"
  isPlainText = true
  notAlternative = true
[outputFormats.clippingscsv]
  mediaType = "text/csv"
  baseName = "clippings"
  isPlainText = true
  notAlternative = true

[outputs]
  home = ["html", "rss", "clippingsjson", "clippingscsv"]
  page = ["html"]
  section = ["html"]
  taxonomy = ["html"]
  term = ["html", "rss"]

[services.rss]
  limit = 20

# No feeds for year, month and day pages (sitegen writes none).
[[cascade]]
  outputs = ["html"]
  [cascade.target]
    kind = "term"
    path = "{{/years/**,/months/**,/days/**}}"

# No /years/, /months/, /days/ pages (sitegen has the timeline instead).
[[cascade]]
  [cascade.build]
    render = "never"
  [cascade.target]
    kind = "taxonomy"
    path = "{{/years,/months,/days}}"
"""

TIMELINE = """---
title: "Timeline"
url: "/timeline/"
---
"""

# Shared pieces, pasted into the templates below rather than called as partials: a partial call costs Hugo
# ~15 µs, a fifth of a list page's time when made per list line (sitegen's templates inline theirs likewise).
# ENTRY: one line of a clipping list; `.` is the clipping, `$date`/`$source` say whether to show them.
ENTRY = (
    '<li><a href="{{ .RelPermalink }}"{{ with .Params.cliplang }} lang="{{ . }}"{{ end }}>{{ .Title }}</a>'
    '{{ if or $date $source }} <small>'
    '{{ if $date }}<time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time>{{ end }}'
    '{{ if and $date $source }} · {{ end }}{{ if $source }}{{ index .Params.sources 0 }}{{ end }}</small>{{ end }}</li>\n')
TITLE_LINK = '<li><a href="{{ .RelPermalink }}"{{ with .Params.cliplang }} lang="{{ . }}"{{ end }}>{{ .Title }}</a></li>'

# A paginated list (`$` is the list page): the lede, INTRO, the entries and the pager.
LIST = """{{ $pager := .Paginator }}
<p class="lede">{{ if eq $pager.PageNumber 1 }}{{ len .Pages }} clipping{{ if ne (len .Pages) 1 }}s{{ end }}{{ else }}Page {{ $pager.PageNumber }}: {{ (index $pager.Pages 0).Date.Format "2 January 2006" }} to {{ (index $pager.Pages (sub (len $pager.Pages) 1)).Date.Format "2 January 2006" }}{{ end }}</p>
INTRO<ol class="entries">
{{ range $pager.Pages }}ENTRY{{ end }}</ol>
{{ if gt $pager.TotalPages 1 }}<nav class="pager" aria-label="Pages">
<ul>
{{ if ne $pager.PageNumber 1 }}<li><a href="{{ $pager.First.URL }}">Newest</a></li>{{ end }}
{{ with $pager.Prev }}<li><a href="{{ .URL }}" rel="prev">Newer</a></li>{{ end }}
{{ with $pager.Next }}<li><a href="{{ .URL }}" rel="next">Older</a></li>{{ end }}
{{ if ne $pager.PageNumber $pager.TotalPages }}<li><a href="{{ $pager.Last.URL }}">Oldest</a></li>{{ end }}
</ul>
</nav>
{{ end }}""".replace("ENTRY", ENTRY)

# "More from"/"More in" on a clipping page (`$` is the page): its neighbours in the first term's page list,
# found for every page (Pages.Prev/Next search the term's list). TERMS: the page's terms of the taxonomy.
MORE = """{{ range first 1 TERMS }}{{ $ps := .Pages -}}
{{ $newer := $ps.Prev $ }}{{ $older := $ps.Next $ }}{{ $third := "" -}}
{{ with $older }}{{ $third = $ps.Next . }}{{ end }}{{ if not $third }}{{ with $newer }}{{ $third = $ps.Prev . }}{{ end }}{{ end -}}
<section class="more">
<h2>WORDS <a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<ul>{{ with $newer }}LINK{{ end }}{{ with $older }}LINK{{ end }}{{ with $third }}LINK{{ end }}</ul>
</section>
{{ end }}""".replace("LINK", TITLE_LINK)

PAGER_HEAD = """{{ with .Paginator.Prev }}<link rel="prev" href="{{ .URL }}">
{{ end }}{{ with .Paginator.Next }}<link rel="next" href="{{ .URL }}">
{{ end }}"""

BASEOF = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{{ block "title" . }}{{ .Title }}{{ end }} · {{ site.Title }}</title>
<meta name="description" content="{{ block "description" . }}{{ template "title" . }}: {{ len .Pages }} clipping{{ if ne (len .Pages) 1 }}s{{ end }} in {{ site.Title }}.{{ end }}">
<link rel="canonical" href="{{ block "canonical" . }}{{ .Permalink }}{{ end }}">
{{ if not .IsPage }}<link rel="alternate" type="application/rss+xml" title="{{ site.Title }}" href="{{ with site.Home.OutputFormats.Get "rss" }}{{ .RelPermalink }}{{ end }}">
{{ end }}{{ if eq .Kind "term" }}{{ with .OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" title="{{ $.Title }} · {{ site.Title }}" href="{{ .RelPermalink }}">
{{ end }}{{ end }}<meta property="og:site_name" content="{{ site.Title }}">
<meta property="og:type" content="{{ if .IsPage }}article{{ else }}website{{ end }}">
<meta property="og:title" content="{{ if .IsHome }}{{ site.Title }}{{ else }}{{ template "title" . }}{{ end }}">
<meta property="og:url" content="{{ .Permalink }}">
<meta name="twitter:card" content="summary">
<link rel="stylesheet" href="{{ "style.css" | relURL }}">
{{ block "head" . }}{{ end }}</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site"><a class="brand" href="{{ "" | relURL }}">{{ site.Title }}</a>
<nav aria-label="Site"><a href="{{ "timeline/" | relURL }}">Timeline</a><a href="{{ "sources/" | relURL }}">Sources</a><a href="{{ "categories/" | relURL }}">Categories</a></nav></header>
{{ block "crumbs" . }}{{ end }}<main id="main">
{{ block "main" . }}{{ end }}
</main>
<footer class="site"><p><a href="{{ "" | relURL }}">{{ site.Title }}</a></p></footer>
</body>
</html>
"""

PAGE = """{{ define "title" }}{{ .Title }}{{ end }}
{{ define "description" }}{{ .Summary | plainify | truncate 160 }}{{ end }}
{{ define "head" }}{{ $source := index .Params.sources 0 -}}
<script type="application/ld+json">{{ dict "@context" "https://schema.org" "@type" "NewsArticle" "headline" .Title "url" .Permalink "inLanguage" (.Params.cliplang | default "en") "datePublished" (.Date.Format "2006-01-02") "publisher" (dict "@type" "Organization" "name" $source) | jsonify | safeJS }}</script>
<meta name="citation_title" content="{{ .Title }}">
<meta name="citation_journal_title" content="{{ $source }}">
<meta name="citation_publication_date" content="{{ .Date.Format "2006/01/02" }}">
<meta name="citation_language" content="{{ .Params.cliplang | default "en" }}">
<meta name="citation_keywords" content="{{ delimit .Params.categories "; " }}">
<script src="{{ "cite.js" | relURL }}" defer></script>
{{ end }}
{{ define "crumbs" }}{{ $d := .Date }}<nav class="crumbs" aria-label="Breadcrumb"><ol><li><a href="{{ "" | relURL }}">Home</a></li>
{{- /* the year/month/day term pages' addresses, written directly: cheaper than .GetTerms, same output */ -}}
<li><a href="{{ printf "years/%d/" $d.Year | relURL }}">{{ $d.Year }}</a></li>
{{- $m := $d.Format "2006-01" }}<li><a href="{{ printf "months/%s/" $m | relURL }}">{{ $d.Format "January" }}</a></li>
{{- $m := $d.Format "2006-01-02" }}<li><a href="{{ printf "days/%s/" $m | relURL }}">{{ $d.Day }}</a></li></ol></nav>
{{ end }}
{{ define "main" }}{{ $sources := .GetTerms "sources" }}{{ $categories := .GetTerms "categories" -}}
<div class="reading">
<article class="clipping" data-pagefind-body data-pagefind-filter="year:{{ .Date.Year }}" data-pagefind-sort="date:{{ .Date.Format "2006-01-02" }}" data-pagefind-meta="date:{{ .Date.Format "2 January 2006" }}">
<header>
{{ range $sources }}<p class="kicker" data-pagefind-ignore><a href="{{ .RelPermalink }}" data-pagefind-filter="source" data-pagefind-meta="source">{{ .Title }}</a></p>
{{ end }}<h1{{ with .Params.cliplang }} lang="{{ . }}"{{ end }}>{{ .Title }}</h1>
<dl class="facts" data-pagefind-ignore>
<dt>Published</dt><dd><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time></dd>
<dt>Reading time</dt><dd>{{ .ReadingTime }} min</dd>
{{ with $categories }}<dt>Categories</dt><dd><ul class="tags">{{ range . }}<li><a href="{{ .RelPermalink }}" data-pagefind-filter="category">{{ .Title }}</a></li>{{ end }}</ul></dd>
{{ end }}</dl>
</header>
<div class="body"{{ with .Params.cliplang }} lang="{{ . }}" data-pagefind-meta="lang:{{ . }}"{{ end }}>
{{ .Content }}
</div>
</article>
<div class="aids">
<section class="cite">
<h2>Cite this clipping</h2>
<p class="citation">{{ index .Params.sources 0 }}, "{{ .Title }}", {{ .Date.Format "2 January 2006" }}, {{ .Permalink }}</p>
</section>
MORE_SOURCE
MORE_CATEGORY
</div>
</div>
{{ if or .PrevInSection .NextInSection }}<nav class="neighbours" aria-label="Earlier and later clippings"><ul>
{{- with .PrevInSection }}<li class="previous"><a href="{{ .RelPermalink }}" rel="prev"><span>Earlier</span> <span{{ with .Params.cliplang }} lang="{{ . }}"{{ end }}>{{ .Title }}</span></a></li>{{ end }}
{{- with .NextInSection }}<li class="next"><a href="{{ .RelPermalink }}" rel="next"><span>Later</span> <span{{ with .Params.cliplang }} lang="{{ . }}"{{ end }}>{{ .Title }}</span></a></li>{{ end -}}
</ul></nav>
{{ end }}{{ end }}
""".replace("MORE_SOURCE", MORE.replace("TERMS", "$sources").replace("WORDS", "More from")).replace(
    "MORE_CATEGORY", MORE.replace("TERMS", "$categories").replace("WORDS", "More in"))

HOME = """{{ define "title" }}Home{{ end }}
{{ define "description" }}An archive of news clippings.{{ end }}
{{ define "main" }}{{ $tax := site.Taxonomies -}}
<h1>{{ site.Title }}</h1>
<p class="lede">An archive of news clippings.</p>
<p class="totals">{{ len site.RegularPages }} clippings from {{ len $tax.sources }} sources in {{ len $tax.categories }} categories.</p>
<div class="home">
<section class="recent">
<h2>Latest clippings</h2>
<ol class="entries">
{{ $date := true }}{{ $source := true }}{{ range first 20 site.RegularPages }}ENTRY{{ end }}</ol>
</section>
<aside aria-label="Browse">
<section>
<h2><a href="{{ "timeline/" | relURL }}">By year</a></h2>
<ul class="counts">
{{ range $tax.years.Alphabetical.Reverse }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Data.Term }}</a> <span class="count">{{ .Count }}</span></li>
{{ end }}</ul>
</section>
<section>
<h2><a href="{{ "sources/" | relURL }}">Top sources</a></h2>
<ul class="counts">{{ range first 10 $tax.sources.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> <span class="count">{{ .Count }}</span></li>{{ end }}</ul>
<p><a href="{{ "sources/" | relURL }}">All {{ len $tax.sources }} sources</a></p>
</section>
<section>
<h2><a href="{{ "categories/" | relURL }}">Top categories</a></h2>
<ul class="counts">{{ range first 10 $tax.categories.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> <span class="count">{{ .Count }}</span></li>{{ end }}</ul>
<p><a href="{{ "categories/" | relURL }}">All {{ len $tax.categories }} categories</a></p>
</section>
<section>
<h2>Follow and reuse</h2>
<ul class="counts">
{{ range .AlternativeOutputFormats }}<li><a href="{{ .RelPermalink }}" type="{{ .MediaType.Type }}">{{ .Name }}</a></li>{{ end }}
{{ with .OutputFormats.Get "clippingsjson" }}<li><a href="{{ .RelPermalink }}" type="application/json" download>All clippings (JSON)</a></li>{{ end }}
{{ with .OutputFormats.Get "clippingscsv" }}<li><a href="{{ .RelPermalink }}" type="text/csv" download>All clippings (CSV)</a></li>{{ end }}
</ul>
</section>
</aside>
</div>
{{ end }}
""".replace("ENTRY", ENTRY)

# The clippings section page, rendered as the timeline.
SECTION = """{{ define "title" }}Timeline{{ end }}
{{ define "main" -}}
<h1>Timeline</h1>
<p class="lede">Clippings by year and month.</p>
{{ range .Pages.GroupByDate "2006" }}<section class="year">
<h2><a href="{{ printf "years/%s/" .Key | relURL }}">{{ .Key }}</a> <span class="count">{{ len .Pages }}</span></h2>
<ul class="counts">
{{ range .Pages.GroupByDate "2006-01" }}<li><a href="{{ printf "months/%s/" .Key | relURL }}">{{ (index .Pages 0).Date.Format "January" }}</a> <span class="count">{{ len .Pages }}</span></li>
{{ end }}</ul>
</section>
{{ end }}{{ end }}
"""

TAXONOMY = """{{ define "main" -}}
<h1>{{ .Title }}</h1>
<p class="lede">{{ len .Data.Terms }} {{ lower .Title }}, by name.</p>
<ul class="counts columns">
{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> <span class="count">{{ .Count }}</span></li>
{{ end }}</ul>
{{ end }}
"""

CRUMBS_TERM = """{{ define "crumbs" }}<nav class="crumbs" aria-label="Breadcrumb"><ol><li><a href="{{ "" | relURL }}">Home</a></li><li><a href="{{ .Parent.RelPermalink }}">{{ .Parent.Title }}</a></li></ol></nav>
{{ end }}"""

LIST_HEAD = """{{ define "canonical" }}{{ .Paginator.URL | absURL }}{{ end }}
{{ define "head" }}""" + PAGER_HEAD + """{{ end }}
"""

# Source and category pages.
TERM = LIST_HEAD + CRUMBS_TERM + """
{{ define "main" -}}
<h1>{{ if eq .Parent.Title "Categories" }}<span class="kind">Category:</span> {{ end }}{{ .Title }}</h1>
{{ $date := true }}{{ $source := ne .Data.Plural "sources" }}""" + LIST.replace("INTRO", "") + """{{ end }}
"""

YEAR = """{{ define "title" }}{{ .Data.Term }}{{ end }}
{{ define "description" }}{{ .Data.Term }}: {{ len .Pages }} clippings in {{ site.Title }}, month by month.{{ end }}
{{ define "crumbs" }}<nav class="crumbs" aria-label="Breadcrumb"><ol><li><a href="{{ "" | relURL }}">Home</a></li><li><a href="{{ "timeline/" | relURL }}">Timeline</a></li></ol></nav>
{{ end }}
{{ define "main" -}}
<h1>{{ .Data.Term }}</h1>
<p class="lede">{{ len .Pages }} clipping{{ if ne (len .Pages) 1 }}s{{ end }}</p>
<h2>Months</h2>
<ul class="counts">
{{ range (.Pages.GroupByDate "2006-01").Reverse }}<li><a href="{{ printf "months/%s/" .Key | relURL }}">{{ (index .Pages 0).Date.Format "January" }}</a> <span class="count">{{ len .Pages }}</span></li>
{{ end }}</ul>
{{ end }}
"""

# The first page of a month lists its days first.
MONTH_DAYS = """{{ if eq $pager.PageNumber 1 }}<h2>Days</h2>
<ul class="counts">
{{ range .Pages.GroupByDate "2006-01-02" }}<li><a href="{{ printf "days/%s/" .Key | relURL }}">{{ (index .Pages 0).Date.Format "2 January" }}</a> <span class="count">{{ len .Pages }}</span></li>
{{ end }}</ul>
<h2>Clippings</h2>
{{ end }}"""

MONTH = LIST_HEAD + """{{ define "title" }}{{ (time.AsTime (printf "%s-01" .Data.Term)).Format "January 2006" }}{{ end }}
{{ define "crumbs" }}{{ $d := time.AsTime (printf "%s-01" .Data.Term) }}<nav class="crumbs" aria-label="Breadcrumb"><ol><li><a href="{{ "" | relURL }}">Home</a></li><li><a href="{{ "timeline/" | relURL }}">Timeline</a></li><li><a href="{{ printf "years/%d/" $d.Year | relURL }}">{{ $d.Year }}</a></li></ol></nav>
{{ end }}
{{ define "main" -}}
<h1>{{ (time.AsTime (printf "%s-01" .Data.Term)).Format "January 2006" }}</h1>
{{ $date := true }}{{ $source := true }}""" + LIST.replace("INTRO", MONTH_DAYS) + """{{ end }}
"""


DAY = LIST_HEAD + """{{ define "title" }}{{ (time.AsTime .Data.Term).Format "2 January 2006" }}{{ end }}
{{ define "crumbs" }}{{ $d := time.AsTime .Data.Term }}<nav class="crumbs" aria-label="Breadcrumb"><ol><li><a href="{{ "" | relURL }}">Home</a></li><li><a href="{{ "timeline/" | relURL }}">Timeline</a></li><li><a href="{{ printf "years/%d/" $d.Year | relURL }}">{{ $d.Year }}</a></li><li><a href="{{ printf "months/%s/" ($d.Format "2006-01") | relURL }}">{{ $d.Format "January" }}</a></li></ol></nav>
{{ end }}
{{ define "main" -}}
<h1>{{ (time.AsTime .Data.Term).Format "2 January 2006" }}</h1>
{{ $date := false }}{{ $source := true }}""" + LIST.replace("INTRO", "") + """{{ end }}
"""

NOT_FOUND = """{{ define "title" }}Not found{{ end }}
{{ define "description" }}Not found{{ end }}
{{ define "main" }}<h1>Not found</h1>
<p>There is no page at this address. <a href="{{ "" | relURL }}">Home</a>, <a href="{{ "timeline/" | relURL }}">timeline</a>.</p>
{{ end }}
"""

# Data exports: every field sitegen's clippings.json / clippings.csv hold that this corpus has.
EXPORT_JSON = """{{- $first := true -}}
{"site":{{ site.Title | jsonify }},"url":{{ site.BaseURL | jsonify }},"count":{{ len site.RegularPages }},"clippings":[
{{ range $i, $p := site.RegularPages.ByDate }}{{ if $i }},
{{ end }}{{ dict "id" $p.Slug "title" $p.Title "url" $p.Permalink "date" ($p.Date.Format "2006-01-02") "source" (index $p.Params.sources 0) "categories" $p.Params.categories "language" ($p.Params.cliplang | default "en") | jsonify }}{{ end }}
]}
"""
EXPORT_CSV = """id,title,url,date,source,categories,language
{{ range site.RegularPages.ByDate }}{{ .Slug }},"{{ replace .Title `"` `""` }}",{{ .Permalink }},{{ .Date.Format "2006-01-02" }},"{{ replace (index .Params.sources 0) `"` `""` }}","{{ replace (delimit .Params.categories "; ") `"` `""` }}",{{ .Params.cliplang | default "en" }}
{{ end }}"""

LAYOUTS = {
    "baseof.html": BASEOF,
    "page.html": PAGE,
    "home.html": HOME,
    "section.html": SECTION,
    "taxonomy.html": TAXONOMY,
    "term.html": TERM,
    "years/term.html": YEAR,
    "months/term.html": MONTH,
    "days/term.html": DAY,
    "404.html": NOT_FOUND,
    "home.clippingsjson.json": EXPORT_JSON,
    "home.clippingscsv.csv": EXPORT_CSV,
}

_DATE = re.compile(r"date:\s*[\"']?(\d{4})-(\d{2})-(\d{2})")
_CATEGORIES = re.compile(r"categories:\s*(\[.*\])\s*$")


def _config_value(text: str, key: str, default: str) -> str:
    """A top-level `key = "..."` of the minimal site's hugo.toml, as written (a TOML string)."""
    match = re.search(rf'^{key}\s*=\s*(".*?"|\'.*?\')\s*$', text, re.MULTILINE)
    return match.group(1) if match else json.dumps(default)


def _front_matter(text: str) -> str:
    """One content file with the years/months/days terms added and the language taken out of the categories."""
    if not text.startswith("---\n"):
        raise ValueError("expected YAML front matter")
    end = text.index("\n---\n", 3)
    lines, out, language = text[4:end].split("\n"), [], None
    for line in lines:
        categories = _CATEGORIES.match(line)
        if categories:
            kept: list[str] = []
            for name in json.loads(categories.group(1)):
                code = LANGUAGES.get(name.strip().casefold())
                if code:
                    language = language or code
                elif name not in kept:
                    kept.append(name)
            out.append("categories: " + json.dumps(kept, ensure_ascii=False))
            continue
        out.append(line)
        date = _DATE.match(line)
        if date:
            y, m, d = date.groups()
            out.append(f'years: ["{y}"]\nmonths: ["{y}-{m}"]\ndays: ["{y}-{m}-{d}"]')
    if language and language != SITE_LANGUAGE:
        out.append(f'cliplang: "{language}"')
    return "---\n" + "\n".join(out) + text[end:]


def make_equivalent(minimal_site: Path, out: Path) -> None:
    """Copy the make_corpus Hugo site at `minimal_site` to `out` (created; must not exist) and turn it into a
    site with sitegen's page set."""
    minimal_site, out = Path(minimal_site), Path(out)
    if out.exists():
        raise FileExistsError(out)
    config = (minimal_site / "hugo.toml").read_text(encoding="utf-8")
    source = minimal_site / "content" / "clippings"
    target = out / "content" / "clippings"
    target.mkdir(parents=True)
    for path in source.iterdir():
        if path.name.startswith("_") or path.suffix != ".md":
            continue
        (target / path.name).write_text(_front_matter(path.read_text(encoding="utf-8")), encoding="utf-8")
    (target / "_index.md").write_text(TIMELINE, encoding="utf-8")
    (out / "hugo.toml").write_text(CONFIG.format(
        base_url=_config_value(config, "baseURL", "https://example.org/"),
        title=_config_value(config, "title", "Clippings")), encoding="utf-8")
    for name, body in LAYOUTS.items():  # make_corpus's layouts/_default are replaced, not copied
        path = out / "layouts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
    if SITEGEN_STATIC.is_dir():
        shutil.copytree(SITEGEN_STATIC, out / "static")
    else:
        (out / "static").mkdir()
        (out / "static" / "style.css").write_text("body{max-width:48rem;margin:auto}\n", encoding="utf-8")
        (out / "static" / "cite.js").write_text("", encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("minimal", type=Path, help="a site written by make_corpus.py N DIR --format hugo")
    ap.add_argument("out", type=Path, help="the folder to write (must not exist)")
    args = ap.parse_args()
    make_equivalent(args.minimal, args.out)
    print(f"wrote {args.out}; build it with: hugo --quiet -s {args.out} -d PUBLIC")


if __name__ == "__main__":
    main()
