"""Claims: what each figure of an article states, read off the sentence's dependency parse.

Takes articles (`Article` models from `checker.read`), split into sentences, and the figures
`checker.figures` reads in each; gives `Claim` models (a figure with its frame: what it counts, the
event, who did it, where, when, who says so, its concept) and `EntityClaim` models (where an event
happened, where a ship was bound, who holds a role) via `checker.claims.extract.extract_claim_sets`,
which returns a `ClaimSets` per archive. Each module imports only those listed above it:

- `sentence_index`: a parsed sentence read once for all of its figures (`SentenceIndex`);
- `slots`: the words of a frame's slots (a phrase, its normalised name) and of a concept;
- `time_scopes`: time words resolved to days, and a figure's time scope;
- `claimants`: who says so ('according to X', 'X said'), and the side a claimant speaks for;
- `frames`: the event, actor, place and site of a figure, and the frame built from all the slots;
- `counting`: what a figure counts or measures, and whether it is a part or a per-party share;
- `concepts`: what a figure is about, in NewsQuant's sense ('core inflation', 'fine');
- `entity_claims`: facts whose value is a place or a person, from the same parse;
- `nonclaims`: figures that state nothing (addresses, clock times, counters, phone numbers), calibres;
- `extract`: sentences, the claims of each, and `extract_claim_sets` over an archive;
- `measures`: what the words around two claims' figures say they measure, for matching and judging;
- `scopes`: when one figure covers only a share of what another covers, for judging.
"""
