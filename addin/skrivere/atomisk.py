"""Safe file writes: the target is checked first, written to a temporary file beside it, and
moved into place in one rename when complete, so a failure or a kill leaves the old file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from addin.fejl import RegnskabFejl

_TMP_ENDELSE = ".tmp"

_OS_FEJL = {
    errno.ENOSPC: "der er ikke plads på disken",
    getattr(errno, "EDQUOT", errno.ENOSPC): "diskkvoten er brugt op",
    errno.EFBIG: "filen bliver større, end systemet tillader",
    errno.EACCES: "ingen adgang til at skrive her",
    errno.EPERM: "ingen adgang til at skrive her",
    errno.EROFS: "drevet er skrivebeskyttet",
    errno.ENAMETOOLONG: "filnavnet er for langt",
    errno.EISDIR: "der ligger en mappe med det navn",
}


def skrivefejl(e: OSError, maal: Path | str) -> RegnskabFejl:
    """A Danish message for a failed write; the original file (if any) is untouched."""
    grund = _OS_FEJL.get(e.errno, e.strerror or type(e).__name__)
    return RegnskabFejl(f"Filen kunne ikke skrives: {grund}. En eventuel tidligere fil er "
                        "uændret.", fil=str(maal))


def maalsti(maal: Path | str, endelser: Iterable[str]) -> Path:
    """Check an output path before any work: allowed ending, not a folder, not write-protected.

    A symbolic link is followed, so the file it points to is the one replaced (the link stays).
    """
    maal = Path(maal)
    tilladt = tuple(endelser)
    if maal.suffix.lower() not in tilladt:
        raise RegnskabFejl(f"Ugyldig filtype '{maal.suffix or '(ingen)'}' for resultatet; brug "
                           + " eller ".join(tilladt) + ".", fil=str(maal))
    if maal.is_symlink():
        maal = maal.resolve()
    if maal.is_dir():
        raise RegnskabFejl("Der ligger en mappe med det navn; angiv et filnavn.", fil=str(maal))
    if maal.exists():
        st = maal.stat()
        if not stat.S_ISREG(st.st_mode):
            raise RegnskabFejl("Målet er ikke en almindelig fil.", fil=str(maal))
        if not st.st_mode & 0o222:
            raise RegnskabFejl("Filen er skrivebeskyttet; fjern skrivebeskyttelsen eller skriv "
                               "til en anden fil med --out.", fil=str(maal))
    mappe = maal.parent
    eksisterende = next((p for p in (mappe, *mappe.parents) if p.exists()), None)
    if eksisterende is not None and not eksisterende.is_dir():
        raise RegnskabFejl(f"'{eksisterende}' er en fil, ikke en mappe.", fil=str(maal))
    if eksisterende is not None and not (eksisterende.stat().st_mode & 0o200
                                         and os.access(eksisterende, os.W_OK)):
        raise RegnskabFejl("Mappen er skrivebeskyttet.", fil=str(maal))
    return maal


def _ryd_gamle(maal: Path) -> None:
    """Remove temporary files a killed earlier write to the same target left behind."""
    for gammel in maal.parent.glob(f".{maal.stem}.*{maal.suffix}{_TMP_ENDELSE}"):
        with contextlib.suppress(OSError):
            gammel.unlink()


@contextlib.contextmanager
def atomisk_sti(maal: Path | str) -> Iterator[Path]:
    """Yield a temporary path beside `maal`; on success it replaces `maal` in one rename.

    A failure (or a kill) before the rename leaves any previous file at `maal` untouched; a
    failed write (disk full, no access) becomes one Danish message.
    """
    maal = Path(maal)
    if maal.is_symlink():
        maal = maal.resolve()
    try:
        maal.parent.mkdir(parents=True, exist_ok=True)
        _ryd_gamle(maal)
        fd, navn = tempfile.mkstemp(prefix=f".{maal.stem}.", suffix=maal.suffix + _TMP_ENDELSE,
                                    dir=maal.parent)
        os.close(fd)
    except OSError as e:
        raise skrivefejl(e, maal) from None
    tmp = Path(navn)
    try:
        try:
            yield tmp
            if maal.exists():
                with contextlib.suppress(OSError):
                    os.chmod(tmp, os.stat(maal).st_mode & 0o777)
            else:
                with contextlib.suppress(OSError):
                    os.chmod(tmp, 0o644)
            os.replace(tmp, maal)
        except OSError as e:
            raise skrivefejl(e, maal) from None
        except Exception as e:  # lxml reports a failed write as "IO_ENOSPC" and the like
            kode = re.search(r"IO_(E[A-Z]+)", str(e))
            if kode and hasattr(errno, kode.group(1)):
                raise skrivefejl(OSError(getattr(errno, kode.group(1)), str(e)), maal) from None
            raise
    finally:
        if tmp.exists():
            with contextlib.suppress(OSError):
                tmp.unlink()


def skriv_atomisk(maal: Path | str, skriv: Callable[[Path], None]) -> Path:
    """Call `skriv(tmp_path)` and move the result to `maal` only if it succeeded."""
    with atomisk_sti(maal) as tmp:
        skriv(tmp)
    return Path(maal)
