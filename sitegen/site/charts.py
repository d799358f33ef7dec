"""Bar charts of clippings per period, laid out at build time for templates to draw as inline SVG.

Horizontal positions are percentages and vertical ones pixels, so a chart stretches to any width while its
text keeps the page's font size (a scaled viewBox would shrink labels to nothing on a phone). Labels that
would collide on a narrow screen are marked `wide` and hidden there by the stylesheet. Labels and captions are
in the interface language; in a right-to-left one the chart is mirrored, time running from right to left as
the reader's eye does.
"""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..i18n.interface import Interface
from ..urls import period_url

PLOT_HEIGHT = 120
"""Pixels from the baseline to the top of the tallest bar."""
TOP = 20
"""Room above the tallest bar for its count."""
LABEL_ROOM = 22
"""Room under the baseline for the period labels."""
BAR_SHARE = 0.64
"""Part of each slot the bar fills; the rest is the gap between bars."""
YEAR_LABEL_PX = 40
"""Width a year label needs, gap included; month labels shrink to one letter on narrow screens instead."""
NARROW_PX, WIDE_PX = 300, 640
"""Plot widths a label layout must fit: a phone held upright, and the chart at its widest."""
COUNTS_UP_TO = 24
"""Bars above which the count over each bar is left out (it stays in the bar's title and the table)."""


@dataclass(frozen=True, slots=True)
class Bar:
    """One period: where its bar goes and what it says."""

    label: str
    """Text under the bar: `2024`, `Mar`, `Mär`."""
    short: str
    """Label on narrow screens (`M` for March); equal to `label` when it fits anyway."""
    name: str
    """The period in words, for the bar's title and the table: `March 2024`, `März 2024`."""
    count: int
    url: str | None
    """The period's page; None when it has no clippings (and so no page)."""
    left: float
    """Left edge of the bar's slot (its share of the width, gap included), in percent of the chart's width."""
    slot: float
    """Width of the slot in percent; the whole slot is the link's target, so a short bar is easy to hit."""
    height: float
    """In pixels; at least 2 when the count is not zero, so a small period stays visible."""
    label_on: str
    """`all` (label on every screen), `wide` (only where there is room) or `none`."""

    @property
    def x(self) -> float:
        return round(self.left + self.slot * (1 - BAR_SHARE) / 2, 3)

    @property
    def width(self) -> float:
        return round(self.slot * BAR_SHARE, 3)

    @property
    def center(self) -> float:
        return round(self.left + self.slot / 2, 3)

    @property
    def top(self) -> float:
        return round(TOP + PLOT_HEIGHT - self.height, 1)


@dataclass(frozen=True, slots=True)
class BarChart:
    """A chart ready to draw: bars left to right (oldest first) and the sizes the template needs."""

    bars: tuple[Bar, ...]
    caption: str
    show_counts: bool
    """Whether each bar carries its count above it."""
    max_width_rem: int
    """How wide the chart may grow: a few bars should not each become a wall."""

    height: int = TOP + PLOT_HEIGHT + LABEL_ROOM
    baseline: int = TOP + PLOT_HEIGHT
    label_y: int = TOP + PLOT_HEIGHT + LABEL_ROOM - 6

    @property
    def total(self) -> int:
        return sum(bar.count for bar in self.bars)


def years_chart(year_counts: Mapping[int, int], words: Interface) -> BarChart | None:
    """One bar per year from the first to the last year with clippings; years without any get an empty slot."""
    if not year_counts:
        return None
    years = range(min(year_counts), max(year_counts) + 1)
    slots = [(words.year(y), words.year(y), words.year(y), year_counts.get(y, 0), period_url(y)) for y in years]
    return _layout(slots, words.gettext("Clippings per year"), YEAR_LABEL_PX, words.direction == "rtl")


def months_chart(year: int, month_counts: Mapping[int, int], words: Interface) -> BarChart:
    """Twelve bars, January to December, for one year."""
    slots = [(words.month_name(m, "abbreviated"), words.month_name(m, "narrow"), words.month_year(year, m),
              month_counts.get(m, 0), period_url(year, m)) for m in range(1, 13)]
    caption = words.gettext("Clippings per month in %(year)s") % {"year": words.year(year)}
    return _layout(slots, caption, 0, words.direction == "rtl")


def _layout(slots: Sequence[tuple[str, str, str, int, str]], caption: str, label_px: int,
            mirrored: bool) -> BarChart:
    """Place the bars: equal slots across the width, heights in proportion to the largest count; `mirrored`:
    the first slot on the right."""
    n = len(slots)
    top_count = max((count for *_, count, _ in slots), default=0) or 1
    slot = 100 / n
    wide_step = max(1, math.ceil(n * label_px / WIDE_PX))
    narrow_step = wide_step * math.ceil(max(1, math.ceil(n * label_px / NARROW_PX)) / wide_step)
    bars = []
    for i, (label, short, name, count, url) in enumerate(slots):
        from_last = n - 1 - i  # step labels back from the newest bar, so the latest period is always named
        label_on = "all" if from_last % narrow_step == 0 else "wide" if from_last % wide_step == 0 else "none"
        height = 0.0 if count == 0 else max(2.0, round(PLOT_HEIGHT * count / top_count, 1))
        bars.append(Bar(label=label, short=short, name=name, count=count,
                        url=url if count else None, left=round((n - 1 - i if mirrored else i) * slot, 3),
                        slot=round(slot, 3),
                        height=height, label_on=label_on))
    return BarChart(bars=tuple(bars), caption=caption, show_counts=n <= COUNTS_UP_TO,
                    max_width_rem=min(48, max(20, 4 * n)))
