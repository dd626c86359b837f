"""The invented world: outlet names, sections, time zones, towns, regions, countries, people, storm
names, companies, clubs, unions and parties. Nothing here names a real place or person.
"""

from __future__ import annotations

from random import Random

OUTLET_NAMES = (
    "The Harbor Ledger",
    "Northgate Tribune",
    "Calder Valley Post",
    "The Morning Lantern",
    "Westmere Courier",
    "Ironbridge Daily",
    "The Saltmarsh Gazette",
    "Pinecrest Herald",
    "Redfern Observer",
    "The Coastal Dispatch",
    "Amberly News",
    "Graystone Chronicle",
    "The Evening Compass",
    "Brightwater Times",
    "Halden Express",
    "Lowmoor Record",
    "The Civic Monitor",
    "Eastvale Sentinel",
    "Marrow Point Journal",
    "The Open Wire",
    "Kestrel News Agency",
    "Fairhaven Independent",
    "The Daily Meridian",
    "Orchard Bay Star",
    "Silverline Report",
    "The Capital Beacon",
    "Thornbury Standard",
    "Riverside Bulletin",
    "The Plainsman",
    "Glenmoor Argus",
    "Northwind Media",
    "The Frontline Review",
    "Copperfield Weekly",
    "Hollin Press",
    "The Granary Voice",
    "Bellhaven Mail",
    "Stonegate Wire",
    "Larkspur Online",
    "The Quayside Echo",
    "Vantage Point News",
)
SECTIONS = ("news", "world", "national", "local", "business", "sport", "politics", "region")
TZ_OFFSETS = (0, 0, 60, 60, 60, 120, -300, -240, -360, -420, 330, 540, 600, 180)
SAID = ("said", "said", "said", "told reporters", "said in a statement", "told the outlet")

TOWNS = (
    "Port Elwin",
    "Carrowmore",
    "Dunmere",
    "Ashby Vale",
    "Kelsington",
    "Marlow Cross",
    "Fenwick",
    "Oriel Bay",
    "Tamsworth",
    "Braemoor",
    "Castlereach",
    "Holloway Falls",
    "Lindqvist",
    "Saint Aubrey",
    "Varnham",
    "Queensreach",
    "Eldergate",
    "Moravia Springs",
    "Penhallow",
    "Rookfield",
    "Sundara",
    "Tarrin",
    "Whitcombe",
    "Zeller Point",
)
REGIONS = (
    "the Northern Coast",
    "Calder Province",
    "the Eastern Highlands",
    "Marren County",
    "the Southern Plains",
    "Ostvale Region",
    "the Lake District of Ennis",
    "Harrow State",
    "the Western Delta",
    "Brannock Prefecture",
)
COUNTRIES = ("Eldoria", "Vestland", "Morrova", "Quessa", "Tarvania", "Lindmark", "Oskara")
FIRST = (
    "Mara",
    "Tomas",
    "Aisha",
    "Jonah",
    "Priya",
    "Elias",
    "Greta",
    "Samuel",
    "Noor",
    "Viktor",
    "Lena",
    "Rafael",
    "Ines",
    "Kofi",
    "Hana",
    "Dmitri",
    "Clara",
    "Mateo",
    "Yara",
    "Oskar",
)
LAST = (
    "Quill",
    "Bramwell",
    "Okafor",
    "Lindgren",
    "Castellano",
    "Hartigan",
    "Novak",
    "Ferreira",
    "Achterberg",
    "Moreau",
    "Kaminski",
    "Delacroix",
    "Osei",
    "Vasquez",
    "Thorne",
    "Iversen",
    "Mbeki",
    "Rossetti",
    "Halvorsen",
    "Nakamura",
)
STORM_NAMES = ("Idris", "Bronwen", "Calloway", "Delphine", "Everett", "Fenna", "Gideon", "Hester")
COMPANIES = (
    "Veltrane Energy",
    "Northwave Retail",
    "Corbel Logistics",
    "Aurelian Motors",
    "Brightfield Telecom",
    "Kessler Foods",
    "Halcyon Pharma",
    "Meridian Steel",
    "Lumora Airlines",
    "Pellucid Software",
)
CLUBS = (
    "Ashford Rovers",
    "Calder City",
    "Port Elwin United",
    "Dunmere Athletic",
    "Rookfield Wanderers",
    "Sporting Varnham",
    "Oriel Bay FC",
    "Kelsington Town",
)
UNIONS = {
    "rail": "the Rail Operatives' Union",
    "school": "the National Teachers' Federation",
    "port": "the Port and Dock Workers' Association",
    "hospital": "the Health Staff Alliance",
    "bus": "the Transport Workers' Union",
}
SECTORS = tuple(UNIONS)
PARTIES = (
    "the Civic Alliance",
    "the People's Forward Party",
    "the Green Union",
    "the National Renewal Party",
    "the Social Democratic Bloc",
    "the Liberal Centre",
)


def person(rng: Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


PERSON_KEYS = (
    "official",
    "witness",
    "employer",
    "analyst",
    "leader",
    "rival",
    "chairman",
    "player",
)


def distinct_people(ctx: dict[str, str], rng: Random) -> dict[str, str]:
    """Give every person in an event a different surname (quotes use surnames)."""
    keys = [k for k in PERSON_KEYS if k in ctx]
    surnames = rng.sample(LAST, len(keys))
    for key, surname in zip(keys, surnames, strict=True):
        ctx[key] = f"{ctx[key].split()[0]} {surname}"
    if "minister" in ctx:
        ctx["minister"] = ctx["official"]
    return ctx
