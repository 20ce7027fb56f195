"""The safeguarding concern detector: recall over every category, quiet on ordinary answers.

Pure Python, no database: run with `pytest tests/analysis -p no:django --noconftest` if the
Django fixtures cannot load.
"""

import pytest

from analysis.concerns import CATEGORIES, ConcernMatch, detect_concerns
from analysis.concerns.rules import rule_matches

POSITIVES: dict[str, list[str]] = {
    "self_harm": [
        "I cut myself when I get sad",
        "sometimes i hurt my self",
        "i want to kill myself",
        "honestly kms",
        "I just want to die",
        "i wanna dye",
        "I want to end it all",
        "I have been feeling suicidal",
        "i do selfharm",
        "I self-harm on my arms",
        "I took an overdose last year",
        "I don't want to be here anymore",
        "i dont wanna be here no more",
        "thinking about unaliving myself",
        "i wish i was dead",
        "everyone would be better off without me",
        "I’ve been cutting my wrists",
        "ive been googling ways to die",
        "i cant go on anymore",
        "i carve words into my skin",
    ],
    "abuse_at_home": [
        "my dad hits me when he is angry",
        "my stepdad hurst me",
        "he hits me wen i am naughty",
        "mum hiiiits me",
        "my brother beats me up",
        "she slaps me and kicks me",
        "My mum's boyfriend is horrible",
        "my moms bf shouts",
        "I'm scared to go home",
        "they locked me in my room",
        "there is shouting and throwing at home",
        "my dad hurts my mum",
        "there is domestic violence at home",
        "i get smacked a lot",
        "he throws me against the wall",
        "he pulls my hair and drags me across the floor",
        "stepdad hurst my arm",
    ],
    "sexual_abuse": [
        "he touches me and I don't like it",
        "my uncle tuched me",
        "he touched my private parts",
        "he makes me keep secrets",
        "I was raped",
        "he said something sexual to me",
        "he showed me rude pictures on his phone",
        "she showed me porn",
        "he gets into my bed at night",
        "he keeps trying to get into bed with me",
    ],
    "exploitation": [
        "I have an older boyfriend",
        "someone online asked me for pics",
        "a man on snapchat keeps asking for nudes",
        "they told me to send nudes",
        "I'm going to meet up with someone I met online",
        "they gave me money to carry a bag for them",
        "older boys give me weed",
        "I do county lines",
        "my cousin is trapping",
        "I keep going missing",
        "they are cuckooing my nan's flat",
        "he asked me to keep it secret",
        "he told me not to tell anyone",
        "my bf is 19",
        "he says he'll post my pics if i dont send more",
        "some men have took over my mums flat",
    ],
    "neglect": [
        "there is no food at home",
        "i am hungry all the time",
        "I'm always hungery",
        "nobody looks after me",
        "no one looks after me",
        "I get left alone at night",
        "i am left on my own a lot",
        "I don't have a bed",
        "I have dirty clothes",
        "there is no heating",
        "my mum is always drunk",
        "dad is high most days",
        "nothing to eat in the house",
        "mum forgets to feed us",
        "i eat out of the bins",
        "we are going without food",
    ],
    "bullying_threats": [
        "they threatened to stab me",
        "he said he would beat me",
        "a boy has a knife",
        "there is a gang near my house",
        "they will hurt me",
        "I got beaten up",
        "i got jumped after school",
        "the ops are after me",
        "they thretend me",
        "he's gonna kill me",
        "someone told me to kys",
        "a year 11 said he'd break my legs",
        "they said they'll wait for me at the gates and smash me",
    ],
    "feeling_unsafe": [
        "i dont feel safe",
        "I don't feel safe at school",
        "I do not feel safe",
        "i'm not safe at home",
        "I feel unsafe walking home",
        "im skared",
        "I'm scared at school",
        "I am frightened on the way home",
        "I'm afraid at home",
        "I'm terrified of him",
        "i dont feel save",
        "i want to talk to someone about something that happened to me",
    ],
    "other_harm": [
        "I get bullied every day",
        "people bully me",
        "they keep picking on me",
        "i make myself sick after eating",
        "my brother is being radicalised",
        "they want to force me into a forced marriage",
        "people are racist to me",
        "my sister takes drugs",
        "my parents are taking me abroad to get married",
        "i gamble on my phone and owe money",
    ],
}

NEGATIVES = [
    "I feel safe at school",
    "my mum looks after me",
    "I like football",
    "nothing",
    "school dinners are nice",
    "I'm happy",
    "",
    "   ",
    "no",
    "n/a",
    "I don't know",
    "My teacher helps me with maths",
    "I want more after school clubs",
    "The playground is too small",
    "I like my dog",
    "We should have more trips",
    "I feel safe at home and at school",
    "My dad takes me swimming",
    "I like art and drawing",
    "the library needs more books",
    "I enjoy PE and music",
    "the bus is sometimes late",
    "my foster carers are kind and they listen to me",
    "I like playing Roblox with my friends",
    "My big sister goes to high school",
    "I use a knife and fork at lunch",
    "we learn about sex education in PSHE",
    "I'm not scared of anything",
    "I get on with my mum and dad",
    "More time to play outside please",
    "everyone is friendly and nice",
    "my nan makes really good dinners",
    "my uncle throws me the ball at the park",
    "I hurt my leg at football",
    "im not scared at home",
    "nothing makes me feel unsafe",
    "my mum forgets her keys a lot",
    "I want to talk to someone about my options for college",
    "my friend accidentally hit me with a hockey stick",
]


def _positive_cases():
    return [(category, text) for category, texts in POSITIVES.items() for text in texts]


