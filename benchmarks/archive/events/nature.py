"""Event templates of natural disasters: storm, earthquake, flood and wildfire.

Each event type draws its figures and its people and places, and holds the titles, leads, fact
sentences, colour and quotes its articles are written from (see `base.EventType`).
"""

from __future__ import annotations

from random import Random

from ..facts import C, Fact
from ..names import STORM_NAMES
from .base import EventType, place_context


def _storm_facts(r: Random) -> dict[str, Fact]:
    cur = r.choice("$€")
    return {
        "deaths": C(r.randint(2, 40), "person", "people"),
        "injured": C(r.randint(20, 300), "person", "people"),
        "power": C(r.randint(12, 480) * 1000, "household"),
        "wind": Fact("speed", r.randint(11, 21) * 10),
        "rain": Fact("number", r.randint(8, 40) * 10, unit="millimeters"),
        "evacuated": C(r.randint(15, 250) * 100, "resident"),
        "damage": Fact("money", r.randint(40, 900) * 1e6, unit=cur),
        "outage": Fact("duration", r.randint(12, 72), unit="hour"),
        "flights": C(r.randint(40, 600), "flight"),
    }


def _storm_context(r: Random) -> dict[str, str]:
    ctx = place_context(r)
    ctx["storm"] = f"Storm {r.choice(STORM_NAMES)}"
    ctx["official_role"] = r.choice(
        (
            "the regional emergency coordinator",
            "the civil protection chief",
            "the province's governor",
        )
    )
    return ctx


STORM = EventType(
    "storm",
    _storm_facts,
    _storm_context,
    titles=(
        "{storm} leaves {deaths} dead as it batters {region}",
        "{storm}: {power} without electricity in {region}",
        "Death toll from {storm} rises to {deaths:n}",
        "{storm} brings winds of {wind} to {place}",
        "Clean-up begins after {storm} tears through {region}",
    ),
    leads=(
        "{storm} swept across {region} [overnight|on {weekday}|early on {weekday}], "
        "killing {deaths} and leaving {power} without electricity, "
        "[officials|authorities|emergency services] said.",
        "At least {deaths:x} were killed when {storm} made landfall near {place} on {weekday}, "
        "bringing gusts of up to {wind} and torrential rain to {region}.",
        "[Emergency crews|Rescue teams] in {region} were [working|struggling] to restore power to "
        "{power} on {weekday} after {storm} [killed|left dead] {deaths}.",
    ),
    sentences=(
        "The national weather service recorded gusts of {wind} at the coast, the strongest "
        "since records began in the area.",
        "[Officials|The interior ministry] said {injured} had been treated in hospital for "
        "injuries caused by falling trees and flying debris.",
        "Around {rain} of rain fell in less than a day in parts of {region}, swelling rivers "
        "and flooding low-lying roads.",
        "Authorities ordered the evacuation of {evacuated} from coastal districts before the storm arrived.",
        "Insurers estimated the damage at {damage}, though they cautioned that the figure "
        "could rise as assessments continued.",
        "Power companies said some customers could be without electricity for up to {outage} "
        "while fallen lines were repaired.",
        "The airport at {place} cancelled {flights}, leaving thousands of passengers stranded "
        "in terminals overnight.",
        "The death toll stood at {deaths:n} on {weekday} evening, up from an earlier count, "
        "and {official} warned that it could rise further.",
        "In {place}, {power} were still in the dark on {weekday}, according to the grid "
        "operator, which has deployed extra crews from neighbouring provinces.",
    ),
    colour=(
        "Residents described roofs being torn from houses and cars being pushed across streets "
        "by the force of the wind.",
        "Schools across {region} were closed and residents were urged to stay indoors until the "
        "warnings were lifted.",
        "Images shared on social media showed uprooted trees blocking the main road into {place} "
        "and boats tossed onto the harbour wall.",
        "Volunteers handed out blankets and hot food at a sports hall that had been turned into "
        "a temporary shelter.",
    ),
    quotes=(
        (
            "official",
            "We have not seen a storm of this strength in a generation, and the recovery will take "
            "weeks, not days",
        ),
        (
            "official",
            "Our crews are working around the clock, but I ask people to be patient and to stay "
            "away from fallen power lines",
        ),
        (
            "witness",
            "The wind was screaming all night, we just sat in the hallway and waited for it to end",
        ),
    ),
)


