"""The currency tables: every currency checker reads, by symbol, ISO code and name, with its subunits.

ISO 4217 codes come from pycountry; English names, current and historic, and the symbols each currency's
own countries write ("₡", "₾") come from babel's CLDR data. `data/units.json` holds what neither says: how
news writes money ("$" alone is US dollars, "francs", "$A5"), and subunits. The tokenizer, the units and
the money reader all look currencies up here, so this module needs nothing of the figures stage.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from checker.tables import load_table


@dataclass(frozen=True)
class Subunit:
    name: str  # "cent"
    of: str  # the currency it divides, "USD"
    per: int  # how many make one of it


@dataclass(frozen=True)
class Currencies:
    symbols: dict[str, str]  # symbol -> code, longest first
    words: dict[str, str]  # lower-cased name -> code
    dollar_prefixes: dict[str, str]
    dollar_suffixes: dict[str, str]
    subunits: dict[str, Subunit]  # surface -> subunit
    glued_only: frozenset[str]  # subunit surfaces read only glued to digits ('164p')
    max_words: int


def _babel_names(skip: frozenset[str]) -> tuple[dict[str, str], dict[str, str]]:
    """English names and plural names of every currency CLDR knows, and the symbols written for each
    in the countries that use it; a current ISO code wins a name or symbol shared with a historic one."""
    import pycountry
    from babel import Locale
    from babel.core import get_global
    from babel.numbers import get_currency_name

    current = {c.alpha_3 for c in pycountry.currencies}
    words: dict[str, str] = {}
    for code in sorted(set(Locale("en").currencies) - skip, key=lambda c: c not in current):
        for count in (1, 2):
            name = get_currency_name(code, count=count, locale="en").lower()
            if "(" not in name:
                words.setdefault(name, code)
    symbols: dict[str, set[str]] = {}
    for territory, history in get_global("territory_currencies").items():
        in_use = [code for code, _, end, tender in history if end is None and tender]
        try:
            local = Locale.parse(f"und_{territory}")
        except Exception:  # babel has no locale for some territories
            continue
        for code in in_use:
            symbol = local.currency_symbols.get(code)
            if symbol and not any(ch.isascii() and ch.isalpha() for ch in symbol):
                symbols.setdefault(symbol, set()).add(code)
    return words, {s: next(iter(codes)) for s, codes in symbols.items() if len(codes) == 1}


@cache
def currencies() -> Currencies:
    raw: dict[str, Any] = load_table("units.json")["currencies"]
    babel_words, babel_symbols = _babel_names(frozenset(raw["not_currencies"]))
    words = {**babel_words, **{k: v for k, v in raw["words"].items() if not k.startswith("_")}}
    symbols = {**babel_symbols, **raw["symbols"]}
    subunits: dict[str, Subunit] = {}
    for name, spec in raw["subunits"].items():
        if not name.startswith("_"):
            for surface in spec["surfaces"]:
                subunits[surface] = Subunit(name, spec["of"], int(spec["per"]))
    return Currencies(
        symbols=dict(sorted(symbols.items(), key=lambda kv: -len(kv[0]))),
        words=words,
        dollar_prefixes=dict(raw["dollar_prefixes"]),
        dollar_suffixes=dict(raw["dollar_suffixes"]),
        subunits=subunits,
        glued_only=frozenset(raw["glued_only"]),
        max_words=max(len(w.split()) for w in [*words, *subunits]),
    )


@cache
def _codes() -> frozenset[str]:
    table = currencies()
    return frozenset([*table.words.values(), *table.symbols.values()])


def is_currency(name: str) -> bool:
    """Whether a unit name is a currency code checker reads ('USD', 'FIM', 'BTC')."""
    return name in _codes() or iso_currency(name) is not None


def all_symbols() -> list[str]:
    """Every symbol the tokenizer must keep whole: currency signs and subunit signs ('¢')."""
    table = currencies()
    signs = [s for s in table.subunits if not any(ch.isalnum() for ch in s)]
    return sorted([*table.symbols, *signs], key=len, reverse=True)


@cache
def iso_currency(code: str) -> str | None:
    """'USD' -> 'USD' when pycountry knows it as an ISO 4217 code; written in capitals only."""
    if len(code) != 3 or not code.isalpha() or not code.isupper():
        return None
    import pycountry

    found = pycountry.currencies.get(alpha_3=code)
    return found.alpha_3 if found else None


def subunit(name: str) -> Subunit | None:
    """The subunit of a unit name ('cent', 'penny'), or None."""
    for sub in currencies().subunits.values():
        if sub.name == name:
            return sub
    return None
