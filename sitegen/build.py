"""`build(config)`: the stages in order, top to bottom. Nothing is written before everything is read.

With the build cache, each stage redoes only what changed: unchanged content files are not parsed again,
pages whose fingerprint (template, address, context, settings, code) matches the previous build's are not
rendered again, and files whose bytes did not change are not written again. When nothing at all changed,
the output folder is left untouched. The result is the same, byte for byte, as a build without the cache.
"""
from __future__ import annotations

import gc
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial

from . import __version__
from .archive.reading import Reading, make_archive
from .archive.records import Archive
from .archive.slugs import Slugs
from .config import Config
from .errors import BuildError, ConfigError
from .i18n.catalogs import catalog_problems, load_catalog
from .i18n.interface import Interface
from .model import Problem
from .parallel import Background, chunked_map, default_jobs
from .publish import staged
from .publish.cache import FOLDER, BuildCache, CacheUnavailableError, Manifest
from .publish.ownership import check_replaceable
from .publish.scan import scan, unchanged
from .publish.size import SiteSize, measure_files
from .publish.size_advice import site_warnings
from .publish.swap import recover
from .publish.writer import Made, Output, PreviousOutput, SiteWriter, check_writable
from .read.folder import read_folder
from .read.formats import FORMATS, default_reader
from .read.keys import content_keys
from .read.registry import ReadOptions, load_files
from .read.walk import find_files
from .render.environment import make_environment
from .render.fingerprint import code_key, digest, settings_key, template_keys, tree_key
from .render.renderer import PageRenderer
from .render.theme import theme_dirs
from .search.bundle import RESULT_WORDS
from .search.indexer import index_shards
from .search.marks import Marks
from .search.shards import IndexReport, plan_shards, search_page
from .site.links import Links
from .site.pages import compact_site, plan
from .site.records import Page
from .site.web import web_files, web_pages
from .urls import output_path

Progress = Callable[[int, int], None]
"""Called with (pages done, pages in all) while rendering; the CLI draws a bar with it."""

RENDER_CHUNK = 250
"""Pages per task sent to a worker: large enough to amortise the hand-over, small enough to balance."""
PARALLEL_MIN_PAGES = 200
"""Below this, forking workers costs more than it saves."""


@dataclass
class BuildResult:
    """What a build did, for the summary line."""

    clippings: int = 0
    pages: int = 0
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    """About the site as a whole (size, base URL), not about one file; they do not fail --strict."""
    size: SiteSize | None = None
    """The output as GitHub Pages counts it."""
    duplicates: int = 0
    """Clippings read that are second copies of another, published once."""
    search: IndexReport | None = None
    """What the search index holds; None when search is off."""
    written: int = 0
    """Files written or removed in the output folder (0 when nothing changed)."""
    compact: bool = False
    """Clipping pages are compact (`page_style`, or `auto` on a large archive)."""


