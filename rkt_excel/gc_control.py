"""Garbage-collector control for bulk stages (reading many forms, consolidating, writing).

Owns ``gc_paused`` only. Generic on purpose: knows nothing of forms or workbooks.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for a bulk stage, then turn it back on.

    Reading, consolidating and writing a recap make millions of small objects that reference
    counting frees on its own; the collector's passes over the ones kept (every form read so
    far) found nothing to collect and cost 10-25 % of each stage (docs/BENCHMARKS.md). Nested
    pauses are fine; a collector the caller turned off stays off.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
