"""Charts drawn as inline SVG: no script, no network, they print and follow dark mode.

Colours come from CSS classes (`chart-bar`, `chart-auto`, ...) that the page's
stylesheet maps to its light, dark and print palettes. Every chart has a `<title>`
and a `<desc>` listing its values (the text alternative screen readers read), and
each bar has its own `<title>` (a tooltip). The numbers are also in the tables next
to the charts. Text is escaped with markupsafe, like the rest of the page.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH = 760
LABEL_WIDTH = 300
VALUE_WIDTH = 190
BAR_HEIGHT = 18
GAP = 8
MAX_LABEL = 38


@dataclass(frozen=True)
class Bar:
    label: str
    value: float  # what the bar's length shows
    text: str  # what is written after the bar ("6 items, 3–12 h")
    href: str = ""  # a link on the label (an in-page filter), optional
    keep_end: bool = False  # clip a long label at its start (paths: the end says most)


def _clip(label: str, keep_end: bool) -> str:
    if len(label) <= MAX_LABEL:
        return label
    return "…" + label[-(MAX_LABEL - 1):] if keep_end else label[: MAX_LABEL - 1] + "…"


def bar_chart(chart_id: str, title: str, bars: list[Bar], *, summary: str) -> Markup:
    """Horizontal bars, longest first as given."""
    height = max(1, len(bars)) * (BAR_HEIGHT + GAP) + GAP
    top = max((b.value for b in bars), default=0) or 1
    span = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    desc = summary + " " + "; ".join(f"{b.label}: {b.text}" for b in bars)
    parts = [
        Markup('<svg class="chart" id="{0}" data-testid="{0}" role="img" aria-labelledby="{0}-t {0}-d" '
               'viewBox="0 0 {1} {2}" width="{1}" height="{2}" preserveAspectRatio="xMinYMin meet">').format(chart_id, WIDTH, height),
        Markup('<title id="{0}-t">{1}</title><desc id="{0}-d">{2}</desc>').format(chart_id, title, desc),
    ]
    for i, b in enumerate(bars):
        y = GAP + i * (BAR_HEIGHT + GAP)
        length = max(2.0, span * b.value / top) if b.value > 0 else 0.0
        label = escape(_clip(b.label, b.keep_end))
        if b.href:
            label = Markup('<a href="{0}" class="chart-link" data-filter-link="">{1}</a>').format(b.href, label)
        parts.append(Markup(
            '<g class="chart-row"><title>{title}: {text}</title>'
            '<text class="chart-label" x="{lx}" y="{ty}" text-anchor="end">{label}</text>'
            '<rect class="chart-bar" x="{bx}" y="{y}" width="{w:.1f}" height="{h}" rx="2"></rect>'
            '<text class="chart-value" x="{vx:.1f}" y="{ty}">{text}</text></g>'
        ).format(title=b.label, text=b.text, lx=LABEL_WIDTH - 8, ty=y + BAR_HEIGHT - 5, label=label,
                 bx=LABEL_WIDTH, y=y, w=length, h=BAR_HEIGHT, vx=LABEL_WIDTH + length + 6))
    if not bars:
        parts.append(Markup('<text class="chart-label" x="8" y="{0}">Nothing to show</text>').format(BAR_HEIGHT))
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)


def share_chart(chart_id: str, title: str, manual: int, auto: int) -> Markup:
    """One stacked bar: auto-migrated against manual sites, with a legend in words."""
    total = manual + auto
    height = 64
    span = WIDTH - 16
    auto_w = span * auto / total if total else 0
    manual_w = span - auto_w if total else 0
    pct = round(100 * auto / total) if total else 0
    desc = f"{auto} of {total} sites ({pct}%) are migrated automatically; {manual} need a person."
    return Markup(
        '<svg class="chart" id="{id}" data-testid="{id}" role="img" aria-labelledby="{id}-t {id}-d" '
        'viewBox="0 0 {w} {h}" width="{w}" height="{h}" preserveAspectRatio="xMinYMin meet">'
        '<title id="{id}-t">{title}</title><desc id="{id}-d">{desc}</desc>'
        '<g><title>Auto-migrated: {auto}</title><rect class="chart-auto" x="8" y="8" width="{aw:.1f}" height="22" rx="2"></rect></g>'
        '<g><title>Manual: {manual}</title><rect class="chart-manual" x="{mx:.1f}" y="8" width="{mw:.1f}" height="22" rx="2"></rect></g>'
        '<rect class="chart-auto" x="8" y="42" width="12" height="12"></rect>'
        '<text class="chart-label" x="26" y="52">Auto-migrated {auto} ({pct}%)</text>'
        '<rect class="chart-manual" x="{lx}" y="42" width="12" height="12"></rect>'
        '<text class="chart-label" x="{ltx}" y="52">Manual {manual} ({mpct}%)</text>'
        "</svg>"
    ).format(id=chart_id, w=WIDTH, h=height, title=title, desc=desc, auto=auto, manual=manual, aw=auto_w,
             mx=8 + auto_w, mw=manual_w, pct=pct, mpct=100 - pct if total else 0, lx=WIDTH // 2, ltx=WIDTH // 2 + 18)
