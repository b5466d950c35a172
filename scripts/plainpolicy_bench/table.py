"""The one table of results, as plain text."""

from __future__ import annotations

from dataclasses import dataclass

HEADER = ("Measure", "plainpolicy", "Alternative", "Ratio", "Target", "Met")


@dataclass
class Row:
    measure: str
    ours: str
    alternative: str = "-"
    ratio: str = "-"
    target: str = "-"
    met: str = "-"

    def cells(self) -> tuple[str, ...]:
        return (self.measure, self.ours, self.alternative, self.ratio, self.target, self.met)


def met(ok: bool | None) -> str:
    return "-" if ok is None else ("yes" if ok else "NO")


def seconds(value: float) -> str:
    return f"{value:.3f} s" if value < 10 else f"{value:.1f} s"


def rate(words_per_second: float) -> str:
    return f"{words_per_second:,.0f} words/s"


def times(value: float) -> str:
    return f"{value:.2f}x"


def percent(value: float) -> str:
    return f"{value * 100:+.0f}%"


def render(title: str, context: list[str], rows: list[Row], notes: list[str]) -> str:
    widths = [max(len(HEADER[i]), *(len(row.cells()[i]) for row in rows)) for i in range(len(HEADER))]

    def line(cells: tuple[str, ...]) -> str:
        return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths)).rstrip()

    rule = "  ".join("-" * width for width in widths)
    out = [title, *context, "", line(HEADER), rule, *(line(row.cells()) for row in rows), rule]
    if notes:
        out += ["", *notes]
    return "\n".join(out) + "\n"
