"""Made-up answers for the demo survey, so analysts have something to theme on a new machine.

Every answer here was written for the demo; none comes from a real child. They are stored
directly (not through the respondent journey), so they raise no safeguarding concerns.
"""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from surveys.models import AgeBand, Answer, CollectionLink, Question, Response, SurveyVersion

# What would make children safer here: several answers per idea, in children's own words.
ONE_CHANGE = {
    "lighting": [
        "More street lights in the park",
        "better lights on the way home from school",
        "the alley by the shops is too dark at night",
        "lights in the underpass please",
        "its really dark walking back from football",
        "more lights near the bus stop",
    ],
    "youth_clubs": [
        "More youth clubs that are open late",
        "somewhere to go after school that is free",
        "keep the youth club open on fridays",
        "more things to do so people don't hang around on the streets",
        "a skate park and a youth centre",
        "free clubs in the holidays",
    ],
    "bullying": [
        "teachers should do more about bullying",
        "stop people bullying on the bus",
        "the bullies get away with it",
        "more help when you get picked on",
        "people calling names at school should get in trouble",
        "a safe space at school when people are mean",
    ],
    "online": [
        "stop strangers messaging kids online",
        "games should have better reporting",
        "people being mean in group chats",
        "teach us more about staying safe online",
        "block people who send horrible stuff on snapchat",
        "adults pretending to be kids on games",
    ],
    "listened_to": [
        "adults should actually listen to us",
        "ask children what they think more",
        "nobody listens when we tell them things",
        "let young people have a say in the council",
        "listen to kids in care when we say we want to move",
        "take us seriously",
    ],
    "police_and_crime": [
        "more police around the town centre",
        "stop people selling drugs near the park",
        "knife crime is scary",
        "police should patrol the estate at night",
        "less fighting in town on saturdays",
        "stop the motorbikes racing round the estate",
    ],
    "roads": [
        "a crossing outside our school",
        "cars go too fast on our road",
        "a lollipop lady at the big road",
        "speed bumps near the park",
        "safer cycle paths",
    ],
    "mental_health": [
        "more people to talk to when you feel sad",
        "a counsellor at school that you can see quickly",
        "help with stress about exams",
        "waiting lists for camhs are too long",
        "someone to talk to about worries",
    ],
    "nothing": ["nothing", "dont know", "n/a", "nothing really", "idk", "no", "not sure"],
}
YOUNG_CHANGE = [
    "a bigger playground",
    "my mummy to hold my hand",
    "nice dinner ladies",
    "more friends to play with",
    "a light in my bedroom",
    "no shouting",
    "a puppy",
    "more swings in the park",
]
UNSAFE_WHY = [
    "people shouting outside at night",
    "our front door lock is broken",
    "my brother is annoying and takes my stuff",
    "there are loud parties next door",
    "i get scared when it's dark",
    "people fighting on our street",
    "we keep moving house",
]
APPS = ["Roblox", "TikTok", "Snapchat", "Minecraft", "YouTube", "Instagram", "Fortnite", "WhatsApp"]

DEMO_LINKS = [
    ("demo-school", "Oak Primary School (demo)", CollectionLink.Setting.SCHOOL, ["school"]),
    (
        "demo-care",
        "Children in Care Council (demo)",
        CollectionLink.Setting.CARE_COUNCIL,
        ["children in care"],
    ),
]
BAND_WEIGHTS = {
    AgeBand.AGE_4_7: 12,
    AgeBand.AGE_8_11: 25,
    AgeBand.AGE_12_17: 45,
    AgeBand.AGE_18_25: 8,
    AgeBand.ADULT: 10,
}


def _extra_links(version: SurveyVersion, main: CollectionLink) -> list[CollectionLink]:
    links = [main]
    for slug, name, setting, tags in DEMO_LINKS:
        link, _ = CollectionLink.objects.get_or_create(
            slug=slug,
            defaults={
                "version": version,
                "name": name,
                "setting": setting,
                "cohort_tags": tags,
                "safeguarding_lead": main.safeguarding_lead,
                "created_by": main.created_by,
            },
        )
        links.append(link)
    return links


def _one_change(rng: random.Random, band: str) -> str:
    if band == AgeBand.AGE_4_7:
        return rng.choice(YOUNG_CHANGE)
    ideas = list(ONE_CHANGE)
    weights = [1.6 if idea in ("lighting", "youth_clubs", "bullying") else 1.0 for idea in ideas]
    return rng.choice(ONE_CHANGE[rng.choices(ideas, weights)[0]])


def _answers_for(rng, band: str, questions: dict[str, Question]) -> dict[str, tuple]:
    """Question key -> (value, text) for one made-up respondent of the band."""
    five = band not in (AgeBand.AGE_4_7,)
    feel = rng.choice([1, 2, 3, 4, 4, 5, 5] if five else [1, 3, 5, 5])
    safe = rng.choices(["yes", "no", "not-sure"], [80, 8, 12])[0]
    answers = {"feel-today": (feel, ""), "safe-home": (safe, "")}
    if safe != "yes" and band != AgeBand.AGE_4_7 and rng.random() < 0.6:
        text = rng.choice(UNSAFE_WHY)
        answers["unsafe-why"] = (text, text)
    if band in (AgeBand.AGE_12_17, AgeBand.AGE_18_25):
        app = rng.choice(APPS)
        answers["online-app"] = (app, app)
    if rng.random() < 0.85:
        text = _one_change(rng, band)
        answers["one-change"] = (text, text)
    return {key: value for key, value in answers.items() if key in questions}


@transaction.atomic
def load_demo_answers(link: CollectionLink, count: int = 400, seed: int = 7) -> int:
    """Add made-up responses to the demo survey once; returns how many were added."""
    version = link.version
    if Response.objects.filter(version=version).exists():
        return 0
    rng = random.Random(seed)
    links = _extra_links(version, link)
    questions = {q.key: q for q in Question.objects.filter(step__version=version)}
    now = timezone.now()
    bands, weights = list(BAND_WEIGHTS), list(BAND_WEIGHTS.values())
    for _ in range(count):
        band = rng.choices(bands, weights)[0]
        started = now - timedelta(days=rng.randint(0, 300), minutes=rng.randint(0, 600))
        complete = rng.random() < 0.9
        response = Response.objects.create(
            version=version,
            link=rng.choices(links, [5, 3, 1])[0],
            band=band,
            status=Response.Status.COMPLETE if complete else Response.Status.PARTIAL,
            started_at=started,
            updated_at=started + timedelta(minutes=6),
            completed_at=started + timedelta(minutes=6) if complete else None,
        )
        Answer.objects.bulk_create(
            Answer(response=response, question=questions[key], value=value, text=text)
            for key, (value, text) in _answers_for(rng, band, questions).items()
        )
    return count
