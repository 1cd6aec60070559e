"""The bundled rule files; installed as the package data `addin.rules` (see pyproject.toml)."""