def build(config: Config, progress: Progress | None = None) -> BuildResult:
    """Build the whole site into `config.output_dir`, replacing it only when every file is written."""
    content = config.content_dir
    if not content.is_dir():
        raise BuildError(f"content folder not found: {content}")
    _check_output_location(config)
    check_replaceable(config.output_dir, config.site_dir, config.force)
    check_writable(config.output_dir)  # fail now, not after reading 100,000 files
    jobs = config.jobs or default_jobs()

    # What the output depends on besides the content: code, settings, templates, static files.
    code = code_key()
    options = read_options(config)
    # Cached parse results hold what the reading settings made of each file: a cache of other settings is not used.
    cache, cache_off = _open_cache(config, digest(code, repr(options).encode()))
    words = interface(config)
    env = make_environment(config, theme_dirs(config.site_dir, "templates"), words,
                           cache.templates(words.catalog.key) if cache else None, f"sitegen {__version__}")
    templates = template_keys(env)
    static_dirs = theme_dirs(config.site_dir, "static")
    build_key = digest(code, settings_key(config), words.catalog.key)
    previous = cache.manifest() if cache is not None else None

    # The output folder is checked against the previous build's files in a child process while this one reads
    # the content (once a build killed while patching it is finished).
    recover(config.output_dir)
    scanning = Background(partial(scan, config.output_dir, previous.outputs, previous.folders), jobs) \
        if previous is not None and config.output_dir.is_dir() else None
    started_ns = time.time_ns()
    files, problems = find_files(content)
    reader = default_reader(options)
    # A first build parses every file: parsed as it is read for its key. Later ones parse the changed files only.
    file_keys, first = content_keys(files, reader, jobs, *((previous.files, previous.started_ns) if previous
                                                           else (None, 0)), parse=previous is None)
    keys = {rel: key for rel, (_, key) in file_keys.items()}
    input_key = digest(build_key, tree_key(static_dirs),
                       *(t for name, key in sorted(templates.items()) for t in (name.encode(), key)),
                       *(t for _, rel in files for t in (rel.encode("utf-8", "surrogateescape"), keys[rel])))
    if previous is not None and previous.input_key == input_key and unchanged(
            config.output_dir, previous.outputs, previous.folders, scanning.result() if scanning else None):
        # Nothing to do. Size and warnings are made again from the manifest (thresholds are not an input).
        size = _site_size(previous.outputs)
        # The index was not made again, so the previous build's indexing report (and its time) is not repeated.
        return replace(previous.summary, written=0, size=size, warnings=site_warnings(config, size), search=None,
                       problems=previous.summary.problems + _cache_notes(cache, cache_off))

    # Render and write only what changed, into a staging folder; make it live only when everything succeeded.
    writer: SiteWriter | None = None
    export = web = None
    try:
        # Gather all data first, so every page sees the same archive (and `sitegen check` reports the same
        # problems). The collector is paused while millions of long-lived objects are made: it would find no
        # garbage among them, only cost time.
        gc.disable()
        try:
            known = first or (cache.clippings() if cache else {})
            clippings, load_problems, parsed = load_files(files, keys, reader, known, jobs)
            slugs = Slugs(cache.slugs() if cache else None)
            notes = _cache_notes(cache, cache_off)  # about this build only: not kept in the manifest's summary
            reading = make_archive(config, clippings, problems + load_problems, slugs, jobs)
            archive = reading.archive
            # Only now: the output folder's scan has run in its child meanwhile.
            writer = SiteWriter(config.output_dir, *((previous.outputs, previous.folders) if previous else ()),
                                scanned=scanning.result() if scanning is not None else None)
            # A clipping's digest is the key of the file it came from (and its place there): known without a look.
            keyed = ((clipping, digest(key, b"%d" % clipping.position) if clipping.position else key)
                     for key, (found, _) in parsed.items() for clipping in found)
            renderer = PageRenderer(env, build_key, templates, keyed)
            compact = compact_site(config, archive)
            # Digests every entry here once (pages and workers then reuse them); keys the archive-wide files.
            files_key = renderer.key_of(archive, "web_files")
            kept = writer.reusable_group(files_key)
            if not kept:  # made in a child process while this one plans and renders the pages
                export = Background(partial(web_files, archive, config, compact), jobs)
            pages = list(plan(archive, config, compact, words))
            shards = plan_shards(archive, config.search_shard_size) if config.search else []
            if config.search:  # the home page's lastmod: the archive's latest change
                pages.append(search_page(archive, shards, pages[0].lastmod, words.gettext("Home")))
        finally:
            # The archive and pages live until the end: frozen, the collector never walks them again (and
            # forked workers share their memory instead of copying it on first touch).
            gc.freeze()
            gc.enable()
        # Feeds and sitemap (made from all the pages) are planned, keyed and made in a child process meanwhile.
        web = Background(partial(_web_files, renderer, writer.previous, archive, pages, config, words), jobs)
        for page in pages:
            writer.claim(output_path(page.url))
        _render(renderer, writer, pages, jobs, progress, incremental=previous is not None)
        web_count, web_made = web.result()
        for name, _, _ in web_made:
            writer.claim(name)
        writer.store(web_made)
        if kept:
            for name, output in kept:
                writer.claim(name)
                writer.record(name, output)
        else:
            for name, data in sorted(export.result().items()):
                writer.write_bytes(name, data, files_key)
        for static in static_dirs:
            writer.copy_tree(static)
        # Index last, on the complete staged site: a failed index leaves the previous site in place.
        # Compact sites keep a lede in each search result, not the whole text again (see search.bundle.trim_results).
        # The published pages carry no search marks: the indexer's copies get them (see search.marks).
        marks = Marks(Links.from_config(config).href("/categories/"), words.long_date(None),
                      words.gettext("Excerpt"))
        report = index_shards(writer, shards, config.language, build_key, marks,
                              RESULT_WORDS if compact else None, jobs) if config.search else None
        outputs = writer.commit()
    except BaseException:
        for child in (scanning, export, web):
            if child is not None:
                child.cancel()
        if writer is not None:
            writer.abort()
        raise
    finally:
        gc.unfreeze()

    # Measure what was written, as GitHub Pages will count it.
    size = _site_size(outputs)
    result = BuildResult(clippings=reading.clippings, pages=len(pages) + web_count, problems=notes + reading.problems,
                         warnings=site_warnings(config, size) + _language_warnings(words), size=size,
                         duplicates=reading.duplicates,
                         written=writer.changes, search=report,
                         compact=compact)
    if cache is not None:
        summary = replace(result, problems=reading.problems)
        cache.save(config.output_dir, Manifest(input_key, outputs, writer.folders, summary, file_keys, started_ns),
                   parsed, slugs.made)
    return result


def check(config: Config) -> Reading:
    """`sitegen check`: the first two stages only, read and collect, with every problem a build would report."""
    content = config.content_dir
    if not content.is_dir():
        raise BuildError(f"content folder not found: {content}")
    reader = default_reader(read_options(config))
    clippings, problems = read_folder(content, reader)
    reading = make_archive(config, clippings, problems, Slugs())
    settings = str(config.config_file.resolve()) if config.config_file is not None else "sitegen.toml"
    reading.problems.extend(catalog_problems(interface(config).catalog, config.site_dir, settings))
    return reading


