"""Matching: which claims of different articles state the same fact.

Takes the archive's claims (`Claim` models, with their frames); gives `ClaimCluster`s, each a group of
claims about one fact, and the evidence that weighs how sure that is.

- `tiles`: a large archive cut into stretches of days, matched one at a time, each fact reported once;
- `syndication`: wire copies carried by several outlets, so that each story counts once;
- `stories`: which articles report one real-world event, from the names and phrases they share;
- `embedding`: sentence vectors of the claims' masked contexts (sentence-transformers), each encoded once
  and, in a tiled run, forgotten after the last tile that asks for it;
- `intervals`: when two figures can both be true (dimensions, rounding, bounds, units);
- `constraints`: the pairs no similarity may join, and the claims that pin no fact;
- `cofigures`: the other figures of a claim's sentence, as evidence of what it is about;
- `cluster`: blocking by counted noun or dimension and date, then constrained clustering by similarity;
- `confidence`: the fitted weights that turn the evidence into a finding's confidence.
"""