def _quake_facts(r: Random) -> dict[str, Fact]:
    return {
        "magnitude": Fact("number", r.randint(48, 78) / 10, digits=1),
        "depth": Fact("km", r.randint(5, 70)),
        "distance": Fact("km", r.randint(8, 120)),
        "deaths": C(r.randint(3, 300), "person", "people"),
        "injured": C(r.randint(40, 2500), "person", "people"),
        "buildings": C(r.randint(50, 4000), "building"),
        "aftershocks": C(r.randint(10, 160), "aftershock"),
        "displaced": C(r.randint(20, 400) * 100, "person", "people"),
    }


def _quake_context(r: Random) -> dict[str, str]:
    ctx = place_context(r)
    ctx["official_role"] = r.choice(
        (
            "the head of the national disaster agency",
            "the regional governor",
            "the country's seismology chief",
        )
    )
    return ctx


EARTHQUAKE = EventType(
    "earthquake",
    _quake_facts,
    _quake_context,
    titles=(
        "Magnitude {magnitude} earthquake strikes {region}, killing {deaths:n}",
        "{country} earthquake: death toll climbs to {deaths:n}",
        "Powerful quake hits near {place}",
        "Rescuers search rubble after {magnitude}-magnitude quake in {country}",
        "Earthquake leaves {displaced} homeless in {region}",
    ),
    leads=(
        "A magnitude {magnitude} earthquake struck {region} [on {weekday}|early on {weekday}], "
        "killing {deaths} and injuring {injured}, officials said.",
        "At least {deaths:x} died when a powerful earthquake hit near {place} on {weekday}, "
        "collapsing buildings and sending residents fleeing into the streets.",
        "Rescuers in {country} were digging through rubble on {weekday} after a "
        "{magnitude}-magnitude quake [killed|left dead] {deaths}.",
    ),
    sentences=(
        "The quake struck at a depth of {depth}, according to the national seismology "
        "institute, which put its magnitude at {magnitude}.",
        "Its epicentre was {distance} from {place}, the largest town in the area.",
        "Officials said {injured} had been injured, many of them seriously.",
        "{buildings} were damaged or destroyed, including a hospital and two schools.",
        "Seismologists recorded {aftershocks} in the hours after the main shock.",
        "Around {displaced} were left homeless and are staying in tents and sports halls.",
        "The death toll rose to {deaths:n} by {weekday} evening as rescuers reached remote villages.",
    ),
    colour=(
        "Video from the scene showed collapsed apartment blocks and rescuers using their bare "
        "hands to move debris.",
        "Neighbouring countries offered search-and-rescue teams and sniffer dogs.",
        "Many residents spent the night outdoors, afraid to return to damaged homes.",
        "The region sits on a major fault line and has suffered deadly earthquakes before.",
    ),
    quotes=(
        (
            "official",
            "We are racing against time because people may still be alive under the rubble",
        ),
        ("witness", "The building shook like paper, and then everything came down around us"),
        ("official", "Every available team has been sent to the affected villages"),
    ),
)


def _flood_facts(r: Random) -> dict[str, Fact]:
    cur = r.choice("$€")
    return {
        "rain": Fact("number", r.randint(8, 35) * 10, unit="millimeters"),
        "level": Fact("number", r.randint(15, 60) / 10, digits=1, unit="meters"),
        "evacuated": C(r.randint(10, 300) * 100, "person", "people"),
        "deaths": C(r.randint(1, 30), "person", "people"),
        "homes": C(r.randint(3, 90) * 100, "home"),
        "roads": C(r.randint(12, 140), "road"),
        "damage": Fact("money", r.randint(30, 900) * 1e6, unit=cur),
        "days": Fact("duration", r.randint(2, 9), unit="day"),
    }


def _flood_context(r: Random) -> dict[str, str]:
    ctx = place_context(r)
    ctx["river"] = f"River {r.choice(('Ness', 'Ardle', 'Vey', 'Orrin', 'Tamsel', 'Lune'))}"
    ctx["official_role"] = r.choice(
        ("the head of the flood agency", "the town's mayor", "the regional emergency chief")
    )
    return ctx


