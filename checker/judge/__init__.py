"""Judgement: within a cluster of claims about one fact, what an editor should make of them.

Takes `ClaimCluster`s (and the archive's entity claims); gives `Finding`s: a conflict, a figure disputed
between opposing parties, or a revision of a running total, each with its sources, reasons and
confidence.

- `numeric`: first mentions, the majority figure, the kind of finding and its confidence;
- `explained`: disagreements both outlets can be right about (elapsed time, birthdays, worked sums);
- `reasons`: the shared frame slots and the interval arithmetic an editor can verify;
- `entities`: entity conflicts, the same slot of one event filled with places that cannot both be right.
"""
