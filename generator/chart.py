"""The verdict chart: claims per verdict as inline SVG, described for screen readers."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Any

from markupsafe import Markup

from .i18n import Words


def verdict_chart(rows: Sequence[Mapping[str, Any]], total: int, words: Words) -> Markup:
    """A horizontal bar chart of claims per verdict as inline SVG, described for screen readers.

    All text in it comes from the rating scale, the catalog and counts, escaped for XML.
    In a language written right to left the chart is drawn as its mirror image: labels on
    the right, bars growing to the left.
    """
    row_height, label_width, bar_width, width = 30, 150, 400, 620
    most = max((row["count"] for row in rows), default=0) or 1
    height = row_height * len(rows) + 10
    rtl = words.direction == "rtl"

    def x(at: float) -> float:  # SVG does not turn with the page: mirror it by hand
        return width - at if rtl else at

    figures = words.list([words.gettext("%(verdict)s: %(num)s", verdict=row["rating"].label,
                                        num=words.number(row["count"])) for row in rows])
    title = words.ngettext("Verdicts of our %(num)s checked claim",
                           "Verdicts of our %(num)s checked claims", total)
    parts = [
        f'<svg class="fc-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} '
        f'{height}" width="{width}" height="{height}" role="img" '
        f'direction="{words.direction}" aria-labelledby="fc-chart-title fc-chart-desc">',
        f'<title id="fc-chart-title">{html.escape(title)}</title>',
        f'<desc id="fc-chart-desc">{html.escape(figures)}</desc>',
    ]
    for i, row in enumerate(rows):
        y = 5 + i * row_height
        length = round(bar_width * row["count"] / most)
        rating = row["rating"]
        parts.append(
            f'<text x="{x(label_width - 10)}" y="{y + 20}" text-anchor="end" '
            f'fill="currentColor">{html.escape(rating.label)}</text>'
            f'<rect x="{min(x(label_width), x(label_width + length))}" y="{y + 4}" '
            f'width="{length}" height="{row_height - 8}" '
            f'rx="3" fill="{html.escape(rating.color)}"/>'
            f'<text x="{x(label_width + length + 8)}" y="{y + 20}" '
            f'fill="currentColor">{html.escape(words.number(row["count"]))}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
