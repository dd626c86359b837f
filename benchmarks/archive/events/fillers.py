"""Templates any article may add beside its event's own: filler paragraphs (neutral ones for news,
incident ones for disasters), attribution clauses that reword a fact sentence, and generic quotes.
"""

from __future__ import annotations

COMMON_FILLERS = (
    "More details are expected to be released later in the day, when the authorities are due "
    "to hold a press conference in {place}.",
    "{source} has contacted the relevant ministry for comment but had not received a response "
    "by the time of publication.",
    "The story is developing and will be updated as more information becomes available from "
    "officials and from our reporters on the ground.",
    "Analysts said it was too early to judge the long-term consequences, but several warned that "
    "the effects could be felt well beyond {region}.",
)
NEUTRAL_FILLERS = (
    *COMMON_FILLERS,
    "Commentators on television and radio spent much of {weekday} debating what the news would "
    "mean for {region} and beyond.",
    "The announcement was widely discussed on social media, where reactions ranged from open "
    "enthusiasm to deep scepticism.",
    "Observers said the coming weeks would show whether the promises made on {weekday} could be "
    "turned into concrete results.",
    "Critics argued that the decision had been rushed, while supporters said it was long overdue "
    "and reflected the realities of the moment.",
    "It is not yet clear how the move will be received by the wider public, and opinion polls in "
    "recent weeks have been sharply divided.",
    "{source} will publish further analysis of the figures in the coming days, including what "
    "they mean for readers in {place}.",
    "Previous attempts to settle similar questions ended in lengthy disputes, and several people "
    "involved said they hoped this time would be different.",
    "The timing is significant, coming only weeks before a series of other important decisions "
    "expected later in the year.",
    "People in {place} interviewed by {source} gave mixed reactions, with some welcoming the "
    "news and others saying it changed little for them.",
    "Officials declined to give further details, saying that more information would be provided "
    "once all the figures had been checked.",
    "Some of the figures quoted in early reports differed, and several were later corrected as "
    "official documents were published.",
    "The development is likely to feature prominently in debates in parliament next week, "
    "according to several lawmakers.",
)
INCIDENT_FILLERS = (
    *COMMON_FILLERS,
    "The full extent of the damage was not immediately clear on {weekday}, and officials "
    "cautioned that it could take several days before a complete picture emerged.",
    "Officials urged people to rely on verified information from the authorities and not to "
    "share unconfirmed rumours or old videos on social media.",
    "The situation has prompted renewed debate about preparedness, public spending and whether "
    "warnings from experts had been taken seriously enough in the past.",
    "Opposition politicians called for an independent inquiry into the response, saying the "
    "public deserved to know whether mistakes had been made.",
    "A telephone hotline has been set up for people seeking information about relatives, and "
    "the authorities said it would remain open through the weekend.",
    "The government said it would hold an emergency meeting to discuss the next steps and to "
    "decide whether additional funding was needed for {region}.",
    "Local businesses in {place} said they were still assessing the impact on trade, with some "
    "shops and restaurants choosing to stay closed for the rest of the week.",
    "The news dominated conversation in {place}, where many residents said they were still "
    "taking in what had happened and worried about what would come next.",
    "Reporters from {source} in {place} said the mood was tense but calm, with people gathering "
    "in cafes and on street corners to exchange news.",
    "Figures released by different agencies have varied over the course of the day, and "
    "officials have said that some of them may be revised as more information comes in.",
    "The ministry said it would publish a full report within the coming weeks and would present "
    "its findings to parliament before the end of the session.",
    "It is not the first time the area has faced such a situation in recent years, and many "
    "residents said they felt that lessons from the past had not been learned.",
    "Neighbouring authorities offered assistance, according to a government statement, which did "
    "not give details of what form that help would take.",
    "Several international organisations said they were monitoring the situation closely and "
    "stood ready to help if the government requested it.",
    "Community groups in {place} organised collections of food, clothes and money, and "
    "volunteers said the response from ordinary people had been overwhelming.",
    "Questions remain about how the authorities communicated with the public in the first hours, "
    "when information was scarce and often contradictory.",
)
EXTENDERS = (
    ", according to figures released on {weekday}",
    ", officials in {region} said",
    ", according to a statement published on the government's website",
    ", though the figure could still change as more information comes in",
    ", according to people briefed on the matter",
    ", {source} has learned",
    ", according to an update issued late on {weekday}",
    ", local media reported",
)
NEUTRAL_QUOTES = (
    "This is an important moment, and we will have more to say in the coming days",
    "We have been clear about our priorities from the start, and that has not changed",
    "Everyone will have to wait and see how this plays out over the next few months",
)
INCIDENT_QUOTES = (
    "We are following the situation closely and will act as soon as we have all the facts",
    "People deserve clear answers, and they deserve them quickly",
    "It is too early to draw conclusions, but we will learn lessons from this",
)
