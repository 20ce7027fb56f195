"""Small-number suppression for tables of counts, so no small group can be singled out.

A count from 1 to threshold-1 is hidden (primary suppression). Where a row or column total
is shown, a single hidden cell could be worked out by subtraction, so the smallest other
count in that row or column is hidden too (secondary suppression), until no line has exactly
one hidden cell.
"""

from collections.abc import Collection
from dataclasses import dataclass


@dataclass(frozen=True)
class Cell:
    value: int
    suppressed: bool
    threshold: int = 5
    secondary: bool = False  # hidden only so a small cell cannot be worked out from totals

    def __str__(self):
        if self.secondary:
            return "hidden"
        return f"fewer than {self.threshold}" if self.suppressed else str(self.value)


def is_small(count: int, threshold: int) -> bool:
    return 0 < count < threshold


def suppress_table(
    counts: list[list[int]], threshold: int, hidden_elsewhere: Collection[tuple[int, int]] = ()
) -> list[list[Cell]]:
    """Cells of a table whose row and column totals are published alongside it. Cells
    (row, column) hidden_elsewhere are hidden in another table that shares them, so here too."""
    hidden = {
        (r, c) for r, row in enumerate(counts) for c, n in enumerate(row) if is_small(n, threshold)
    }
    hidden |= set(hidden_elsewhere)
    lines = [[(r, c) for c in range(len(row))] for r, row in enumerate(counts)]
    if counts:
        lines += [[(r, c) for r in range(len(counts))] for c in range(len(counts[0]))]
    changed = True
    while changed:
        changed = False
        for line in lines:
            in_line = [pos for pos in line if pos in hidden]
            if len(in_line) != 1:
                continue
            others = [pos for pos in line if pos not in hidden and counts[pos[0]][pos[1]] > 0]
            if others:
                hidden.add(min(others, key=lambda pos: counts[pos[0]][pos[1]]))
                changed = True
    return [
        [
            Cell(n, (r, c) in hidden, threshold, (r, c) in hidden and not is_small(n, threshold))
            for c, n in enumerate(row)
        ]
        for r, row in enumerate(counts)
    ]


def suppress_total(total: int, threshold: int) -> Cell:
    return Cell(total, is_small(total, threshold), threshold)


def small_theme_label(threshold: int) -> str:
    return f"A small theme (fewer than {threshold} answers)"


def theme_label_shown(label: str, size: int, threshold: int, *, is_non_answer: bool = False) -> str:
    """A theme's label, or words saying it is small: a small theme's label is drawn from the
    words of a few children. The non-answers' group has a fixed name that quotes nobody."""
    if size < threshold and not is_non_answer:
        return small_theme_label(threshold)
    return label
