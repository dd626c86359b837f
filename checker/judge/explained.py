"""Disagreements explained away: two figures that differ without either outlet being wrong.

The judge asks these of an outlier and an agreeing figure before it calls a disagreement:
- crossed: each article also states the other's figure, so the pair was matched the wrong way round
  (a list of marks, a score, the Dow and the S&P);
- worked out: one figure is arithmetic on the other article's figures (35 books plus 56 bought is the
  91 held now; 8,000 a day for 100 days is 800,000 in total): a total after a change is another
  quantity, not a disagreement.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import cache
from itertools import combinations, product

from checker.match.cluster import BARE_BLOCK, block_key
from checker.match.intervals import compatible
from checker.models import Claim, Qualifier
from checker.options import CheckOptions
from checker.tables import load_table

#: article id -> every figure that article states
Mentions = Mapping[str, Sequence[Claim]]

#: a total is reached from at most this many figures, the figure itself included
#: ("had 7 dimes, her dad gave her 8 and her mother 4": 7 + 8 + 4 = 19)
MAX_TERMS = 3


def _comparable(m: Claim, figure: Claim, block: str) -> bool:
    """Stated in the figure's block, or a bare figure of its dimension whose noun the reader missed
    ('76, 65, 82 and 67 marks': only the last figure of a list carries the noun)."""
    key = block_key(m)
    bare = key is None or key.startswith(BARE_BLOCK)
    return key == block or (bare and m.quantity.dimension == figure.quantity.dimension)


def _states(mentions: Mentions, article_id: str, block: str, figure: Claim, options: CheckOptions) -> bool:
    stated = (m for m in mentions.get(article_id, ()) if _comparable(m, figure, block))
    return any(compatible(m.quantity, figure.quantity, options) for m in stated)


def crossed(o: Claim, a: Claim, block: str, mentions: Mentions, options: CheckOptions) -> bool:
    """Each article also states the other's figure: two facts paired the wrong way round."""
    return _states(mentions, o.article_id, block, a, options) and _states(
        mentions, a.article_id, block, o, options
    )


def _close(x: float, y: float) -> bool:
    return abs(x - y) <= 1e-6 * max(1.0, abs(x), abs(y))


def _exact(c: Claim) -> bool:
    q = c.quantity
    return q.low == q.value == q.high and q.qualifier == Qualifier.EXACT


@cache
def _words(key: str) -> re.Pattern[str]:
    """Any of the words listed under `key` in frames.json, as whole words."""
    words = sorted(load_table("frames.json")[key], key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)


@cache
def _comparison() -> re.Pattern[str]:
    """'3 more birds than nests', '3 times as many people ... than': right after the figure."""
    return re.compile(
        rf"\s*(?:\S+\s+){{0,2}}?{_words('comparatives').pattern}(?:\s+\S+){{0,6}}?\s+than\b", re.IGNORECASE
    )


def _is_result(c: Claim) -> bool:
    """'has 19 dimes now', '14 cakes were served in total': the figure sums up changes; '3 more birds
    than nests', '3 times as many': it compares two others."""
    return bool(_words("result_cues").search(c.sentence) or _comparison().match(c.sentence_after))


def _reaches(x: float, parts: Sequence[float], goal: float, terms: int) -> bool:
    """x plus or minus up to `terms` of the parts (each used once) is the goal."""
    for size in range(1, min(terms, len(parts)) + 1):
        for chosen in combinations(parts, size):
            for signs in product((1, -1), repeat=size):
                if _close(abs(x + sum(s * v for s, v in zip(signs, chosen, strict=True))), goal):
                    return True
    return False


def _a_rate_factor(m: Claim) -> bool:
    """A figure that multiplies another: a span of time (8,000 a day for 100 days) or a per-party
    figure ('1,000 each')."""
    return m.quantity.dimension == "duration" or m.distributive


def _worked_from(x: Claim, goal: Claim, block: str, mentions: Mentions, *, result: bool) -> bool:
    others = [m for m in mentions.get(x.article_id, ()) if m.id != x.id and _exact(m)]
    value, target = x.quantity.value, goal.quantity.value
    same_block = [m.quantity.value for m in others if block_key(m) == block]
    if _reaches(value, same_block, target, MAX_TERMS - 1 if result else 1):
        return True
    if result:  # a result sums the parts told in one sentence, whose nouns the reader may have missed
        same_sentence = [m.quantity.value for m in others if m.sentence_start == x.sentence_start]
        if _reaches(value, same_sentence, target, MAX_TERMS - 1):
            return True
    factors = [
        m.quantity.value
        for m in others
        if _a_rate_factor(m)
        or _a_rate_factor(x)
        or (
            m.sentence_start == x.sentence_start
            and (result or _words("rate_words").search(x.sentence) or _is_result(m))
        )
    ]
    return any(_close(value * v, target) or (v != 0 and _close(value / v, target)) for v in factors)


def worked_out(o: Claim, a: Claim, block: str, mentions: Mentions) -> bool:
    """The outlier is arithmetic on the other article's figures (sum, difference, product, ratio), or
    either figure is the result ('now', 'in total', 'left') of the parts the other article tells."""
    if not (_exact(o) and _exact(a)):
        return False  # bounds and round figures are not the outcome of a sum
    return _worked_from(a, o, block, mentions, result=_is_result(o)) or (
        _is_result(a) and _worked_from(o, a, block, mentions, result=True)
    )
