"""The bundled examples, one folder per report kind, found with importlib.resources."""

from __future__ import annotations

import importlib.resources
from pathlib import Path


def eksempel(navn: str) -> Path:
    """The folder of a bundled example, e.g. "bif-regnskab-2024"."""
    return Path(str(importlib.resources.files(__name__))) / navn
