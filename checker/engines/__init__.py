"""Engines: where and how extraction runs, where the claims wait, what a rerun can skip, and the stages
after extraction a tile at a time.

Takes the archive's articles and the run's options; gives the same claim sets (`ClaimSets`) that
`checker.claims.extract` gives in one process, from many processes, from Ray actors, or from a store
of earlier runs, and the sentence vectors a store already holds; then the findings, matched and judged
a tile at a time so that a run's memory follows its largest tile, not the archive.

- `workers`: extraction on every core, in chunks of articles, one spaCy pipeline per process;
- `processes`: the worker processes: fresh interpreters that never import the calling script;
- `ray_engine`: extraction as Ray Data actors (`--engine ray`), on a local Ray or a cluster;
- `store`: the SQLite file of `--store`: tables, content hashes and fingerprints, `store info|vacuum`;
- `reuse`: a run with a store: unchanged articles' claims and known vectors taken, the rest stored;
- `spill`: an archive of more than one tile writes its claims to a store (`--store`, or a temporary one)
  as they are extracted, and each tile reads its own back;
- `tiled`: syndication, then per tile: its claims counted once, stories, clusters, judging; only the
  findings are kept.
"""
