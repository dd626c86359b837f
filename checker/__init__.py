"""checker: find conflicting figures across news articles, with their sources.

The public surface: `check` (an archive in, a `Report` out), `compare` (two texts, files or Articles),
`extract` and `extract_entities` (the numeric and entity claims of an article, file or text),
`load_archive`, `parse_quantities`, and the pydantic models they return.
"""

from checker.figures.quantities import parse_quantities
from checker.models import (
    SCHEMA_VERSION,
    Article,
    Claim,
    ClaimCluster,
    EntityClaim,
    Finding,
    FindingKind,
    MajorityFigure,
    Qualifier,
    Quantity,
    Report,
    Severity,
    SkippedInput,
)
from checker.options import CheckOptions
from checker.pipeline import check, compare, extract, extract_entities
from checker.read.ingest import Archive, InputError, load_archive
from checker.read.nlp import ModelLoadError
from checker.version import __version__

__all__ = [
    "SCHEMA_VERSION",
    "Archive",
    "Article",
    "CheckOptions",
    "Claim",
    "ClaimCluster",
    "EntityClaim",
    "Finding",
    "FindingKind",
    "InputError",
    "MajorityFigure",
    "ModelLoadError",
    "Qualifier",
    "Quantity",
    "Report",
    "Severity",
    "SkippedInput",
    "__version__",
    "check",
    "compare",
    "extract",
    "extract_entities",
    "load_archive",
    "parse_quantities",
]
