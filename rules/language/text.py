"""A message ready to be read: its canonical tokens and the numbers among them."""

from __future__ import annotations

from functools import cached_property

from rules.language.numbers import Num, find_numbers
from rules.language.tokens import Tokens


class Text(Tokens):
    """A normalised text, its canonical tokens, and their numbers (computed once)."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._nums: dict[bool, list[Num]] = {}

    def numbers(self, group_thousands: bool = False) -> list[Num]:
        """Every number of the text (digits or words), in order; computed once."""
        if group_thousands not in self._nums:
            self._nums[group_thousands] = find_numbers(self, group_thousands)
        return self._nums[group_thousands]

    @cached_property
    def by_start(self) -> dict[int, Num]:
        """Numbers (thousands not grouped) by their first token."""
        return {n.start: n for n in self.numbers()}

    @cached_property
    def by_end(self) -> dict[int, Num]:
        """Numbers (thousands not grouped) by the token after them."""
        return {n.end: n for n in self.numbers()}
