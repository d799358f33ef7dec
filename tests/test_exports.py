"""The data export: `clippings.json` and `clippings.csv` hold every clipping's fields and address, and round-trip."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from conftest import EXAMPLE, PUBLISHED_AT, run_build
from helpers import load_folder, page_for, parse

from sitegen.site.exports import CATEGORY_SEPARATOR, CSV_COLUMNS


def load_json(public: Path) -> dict:
    return json.loads((public / "clippings.json").read_text(encoding="utf-8"))


def load_csv(public: Path) -> list[dict[str, str]]:
    raw = (public / "clippings.csv").read_bytes()
    assert raw.startswith("\ufeff".encode())
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def from_csv(row: dict[str, str]) -> dict:
    """A CSV row back in the JSON record's shape."""
    record: dict = {k: (v or None) for k, v in row.items()}
    record["categories"] = row["categories"].split(CATEGORY_SEPARATOR) if row["categories"] else []
    record["extra"] = json.loads(row["extra"]) if row["extra"] else {}
    record["excerpt"] = row["excerpt"] == "yes"
    return record


def test_json_export_holds_every_clipping_with_its_address(published_site: Path) -> None:
    data = load_json(published_site)
    assert (data["site"], data["url"], data["count"], data["full_text"]) == (
        "Example Clippings Archive", PUBLISHED_AT, 17, False)
    records = data["clippings"]
    assert len(records) == 17 and len({r["id"] for r in records}) == 17
    for record in records:
        assert record["url"].startswith(PUBLISHED_AT)
        assert parse(page_for(published_site, "/" + record["url"].removeprefix(PUBLISHED_AT))).h1 == [record["title"]]
        assert "text" not in record and "path" not in record and "summary" not in record  # derivable
    dated = [r["date"] for r in records if r["date"]]
    assert dated == sorted(dated) and records[-1]["date"] is None  # oldest first, the undated one last


def test_json_export_matches_what_was_read(published_site: Path) -> None:
    clippings, _ = load_folder(EXAMPLE / "content")
    records = {r["id"]: r for r in load_json(published_site)["clippings"]}
    for clipping in clippings:
        record = records[clipping.id]
        assert record["title"] == clipping.title
        assert record["file"] == clipping.source_path
        assert record["published"] == (clipping.published.isoformat() if clipping.published else None)
        assert record["captured"] == (clipping.captured.isoformat() if clipping.captured else None)
        assert record["language"] == clipping.language
        assert record["original_url"] == clipping.url
    berth = next(r for r in records.values() if "deep-water berth" in r["title"])
    assert berth["source"] == "Harbour Gazette" and berth["categories"] == ["International", "Ports"]
    silting = next(r for r in records.values() if "silting" in r["title"])
    assert silting["source"] == "Harbour Gazette"  # spelled HARBOUR GAZETTE in the file, one source on the site
    tide = next(r for r in records.values() if "tide tables" in r["title"])
    assert (tide["published"], tide["date"]) == (None, "2024-04-08")


def test_csv_export_round_trips_to_the_json(published_site: Path) -> None:
    rows = load_csv(published_site)
    assert tuple(rows[0]) == CSV_COLUMNS
    records = load_json(published_site)["clippings"]
    assert [from_csv(row) for row in rows] == [{k: r[k] for k in CSV_COLUMNS} for r in records]


def test_full_text_export_and_formula_guard(tmp_path: Path, content_dir) -> None:
    body = "First paragraph with a comma, a \"quote\" and ünïcödé.\n\nSecond paragraph."
    content = content_dir({
        "a.md": f"---\ntitle: \"=HYPERLINK(\\\"https://evil.example\\\")\"\ndate: 2024-05-01\n"
                f"source: \"+Wire\"\ncategories: [\"-Minus\", Ports]\nweather: rainy\n---\n{body}\n",
    })
    config = tmp_path / "sitegen.toml"
    config.write_text("export_text = true\n", encoding="utf-8")
    assert run_build(content, tmp_path / "out", "--config", str(config)) == 0
    data = load_json(tmp_path / "out")
    assert data["full_text"] is True
    [record] = data["clippings"]
    assert record["title"] == '=HYPERLINK("https://evil.example")'
    assert (record["text"], record["text_format"]) == (body, "markdown")
    assert record["extra"] == {"weather": "rainy"}
    assert record["url"].startswith("/2024/05/01/")  # base_url "/": no host to add
    [row] = load_csv(tmp_path / "out")
    assert row["title"] == "'" + record["title"]
    assert row["source"] == "'+Wire" and row["categories"] == "'-Minus; Ports"
    assert row["text"] == body and row["text_format"] == "markdown"
    assert json.loads(row["extra"]) == {"weather": "rainy"}


def test_home_page_links_the_export(published_site: Path) -> None:
    hrefs = [href for href, _ in parse(page_for(published_site, "/")).links]
    assert "/archive/clippings.json" in hrefs and "/archive/clippings.csv" in hrefs
