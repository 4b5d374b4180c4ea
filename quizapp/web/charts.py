"""Charts as inline SVG, drawn on the server: no script, no library, nothing from another host.

Every chart is an <svg role="img"> with <title> and <desc>; pages print the same numbers in a
table next to it. Bars carry black outlines and value labels, and flagged bars a hatch
pattern, so the charts read in greyscale print and without colour vision.
"""
from markupsafe import Markup, escape

from .formatting import percent

FONT = 12
FILL = "#9db9d8"
# Drawing widths: the page shows the wide drawing, and the narrow one on a phone (static/css/
# results.css), where the wide one would shrink its 12-unit text to 6 px.
WIDE, NARROW = 640, 340


def _svg(chart_id: str, width: int, height: int, title: str, desc: str, body: list[str], css: str) -> Markup:
    defs = (f'<defs><pattern id="{chart_id}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
            f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
            f'<line x1="0" y1="0" x2="0" y2="6" stroke="#000000" stroke-width="2.5"/></pattern></defs>')
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart {css}" id="{chart_id}" role="img" '
            f'viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet" '
            f'aria-labelledby="{chart_id}-title {chart_id}-desc" font-size="{FONT}">'
            f'<title id="{chart_id}-title">{escape(title)}</title><desc id="{chart_id}-desc">{escape(desc)}</desc>')
    return Markup(head + defs + "".join(body) + "</svg>")


def _nice_top(value: int) -> int:
    """The axis maximum: a round number at or above ``value``."""
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000, 20000, 50000):
        if value <= step * 4:
            return step * 4
    return value


def _fmt(value: float) -> str:
    return f"{value:.0f}"


def histogram(chart_id: str, counts: list[int], *, title: str, desc: str, label: str, width: int = WIDE) -> Markup:
    """Vertical bars of ``counts`` over equal bands from 0 to 100 (10 bands: 0–10 … 90–100)."""
    height, left, right, top, bottom = 260, 44, 12, 18, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    axis_top = _nice_top(max(counts) if counts else 0)
    band = plot_w / max(1, len(counts))
    body = []
    for step in range(5):  # horizontal grid lines with the count scale
        value = axis_top * step / 4
        y = top + plot_h - plot_h * step / 4
        body.append(f'<line class="grid" x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" '
                    f'stroke="#999999" stroke-width="0.5"/>')
        body.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{_fmt(value)}</text>')
    for index, count in enumerate(counts):
        low, high = 100 * index // len(counts), 100 * (index + 1) // len(counts)
        x = left + band * index
        bar_h = plot_h * count / axis_top if axis_top else 0
        tip = escape(f"{low}–{percent(high)}: {count}")
        if count:
            body.append(f'<rect class="bar" x="{x + 3:.1f}" y="{top + plot_h - bar_h:.1f}" width="{band - 6:.1f}" '
                        f'height="{bar_h:.1f}" fill="{FILL}" stroke="#000000"><title>{tip}</title></rect>')
            body.append(f'<text class="value" x="{x + band / 2:.1f}" y="{top + plot_h - bar_h - 4:.1f}" '
                        f'text-anchor="middle">{count}</text>')
        body.append(f'<text x="{x:.1f}" y="{top + plot_h + 16}" text-anchor="middle">{low}</text>')
    body.append(f'<text x="{width - right:.1f}" y="{top + plot_h + 16}" text-anchor="middle">100</text>')
    body.append(f'<line class="axis" x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" '
                f'stroke="#000000"/>')
    body.append(f'<text x="{left + plot_w / 2:.1f}" y="{height - 6}" text-anchor="middle">{escape(label)}</text>')
    return _svg(chart_id, width, height, title, desc, body, "chart-histogram")


def percent_bars(chart_id: str, rows: list[dict], *, title: str, desc: str,
                 thresholds: tuple[float, ...] = (), width: int = WIDE) -> Markup:
    """Horizontal bars from 0 to 100 %; rows are {label, value (None: no data), flagged}.

    Dashed lines mark ``thresholds`` (e.g. the 20 % and 90 % facility limits); flagged bars
    are hatched, so the flag survives greyscale printing.
    """
    narrow = width < WIDE
    row_h, right, top, bottom = 24, 44, 8, 30
    left, longest = (132, 16) if narrow else (200, 26)  # the label column, and the longest label in it
    plot_w = width - left - right
    height = top + row_h * max(1, len(rows)) + bottom
    body = []
    for tick in range(0, 101, 50 if narrow else 20):
        x = left + plot_w * tick / 100
        body.append(f'<line class="grid" x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{height - bottom}" '
                    f'stroke="#999999" stroke-width="0.5"/>')
        body.append(f'<text x="{x:.1f}" y="{height - bottom + 16}" text-anchor="middle">{percent(tick)}</text>')
    for limit in thresholds:
        x = left + plot_w * limit / 100
        body.append(f'<line class="threshold" x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{height - bottom}" '
                    f'stroke="#000000" stroke-dasharray="4 3"/>')
    for index, row in enumerate(rows):
        y = top + row_h * index
        label = str(row["label"])
        short = label if len(label) <= longest else label[:longest - 1].rstrip() + "…"
        body.append(f'<text x="{left - 6}" y="{y + row_h / 2 + 4:.1f}" text-anchor="end">{escape(short)}</text>')
        value = row.get("value")
        if value is None:
            body.append(f'<text class="value" x="{left + 4}" y="{y + row_h / 2 + 4:.1f}">–</text>')
            continue
        bar_w = max(plot_w * max(0.0, min(100.0, value)) / 100, 1.0)  # a sliver even at 0 %
        fill = f"url(#{chart_id}-hatch)" if row.get("flagged") else FILL
        css = "bar bar-flagged" if row.get("flagged") else "bar"
        tip = escape(f"{label}: {percent(value)}")
        body.append(f'<rect class="{css}" x="{left}" y="{y + 4}" width="{bar_w:.1f}" height="{row_h - 8}" '
                    f'fill="{fill}" stroke="#000000"><title>{tip}</title></rect>')
        body.append(f'<text class="value" x="{left + bar_w + 4:.1f}" y="{y + row_h / 2 + 4:.1f}">{percent(value)}</text>')
    body.append(f'<line class="axis" x1="{left}" y1="{top}" x2="{left}" y2="{height - bottom}" stroke="#000000"/>')
    return _svg(chart_id, width, height, title, desc, body, "chart-bars")
