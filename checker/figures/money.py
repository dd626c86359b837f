"""Money: a currency by symbol, ISO code or name, before or after the figure ("$5", "5 €", "USD10m",
"420 million Finnish markkas"), its subunits ("50 cents", "164p") and amounts written in both ("3 dollars
50 cents").

The tables it reads are `checker.figures.currencies`. No exchange rates: different currencies are never
compared; a subunit compares with its currency ("164p" is £1.64).
"""

from __future__ import annotations

from typing import NamedTuple

from checker.figures.currencies import currencies, iso_currency
from checker.figures.numbers import number_at
from checker.figures.tokens import Tok
from checker.tables import stop_words


class Currency(NamedTuple):
    """A currency found around a figure: its code (or subunit name), where it is, and a scale it carries
    ('MUSD' is millions of US dollars)."""

    code: str
    at: int
    scale: float = 1.0


def _code_word(tok: Tok, after_digits: bool) -> Currency | None:
    """An ISO code as a word: 'EUR', 'usd' after digits ('20 usd'); 'MUSD', 'MEUR' are millions."""
    text = tok.text
    if len(text) == 4 and text[0] == "M" and iso_currency(text[1:]):
        return Currency(text[1:], 0, 1e6)
    if text.lower() in stop_words():
        return None  # "ALL 5 solutions"
    code = iso_currency(text) or (iso_currency(text.upper()) if after_digits and text.islower() else None)
    return Currency(code, 0) if code else None


def currency_at(toks: list[Tok], k: int, after_digits: bool) -> tuple[Currency, int] | None:
    """(currency, tokens used) for money named from token k on, right after a figure: a name
    ('dollars', 'Dutch guilders'), a code ('usd', 'MEUR'), a sign ('10 €') or a subunit ('50 cents',
    '164p'). `code` is the subunit's name for a subunit."""
    table = currencies()
    tok = toks[k]
    if tok.kind == "sym" and after_digits:
        if tok.text in table.symbols:
            return Currency(table.symbols[tok.text], k), 1
        if tok.text in table.subunits:
            return Currency(table.subunits[tok.text].name, k), 1
    for n in range(min(table.max_words, len(toks) - k), 0, -1):
        window = toks[k : k + n]
        phrase = " ".join(t.low for t in window)
        if phrase in table.words:
            return Currency(table.words[phrase], k), n
        if phrase in table.subunits and (phrase not in table.glued_only or _glued_to_digits(toks, k)):
            return Currency(table.subunits[phrase].name, k), n
    glued_to_next = k + 1 < len(toks) and toks[k + 1].kind == "num" and tok.glued_to(toks[k + 1])
    if tok.kind == "word" and not glued_to_next and (found := _code_word(tok, after_digits)) is not None:
        return Currency(found.code, k, found.scale), 1  # not "3 USD50 cards": that code is the 50's
    return None


def _glued_to_digits(toks: list[Tok], k: int) -> bool:
    return k >= 1 and toks[k - 1].kind == "num" and toks[k - 1].glued_to(toks[k])


def currency_before(toks: list[Tok], i: int) -> Currency | None:
    """The currency written before the figure at token i: '$5', 'US $5', '$US5', 'aud$ 15', 'USD10m',
    'EUR 5', 'MAUD 60'."""
    if i < 1:
        return None
    table = currencies()
    prev = toks[i - 1]
    if prev.kind == "sym" and prev.text in table.symbols:
        code = table.symbols[prev.text]
        before = toks[i - 2] if i >= 2 else None
        # "US $5", "HK $5", "C $5", "aud$ 15": a country prefix or a code before the dollar sign
        if code == "USD" and before is not None and before.text in table.dollar_prefixes:
            return Currency(table.dollar_prefixes[before.text], i - 2)
        if code == "USD" and before is not None and before.glued_to(prev):
            glued = iso_currency(before.text.upper()) if before.kind == "word" else None
            if glued is not None:
                return Currency(glued, i - 2)
        return Currency(code, i - 1)
    if prev.kind == "word" and (found := _code_word(prev, after_digits=False)) is not None:
        return Currency(found.code, i - 1, found.scale)  # "USD10m", "EUR 50m", "MAUD 60"
    if prev.kind == "word" and prev.text in table.dollar_suffixes and i >= 2:
        before = toks[i - 2]
        if before.text == "$" and before.glued_to(prev):
            return Currency(table.dollar_suffixes[prev.text], i - 2)  # "$US5", "$A5"
    return None


def subunit_amount_after(toks: list[Tok], k: int, code: str) -> tuple[float, int] | None:
    """'3 dollars 50 cents', 'thirteen dollars and forty-five cents', '15 dollars 50.': the subunits
    written after a whole amount, as a fraction of it, and the token after them. Without a subunit word
    the number must end the clause, or it is a figure of its own."""
    table = currencies()
    start = k + 1 if k < len(toks) and toks[k].low == "and" else k
    if start >= len(toks) or toks[start].kind not in {"num", "word"}:
        return None
    cents = number_at(toks, start)
    if cents is None or cents.i != start or not (0 < cents.value < 100) or cents.value != int(cents.value):
        return None
    end = cents.j
    nxt = toks[end] if end < len(toks) else None
    if nxt is not None and nxt.low in table.subunits:
        sub = table.subunits[nxt.low]
        if sub.of != code:
            return None
        return cents.value / sub.per, end + 1
    if nxt is None or (nxt.kind == "punct" and nxt.text in {".", ",", ";", "!", "?", ")"}):
        return cents.value / 100, end
    return None
