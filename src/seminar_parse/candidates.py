"""Scored candidates and the one resolver that chooses between them.

Every extractor that has competing sources for a value yields :class:`Candidate` objects: the value,
where it was read (character offsets in the cleaned text), the rule that produced it and the
features seen around it. Its score is the sum of the weights in :data:`seminar_parse.weights.WEIGHTS`
for its field, one weight per feature (the rule is a feature too, ``rule:label``), so that every
decision can be read off one table and ``--explain`` can say why the runner-up lost.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from seminar_parse.weights import WEIGHTS


@dataclass(frozen=True)
class Candidate:
    """One possible value of a field, with the evidence and the score that rank it."""

    field: str
    value: str
    start: int
    end: int
    rule: str
    features: tuple[str, ...] = ()
    score: float = 0.0

    def why(self) -> str:
        """``rule:heading +1.0, quoted +2.0, block:related -8.0`` — the weights that made the score."""
        table = WEIGHTS.get(self.field, {})
        parts = [f"{name} {table[name]:+g}" for name in (f"rule:{self.rule}", *self.features) if table.get(name)]
        return ", ".join(parts)


def candidate(field_name: str, value: str, span: tuple[int, int], rule: str,
              features: Iterable[str] = ()) -> Candidate:
    """A candidate scored from the weight table: unknown features weigh nothing."""
    names = tuple(dict.fromkeys(features))
    table = WEIGHTS.get(field_name, {})
    score = table.get(f"rule:{rule}", 0.0) + sum(table.get(name, 0.0) for name in names)
    return Candidate(field_name, value, span[0], span[1], rule, names, round(score, 3))


@dataclass(frozen=True)
class Choice:
    """The winner of one field (or None) and the runners-up, best first."""

    field: str
    winner: Candidate | None
    runners_up: tuple[Candidate, ...] = ()

    @property
    def value(self) -> str | None:
        return self.winner.value if self.winner else None


def choose(field_name: str, candidates: Iterable[Candidate], *, threshold: float = 0.0,
           keep: int = 4) -> Choice:
    """The best candidate scoring above ``threshold``; ties go to the one read first in the text.

    Candidates with the same (folded) value are one: the best-scored copy stands for them.
    """
    ranked = sorted(candidates, key=lambda c: (-c.score, c.start))
    distinct: list[Candidate] = []
    seen: set[str] = set()
    for item in ranked:
        key = "".join(ch for ch in item.value.casefold() if ch.isalnum())
        if key in seen:
            continue
        seen.add(key)
        distinct.append(item)
    if not distinct or distinct[0].score <= threshold:
        return Choice(field_name, None, tuple(distinct[:keep]))
    return Choice(field_name, distinct[0], tuple(distinct[1:keep + 1]))
