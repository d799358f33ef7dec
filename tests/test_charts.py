"""Chart layout: bar heights, empty periods, and labels that never collide at a phone's or a desk's width."""
from __future__ import annotations

import itertools

import pytest

from sitegen.build import interface
from sitegen.config import Config
from sitegen.site.charts import NARROW_PX, PLOT_HEIGHT, WIDE_PX, YEAR_LABEL_PX, months_chart, years_chart

ENGLISH = interface(Config())


def test_heights_follow_counts_and_small_ones_stay_visible() -> None:
    chart = years_chart({2020: 1000, 2021: 500, 2022: 1}, ENGLISH)
    assert [bar.height for bar in chart.bars] == [PLOT_HEIGHT, PLOT_HEIGHT / 2, 2.0]
    assert chart.total == 1501


def test_years_without_clippings_keep_their_slot_but_get_no_link() -> None:
    chart = years_chart({2019: 3, 2022: 1}, ENGLISH)
    assert [(bar.label, bar.count, bar.url) for bar in chart.bars] == [
        ("2019", 3, "/2019/"), ("2020", 0, None), ("2021", 0, None), ("2022", 1, "/2022/")]
    assert chart.bars[1].height == 0


def test_bars_share_the_width_in_order() -> None:
    chart = years_chart({2001: 1, 2010: 2}, ENGLISH)
    lefts = [bar.left for bar in chart.bars]
    assert lefts == sorted(lefts) and lefts[0] == 0
    assert all(0 < bar.x < bar.x + bar.width <= 100 for bar in chart.bars)
    assert abs(chart.bars[-1].left + chart.bars[-1].slot - 100) < 0.01


def test_no_chart_for_an_archive_without_dates() -> None:
    assert years_chart({}, ENGLISH) is None


def test_months_run_january_to_december_with_names_and_initials() -> None:
    chart = months_chart(2024, {3: 3, 4: 2}, ENGLISH)
    assert len(chart.bars) == 12
    march = chart.bars[2]
    assert (march.label, march.short, march.name, march.url) == ("Mar", "M", "March 2024", "/2024/03/")
    assert [bar.url is not None for bar in chart.bars].count(True) == 2
    assert all(bar.label_on == "all" for bar in chart.bars)


@pytest.mark.parametrize("years", [5, 12, 30, 75])
def test_year_labels_fit_narrow_and_wide_and_name_the_latest_year(years: int) -> None:
    chart = years_chart({1950 + i: i + 1 for i in range(years)}, ENGLISH)
    narrow = [bar for bar in chart.bars if bar.label_on == "all"]
    wide = [bar for bar in chart.bars if bar.label_on in ("all", "wide")]
    assert chart.bars[-1].label_on == "all"
    for shown, width in ((narrow, NARROW_PX), (wide, WIDE_PX)):
        gaps = [b.center - a.center for a, b in itertools.pairwise(shown)]
        assert all(gap * width / 100 >= YEAR_LABEL_PX - 0.01 for gap in gaps), (years, width)
    assert set(narrow) <= set(wide)


def test_counts_are_left_out_when_bars_are_many() -> None:
    assert years_chart({2000: 1, 2001: 2}, ENGLISH).show_counts
    assert not years_chart({1950: 1, 2020: 2}, ENGLISH).show_counts
