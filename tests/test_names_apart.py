"""Different names are different sources and categories, with addresses of their own (issue 17, item 7)."""
from __future__ import annotations

import html
import re
from pathlib import Path

from conftest import run_build
from helpers import page_for, parse

from sitegen.archive.names import name_key, term_slugs
from sitegen.archive.slugs import Slugs
from sitegen.cli import main

LONG = "Ministry of Foreign Affairs of the Republic of Example Press Office, Department of"


def note(title: str, source: str, categories: list[str], day: int = 11) -> str:
    return (f"---\ntitle: {title}\ndate: 2025-03-{day:02d}\nsource: \"{source}\"\ncategories: "
            f"[{', '.join(repr(c) for c in categories)}]\n---\n\nThe same made-up text about compilers, word for "
            "word, as two weeklies printed it.\n")


def test_names_differing_by_symbols_scripts_or_after_60_characters_keep_pages_of_their_own(
        content_dir, tmp_path: Path, capsys) -> None:
    content = content_dir({
        "a.md": note("Compilers get faster", "C++ Weekly", ["C++", "100%", "经济", f"{LONG} Trade"]),
        "b.md": note("Compilers get faster", "C Weekly", ["C", "100", "経済", f"{LONG} Culture"]),
        "c.md": note("Runtime news", "C# Weekly", ["C#", "c"], day=12),
        "d.md": note("Spelling", "c weekly", ["ECONOMY", "Économy"], day=13),
    })
    assert main(["check", "--content", str(content)]) == 0
    report = capsys.readouterr()
    merged = set(re.findall(r"'([^']+)' is shown as '([^']+)' \(the same name but for case, accents or spacing\)",
                            report.out + report.err))
    assert merged == {("C", "c"), ("c weekly", "C Weekly"), ("ECONOMY", "Économy")}  # ties: not all caps
    assert "category 'C#' has the same address words as another name; its page is /categories/c-" in report.out
    assert run_build(content, tmp_path / "out", "--no-search") == 0
    out = tmp_path / "out"
    categories = {a.get("href"): text for a, text in _links(page_for(out, "/categories/"))}
    shown = sorted(categories.values())
    assert shown == sorted(["c", "C#", "C++", "100", "100%", "Économy", "经济", "経済", f"{LONG} Trade",
                            f"{LONG} Culture"])
    assert len(set(categories)) == len(categories) == 10
    assert categories["/categories/c/"] == "c" and categories["/categories/100/"] == "100"
    for href, name in categories.items():
        assert parse(page_for(out, href)).h1 == [f"Category: {name}"]
    sources = {text for _, text in _links(page_for(out, "/sources/"))}
    assert sources == {"C++ Weekly", "C Weekly", "C# Weekly"}
    # The same text from two weeklies is two clippings, not a duplicate published once.
    assert len([p for p in (out / "2025/03/11").glob("*.html") if p.name != "index.html"]) == 2


def _links(path: Path) -> list[tuple[dict[str, str], str]]:
    html = path.read_text(encoding="utf-8")
    main_part = html[html.index("<main"):]
    return [({"href": m[1]}, _unescape(m[2])) for m in re.finditer(r'<a href="([^"]*/categories/[^"]+|[^"]*/sources/'
                                                                 r'[^"]+)">([^<]*)</a>', main_part)]


def _unescape(text: str) -> str:
    return html.unescape(text)


def test_who_keeps_a_shared_slug_never_depends_on_order_or_on_other_names() -> None:
    keys = [name_key(n) for n in ("C++", "C#", "C", "Economy", "经济", "経済")]
    full = term_slugs(keys, Slugs())
    assert full[name_key("C")] == "c" and full[name_key("Economy")] == "economy"
    assert full[name_key("C++")].startswith("c-") and full[name_key("C#")].startswith("c-")
    assert sorted(full[name_key(n)][:7] for n in ("经济", "経済")) == ["jing-ji", "jing-ji"]
    assert len(set(full.values())) == len(keys)
    assert term_slugs(keys[::-1], Slugs()) == full
    for gone in keys:  # any other name leaving moves neither `C` nor the names clashing with it
        if gone != name_key("C"):
            rest = term_slugs([k for k in keys if k != gone], Slugs())
            assert {k: rest[k] for k in keys[:3] if k != gone} == {k: full[k] for k in keys[:3] if k != gone}


def test_names_fold_case_accents_spacing_and_typography_only() -> None:
    assert name_key("Anadolu  Ajansı") == name_key("ANADOLU AJANSI") == name_key("anadolu ajansi")
    assert name_key("Hürriyet") == name_key("HURRIYET")
    assert name_key("L’Orient–Le Jour") == name_key("L'Orient-Le Jour")
    assert name_key("Μεταφορές") == name_key("ΜΕΤΑΦΟΡΕΣ")
    assert len({name_key(n) for n in ("C++", "C#", "C", "100%", "100", "经济", "経済", "ガス", "カス")}) == 9
