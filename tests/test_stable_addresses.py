"""Cool URIs don't change: build an archive, add, remove and edit other clippings (and edit a clipping's own text),
rebuild, and every clipping still there is still at the address it had."""
from __future__ import annotations

import re
from pathlib import Path

from conftest import run_build
from helpers import export_text, page_for

MARKER = re.compile(r"Marker (M\d+)\.")
ARTICLE = re.compile(r"^/(?:\d{4}/\d\d/\d\d|undated)/[^/]+\.html$")  # a file beside the day's index.html
REDIRECT = re.compile(r'http-equiv="refresh" content="0; url=([^"]+)"')
SHARED = ("The council voted to widen the harbour mouth on Tuesday. The work starts in spring and ends in two years. "
          "Fishing boats will use the northern channel while the dredgers work. Critics said the cost was too high.")


def markdown(title: str, day: str, marker: str, extra: str = "") -> str:
    return f"---\ntitle: \"{title}\"\ndate: {day}\nsource: Hand Notes\n{extra}---\nMarker {marker}. A note.\n"


def first_archive() -> dict[str, str]:
    files = {}
    for n in range(20):
        files[f"{n:03d}_{n + 1:x}{n:07x}a1b2c3d4.txt"] = export_text(
            f"Harbour item {n % 7}", date=f"March {n % 5 + 1}, 2025", source=f"Gazette {n % 3}",
            categories=f"Ports,Topic {n % 4}", body=f"Marker M{n}. Item number {n} about the harbour.")
    files.update({
        "notes/with-id.md": markdown("Tram line opens", "2025-03-02", "M100", "id: tram-line-2025\n"),
        "notes/without-id.md": markdown("Tram line opens", "2025-03-02", "M101"),
        "notes/undated.md": "---\ntitle: Undated note\n---\nMarker M102. No date at all.\n",
        "notes/Ünïcode näme.md": markdown("Ünïcode title ü", "2025-03-03", "M103"),
        "900_bbbbbbbb00000001.txt": export_text("Harbour mouth to be widened", source="Tideline Weekly",
                                                body=f"Marker M104. {SHARED}"),
        "901_cccccccc00000001.txt": export_text("Council backs harbour work", source="Coastal Courier",
                                                body=f"Marker M105. {SHARED}"),
    })
    return files


def addresses(public: Path) -> dict[str, str]:
    """Marker → address of the page that shows it; a redirect counts as the page it leads to."""
    found, redirects = {}, {}
    for page in public.rglob("*.html"):
        url = "/" + page.relative_to(public).as_posix().removesuffix("index.html")
        html = page.read_text(encoding="utf-8")
        if (target := REDIRECT.search(html)) is not None:
            redirects[url] = target[1]
        elif ARTICLE.match(url) and (marker := MARKER.search(html)):
            found[marker[1]] = url
    return {**found, **{f"redirect {url}": target for url, target in redirects.items()}}


def resolves(public: Path, url: str, marker: str) -> bool:
    """The address shows the clipping with this marker, directly or through a redirect."""
    page = page_for(public, url)
    if not page.is_file():
        return False
    html = page.read_text(encoding="utf-8")
    if (target := REDIRECT.search(html)) is not None:
        return resolves(public, target[1], marker)
    return f"Marker {marker}." in html


def test_addresses_survive_adding_removing_and_editing_other_clippings(tmp_path: Path, content_dir) -> None:
    files = first_archive()
    content = content_dir(files)
    out = tmp_path / "public"
    assert run_build(content, out) == 0
    before = {marker: url for marker, url in addresses(out).items() if not marker.startswith("redirect")}
    assert len(before) == 26

    removed = ["003_40000003a1b2c3d4.txt", "notes/without-id.md"]
    for name in removed:
        (content / name).unlink()
    edits = {
        # Other clippings: new text, new categories, another source spelling.
        "005_60000005a1b2c3d4.txt": export_text("Harbour item 5", date="March 1, 2025", source="GAZETTE 2",
                                                categories="Economy", body="Marker M5. Rewritten from scratch."),
        "notes/with-id.md": markdown("Tram line opens", "2025-03-02", "M100", "id: tram-line-2025\ntags: [x]\n"),
        # The clipping's own text, edited.
        "000_10000000a1b2c3d4.txt": None,
    }
    edits["000_10000000a1b2c3d4.txt"] = files["000_10000000a1b2c3d4.txt"].replace(
        "Item number 0 about the harbour.", "Item number 0, corrected: about the harbour and the quay.")
    added = {
        # Same title and day as existing ones, sorting before them by id and by name.
        "000_000000000a1b2c3d4.txt": export_text("Harbour item 0", date="March 1, 2025", body="Marker M200. New."),
        "aaa.txt": export_text("Harbour item 1", date="March 2, 2025", body="Marker M201. Also new."),
        "notes/aaa.md": markdown("Tram line opens", "2025-03-02", "M202"),
        # A syndicated copy of an existing story, and an exact duplicate with a smaller id than the original.
        "902_dddddddd00000001.txt": export_text("Widening approved", source="Harbour Gazette",
                                                body=f"Marker M203. {SHARED}"),
        "899_aaaaaaaa00000001.txt": export_text("Council backs harbour work", source="Coastal Courier",
                                                body=f"Marker M105. {SHARED}"),
        # Many more clippings on the same days, so that every list gets pages.
        **{f"9{n:02d}_ee{n:06x}00000000.txt": export_text(f"Later item {n}", date=f"March {n % 5 + 1}, 2025",
                                                          body=f"Marker M3{n:02d}. More.") for n in range(40)},
    }
    for name, text in {**edits, **added}.items():
        (content / name).write_text(text, encoding="utf-8")

    assert run_build(content, out) == 0
    after = addresses(out)
    for marker, url in before.items():
        if marker in ("M3", "M101"):  # removed
            assert not resolves(out, url, marker)
            continue
        assert resolves(out, url, marker), f"{marker} was at {url}"
    assert after["M105"] != before["M105"]  # the smaller id is published now ...
    assert after[f"redirect {before['M105']}"] == after["M105"]  # ... and the old address leads to it
    assert all(not url.endswith(("-2.html", "-2/")) for url in after.values())
