"""Duplicates are published once, their address kept as a redirect; syndicated copies are grouped as versions."""
from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
from pathlib import Path

from conftest import run_build
from helpers import export_text, load_folder, page_for, parse

from sitegen.archive.duplicates import exact_duplicates, syndicated_groups

STORY = [
    "The port authority approved a plan on Monday to deepen the eastern channel by two metres, officials said.",
    "The dredging will take eighteen months and cost an estimated forty million, according to the budget papers "
    "released after the meeting. Shipping lines had asked for the work for years.",
    "Harbour master Lena Okafor said larger container ships could call at the port once the work is finished. "
    "Environmental groups warned that silt could harm the oyster beds south of the breakwater.",
    "A public consultation on the environmental report opens next month. The authority expects to sign the "
    "contract before the end of the year.",
]
OTHER_STORY = [
    "Volunteers repainted the old lighthouse on Gull Point over the weekend, the heritage society said.",
    "The tower, built in 1872, had not been painted for two decades. Local businesses donated the paint and "
    "scaffolding, and a crane operator gave a day of his time.",
    "The society hopes to open the lantern room to visitors next summer. Guided tours will be free for children.",
]
BOILERPLATE = "This report was provided by the regional news pool and may not be reproduced without permission."


def body(paragraphs: list[str]) -> str:
    return "\n\n".join(paragraphs)


def unrelated(n: int) -> str:
    """A story of its own, sharing only the pool's boilerplate sentence with the others."""
    rng = random.Random(n)
    words = (
        "quay crane berth tide pilot cargo ferry dock buoy hull keel mast sail anchor rope net"
    ).split()
    paragraphs = [" ".join(rng.choice(words) for _ in range(25)).capitalize() + f" number {n}." for _ in range(3)]
    return body(paragraphs + [BOILERPLATE])


def archive_files() -> dict[str, str]:
    files = {
        "101_aaaaaaaa00000001.txt": export_text("Port to deepen eastern channel", source="Harbour Gazette",
                                                body=body(STORY)),
        "102_bbbbbbbb00000002.txt": export_text("Channel dredging approved", source="Tideline Weekly",
                                                body=body(["PORTSMOUTH (Wire) - " + STORY[0]] + STORY[1:])),
        "103_cccccccc00000003.txt": export_text("Deeper channel for bigger ships", source="Coastal Freight Review",
                                                date="March 12, 2025", body=body(STORY[:3])),
        "104_eeeeeeee00000004.txt": export_text("Lighthouse repainted", source="Harbour Gazette",
                                                body=body(OTHER_STORY)),
        # The same clipping imported twice: same source, date, title and text, another file name.
        "105_dddddddd00000005.txt": export_text("Lighthouse repainted", source="HARBOUR GAZETTE",
                                                body=body(OTHER_STORY)),
        # Same title and date as 104 but other text: both are kept.
        "106_ffffffff00000006.txt": export_text("Lighthouse repainted", source="Harbour Gazette",
                                                body="The lighthouse at Stag Rock was repainted too; a short note."),
    }
    for n in range(6):
        files[f"2{n:02d}_9{n}9{n}9{n}9{n}0000000{n}.txt"] = export_text(f"Pool item {n}", source="News Pool",
                                                                       body=unrelated(n))
    return files


def test_exact_duplicate_choice_does_not_depend_on_load_order(tmp_path: Path, content_dir) -> None:
    clippings, _ = load_folder(content_dir(archive_files()))
    key = lambda name: name.casefold()  # noqa: E731 (case-insensitive sources, as the archive merges them)
    forward, backward = exact_duplicates(clippings, key), exact_duplicates(clippings[::-1], key)
    assert forward.duplicate_of == backward.duplicate_of == {"104_eeeeeeee00000004.txt": "105_dddddddd00000005.txt"}
    assert [(p.file, p.severity) for p in forward.problems] == [("104_eeeeeeee00000004.txt", "notice")]
    assert "105_dddddddd00000005.txt" in forward.problems[0].message


