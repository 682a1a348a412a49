"""File plumbing shared by every writer: write to a temporary name, then rename into place.

Generic on purpose: knows nothing of workbooks, so readers never see a half-written file.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def atomic_write(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; rename it over ``path`` when the block succeeds.

    The temporary file is removed when the block raises, so a failed write never leaves a
    truncated file under the real name. The temporary name keeps the target's suffix because
    some writers (pandas.to_excel) choose their engine from it. The file is not created here:
    the writer creates it with the usual permissions (mkstemp would make it private, 0600).
    """
    target = Path(path)
    tmp = target.with_name(f".{target.stem}.{secrets.token_hex(4)}.tmp{target.suffix}")
    try:
        yield tmp
        # os.replace is atomic within one file system, hence the same directory.
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
