"""Extraction as an ordered list of small named steps over one `Document`.

Each step declares the `Document` attributes it needs and the ones it adds;
`Pipeline` checks at construction that every need is met by an earlier step,
so a misordered pipeline fails loudly instead of silently extracting nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from thidua.understand.document import Document

StepFunction = Callable[[Document], None]


@dataclass(frozen=True)
class Step:
    name: str
    needs: tuple[str, ...]
    adds: tuple[str, ...]
    run: StepFunction


def step(*, needs: Iterable[str] = (), adds: Iterable[str]) -> Callable[[StepFunction], Step]:
    """Decorate a function `f(doc) -> None` as a pipeline step."""

    def wrap(function: StepFunction) -> Step:
        return Step(name=function.__name__, needs=tuple(needs), adds=tuple(adds), run=function)

    return wrap


class PipelineError(ValueError):
    """A pipeline whose steps are ordered so that a need is not met."""


class Pipeline:
    """Runs steps in order; `text` and `name` are always available."""

    BASE = frozenset({"text", "name", "title", "published_hint", "locality"})

    def __init__(self, steps: Sequence[Step]) -> None:
        available = set(self.BASE)
        for s in steps:
            missing = [n for n in s.needs if n not in available]
            if missing:
                raise PipelineError(f"step {s.name!r} needs {missing}, which no earlier step adds")
            available.update(s.adds)
        self.steps = list(steps)

    def __call__(self, doc: Document) -> Document:
        for s in self.steps:
            s.run(doc)
            doc.done.add(s.name)
        return doc

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.steps]