def test_every_category_has_enough_positive_cases():
    assert set(POSITIVES) == set(CATEGORIES)
    assert all(len(texts) >= 6 for texts in POSITIVES.values())


@pytest.mark.parametrize(("category", "text"), _positive_cases())
def test_positive_is_detected(category, text):
    assert category in {m.category for m in detect_concerns(text)}


@pytest.mark.parametrize("text", NEGATIVES)
def test_ordinary_answer_is_not_flagged(text):
    assert detect_concerns(text) == []


def test_recall_over_all_positives_is_complete():
    cases = _positive_cases()
    found = sum(category in {m.category for m in detect_concerns(text)} for category, text in cases)
    assert found / len(cases) == 1.0


def test_phrase_is_reported_as_written():
    assert detect_concerns("Last week my Dad HITS ME a lot") == [
        ConcernMatch("abuse_at_home", "Dad HITS ME")
    ]


def test_phrase_comes_from_original_text_after_normalising():
    [match] = detect_concerns("I don’t   feel SAFE here")
    assert match == ConcernMatch("feeling_unsafe", "don’t   feel SAFE")


def test_phrase_keeps_stretched_letters():
    [match] = detect_concerns("im sooo skaaaared")
    assert match.category == "feeling_unsafe"
    assert match.phrase == "skaaaared"


def test_at_most_one_match_per_category():
    text = "he hits me, he kicks me, he punches me and he slaps me"
    matches = detect_concerns(text)
    categories = [m.category for m in matches]
    assert categories.count("abuse_at_home") == 1
    assert len(categories) == len(set(categories))


def test_multiple_categories_in_one_text_come_in_category_order():
    text = (
        "my stepdad hits me and there is no food. I want to kill myself. "
        "A man online asked for nudes"
    )
    categories = [m.category for m in detect_concerns(text)]
    for expected in ("self_harm", "abuse_at_home", "exploitation", "neglect"):
        assert expected in categories
    order = list(CATEGORIES)
    assert categories == sorted(categories, key=order.index)


def test_categories_have_plain_english_labels():
    assert CATEGORIES["self_harm"] == "Self-harm or suicide"
    assert CATEGORIES["other_harm"] == "Other harm"
    assert len(CATEGORIES) == 8


def test_results_are_frozen_dataclasses():
    [match] = detect_concerns("i want to die")
    with pytest.raises(AttributeError):
        match.category = "other_harm"


# Wordings of the rule families (actor + verb + target, distress, deprivation, the body,
# marriage and cutting, threats that know where a child lives, fear of a named adult,
# misspelt key words, being moved about and used by older people, young carers, persistent
# targeting, being watched from a vehicle, purging and restricting) that no single phrase rule
# was written for.
FAMILY_CASES = [
    ("self_harm", "i deserve to suffer"),
    ("self_harm", "this could be my last week"),
    ("self_harm", "ive been stockpiling my nans sleeping pills"),
    ("abuse_at_home", "she held my arm under the boiling tap"),
    ("abuse_at_home", "i get a hiding if my room is messy"),
    ("sexual_abuse", "my stepbrother pressed himself against me in the kitchen"),
    ("exploitation", "a guy from a game keeps asking for my postcode"),
    ("neglect", "we havent eaten for two days"),
    ("bullying_threats", "they posted photos of my house and said theyre coming round"),
    ("bullying_threats", "my brother got mugged on the way home"),
    ("feeling_unsafe", "i wedge a chair under my door at night"),
    ("feeling_unsafe", "im frightned of the lodger"),
    ("other_harm", "im being taken to pakistan to get married"),
    ("other_harm", "i feel so fat i cant eat"),
    ("exploitation", "some men in a car collect me after school"),
    ("exploitation", "ive been selling for these lads from the estate"),
    ("exploitation", "they drove me to a different town to deliver"),
    ("neglect", "i look after my little brothers so i miss loads of school"),
    ("bullying_threats", "they keep nicking my trainers"),
    ("bullying_threats", "a year 9 tripped me in the corridor"),
    ("bullying_threats", "she made a page just to laugh at me"),
    ("bullying_threats", "her mates are gonna sort me out after school"),
    ("feeling_unsafe", "the same van keeps parking outside our flat"),
    ("other_harm", "ive been skipping meals to lose weight"),
    ("other_harm", "i use laxatives after big meals"),
]

FAMILY_LOOK_ALIKES = [
    "I can't go on the bouncy castle any more because I'm too big",
    "i burnt my finger on the oven",
    "im hopeless at spelling",
    "my cousin has to get her hair cut for the wedding",
    "the bus drives past our school slowly",
    "my mum hits the drums in a band",
    "my baby brother bites me, hes teething",
    "i havent had my tea yet",
    "i was scared watching the horror movie",
    "i was petrified on the big wheel",
    "my brother will sort me out with a lift",
    "we learnt about county lines in PSHE",
    "my mum volunteers at the foodbank",
]


@pytest.mark.parametrize(("category", "text"), FAMILY_CASES)
def test_rule_families_flag_wordings_no_phrase_rule_names(category, text):
    assert category in {m.category for m in detect_concerns(text)}


@pytest.mark.parametrize("text", FAMILY_LOOK_ALIKES)
def test_rule_families_leave_look_alikes_alone(text):
    assert rule_matches(text) == []


def test_the_learned_model_misreads_few_of_the_rules_look_alikes():
    """It reads words, not sense: it flags "my mum hits the drums in a band", "my baby brother
    bites me, hes teething", "my brother will sort me out with a lift", the hair cut for the
    wedding and the bouncy castle answer, each for a person to dismiss, and no more than
    those."""
    flagged = [text for text in FAMILY_LOOK_ALIKES if detect_concerns(text)]
    assert len(flagged) <= 5, flagged