def interface(config: Config) -> Interface:
    """The interface language's words, dates and numbers: the site's `locales/` first, then the theme's."""
    return Interface(load_catalog(config.language, theme_dirs(config.site_dir, "locales")))


def _language_warnings(words: Interface) -> list[str]:
    """A reminder, when some of the interface shows in English, that `sitegen check` names the messages."""
    missing = len(words.catalog.untranslated)
    if not missing:
        return []
    return [f"{missing} of {len(words.catalog.english)} interface messages have no {words.language!r} "
            "translation and show in English; `sitegen check` names them"]


def read_options(config: Config) -> ReadOptions:
    """The settings that change how files are read, in a stable order (they key the cache of parse results).

    `excerpt_formats` is checked here against the formats sitegen reads: a misspelt name would publish full
    texts where only excerpts are allowed."""
    names = sorted({fmt.name for fmt in FORMATS})
    unknown = [name for name in config.excerpt_formats if name != "*" and name not in names]
    if unknown:
        where = f"{config.config_file}: " if config.config_file is not None else ""
        raise ConfigError(f"{where}'excerpt_formats' names {unknown[0]!r}, which is not a format sitegen reads; "
                          f"use format names ({', '.join(names)}) or \"*\" for every clipping")
    return ReadOptions(columns={name: config.columns[name] for name in sorted(config.columns)})


def _render(renderer: PageRenderer, writer: SiteWriter, pages: list[Page], jobs: int, progress: Progress | None,
            incremental: bool) -> None:
    """Render the pages whose previous file cannot be kept, on every core, and store every page's file.

    After a previous build, the pages to render are found first, here (a digest per page: cheap), so that the
    workers are started for those alone, or not at all when they are few. Without one, every page is
    rendered and the workers key the pages too. Workers return bytes; this process writes them as they come.
    """
    todo: list[tuple[Page, bytes | None]] = [(page, None) for page in pages]
    if incremental:  # in this process: workers would copy the pages' memory as they touch it, costing more
        kept, changed = staged.sort_out(enumerate(pages), renderer.key, writer.previous)
        for relative, output in kept:
            writer.record(relative, output)
        todo = [(pages[position], key) for position, key in changed]
        if progress is not None:
            progress(len(pages) - len(todo), len(pages))
    for name in sorted({page.template for page, _ in todo}):
        renderer.env.get_template(name)  # compiled once here, not once per worker
    done = len(pages) - len(todo)
    make = partial(staged.make, key=renderer.key, render=renderer.render, previous=writer.previous)
    for made in chunked_map(make, todo, jobs, RENDER_CHUNK, PARALLEL_MIN_PAGES):
        writer.store(made)
        done += len(made)
        if progress is not None:
            progress(done, len(pages))


def _web_files(renderer: PageRenderer, previous: PreviousOutput, archive: Archive, pages: list[Page],
               config: Config, words: Interface) -> tuple[int, list[Made]]:
    """Feeds, the sitemap and the other open-web pages: planned, and rendered unless their files can be kept;
    returns how many there are and their files."""
    web = web_pages(archive, pages, config, words)
    kept, changed = staged.sort_out(enumerate(web), renderer.key, previous)
    made = staged.make([(web[position], key) for position, key in changed], renderer.key, renderer.render, previous)
    return len(web), [(relative, output, None) for relative, output in kept] + made


def _open_cache(config: Config, code: bytes) -> tuple[BuildCache | None, Problem | None]:
    """The build cache, unless it is off; when it cannot be used (no key to seal it with), a notice why."""
    if not config.cache:
        return None, None
    try:
        return BuildCache.open(config.site_dir, config.output_dir, code), None
    except CacheUnavailableError as exc:
        where = str((config.site_dir / FOLDER).resolve())
        return None, Problem(where, f"build cache off: {exc}", "notice")


def _cache_notes(cache: BuildCache | None, cache_off: Problem | None) -> list[Problem]:
    """The one notice about the build cache, if any: off, or parts of it not used."""
    note = cache_off or (cache.notice() if cache is not None else None)
    return [note] if note is not None else []


def _site_size(outputs: dict[str, Output]) -> SiteSize:
    """The output as GitHub Pages counts it, from the files' sizes: no walk of the output folder."""
    return measure_files({relative: output.stat[1] for relative, output in outputs.items()})


def _check_output_location(config: Config) -> None:
    """The output folder is replaced as a whole, so it must not hold the content or the site's own files."""
    out = config.output_dir.resolve()
    for name, folder in (("content", config.content_dir), ("site", config.site_dir)):
        folder = folder.resolve()
        if out == folder or folder.is_relative_to(out):
            raise BuildError(f"output folder {config.output_dir} would replace the {name} folder {folder}")
