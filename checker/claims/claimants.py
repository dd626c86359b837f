"""Who stands behind a figure: the party of a claimant, so that Moscow's count and Kyiv's count of
the same night are told apart from two outlets disagreeing about one source's count."""

from __future__ import annotations

from functools import cache

from checker.claims.frames import normalise_name
from checker.entities.places import resolve_place
from checker.models import Slot
from checker.tables import load_table


@cache
def _country_of(name: str, *, demonym: bool) -> str | None:
    """ISO country code of a place name ('Russia', 'Kyiv' -> UA) or, with `demonym`, of a demonym
    ('Ukrainian' -> UA)."""
    if len(name) < 3 or not name[0].isupper():
        return None
    rewrites = load_table("frames.json")["demonym_suffixes"] if demonym else []
    forms = [name[: -len(old)] + new for old, new in rewrites if name.endswith(old)] if demonym else [name]
    places = [p for p in map(resolve_place, forms) if p is not None]
    # a demonym names a country: 'Russian' is Russia, not the Bulgarian town of Russe
    for kinds in ({"country"}, set() if demonym else {"city"}):
        for place in places:
            if place.kind in kinds:
                return place.country_code
    return None


def party(claimant: Slot | None) -> str | None:
    """The side a claimant speaks for: a country code when the claimant is a place ('Kyiv'), is a
    place's ('Russia's Defence Ministry') or is named by a demonym ('Ukrainian officials'); otherwise
    the claimant's normalised name. Other capitalised words ('Gov. Wes Moore') are never read as places."""
    if claimant is None:
        return None
    text = claimant.text.replace("\u2019", "'")
    whole = _country_of(text.strip(), demonym=False)
    if whole is not None:
        return whole
    words = text.split()
    for k, word in enumerate(words):
        if word.endswith("'s") and (code := _country_of(word[:-2], demonym=False)):
            return code
        if k < len(words) - 1 and (code := _country_of(word, demonym=True)):
            return code
    return normalise_name(claimant.text) or None


def _is_code(side: str) -> bool:
    return len(side) == 2 and side.isupper()


def may_be_one_side(a: str, b: str) -> bool:
    """Whether two parties could be the same side; only proof of difference separates them."""
    if _is_code(a) and _is_code(b):
        return a == b
    if _is_code(a) or _is_code(b):
        return True  # 'Russia' and 'the ministry': nothing proves they differ
    return bool(set(a.split()) & set(b.split()))


def opposing(sides: list[list[str | None]]) -> bool:
    """Two groups of claims whose parties are all known and none could be the other's."""
    first, second = sides
    if any(p is None for p in first + second):
        return False
    return not any(may_be_one_side(a, b) for a in first for b in second if a and b)
