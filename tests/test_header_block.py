"""The export's header is read as a block, fields before the body (issue 17, item 6)."""
from __future__ import annotations

from pathlib import Path

from helpers import load_file, messages


def export(*lines: str) -> str:
    """Lines in the export's layout: a blank line between each."""
    return "\n\n".join(lines) + "\n"


HEAD = ("Talks on the grain corridor resume", "Published on March 11, 2025",
        "Document Date: Tue, Mar 11 2025 09:15:00 am", "Category: ,English,Diplomacy -", "Show on website: Click Here")


def load(tmp_path: Path, text: str):
    path = tmp_path / "001_aaaaaaaa00000001.txt"
    path.write_text(text, encoding="utf-8")
    clipping, problems = load_file(path, tmp_path)
    assert clipping is not None, problems
    return clipping, problems


def test_a_long_official_source_name_is_a_source(tmp_path: Path) -> None:
    name = "Ministry of Foreign Affairs of the Republic of Türkiye Press Office"
    clipping, _ = load(tmp_path, export(*HEAD, f"Sources {name}", "The ministry said talks would resume."))
    assert clipping.source == name
    assert clipping.body == "The ministry said talks would resume."


def test_a_body_starting_with_sources_is_not_a_source(tmp_path: Path) -> None:
    clipping, _ = load(tmp_path, export(*HEAD, "Sources say the deal is close", "Officials would not comment."))
    assert clipping.source == ""
    assert clipping.body == "Sources say the deal is close\n\nOfficials would not comment."
    wrapped, _ = load(tmp_path, export(*HEAD, "Sources Coastal Courier",
                                       "Sources close to the talks\nsaid a deal was near."))
    assert wrapped.source == "Coastal Courier" and wrapped.body == "Sources close to the talks said a deal was near."


def test_a_labelled_body_line_after_the_header_is_body_text(tmp_path: Path) -> None:
    clipping, problems = load(tmp_path, export(*HEAD, "Sources Coastal Courier", "UPDATE: Death toll rises to 12",
                                               "Rescue teams worked through the night."))
    assert clipping.source == "Coastal Courier" and clipping.extra == ()
    assert clipping.body == "UPDATE: Death toll rises to 12\n\nRescue teams worked through the night."
    assert not [m for m in messages(problems) if "extra data" in m[1]]
    # Inside the block (between the export's fields) an unknown field is still kept as one.
    inside, problems = load(tmp_path, export(*HEAD[:4], "Author: Jane Roe", *HEAD[4:], "Sources Coastal Courier",
                                             "Rescue teams worked through the night."))
    assert inside.extra == (("Author", "Jane Roe"),) and inside.body == "Rescue teams worked through the night."
