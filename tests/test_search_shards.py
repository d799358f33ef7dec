"""The search index's shards: bounded, complete, newest first, and stable when clippings are added."""
from __future__ import annotations

import datetime as dt
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.archive.collect import collect
from sitegen.archive.slugs import Slugs
from sitegen.model import Clipping
from sitegen.search.indexer import _pages_of
from sitegen.search.shards import Shard, plan_shards


def clippings(dates: list[dt.date | None]) -> list[Clipping]:
    return [Clipping(id=f"{i:016x}", title=f"Clipping {i}", source_path=f"{i}.md", published=d)
            for i, d in enumerate(dates)]


def shards_of(dates: list[dt.date | None], size: int) -> list[Shard]:
    archive, _ = collect(clippings(dates), Slugs())
    return plan_shards(archive, size)


def spread(n: int, seed: int) -> list[dt.date]:
    rng = random.Random(seed)
    start = dt.date(1998, 1, 1).toordinal()
    return [dt.date.fromordinal(rng.randint(start, start + 30 * 365)) for _ in range(n)]


def test_every_clipping_in_exactly_one_shard_of_at_most_the_size() -> None:
    dates = spread(1000, 1)
    shards = shards_of(dates, 120)
    assert sum(s.count for s in shards) == 1000
    assert all(s.count <= 120 for s in shards)
    assert len({s.name for s in shards}) == len(shards)
    assert len(shards) < 1000 / 120 * 4  # blocks split in halves: never a swarm of tiny shards


def test_shards_are_newest_first_and_globs_name_their_date_folders() -> None:
    shards = shards_of([dt.date(2019, 5, 14), dt.date(2021, 2, 3), dt.date(2021, 10, 5), dt.date(2024, 6, 20)], 2)
    assert [(s.name, s.count) for s in shards] == [("2024_2031", 1), ("2020_2023", 2), ("2016_2019", 1)]
    assert shards[1].glob == "2021/[0-9][0-9]/[0-9][0-9]/*.html"  # only the years that hold clippings
    shards = shards_of([dt.date(2016, 1, 1), dt.date(2017, 1, 1), dt.date(2018, 1, 1)], 3)
    assert [(s.name, s.glob) for s in shards] == [("0000_4095", "{2016,2017,2018}/[0-9][0-9]/[0-9][0-9]/*.html")]


def test_a_crowded_year_splits_into_months_and_a_crowded_month_into_days() -> None:
    year = [dt.date(2020, m, 1) for m in range(1, 13) for _ in range(3)]  # 36 in one year
    shards = shards_of(year, 10)
    assert all(s.name.startswith("2020-") for s in shards)
    assert shards[-1].glob.startswith("2020/") and shards[-1].glob.endswith("/[0-9][0-9]/*.html")
    month = [dt.date(2020, 3, d) for d in range(1, 31)]
    shards = shards_of(month, 8)
    assert all(s.name.startswith("2020-03-") for s in shards)
    assert all(s.glob.startswith("2020/03/") for s in shards)
    assert sum(s.count for s in shards) == 30


def test_one_day_with_more_clippings_than_a_shard_holds_stays_one_shard() -> None:
    shards = shards_of([dt.date(2024, 1, 5)] * 7 + [dt.date(2024, 1, 6)], 3)
    assert [(s.name, s.count) for s in shards] == [("2024-01-06", 1), ("2024-01-05", 7)]
    assert shards[1].glob == "2024/01/05/*.html"


def test_undated_clippings_have_their_own_shard_last() -> None:
    shards = shards_of([dt.date(2024, 1, 5), None, None], 10)
    assert [(s.name, s.count, s.glob) for s in shards][-1] == ("undated", 2, "undated/*.html")
    site = ["undated/index.html", "undated/a-00000001.html", "undated/b-00000002.html", "undated/page/2/index.html",
            "2024/01/05/index.html", "2024/01/05/c-00000000.html"]
    assert _pages_of(dict.fromkeys(site), shards)[-1] == ["undated/a-00000001.html", "undated/b-00000002.html"]


def test_no_clippings_no_shards() -> None:
    assert shards_of([], 10) == []


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000), size=st.integers(5, 60), n=st.integers(0, 400),
       added=st.dates(dt.date(1990, 1, 1), dt.date(2035, 12, 31)))
def test_adding_a_clipping_changes_only_the_shard_it_falls_into(seed: int, size: int, n: int,
                                                               added: dt.date) -> None:
    dates = spread(n, seed)
    before = set(shards_of(dates, size))
    after = set(shards_of(dates + [added], size))
    assert len(before - after) <= 1  # the shard that took the new clipping (or split in two)
    changed = after - before
    assert sum(s.count for s in changed) == sum(s.count for s in before - after) + 1


