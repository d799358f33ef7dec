"""`build(config)`: the stages in order, top to bottom. Nothing is written before everything is read."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .check import read_content
from .config import Config
from .errors import BuildError
from .model import Problem
from .output import SiteWriter, check_writable
from .pages import plan
from .render import make_environment, render_page
from .search import IndexReport, index_site, plan_shards, search_page
from .theme import theme_dirs
from .site_size import SiteSize, measure
from .urls import output_path
from .web import site_warnings, web_files, web_pages

Progress = Callable[[int, int], None]
"""Called with (pages done, pages in all) while rendering; the CLI draws a bar with it."""


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


def build(config: Config, progress: Progress | None = None) -> BuildResult:
    """Build the whole site into `config.output_dir`, replacing it only when every file is written."""
    content = config.content_dir
    if not content.is_dir():
        raise BuildError(f"content folder not found: {content}")
    _check_output_location(config)
    check_writable(config.output_dir)  # fail now, not after reading 100,000 files

    # Gather all data first, so every page sees the same archive (and `sitegen check` reports the same problems).
    reading = read_content(config)
    archive = reading.archive
    pages = list(plan(archive, config))
    shards = plan_shards(archive, config.search_shard_size) if config.search else []
    if config.search:
        pages.append(search_page(archive, shards))
    pages += web_pages(archive, pages, config)
    files = web_files(archive, config)

    # Render and write into a staging folder; swap it in only when everything succeeded.
    env = make_environment(config, theme_dirs(config.site_dir, "templates"))
    writer = SiteWriter(config.output_dir)
    try:
        for done, page in enumerate(pages, start=1):
            writer.write(output_path(page.url), render_page(env, page))
            if progress is not None:
                progress(done, len(pages))
        for name, data in sorted(files.items()):
            writer.write_bytes(name, data)
        for static in theme_dirs(config.site_dir, "static"):
            writer.copy_tree(static)
        # Index last, on the staged site: a failed index leaves the previous site in place.
        report = index_site(writer.staging, shards, config.language) if config.search else None
        writer.commit()
    except BaseException:
        writer.abort()
        raise

    # Measure what was written, as GitHub Pages will count it.
    size = measure(config.output_dir)
    return BuildResult(clippings=reading.clippings, pages=len(pages), problems=reading.problems,
                       warnings=site_warnings(config, size), size=size, duplicates=reading.duplicates, search=report)


def _check_output_location(config: Config) -> None:
    """The output folder is replaced as a whole, so it must not hold the content or the site's own files."""
    out = config.output_dir.resolve()
    for name, folder in (("content", config.content_dir), ("site", config.site_dir)):
        folder = folder.resolve()
        if out == folder or folder.is_relative_to(out):
            raise BuildError(f"output folder {config.output_dir} would replace the {name} folder {folder}")
