"""Atomic file writes: a report is written to a temporary file and moved into place when complete."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path


@contextlib.contextmanager
def atomisk_sti(maal: Path | str) -> Iterator[Path]:
    """Yield a temporary path beside `maal`; on success it replaces `maal` in one rename.

    A failure (or a kill) before the rename leaves any previous file at `maal` untouched.
    """
    maal = Path(maal)
    maal.parent.mkdir(parents=True, exist_ok=True)
    fd, navn = tempfile.mkstemp(prefix=f".{maal.stem}.", suffix=maal.suffix + ".tmp",
                                dir=maal.parent)
    os.close(fd)
    tmp = Path(navn)
    try:
        yield tmp
        if maal.exists():
            with contextlib.suppress(OSError):
                os.chmod(tmp, os.stat(maal).st_mode & 0o777)
        else:
            with contextlib.suppress(OSError):
                os.chmod(tmp, 0o644)
        os.replace(tmp, maal)
    finally:
        if tmp.exists():
            tmp.unlink()


def skriv_atomisk(maal: Path | str, skriv: Callable[[Path], None]) -> Path:
    """Call `skriv(tmp_path)` and move the result to `maal` only if it succeeded."""
    with atomisk_sti(maal) as tmp:
        skriv(tmp)
    return Path(maal)
