"""`checker store info|vacuum`: what a --store file holds, and dropping what no run will use again.

A thin layer over `checker.engines.store`: its own typer app (`store_app`), which `checker.cli` adds to
the main app as the `store` group.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from checker.cli.output import check_options, fail, stdout_errors
from checker.cli.params import DisableRuleOption, SpacyOption
from checker.engines.upkeep import StoreInfo, store_info, vacuum_store
from checker.read.ingest import InputError

store_app = typer.Typer(
    help="Look after a --store file: what it holds, and dropping what no run will use again.\n\n"
    "\b\nExamples:\n"
    "  checker store info checker.db\n"
    "  checker store vacuum checker.db --archive archive/",
    no_args_is_help=True,
    rich_markup_mode=None,
)
StorePath = Annotated[Path, typer.Argument(metavar="FILE", help="the store (a --store file)")]


def _on_disk(size: int) -> str:
    return f"{size / 2**20:,.1f} MB" if size >= 2**20 else f"{size / 2**10:,.0f} KB"


def _info_text(info: StoreInfo) -> str:
    lines = [
        f"store {info.path}: schema {info.schema}, made by checker {info.created_by}, "
        f"{_on_disk(info.bytes)} on disk",
        f"  articles       {info.articles:,}",
        f"  claims         {info.claims:,}",
        f"  entity claims  {info.entity_claims:,}",
        f"  vectors        {info.vectors:,}"
        + "".join(f"\n    {model}: {count:,}" for model, count in sorted(info.models.items())),
        f"  fingerprints   {len(info.fingerprints)}",
    ]
    for f in info.fingerprints:
        said = f.description
        rules = ", ".join(said.get("rules_off") or []) or "none"
        lines.append(
            f"    {f.fingerprint}  checker {said.get('checker')} (code {said.get('code')}), "
            f"spaCy {said.get('spacy_model')}, "
            f"rules off: {rules}; {f.articles:,} articles, last used {f.last_used}"
            + ("  (default settings)" if f.current else "")
        )
    return "\n".join(lines) + "\n"


@store_app.command("info")
def store_info_command(path: StorePath) -> None:
    """What a store holds: its schema, articles, claims, vectors, size on disk, and the fingerprints
    (checker version, spaCy pipeline, rules off) its entries were extracted under.

    \b
    Example:
      checker store info checker.db
    """
    try:
        info = store_info(path)
    except InputError as err:
        raise fail(str(err)) from err
    with stdout_errors():
        sys.stdout.write(_info_text(info))


@store_app.command("vacuum")
def store_vacuum_command(
    path: StorePath,
    archive: Annotated[
        Path | None,
        typer.Option(
            "--archive", metavar="PATH", help="also drop the articles that are no longer in this archive"
        ),
    ] = None,
    spacy_model: SpacyOption = None,
    disable_rule: DisableRuleOption = None,
) -> None:
    """Drop the entries of other fingerprints than the settings given (default: the default settings),
    with --archive the articles no longer in it, the vectors no kept claim needs, and each tile's findings
    (the next run finds them again); then compact the file.

    \b
    Examples:
      checker store vacuum checker.db
      checker store vacuum checker.db --archive archive/
      checker store vacuum checker.db --disable-rule street_address   # keep what such runs extracted
    """
    opts = check_options(
        spacy_model=spacy_model, disabled_rules=frozenset(disable_rule) if disable_rule else None
    )
    try:
        done = vacuum_store(path, opts, archive)
    except InputError as err:
        raise fail(str(err)) from err
    with stdout_errors():
        sys.stdout.write(
            f"store {path}: dropped {done.articles:,} article entries and {done.vectors:,} vectors; "
            f"{_on_disk(done.bytes_before)} -> {_on_disk(done.bytes_after)}\n"
        )
