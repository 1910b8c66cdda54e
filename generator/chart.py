"""The verdict chart: claims per verdict as inline SVG, described for screen readers."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Any

from markupsafe import Markup


def verdict_chart(rows: Sequence[Mapping[str, Any]], total: int) -> Markup:
    """A horizontal bar chart of claims per verdict as inline SVG, described for screen readers.

    All text in it comes from the rating scale and counts, escaped for XML.
    """
    row_height, label_width, bar_width, width = 30, 150, 400, 620
    most = max((row["count"] for row in rows), default=0) or 1
    height = row_height * len(rows) + 10
    figures = "; ".join(f'{row["rating"].label}: {row["count"]}' for row in rows)
    parts = [
        f'<svg class="fc-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} '
        f'{height}" width="{width}" height="{height}" role="img" '
        'aria-labelledby="fc-chart-title fc-chart-desc">',
        f'<title id="fc-chart-title">Verdicts of our {total} checked '
        f'claim{"s" if total != 1 else ""}</title>',
        f'<desc id="fc-chart-desc">{html.escape(figures)}.</desc>',
    ]
    for i, row in enumerate(rows):
        y = 5 + i * row_height
        length = round(bar_width * row["count"] / most)
        rating = row["rating"]
        parts.append(
            f'<text x="{label_width - 10}" y="{y + 20}" text-anchor="end" '
            f'fill="currentColor">{html.escape(rating.label)}</text>'
            f'<rect x="{label_width}" y="{y + 4}" width="{length}" height="{row_height - 8}" '
            f'rx="3" fill="{html.escape(rating.color)}"/>'
            f'<text x="{label_width + length + 8}" y="{y + 20}" '
            f'fill="currentColor">{row["count"]}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
