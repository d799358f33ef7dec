"""The built site served the way GitHub Pages serves it, under `/` and under a sub-path: every link answers.

Each case builds the example archive for the server's address, then crawls from the home page following every
href and src (pages, CSS, feeds, sitemap, robots.txt, the data export) and asserts that nothing 404s and that
every page the build wrote is reached.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import pytest
from conftest import EXAMPLE, run_build
from pages_server import crawl, fetch, pages_server, references

CASES = {
    "sub-path": ("/archive/", "/archive/"),
    "root": ("/", "/"),
    "sub-path-absolute": ("/archive/", "{origin}/archive/"),
    "root-absolute": ("/", "{origin}/"),
}


def written_pages(public: Path) -> set[str]:
    """Site-relative addresses of the pages a reader should be able to reach (all but 404.html)."""
    return {"/" + p.relative_to(public).as_posix().removesuffix("index.html") for p in public.rglob("*.html")
            if p.name != "404.html"}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_every_link_resolves_when_served_like_github_pages(tmp_path: Path, case: str) -> None:
    prefix, base_url = CASES[case]
    with pages_server(prefix) as server:
        public = tmp_path / "public"
        assert run_build(EXAMPLE / "content", public, "--config", str(EXAMPLE / "sitegen.toml"),
                         "--base-url", base_url.format(origin=server.origin)) == 0
        server.folder = public
        home = server.origin + prefix
        found = crawl(home, extra=(home + "robots.txt",))

    assert found.broken == []
    reached = {url[len(home) - 1:] for url, status in found.fetched.items() if status == 200}
    assert written_pages(public) <= reached
    assert {"/feed.xml", "/clippings.json", "/style.css", "/sources/harbour-gazette/feed.xml"} <= reached
    if "absolute" in case:
        assert "/sitemap.xml" in reached
    assert all(url.startswith("https://") for url in found.external)


def test_the_404_page_works_from_any_depth(tmp_path: Path) -> None:
    with pages_server("/archive/") as server:
        public = tmp_path / "public"
        assert run_build(EXAMPLE / "content", public, "--config", str(EXAMPLE / "sitegen.toml"),
                         "--base-url", "/archive/") == 0
        server.folder = public
        for missing in ("/archive/no-such-page", "/archive/2024/13/45/deep/missing/page/", "/elsewhere/x"):
            status, body, url = fetch(server.origin + missing)
            assert status == 404 and b"Page not found" in body
            refs = references(url + ("" if url.endswith("/") else ".html"), body)
            assert len(refs) > 5
            assert all(r.startswith("/archive/") or r.startswith("#") for r in refs), refs
            for ref in refs:
                if not ref.startswith("#"):
                    assert fetch(urljoin(url, ref))[0] == 200, ref
