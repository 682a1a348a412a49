"""Fast pickling for the frozen, slotted records that worker processes send back.

Owns ``sent_between_processes``, a class decorator. A ``dataclass(slots=True)`` pickles
through the generic ``__getstate__``/``__setstate__`` that dataclasses add, which look the
fields up again for every object: a form of 30 rows is about 250 such records, and undoing
them was the main process's largest cost while two workers read (docs/BENCHMARKS.md). A class
so decorated pickles as its constructor call instead, the same values in field order.
Generic on purpose: knows nothing of forms or issues.
"""

from __future__ import annotations

from dataclasses import fields
from operator import attrgetter
from typing import Any, TypeVar

T = TypeVar("T")


def sent_between_processes(cls: type[T]) -> type[T]:
    """``cls`` (a dataclass whose fields are all ``__init__`` arguments, at least two)
    pickled as ``cls(*values)``."""
    names = [f.name for f in fields(cls)]  # type: ignore[arg-type]
    if len(names) < 2 or any(not f.init for f in fields(cls)):  # type: ignore[arg-type]
        raise TypeError(f"{cls.__name__}: needs two or more fields, all set by __init__")
    values = attrgetter(*names)

    def __reduce__(self: Any) -> tuple[type[T], tuple[Any, ...]]:
        return cls, values(self)

    cls.__reduce__ = __reduce__  # type: ignore[method-assign]
    return cls


__all__ = ["sent_between_processes"]
