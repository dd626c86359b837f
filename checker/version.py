"""The package's version, written into every report and store; kept apart from `checker/__init__.py` so
that the stages can name it without importing the package's public surface (and so the pipeline)."""

__version__ = "0.1.0"
