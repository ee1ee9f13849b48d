"""Server-drawn charts (SVG): no JavaScript library, readable without scripts, printable."""

from __future__ import annotations

from django.utils.html import escape


def parties_over_time_svg(
    counts: list[tuple[int, int]], *, label: str, width: int = 720, height: int = 240
) -> str:
    """A step chart of the number of States Parties at the end of each year."""
    if not counts:
        return ""
    left, right, top, bottom = 44, 12, 12, 28
    years = [y for y, _ in counts]
    top_value = max(v for _, v in counts)
    ceiling = ((top_value // 50) + 1) * 50
    plot_w, plot_h = width - left - right, height - top - bottom

    def x(year: int) -> float:
        return left + (year - years[0]) / max(1, years[-1] - years[0]) * plot_w

    def y(value: int) -> float:
        return top + plot_h - value / ceiling * plot_h

    points = []
    for i, (year, value) in enumerate(counts):
        if i:
            points.append(f"{x(year):.1f},{y(counts[i - 1][1]):.1f}")
        points.append(f"{x(year):.1f},{y(value):.1f}")
    grid = "".join(
        f'<line x1="{left}" x2="{width - right}" y1="{y(v):.1f}" y2="{y(v):.1f}" class="grid"/>'
        f'<text x="{left - 6}" y="{y(v) + 4:.1f}" text-anchor="end">{v}</text>'
        for v in range(0, ceiling + 1, 50)
    )
    ticks = "".join(
        f'<text x="{x(yr):.1f}" y="{height - 8}" text-anchor="middle">{yr}</text>'
        for yr in years
        if yr % 10 == 0 or yr == years[-1]
    )
    title = escape(f"{label}, {years[0]}-{years[-1]}")
    return (
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="{title}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{title}</title>{grid}{ticks}'
        f'<polyline points="{" ".join(points)}" class="line"/></svg>'
    )


def participation_svg(
    rows: list[tuple[int, int, str]], *, label: str, width: int = 720, height: int = 260
) -> str:
    """A bar chart of a count per year (CBM participation: reports per year), each bar labelled
    with its number and, under the count, its share ("42%") when there is one. `rows` are
    (year, count, share label or ""), oldest first; the axis spans every year from the first to
    the last, so years without a count show as gaps, not as zero."""
    if not rows:
        return ""
    left, right, top, bottom = 44, 12, 28, 28
    first, last = rows[0][0], rows[-1][0]
    top_value = max(v for _, v, _s in rows)
    ceiling = max(50, ((top_value // 50) + 1) * 50)
    plot_w, plot_h = width - left - right, height - top - bottom
    slot = plot_w / (last - first + 1)
    bar = max(2.0, slot * 0.7)

    def y(value: int) -> float:
        return top + plot_h - value / ceiling * plot_h

    grid = "".join(
        f'<line x1="{left}" x2="{width - right}" y1="{y(v):.1f}" y2="{y(v):.1f}" class="grid"/>'
        f'<text x="{left - 6}" y="{y(v) + 4:.1f}" text-anchor="end">{v}</text>'
        for v in range(0, ceiling + 1, 50)
    )
    bars, ticks = [], []
    for year, value, share in rows:
        x = left + (year - first) * slot + (slot - bar) / 2
        middle = x + bar / 2
        bars.append(
            f'<rect x="{x:.1f}" y="{y(value):.1f}" width="{bar:.1f}" height="{y(0) - y(value):.1f}" class="bar">'
            f"<title>{year}: {value}{escape(' (' + share + ')') if share else ''}</title></rect>"
            f'<text x="{middle:.1f}" y="{y(value) - 4:.1f}" text-anchor="middle" class="value">{value}</text>'
        )
        if share:
            bars.append(
                f'<text x="{middle:.1f}" y="{y(value) - 15:.1f}" text-anchor="middle" class="share">'
                f"{escape(share)}</text>"
            )
        ticks.append(f'<text x="{middle:.1f}" y="{height - 8}" text-anchor="middle">{year}</text>')
    title = escape(f"{label}, {first}-{last}")
    return (
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="{title}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{title}</title>{grid}{"".join(bars)}{"".join(ticks)}</svg>'
    )
