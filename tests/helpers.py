"""Small readers for the HTML a build writes: links, headings, text; the standard library only."""
from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path


@dataclass
class ParsedPage:
    """What a test wants to know about one HTML file."""

    links: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    """(href, attributes) of every <a> and <link>."""
    h1: list[str] = field(default_factory=list)
    times: list[str] = field(default_factory=list)
    """`datetime` attributes of <time> elements."""
    html_lang: str | None = None
    langs: list[str] = field(default_factory=list)
    """Every lang attribute below <html>."""
    text: str = ""
    title: str = ""
    meta: dict[str, str] = field(default_factory=dict)
    """content of every <meta name=...>, by name."""


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = ParsedPage()
        self._stack: list[str] = []
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag in ("a", "link") and "href" in a:
            self.page.links.append((a["href"], a))
        if tag == "meta" and "name" in a:
            self.page.meta[a["name"]] = a.get("content", "")
        if tag == "time":
            self.page.times.append(a.get("datetime", ""))
        if tag == "html":
            self.page.html_lang = a.get("lang")
        elif "lang" in a:
            self.page.langs.append(a["lang"])
        self._stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._stack:
            while self._stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if "h1" in self._stack:
            if self._stack[-1] == "h1" or not self.page.h1:
                self.page.h1.append(data)
            else:
                self.page.h1[-1] += data
        if self._stack and self._stack[-1] == "title":
            self.page.title += data
        self._text.append(data)


def parse(path: Path) -> ParsedPage:
    parser = _Parser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.page.text = " ".join(" ".join(parser._text).split())
    parser.page.h1 = ["".join(parser.page.h1).strip()] if parser.page.h1 else []
    return parser.page


def page_for(public: Path, url: str) -> Path:
    """The file a site-relative URL is served from."""
    path = public / url.lstrip("/")
    return path / "index.html" if url.endswith("/") else path


def html_files(public: Path) -> list[Path]:
    return sorted(public.rglob("*.html"))


def clipping_pages(folder: Path, pattern: str = "*.html") -> list[Path]:
    """Clipping pages under folder matching pattern: a clipping's page is `<slug>-<id>.html` in its day's folder
    (or /undated/), next to the day's own `index.html`, which is a list, not a clipping."""
    return sorted(p for p in folder.glob(pattern) if p.name != "index.html")


LOADER_FIXTURES = Path(__file__).parent / "fixtures" / "loaders"


def load_file(path: Path, root: Path):
    """One file read as a build reads it (through the loader registry): its clipping, or None, and its problems."""
    from sitegen.read.formats import default_reader

    clippings, problems = default_reader().load(str(path), path.relative_to(root).as_posix())
    assert len(clippings) <= 1, clippings
    return (clippings[0] if clippings else None), problems


def load_folder(root: Path):
    """Every clipping under root and the problems, as `sitegen check` reads them."""
    from sitegen.read.folder import read_folder
    from sitegen.read.formats import default_reader

    return read_folder(Path(root), default_reader())


def load_fixture(kind: str, name: str):
    """Load `fixtures/loaders/<kind>/<name>` through the registry; the clipping must load."""
    folder = LOADER_FIXTURES / kind
    clipping, problems = load_file(folder / name, folder)
    assert clipping is not None, problems
    return clipping, problems


def messages(problems) -> list[tuple[str, str, int | None]]:
    """Problems as (severity, message, line), for readable comparisons."""
    return [(p.severity, p.message, p.line) for p in problems]


def export_text(title: str, date: str = "March 11, 2025", source: str = "Coastal Courier",
                categories: str = "Ports", body: str = "A made-up paragraph about the harbour.",
                captured: str = "Tue, Mar 11 2025 09:15:00 am") -> str:
    """One clipping in the plain-text export's layout (blank lines between lines, category list continued)."""
    lines = [title, f"Published on {date}" if date else "", f"Document Date: {captured}" if captured else "",
             "Category: ,English -", f",{categories}", "Show on website: Click Here", f"Sources {source}", body]
    return "\n\n" + "\n\n".join(line for line in lines if line) + "\n"


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under folder (relative path → bytes), to compare two builds byte by byte."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def tree(folder: Path) -> set[str]:
    """Every path under folder, files and folders, hidden ones included."""
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")}


def search_results(site: Path) -> dict[str, bytes]:
    """Every search result fragment of a built site's index, as Pagefind wrote it (gzip bytes), by
    `<shard>/fragment/<hash>.pf_fragment`: read out of the shards' packs, as the search page's engine reads them."""
    from sitegen.search.packs import TABLE, unpack

    results = {}
    for table in sorted(site.glob(f"pagefind/*/{TABLE}")):
        shard = table.parent.parent
        files = {p.relative_to(shard).as_posix(): p.read_bytes() for p in (shard / "fragment").iterdir()}
        results.update({f"{shard.name}/{path}": data for path, data in unpack(files).items()})
    return results


def searched(page: str, base_path: str = "/", undated: str = "undated", excerpt: str = "Excerpt") -> str:
    """A clipping page as Pagefind reads it: with the search marks the published page leaves out (an English
    site's words, served at `base_path`)."""
    from sitegen.search.marks import Marks, marked

    return marked(page.encode(), Marks(base_path + "categories/", undated, excerpt)).decode()
