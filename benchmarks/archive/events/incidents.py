"""Event templates of man-made incidents: drone attack and rail crash.

Each event type draws its figures and its people and places, and holds the titles, leads, fact
sentences, colour and quotes its articles are written from (see `base.EventType`).
"""

from __future__ import annotations

from random import Random

from ..facts import C, Fact
from .base import EventType, place_context


def _drone_facts(r: Random) -> dict[str, Fact]:
    launched = r.randint(12, 160)
    return {
        "drones": C(launched, "drone"),
        "downed": C(max(launched - r.randint(2, 25), 1), "drone"),
        "deaths": C(r.randint(1, 25), "person", "people"),
        "injured": C(r.randint(3, 90), "person", "people"),
        "border": Fact("km", r.randint(20, 400)),
        "buildings": C(r.randint(5, 120), "building"),
        "power": C(r.randint(5, 300) * 1000, "home"),
        "outage": Fact("duration", r.randint(3, 30), unit="hour"),
    }


def _drone_context(r: Random) -> dict[str, str]:
    ctx = place_context(r)
    ctx["official_role"] = r.choice(
        (
            "the regional military administration head",
            "the city's mayor",
            "an air force spokesperson",
        )
    )
    return ctx


DRONE = EventType(
    "drone_attack",
    _drone_facts,
    _drone_context,
    titles=(
        "Drone attack on {place} kills {deaths:n}",
        "{drones} launched overnight at {region}, air force says",
        "Air defences down {downed} in overnight attack on {place}",
        "Drone strike leaves {power} without power in {place}",
        "Overnight drone attack: what we know",
    ),
    leads=(
        "A drone attack on {place} [overnight|late on {weekday}] killed {deaths} and injured "
        "{injured}, [local officials|the regional administration] said.",
        "{drones} were launched at {region} overnight, the air force said on {weekday}, of "
        "which {downed} were shot down or jammed.",
        "Emergency services in {place} were clearing debris on {weekday} after a drone strike "
        "killed {deaths} and damaged {buildings}.",
    ),
    sentences=(
        "The air force said {downed:n} of the {drones:n} drones had been intercepted.",
        "Officials said {injured} were injured, including children.",
        "{buildings} were damaged, among them apartment blocks and a school.",
        "The strike cut electricity to {power}, and repairs could take {outage}.",
        "The city lies {border} from the border and has been targeted repeatedly in recent months.",
        "The death toll rose to {deaths:n} as rescuers searched the rubble of a residential building.",
    ),
    colour=(
        "Residents spent the night in basements and metro stations as air raid sirens sounded.",
        "Photos from the scene showed burnt-out cars and shattered windows along a main street.",
        "The attack was one of the largest on the region this year.",
        "Firefighters worked for hours to put out blazes at several sites.",
    ),
    quotes=(
        ("witness", "It was a terrible night, the explosions went on for hours"),
        ("official", "Our air defence worked well, but not every drone can be stopped"),
        ("official", "We will rebuild, as we have done every time before"),
    ),
)


def _rail_facts(r: Random) -> dict[str, Fact]:
    cur = r.choice("$€")
    return {
        "passengers": C(r.randint(80, 600), "passenger"),
        "deaths": C(r.randint(1, 40), "person", "people"),
        "injured": C(r.randint(10, 200), "person", "people"),
        "speed": Fact("speed", r.randint(6, 18) * 10),
        "carriages": C(r.randint(2, 9), "carriage"),
        "distance": Fact("km", r.randint(2, 40)),
        "delay": Fact("duration", r.randint(6, 72), unit="hour"),
        "compensation": Fact("money", r.randint(2, 60) * 1e6, unit=cur),
    }


def _rail_context(r: Random) -> dict[str, str]:
    ctx = place_context(r)
    ctx["official_role"] = r.choice(("the transport minister", "the rail operator's chief executive"))
    ctx["witness_role"] = "a passenger on the train"
    return ctx


RAIL = EventType(
    "rail_crash",
    _rail_facts,
    _rail_context,
    titles=(
        "Train derails near {place}, killing {deaths:n}",
        "Rail crash in {region}: {injured} injured",
        "Investigation opened into {place} train derailment",
        "Train was travelling at {speed} before crash, officials say",
        "Derailment near {place}: what we know",
    ),
    leads=(
        "A passenger train derailed near {place} on {weekday}, killing {deaths} and injuring "
        "{injured}, officials said.",
        "{carriages} of a passenger train left the tracks {distance} from {place} on {weekday}, "
        "[the rail operator said|officials said].",
        "Investigators in {region} were examining the wreckage of a train that derailed on "
        "{weekday} with {passengers} on board.",
    ),
    sentences=(
        "The train was carrying {passengers} when it came off the tracks.",
        "It was travelling at {speed} as it entered a bend, according to preliminary data.",
        "{carriages} overturned, trapping passengers inside.",
        "The crash happened {distance} from the station at {place}.",
        "Officials said {injured} were taken to hospital, some in a critical condition.",
        "The line is expected to remain closed for {delay} while the wreckage is removed.",
        "The operator has set aside {compensation} for victims' families.",
    ),
    colour=(
        "Survivors described being thrown across the carriage as the train lurched and tipped.",
        "Rescuers used cutting equipment to free people trapped in the wreckage.",
        "The government declared a day of national mourning.",
        "Unions have long warned about the condition of the track on the line.",
    ),
    quotes=(
        ("witness", "There was a terrible noise, and then the carriage was on its side"),
        (
            "official",
            "We will find out exactly what happened, and those responsible will be held to account",
        ),
        ("official", "Our thoughts are with the families of those who died"),
    ),
)
