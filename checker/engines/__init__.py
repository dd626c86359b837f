"""Engines: where and how extraction runs, and what a rerun can skip.

Takes the archive's articles and the run's options; gives the same claim sets (`ClaimSets`) that
`checker.claims.extract` gives in one process, from many processes, from Ray actors, or from a store
of earlier runs, and the sentence vectors a store already holds.

- `workers`: extraction on every core, in chunks of articles, one spaCy pipeline per process;
- `ray_engine`: extraction as Ray Data actors (`--engine ray`), on a local Ray or a cluster;
- `store`: the SQLite file of `--store`: tables, content hashes and fingerprints, `store info|vacuum`;
- `reuse`: a run with a store: unchanged articles' claims and known vectors taken, the rest stored.
"""
