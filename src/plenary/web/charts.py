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


def bars_svg(
    years: list[int],
    series: list[tuple[str, list[int]]],
    *,
    label: str,
    notes: list[str] | None = None,
    width: int = 720,
    height: int = 240,
) -> str:
    """Bars per year, one bar per series side by side (classes s0, s1...: colours in site.css),
    with a legend; `notes` (one per year, e.g. a percentage) written above each year's bars."""
    if not years or not series:
        return ""
    left, right, top, bottom = 44, 12, 30, 28
    top_value = max([1, *(v for _, values in series for v in values)])
    # The grid's step: the first of 1, 2, 5, 10, 20, 50... that gives at most five lines.
    step = next(s * 10**e for e in range(10) for s in (1, 2, 5) if top_value / (s * 10**e) <= 5)
    ceiling = ((top_value // step) + 1) * step
    plot_w, plot_h = width - left - right, height - top - bottom
    slot = plot_w / len(years)
    bar = max(1.0, slot * 0.8 / len(series))

    def y(value: float) -> float:
        return top + plot_h - value / ceiling * plot_h

    grid = "".join(
        f'<line x1="{left}" x2="{width - right}" y1="{y(v):.1f}" y2="{y(v):.1f}" class="grid"/>'
        f'<text x="{left - 6}" y="{y(v) + 4:.1f}" text-anchor="end">{v}</text>'
        for v in range(0, ceiling + 1, step)
    )
    bars = []
    for i, year in enumerate(years):
        x0 = left + i * slot + slot * 0.1
        for j, (name, values) in enumerate(series):
            value = values[i]
            bars.append(
                f'<rect x="{x0 + j * bar:.1f}" y="{y(value):.1f}" width="{bar:.1f}" '
                f'height="{y(0) - y(value):.1f}" class="bar s{j}"><title>{escape(name)}, {year}: '
                f"{value}</title></rect>"
            )
        if notes and notes[i]:
            bars.append(
                f'<text x="{left + (i + 0.5) * slot:.1f}" y="{y(max(v[i] for _, v in series)) - 4:.1f}" '
                f'text-anchor="middle" class="note">{escape(notes[i])}</text>'
            )
    every = max(1, round(len(years) / 12))
    ticks = "".join(
        f'<text x="{left + (i + 0.5) * slot:.1f}" y="{height - 8}" text-anchor="middle">{year}</text>'
        for i, year in enumerate(years)
        if i % every == 0 or i == len(years) - 1
    )
    legend = "".join(
        f'<rect x="{left + j * 180}" y="6" width="12" height="12" class="bar s{j}"/>'
        f'<text x="{left + j * 180 + 18}" y="16">{escape(name)}</text>'
        for j, (name, _values) in enumerate(series)
    )
    title = escape(f"{label}, {years[0]}-{years[-1]}")
    return (
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="{title}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{title}</title>{grid}{"".join(bars)}{ticks}'
        f"{legend}</svg>"
    )