def test_syndicated_copies_are_grouped_and_nothing_else(tmp_path: Path, content_dir) -> None:
    clippings, _ = load_folder(content_dir(archive_files()))
    groups = syndicated_groups(clippings)
    story = ["101_aaaaaaaa00000001.txt", "102_bbbbbbbb00000002.txt", "103_cccccccc00000003.txt"]
    lighthouse = ["104_eeeeeeee00000004.txt", "105_dddddddd00000005.txt"]  # identical copies are near-identical too
    assert groups == [story, lighthouse]
    shuffled = clippings[:]
    random.Random(3).shuffle(shuffled)
    assert syndicated_groups(shuffled) == groups


def test_grouping_does_not_depend_on_the_hash_seed(tmp_path: Path, content_dir) -> None:
    content = content_dir(archive_files())
    script = ("import json, sys; from sitegen.read.folder import read_folder; "
              "from sitegen.read.formats import default_reader; from sitegen.archive.duplicates import "
              "syndicated_groups, exact_duplicates as e; c, _ = read_folder(sys.argv[1], default_reader()); "
              "print(json.dumps([syndicated_groups(c), e(c, str.casefold).duplicate_of]))")
    results = {subprocess.run([sys.executable, "-c", script, str(content)], capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2", "3")}
    assert len(results) == 1
    assert json.loads(results.pop())[1] == {"104_eeeeeeee00000004.txt": "105_dddddddd00000005.txt"}


def article(public: Path, title: str) -> list[Path]:
    return [p for p in sorted(public.rglob("*.html")) if parse(p).h1 == [title]]


def test_build_publishes_a_duplicate_once_and_keeps_its_address(tmp_path: Path, content_dir) -> None:
    out = tmp_path / "public"
    assert run_build(content_dir(archive_files()), out) == 0
    kept = "/2025/03/11/lighthouse-repainted-dddddddd.html"
    duplicate = "/2025/03/11/lighthouse-repainted-eeeeeeee.html"
    assert page_for(out, kept) in article(out, "Lighthouse repainted")
    assert len(article(out, "Lighthouse repainted")) == 2  # the kept copy and 106, which has other text
    redirect = page_for(out, duplicate).read_text(encoding="utf-8")
    assert f'<meta http-equiv="refresh" content="0; url={kept}">' in redirect
    assert f'<link rel="canonical" href="{kept}">' in redirect
    source = parse(page_for(out, "/sources/harbour-gazette/"))
    assert source.text.count("Lighthouse repainted") == 2
    assert duplicate not in [href for href, _ in source.links]


def test_a_duplicate_address_is_never_given_to_another_clipping(tmp_path: Path, content_dir) -> None:
    """A third clipping whose address would clash with the duplicate's does not take it: the address stays a
    redirect, so a link to the duplicate made before it was recognised as one still leads to the same text."""
    files = archive_files()
    files["107_eeeeeeee00000007.txt"] = export_text("Lighthouse repainted", source="Harbour Gazette",
                                                    body="Another note about a lighthouse, with its own text.")
    out = tmp_path / "public"
    assert run_build(content_dir(files), out) == 0
    assert "http-equiv" in page_for(out, "/2025/03/11/lighthouse-repainted-eeeeeeee.html").read_text(encoding="utf-8")
    assert page_for(out, "/2025/03/11/lighthouse-repainted-eeeeeeee00000007.html").is_file()


def test_each_version_lists_the_others(tmp_path: Path, content_dir) -> None:
    out = tmp_path / "public"
    assert run_build(content_dir(archive_files()), out) == 0
    urls = {"/2025/03/11/port-to-deepen-eastern-channel-aaaaaaaa.html",
            "/2025/03/11/channel-dredging-approved-bbbbbbbb.html",
            "/2025/03/12/deeper-channel-for-bigger-ships-cccccccc.html"}
    for url in urls:
        html = page_for(out, url).read_text(encoding="utf-8")
        section = re.search(r'<section class="versions">.*?</section>', html, re.S)
        assert section is not None and "Other versions of this story" in section[0]
        assert set(re.findall(r'href="([^"]+)"', section[0])) == urls - {url}
    assert "Other versions" not in parse(page_for(out, "/2025/03/11/pool-item-1-91919191.html")).text
