"""parse_quantities: what is a figure, how it is read, and that no input breaks it."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker import Qualifier, parse_quantities
from checker.figures.units import to_base


def only(text: str):
    found = parse_quantities(text)
    assert len(found) == 1, [q.surface for q in found]
    return found[0]


@pytest.mark.parametrize(
    ("text", "surface", "value", "low", "high", "qualifier", "unit"),
    [
        ("agreed to exchange 1,000 prisoners each", "1,000", 1000, 1000, 1000, Qualifier.EXACT, "prisoner"),
        (
            "More than 160 flights were delayed",
            "More than 160",
            160,
            160,
            None,
            Qualifier.MORE_THAN,
            "flight",
        ),
        (
            "the roughly 1,000-kilometer front",
            "roughly 1,000-kilometer",
            1000,
            1000,
            1000,
            Qualifier.APPROXIMATE,
            "kilometre",
        ),
        ("a 620-mile front", "620-mile", 620, 620, 620, Qualifier.EXACT, "mile"),
        (
            "killed tens of thousands of troops",
            "tens of thousands",
            10000,
            10000,
            100000,
            Qualifier.VAGUE,
            "troop",
        ),
        ("firing dozens of drones", "dozens", 24, 24, 100, Qualifier.VAGUE, "drone"),
        ("a thousand prisoners", "a thousand", 1000, 1000, 1000, Qualifier.EXACT, "prisoner"),
        ("during two hours of talks", "two hours", 2, 2, 2, Qualifier.EXACT, "hour"),
        ("a 30-day ceasefire", "30-day", 30, 30, 30, Qualifier.EXACT, "day"),
        ("their more than three-year war", "more than three-year", 3, 3, None, Qualifier.MORE_THAN, "year"),
        ("nearly $30m of fees", "nearly $30m", 30e6, 0, 30e6, Qualifier.LESS_THAN, "USD"),
        ("prices rose 3.5% in May", "3.5%", 3.5, 3.5, 3.5, Qualifier.EXACT, "percent"),
        ("between 100 and 120 people", "between 100 and 120", 100, 100, 120, Qualifier.RANGE, "people"),
        ("a $3bn deal", "$3bn", 3e9, 3e9, 3e9, Qualifier.EXACT, "USD"),
        ("1.2 million people", "1.2 million", 1.2e6, 1.2e6, 1.2e6, Qualifier.EXACT, "people"),
        ("up to 500 homes", "up to 500", 500, 0, 500, Qualifier.AT_MOST, "home"),
        ("one hundred and five drones", "one hundred and five", 105, 105, 105, Qualifier.EXACT, "drone"),
        ("over the past three or four years", "three or four years", 3, 3, 4, Qualifier.RANGE, "year"),
        (
            "given between 44 mg and 50 mg daily",
            "between 44 mg and 50 mg",
            44,
            44,
            50,
            Qualifier.RANGE,
            "milligram",
        ),
        (
            "between $US160 million and $US171 million",
            "between $US160 million and $US171 million",
            160e6,
            160e6,
            171e6,
            Qualifier.RANGE,
            "USD",
        ),
        (
            "dropping from 208 pounds to 193 by May",
            "from 208 pounds to 193",
            208,
            193,
            208,
            Qualifier.RANGE,
            "pound",
        ),
    ],
)
def test_reads_figures(text, surface, value, low, high, qualifier, unit):
    q = only(text)
    assert (q.surface, q.qualifier, q.unit) == (surface, qualifier, unit)
    assert math.isclose(q.value, value)
    assert q.low == low and q.high == high
    assert text[q.start : q.end] == surface


@pytest.mark.parametrize(
    "text",
    [
        "Wednesday, May 21, 2025.",
        "Posted at 8:03 am.",
        "the first face-to-face meeting since 2022",
        "on the fourth year of the war",
        "the second straight night",
        "an F-16 jet and COVID-19 rules",
        "on Highway 403 near the exit",
        "call 416-555-0199 for details",
        "pressure on the two sides",
        "the 21st century",
        "no one was hurt",
        "the sp 500 was flat",
        "In Europe: Stoxx 50 closed",
        "a house at 49 Zorro Ranch Road, Stanley",
        "Unit 3 at 16-18 Industrial Avenue, has",
        "lives at 9 E 71st St, Manhattan",
        "scp-173 m",
        "Between 1600 and 1900 the climate",
    ],
)
def test_not_figures(text):
    assert parse_quantities(text) == []


def test_percent_change_direction():
    q = only("Sales fell by 4 percent last year")
    assert (q.unit, q.change) == ("percent", "down")


def test_a_range_from_one_state_to_another_runs_either_way():
    q = only("Ethereum fell from $2,415 at 1am to $2,315 at 7am.")
    assert (q.low, q.high, q.unit, q.qualifier, q.change) == (2315, 2415, "USD", Qualifier.RANGE, None)
    assert only("growth will slow from 4.8 to 4.7 percent").low == 4.7


@pytest.mark.parametrize(
    ("text", "low", "high", "low_inclusive", "high_inclusive"),
    [
        ("more than 10 and less than 40 boats", 10, 40, False, False),
        ("at most 100 and at least 20 apples", 20, 100, True, True),
        ("above one quarter and below a half", 0.25, 0.5, False, False),
        ("less than 5000 or equal", None, 5000, True, True),
        ("more than 5000 or equal to it", 5000, None, True, True),
        ("about five hundred or more", 500, None, True, True),
    ],
)
def test_two_bounds_make_one_interval(text, low, high, low_inclusive, high_inclusive):
    q = only(text)
    assert (q.low, q.high) == (0 if low is None else low, high)  # a count is never below 0
    assert (q.low_inclusive, q.high_inclusive) == (low_inclusive, high_inclusive)


def test_bounds_that_leave_no_room_stay_two_figures():
    found = parse_quantities("More than 40 and less than 10 were seen")
    assert [(q.qualifier, q.value) for q in found] == [(Qualifier.MORE_THAN, 40), (Qualifier.LESS_THAN, 10)]


def test_equality_and_comparison_signs():
    assert only("the number equals 20").hedge == "equals"
    assert only("x<-30").high == -30
    assert only("<>30").qualifier is Qualifier.EXACT


def test_a_subunit_compares_with_its_currency():
    assert to_base(164, "penny") == to_base(1.64, "GBP")


def test_a_code_that_is_an_english_word_is_not_money():
    assert only("ALL 5 solutions are wrong.").dimension == "count"


@pytest.mark.parametrize(
    ("text", "value"), [("1/2 pound of chocolate", 0.5), ("1/40 of the wavelength", 0.025), ("-4/5", -0.8)]
)
def test_slash_fractions(text, value):
    assert math.isclose(only(text).value, value)


@pytest.mark.parametrize("text", ["after the 9/11 attacks", "open 24/7", "on 5/17/2018 at noon"])
def test_slashes_that_are_not_fractions(text):
    assert parse_quantities(text) == []


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit", "dimension"),
    [
        ("it only cost 3 dollars 50 cents.", "3 dollars 50 cents", 3.5, "USD", "currency:USD"),
        ("the contract rose 1.20 cents", "1.20 cents", 1.2, "cent", "currency:USD"),
        ("shares rose 6.5% to 164p.", "164p", 164, "penny", "currency:GBP"),
        ("a notebook for 1,200€ today", "1,200€", 1200, "EUR", "currency:EUR"),
        ("for 420 million Finnish markkas", "420 million Finnish markkas", 420e6, "FIM", "currency:FIM"),
        ("I spend 100₾ on it", "100₾", 100, "GEL", "currency:GEL"),
        ("losses of 30 MUSD were reported", "30 MUSD", 30e6, "USD", "currency:USD"),
        ("a loan of 35 lakh rupees", "35 lakh rupees", 3.5e6, "INR", "currency:INR"),
        ("from $6.78 billion a year earlier", "$6.78 billion", 6.78e9, "USD", "currency:USD"),
        ("he is 5 feet and 2 inches.", "5 feet and 2 inches", 5 + 2 / 12, "foot", "length"),
        ("a 4 km cubed lake", "4 km cubed", 4, "cubic kilometre", "volume"),
        ("a 24703m2 plot", "24703m2", 24703, "square metre", "area"),
        ("0.9 trillion cubic feet of gas", "0.9 trillion cubic feet", 0.9e12, "cubic foot", "volume"),
        (
            "jets of up to 400 metres per second",
            "up to 400 metres per second",
            400,
            "metre per second",
            "speed",
        ),
        ("fields of 10 kV/cm.", "10 kV/cm", 10, "kilovolt per centimetre", None),
        ("The weight is 20 (kg)", "20 (kg)", 20, "kilogram", "mass"),
        ("flying at an altitude of 30' when", "30'", 30, "foot", "length"),
        # a height in feet and inches, never a count and inches, nor square feet
        ("he stood 6'2\" and weighed 200 pounds", "6'2\"", 6 + 2 / 12, "foot", "length"),
        ("described as a black male, 5’11”, 160lbs", "5’11”", 5 + 11 / 12, "foot", "length"),
        ("a 6′2″ man", "6′2″", 6 + 2 / 12, "foot", "length"),
        ("a man standing at 6'2 and weighing 350 pounds", "6'2", 6 + 2 / 12, "foot", "length"),
        ("I'm 1.8m tall.", "1.8m", 1.8, "metre", "length"),
        ("the 37m (121ft)-long skeleton", "37m", 37, "metre", "length"),
        ("he slipped and fell about 60m from a ridge", "about 60m", 60, "metre", "length"),
        ("the wreck lies at a depth of 10m", "10m", 10, "metre", "length"),
        ("sales fell 35m of its devices", "35m", 35_000_000, "device", "count"),
        ("a 2.4Ghz toy", "2.4Ghz", 2.4, "gigahertz", "frequency"),
        ("rotate 90 degrees", "90 degrees", 90, "degree", "angle"),
        ("carbon at 1200 parts per million", "1200 parts per million", 1200, "part per million", None),
        ("make 5G available", "5G", 5, "network generation", "network generation"),
        ("275 pound-feet of torque", "275 pound-feet", 275, "pound-foot", None),
        ("a 52,000 barrel-a-day refinery", "52,000 barrel-a-day", 52000, "barrel per day", None),
        ("Maddon, 66, has used", "66", 66, "year", "duration"),
        ("the boy, aged 12, was", "12", 12, "year", "duration"),
        ("In total, 1,307,000 Americans were", "1,307,000", 1307000, "American", "count"),
        ("and eight other employees left", "eight", 8, "other employee", "count"),
        ("Half the condos, which", "Half", 0.5, "condo", "count"),
        ("a third of voters said", "a third", 1 / 3, "voter", "count"),
        ("the 50 previous years worth", "50 previous years", 50, "year", "duration"),
        ("spin nearly 78,000 times a minute.", "nearly 78,000", 78000, "time per minute", "count"),
        ("1/16 of a US pint", "1/16 of a US pint", 1 / 16, "pint", "volume"),
        ("a 640bhp engine", "640bhp", 640, "brake horsepower", "power"),
        ("The length of my pencil is 2 in.", "2 in", 2, "inch", "length"),
        ("The shortest day has only 3 hrs.", "3 hrs", 3, "hour", "duration"),
        ("only for $15.4/hour", "$15.4/hour", 15.4, "USD per hour", "currency:USD per hour"),
        ("a bandgap (1.7 eV) than", "1.7 eV", 1.7, "electron volt", "energy"),
        ("a density of 5.5x10-3 kg/cm³", "5.5x10-3 kg/cm³", 0.0055, "kilogram per cubic centimetre", None),
        ("They were given 45 and 50 mg ethanol.", "45", 45, "milligram", "mass"),
        (
            "cool gas to minus-260 degrees Fahrenheit",
            "minus-260 degrees Fahrenheit",
            -260,
            "degree Fahrenheit",
            None,
        ),
        ("chipmakers produce sub-7 nanometer chips", "sub-7 nanometer", 7, "nanometre", "length"),
        ("One US fluid ounce is", "One US fluid ounce", 1, "fluid ounce", "volume"),
        ("in a year or two.", "two", 2, "year", "duration"),
        ("a 200,000 to-260,000 year-old skull", "200,000 to-260,000 year-old", 200000, "year", "duration"),
        ("her now-18 month-old daughter", "18 month-old", 18, "month", "duration"),
        (
            "about 15,000 British thermal units of heat",
            "about 15,000 British thermal units",
            15000,
            "british thermal unit",
            "energy",
        ),
    ],
)
def test_reads_money_and_units(text, surface, value, unit, dimension):
    (q,) = [q for q in parse_quantities(text) if q.surface == surface]
    assert q.unit == unit
    assert math.isclose(q.value, value)
    assert dimension is None or q.dimension == dimension


@pytest.mark.parametrize(
    "text",
    [
        "35m of its Echo devices",
        "a part numbered 24703L202",
        "in 2022′s rout",
        'he said "I have 10" twice',
        "she said “I saw 10” and left",
        "he said ‘we have 40’ today",
        "in the 1990’s rout",
        # typeset quotes are primes only inside a height; an angle's primes are no length
        "the players’ union said ‘we need 40’ today",
        "Salah scored twice (23’, 67’) and Kane once (90+2’)",
        "it lies at 40°26′46″N",
        "it lies at 40° 26′ 46″ N",
    ],
)
def test_not_a_measure(text):
    assert all(q.dimension in {"count", "currency:USD"} for q in parse_quantities(text))


def test_two_heights_in_one_sentence_are_both_heights():
    read = [
        (round(q.value, 3), q.unit) for q in parse_quantities("Two men fled: one 6'2\", the other 5'11\".")
    ]
    assert read[-2:] == [(6.167, "foot"), (5.917, "foot")]
    spaced = parse_quantities("He is 6' 2\" tall, and the other 5’ 11” tall.")
    assert [(round(q.value, 3), q.unit) for q in spaced] == [(6.167, "foot"), (5.917, "foot")]
    weighed = parse_quantities("the 6'2, 200-pound guard, 6' 2 inches tall")
    assert [(round(q.value, 3), q.unit) for q in weighed] == [
        (6.167, "foot"),
        (200, "pound"),
        (6.167, "foot"),
    ]
    quoted = parse_quantities("A 5’11” man fled and police said “we need 40” more officers.")
    assert [q.unit for q in quoted] == ["foot", None]


def test_no_figures_inside_a_web_address():
    assert [q.surface for q in parse_quantities("see www.bbc.co.uk/news/12345?a=30%25 for 5 km")] == ["5 km"]


def test_percent_of_heading_a_clause():
    assert only("percent of 10").unit == "percent"
    assert [q.unit for q in parse_quantities("5 percent of 10 cases")] == ["percent", "case"]


@pytest.mark.parametrize(
    ("text", "changes"),
    [
        ("The Dow lost 190 points, or 0.6%.", ["down", "down"]),
        ("e-minis were up 0.25 points, or 0.01% and", ["up", "up"]),
        ("expected to grow sales by 35 per cent this half", ["up"]),
        ("temperatures dropped by 1 degree Celsius (1.8 Fahrenheit)", ["down", "down"]),
    ],
)
def test_changes(text, changes):
    assert [q.change for q in parse_quantities(text)] == changes


def test_uncertainty_and_signed_range_ends():
    q = only("It weighs 2,000.45±0.01 pounds")
    assert (q.value, q.low, q.high, q.unit) == (
        2000.45,
        pytest.approx(2000.44),
        pytest.approx(2000.46),
        "pound",
    )
    q = only("temperatures ranged from -18 °C to -34 °C")
    assert (q.low, q.high, q.unit) == (-34, -18, "degree Celsius")
    q = only("rose from about $350 per kg to $680 per kg")
    assert (q.low, q.high, q.unit) == (350, 680, "USD per kilogram")


def test_shot_down_is_not_a_change():
    assert only("it shot down 105 drones").change is None


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("The lattice spacing is 3.7 pm.", [(3.7, "picometre")]),  # no clock shows 3.7
        ("The gap shrank to 4.125 am.", [(4.125, "attometre")]),
        ("The talks resume at 2.30 pm and end at 6 pm.", []),  # clock times, not figures
        ("The mine ships about 12,000 tpd of ore.", [(12000, "tonne per day")]),
        (
            "The kiln ran at 900 °C (1,652 °F, 1,173.15K).",
            [(900, "degree Celsius"), (1652, "degree Fahrenheit"), (1173.15, "kelvin")],
        ),
        ("She was paid 90K last year.", [(90000, None)]),  # a glued K with no temperature near is thousands
    ],
)
def test_symbols_read_by_what_surrounds_them(text, read):
    assert [(q.value, q.unit) for q in parse_quantities(text)] == [(pytest.approx(v), u) for v, u in read]


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("The isotope decays at 2e-3 s-1.", [(0.002, "inverse second", "frequency")]),
        ("Uptake grew by 3 yr^-1 there.", [(3, "inverse year", "frequency")]),
        ("Panels take in 40 W/m2 per day.", [(40, "watt per square metre per day", "[mass] / [time] ** 4")]),
        ("The gas was cooled to absolute zero.", [(0, "kelvin", "temperature")]),
        ("The probe sends three kb per second.", [(3, "kilobit per second", "frequency")]),
        ("The photo is 900 kb.", [(900, "kilobit", "dimensionless")]),  # kilobits, never kilobarns
        ("Water boils at 212° on the Fahrenheit scale.", [(212, "degree Fahrenheit", "temperature")]),
    ],
)
def test_scientific_unit_notation(text, read):
    assert [(q.value, q.unit, q.dimension) for q in parse_quantities(text)] == read


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("The farm sold a litre of milk to each family.", [(1, "litre")]),
        ("The shelter is about a mile from the coast.", [(1, "mile")]),
        ("Not a cent of the grant was spent.", [(1, "cent")]),
        ("Prices rose a year earlier and twice a day.", []),  # when and how often, not one year
        ("The car does 40 miles a gallon.", [(40, "mile")]),  # 'a' after a figure: per what
        ("No band could hold a candle to them.", []),  # a noun pint also reads is no unit here
    ],
)
def test_an_article_before_a_unit_is_one(text, read):
    assert [(q.value, q.unit) for q in parse_quantities(text)] == read


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("four million, six hundred & twelve voters", [4_000_612]),
        ("two thousand, three hundred and five cars", [2305]),
        ("one million, two million or more", [1e6, 2e6]),  # a comma between two whole numbers
        ("two thousand, three thousand", [2000, 3000]),
    ],
)
def test_number_words_grouped_by_commas(text, values):
    assert [q.value for q in parse_quantities(text)] == values


@given(st.text(max_size=300))
def test_never_crashes_and_spans_point_at_surface(text):
    for q in parse_quantities(text):
        assert text[q.start : q.end] == q.surface
        if q.low is not None:
            assert q.low <= q.value
        if q.high is not None:
            assert q.value <= q.high


_FIGURE_WORDS = st.sampled_from(
    [
        "1,000",
        "-5",
        "3.5",
        "2 1/2",
        "½",
        "$",
        "US",
        "€",
        "%",
        "per cent",
        "km/h",
        "-",
        "to",
        "and",
        "between",
        "more than",
        "nearly",
        "about",
        "tens of thousands",
        "dozens",
        "half",
        "a",
        "third",
        "three",
        "million",
        "bn",
        "k",
        "year-old",
        "miles",
        "or more",
        "from",
        "rose",
        "fell",
        "May",
        "2025",
        ":",
        "/",
        "(",
        ")",
    ]
)


@given(
    st.lists(_FIGURE_WORDS, max_size=12), st.lists(st.sampled_from([" ", "", "  "]), min_size=12, max_size=12)
)
def test_figure_like_text_never_breaks_it(words, gaps):
    text = "".join(w + g for w, g in zip(words, gaps, strict=False))
    for q in parse_quantities(text):
        assert text[q.start : q.end] == q.surface
        assert q.low is None or q.low <= q.value
        assert q.high is None or q.value <= q.high


@given(st.integers(min_value=0, max_value=10**12))
def test_digit_groups_round_trip(n):
    text = f"officials counted {n:,} ballots"
    q = only(text)
    assert q.value == n


def test_a_number_after_a_receivers_name_is_an_amount():
    assert [q.value for q in parse_quantities("The council paid Smith 5,000 dollars.")] == [5000]
    assert [q.value for q in parse_quantities("Sam gave Mary 23 more cards.")] == [23]
    assert parse_quantities("The Apollo 11 crew landed.") == []


def test_a_clock_time_with_a_spaced_colon_is_not_a_measure():
    assert parse_quantities("Updated Wednesday at 5: 53 PM") == []
    assert [q.unit for q in parse_quantities("The particle travelled 2.123 pm.")] == ["picometre"]


def test_a_range_dash_before_a_closing_currency_symbol_does_not_break_it():
    assert [q.value for q in parse_quantities("1,000 - $")] == [1000]


def test_a_year_before_a_word_ending_in_s_stays_a_year():
    assert parse_quantities("Thomas came into 2010 as the team's leading rusher.") == []
    assert parse_quantities("2010 was a hard season.") == []
    assert [q.surface for q in parse_quantities("The quake damaged 2000 homes.")] == ["2000"]


@pytest.mark.parametrize(
    "text",
    [
        "He scored twice in the second half.",
        "chips ship in the first half of the year",
        "He was hurt in the 13-10 overtime loss.",
        "After an 18-30 start, they won.",
        "The fire was out by 6: 40 a. m.",
    ],
)
def test_periods_scores_and_clock_minutes_are_not_figures(text):
    assert parse_quantities(text) == []


def test_half_of_something_is_still_a_figure():
    assert [(q.value, q.unit) for q in parse_quantities("half the country voted")] == [(0.5, "country")]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [("in three-plus seasons", 3, "season"), ("20-plus years", 20, "year"), ("50 plus people", 50, "people")],
)
def test_plus_after_a_figure_is_a_lower_bound(text, value, unit):
    q = only(text)
    assert (q.value, q.low, q.high, q.qualifier, q.unit) == (value, value, None, Qualifier.AT_LEAST, unit)


def test_plus_between_figures_is_a_sum():
    assert [q.value for q in parse_quantities("5 plus 3 is 8")] == [5, 3, 8]


@pytest.mark.parametrize(
    ("text", "unit", "dimension"),
    [
        ("averaging 3.8 yards per run", "yard per run", "length per run"),
        ("He averaged 5.2 yards a carry.", "yard per carry", "length per carry"),
        ("rations of 5 liters per person", "litre per person", "volume per person"),
    ],
)
def test_a_measure_per_thing_is_a_rate(text, unit, dimension):
    q = only(text)
    assert (q.unit, q.dimension) == (unit, dimension)


def test_a_measure_a_day_stays_a_speed_and_a_walk_is_no_rate():
    assert only("10 km a day").dimension == "speed"
    assert only("5 km a mile further").unit == "kilometre"


@pytest.mark.parametrize(
    ("text", "value"),
    [("a record 4, 183 passing yards", 4183), ("about 1, 500 houses", 1500), ("a 6. 1 magnitude quake", 6.1)],
)
def test_digit_groups_a_tokenized_source_spaced_out(text, value):
    assert only(text).value == value


def test_a_spaced_chain_of_groups_stays_a_list():
    assert [q.value for q in parse_quantities("1, 234, 567")] == [1, 234, 567]


@pytest.mark.parametrize(("text", "value"), [("a $5.4-billion deal", 5.4e9), ("$3-million", 3e6)])
def test_a_scale_word_after_a_hyphen_scales(text, value):
    assert only(text).value == value


@pytest.mark.parametrize(
    "text", ["a zero-day vulnerability", "Microsoft Releases Patch For IE Zero Day Flaw"]
)
def test_zero_day_is_a_term(text):
    assert parse_quantities(text) == []


def test_a_measure_allowed_per_game_is_a_rate():
    assert only("Pittsburgh's pass defense (156.9 yards allowed per game)").unit == "yard per game"


def test_a_bracketed_conversion_of_a_hedged_measure_is_hedged():
    found = parse_quantities("The quake struck at a depth of some 40 km (25 miles).")
    assert [(q.surface, q.qualifier) for q in found] == [
        ("some 40 km", Qualifier.APPROXIMATE),
        ("25 miles", Qualifier.APPROXIMATE),
    ]


def test_an_age_a_tokenized_source_spaced_out_is_an_age():
    q = only("A 32 - year - old British climber died.")
    assert (q.surface, q.unit, q.age) == ("32 - year - old", "year", True)