FLOOD = EventType(
    "flood",
    _flood_facts,
    _flood_context,
    titles=(
        "Floods force {evacuated} from their homes in {region}",
        "{river} bursts its banks in {place}",
        "Flooding kills {deaths:n} in {region}",
        "{homes} flooded as rain lashes {region}",
        "Flood warnings remain in place across {region}",
    ),
    leads=(
        "Flooding in {region} forced {evacuated} from their homes on {weekday} after the "
        "{river} burst its banks in {place}.",
        "At least {deaths:x} have died in floods in {region}, officials said on {weekday}, after "
        "{rain} of rain fell in [two days|a matter of hours].",
        "The {river} rose {level} above its normal level in {place} on {weekday}, flooding "
        "{homes} and cutting off whole neighbourhoods.",
    ),
    sentences=(
        "Meteorologists said {rain} of rain had fallen, the equivalent of two months' rainfall.",
        "The river peaked at {level} above normal, according to the flood agency.",
        "Around {evacuated} had been evacuated, many of them by boat.",
        "The floods have claimed {deaths}, and several people are still missing.",
        "{homes} were flooded and {roads} closed across the region.",
        "Early estimates put the damage at {damage}.",
        "Parts of {place} have been under water for {days}, and more rain is forecast.",
    ),
    colour=(
        "Soldiers and volunteers filled sandbags to protect the town's historic centre.",
        "Residents waded through waist-deep water to rescue belongings from their homes.",
        "Farmers said large areas of crops had been destroyed just weeks before the harvest.",
        "Critics said flood defences promised after the last disaster had never been built.",
    ),
    quotes=(
        ("witness", "The water came up so fast that we only had time to grab the children and run"),
        (
            "official",
            "Our priority now is to get everyone out of danger and to make sure nobody is left behind",
        ),
        ("witness", "This is the worst flooding I have seen in 30 years of living here"),
    ),
)


def _fire_facts(r: Random) -> dict[str, Fact]:
    return {
        "hectares": Fact("number", r.randint(8, 400) * 100, unit="hectares"),
        "evacuated": C(r.randint(5, 200) * 100, "resident"),
        "firefighters": C(r.randint(15, 180) * 10, "firefighter"),
        "homes": C(r.randint(5, 400), "home"),
        "contained": Fact("percent", r.randint(5, 80)),
        "aircraft": C(r.randint(4, 40), "aircraft", "aircraft"),
        "distance": Fact("km", r.randint(3, 60)),
        "days": Fact("duration", r.randint(2, 12), unit="day"),
    }


def _fire_context(r: Random) -> dict[str, str]:
    ctx = place_context(r)
    ctx["official_role"] = r.choice(("the fire service chief", "the regional forestry director"))
    return ctx


WILDFIRE = EventType(
    "wildfire",
    _fire_facts,
    _fire_context,
    titles=(
        "Wildfire near {place} forces {evacuated} to flee",
        "Wildfire burns {hectares} in {region}",
        "{firefighters} battle blaze in {region}",
        "Wildfire destroys {homes} near {place}",
        "Wildfire in {region}: what we know",
    ),
    leads=(
        "A wildfire in {region} has burned {hectares} and forced {evacuated} to leave their "
        "homes, officials said on {weekday}.",
        "{firefighters} were battling a wildfire {distance} from {place} on {weekday}, "
        "supported by {aircraft}.",
        "A fast-moving wildfire destroyed {homes} near {place} on {weekday}, [fire officials|"
        "the fire service] said.",
    ),
    sentences=(
        "The fire has burned {hectares} of forest and farmland since it broke out.",
        "The blaze was {contained} contained by {weekday} evening, the fire service said.",
        "{evacuated} were ordered to leave as the flames approached.",
        "{firefighters:n} firefighters and {aircraft} were deployed to fight the blaze.",
        "The fire was burning about {distance} from the centre of {place}.",
        "The fire has been burning for {days}, fanned by strong winds and high temperatures.",
        "It has destroyed {homes}, according to a preliminary count.",
    ),
    colour=(
        "Thick smoke hung over the region, and health officials urged people to stay indoors.",
        "Residents loaded cars with pets and belongings as ash fell on the streets.",
        "Investigators are trying to determine the cause of the fire.",
        "Temperatures are forecast to stay high for the rest of the week.",
    ),
    quotes=(
        (
            "official",
            "The wind keeps changing direction, which makes this fire very hard to predict",
        ),
        ("witness", "We left with only the clothes we were wearing"),
        (
            "official",
            "Our firefighters have been working without rest, and I thank every one of them",
        ),
    ),
)