def test_same_clippings_in_any_order_give_the_same_shards() -> None:
    dates = spread(300, 7)
    assert shards_of(dates, 40) == shards_of(dates[::-1], 40)


def test_a_shards_pattern_matches_exactly_the_pages_its_glob_names() -> None:
    import re

    from sitegen.search.shards import shard_pattern

    shards = shards_of([dt.date(2019, 5, 14), dt.date(2021, 2, 3), dt.date(2021, 10, 5), dt.date(2024, 6, 20)], 2)
    pattern = re.compile(shard_pattern(shards[1]))  # 2021/[0-9][0-9]/[0-9][0-9]/*.html
    assert pattern.fullmatch("2021/02/03/harbour-a1b2c3d4.html")
    assert pattern.fullmatch("2021/02/03/index.html")  # the day's list page: the glob names it too (see below)
    assert not pattern.fullmatch("2022/02/03/harbour-a1b2c3d4.html")
    assert not pattern.fullmatch("2021/02/03/harbour-a1b2c3d4/index.html")  # `*` stays within one name
    assert not pattern.fullmatch("2021/02/03/a/b.html")
    assert not pattern.fullmatch("2021/02/03/harbour-a1b2c3d4.htm")
    braces = re.compile(shard_pattern(Shard("x", "{2016,2018}/[0-9][0-9]/[0-9][0-9]/*.html", 2)))
    assert braces.fullmatch("2018/01/31/quay.html") and not braces.fullmatch("2017/01/31/quay.html")
    # What each shard indexes: its clipping pages, never the day lists (index.html) among them, nor other pages.
    site = ["2019/05/14/index.html", "2019/05/14/b-00000000.html", "2021/02/03/index.html",
            "2021/02/03/harbour-a1b2c3d4.html", "2021/10/05/c-00000002.html", "2021/index.html", "2021/02/index.html",
            "2024/06/20/d-00000003.html", "index.html", "search/index.html", "sources/x/index.html"]
    assert _pages_of(dict.fromkeys(site), shards) == [
        ["2024/06/20/d-00000003.html"], ["2021/02/03/harbour-a1b2c3d4.html", "2021/10/05/c-00000002.html"],
        ["2019/05/14/b-00000000.html"]]


def test_clippings_dated_by_a_month_or_year_are_in_the_shard_where_they_sort() -> None:
    """A clipping dated "March 2021" sorts at 1 March 2021, one dated "2019" at 1 January 2019: each is in the
    shard whose range holds that day, so that shards stay disjoint in the order newest/oldest first sorts by."""
    dates = [dt.date(2019, 1, 1), dt.date(2019, 6, 2), dt.date(2020, 5, 5), dt.date(2021, 3, 1), dt.date(2021, 3, 9),
             dt.date(2023, 8, 8), dt.date(2024, 1, 1)]
    partial = [Clipping(id="m", title="Month", source_path="m.md", published=dt.date(2021, 3, 1), precision="month"),
               Clipping(id="y", title="Year", source_path="y.md", published=dt.date(2019, 1, 1), precision="year")]
    archive, _ = collect(clippings(dates) + partial, Slugs())
    shards = plan_shards(archive, 3)
    assert sum(s.count for s in shards) == 9
    assert all(s.count <= 3 for s in shards)
    by_url = {e.url.lstrip("/"): e for e in archive.entries}
    month_page = next(u for u, e in by_url.items() if e.clipping.id == "m")
    year_page = next(u for u, e in by_url.items() if e.clipping.id == "y")
    assert month_page.startswith("2021/03/") and month_page.count("/") == 2
    assert year_page.startswith("2019/") and year_page.count("/") == 1
    members = _pages_of(dict.fromkeys(by_url), shards)
    assert sorted(page for pages in members for page in pages) == sorted(by_url)  # each page in one shard
    home = {page: shard for shard, pages in zip(shards, members, strict=True) for page in pages}
    march = {u for u, e in by_url.items() if e.date == dt.date(2021, 3, 1)}
    new_year = {u for u, e in by_url.items() if e.date == dt.date(2019, 1, 1)}
    assert len({home[u] for u in march}) == 1 and len({home[u] for u in new_year}) == 1
    # Shards are disjoint ranges of the sort date, newest first.
    ranges = [sorted(by_url[u].date for u in pages) for pages in members]
    assert all(older[-1] < newer[0] for newer, older in zip(ranges, ranges[1:], strict=False))
