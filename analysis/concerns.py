"""Rule-based safeguarding concern detector for free-text answers.

Answers come from children and young people aged 4 to 25 in England and from their parents or
carers. A missed disclosure costs far more than a false alarm, so the rules favour recall: a
flagged answer is only ever read by a person, never acted on automatically. Standard library
only, so it can run anywhere (tests, tasks, shell) without Django or a database.

How it works: the text is normalised (case, quotes, apostrophes, spacing, stretched letters,
common contractions and spellings) while remembering where each normalised character came
from, so the phrase shown to staff is quoted from the original answer. Each category has one
regex, compiled at import, and reports its first match.
"""

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class ConcernMatch:
    category: str  # one of CATEGORIES keys
    phrase: str  # the text span that matched, as written


CATEGORIES: dict[str, str] = {
    "self_harm": "Self-harm or suicide",
    "abuse_at_home": "Violence or abuse at home",
    "sexual_abuse": "Sexual abuse",
    "exploitation": "Exploitation or grooming",
    "neglect": "Neglect or basic needs",
    "bullying_threats": "Bullying with threats or violence",
    "feeling_unsafe": "Feeling unsafe",
    "other_harm": "Other harm",
}

# --- Normalisation -----------------------------------------------------------------------------

# Phones and word processors turn ' and " into typographic variants; unify before matching.
_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201b": "'",
        "\u02bc": "'",
        "`": "'",
        "\u00b4": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
    }
)


def _rx(pattern: str) -> re.Pattern:
    return re.compile(pattern)


# Layout clean-up. Apostrophes are dropped so "don't", "dont" and "mum's", "mums" meet;
# sentence punctuation is kept so multi-word rules do not join separate sentences.
_LAYOUT = [
    (_rx(r"'"), ""),
    (_rx(r"[^a-z0-9\s.,!?;:]"), " "),
    (_rx(r"\s+"), " "),
    (_rx(r"^ | $"), ""),
]

# Stretched letters ("hiiiits", "pleeease"): tried both as a double and as a single letter,
# because squashing to one breaks real doubles ("kill") and squashing to two leaves "hiits".
_STRETCH = _rx(r"([a-z])\1{2,}")

# Contractions, text-speak and spelling variants mapped to one form, so each rule lists it once.
_WORDS = [
    (r"do not|dont|dnt|don t", "dont"),
    (r"does not|doesnt|dosnt|dosent|doesn t|dose not|dusnt", "doesnt"),
    (r"can not|cannot|cant|carnt|can t|cnt", "cant"),
    (r"did not|didnt|didn t|dident|didint", "didnt"),
    (r"is not|isnt|isn t|aint|ain t", "isnt"),
    (r"are not|arent|aren t", "arent"),
    (r"was not|wasnt|wasn t|were not|werent|wernt", "wasnt"),
    (r"have not|havent|havnt|haven t", "havent"),
    (r"i am|i m|iam|im", "im"),
    (r"wanna|wana|wanta|wantto|want too|want 2|wnt to|wnt 2|wont to|wan to", "want to"),
    (r"gonna|gunna|gona|goin to|going 2|goin 2|finna", "going to"),
    (
        r"(want|going|got|have|has|had|need|scared|afraid|tried|try|trying|asked|told|made"
        r"|makes|wants|wanted|tells|forced|used|ready) 2",
        r"\1 to",
    ),
    (r"u", "you"),
    (r"ur", "your"),
    (r"mee", "me"),
    (r"no one|noone|no body|no1|nobdy|nobady|nobodi", "nobody"),
    (r"some one|some1|sum1|sumone|somone|sumbody|somebody", "someone"),
    (r"any more|anymore|eny more|enymore", "anymore"),
    (r"my self|meself|myslef|mysef|mysel|miself|maself|myself", "myself"),
    (r"your self|yourself|yaself|yerself|urself|urslf|yourslef", "yourself"),
    (r"(?:mum|mom|mam|mummy|mommy|mammy|mumma|mama|mamma|mother|mumy)(s?)", r"mum\1"),
    (r"(?:dad|daddy|dady|da|father|farther|papa)(s?)", r"dad\1"),
    (r"step ?(mum|dad)(s?)", r"step\1\2"),
    (r"boyfriend|bf|boyfrend|boy friend|boyfreind|bfriend", "boyfriend"),
    (r"girlfriend|gf|girlfrend|girl friend|girlfreind", "girlfriend"),
]
_WORDS = [(_rx(rf"\b(?:{pattern})\b"), repl) for pattern, repl in _WORDS]  # compiled once


@dataclass(frozen=True)
class _View:
    """Normalised text plus, per character, the original span it came from."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def original(self, source: str, m: re.Match) -> str:
        phrase = source[self.starts[m.start()] : self.ends[m.end() - 1]].strip(" \t\n.,!?;:")
        return phrase or m.group(0)


def _sub(view: _View, pattern: re.Pattern, repl: str) -> _View:
    """re.sub that keeps the character map: replacement text claims the span it replaced."""
    text, starts, ends, pos = [], [], [], 0
    for m in pattern.finditer(view.text):
        a, b = m.span()
        new = m.expand(repl)
        text.append(view.text[pos:a] + new)
        starts += view.starts[pos:a] + (view.starts[a],) * len(new)
        ends += view.ends[pos:a] + (view.ends[b - 1],) * len(new)
        pos = b
    text.append(view.text[pos:])
    return _View("".join(text), tuple(starts) + view.starts[pos:], tuple(ends) + view.ends[pos:])


def _lower(text: str) -> _View:
    # Per character, because lower() can lengthen a character and shift later positions.
    chars, starts, ends = [], [], []
    for i, ch in enumerate(text.translate(_QUOTES)):
        for low in ch.lower():
            chars.append(low)
            starts.append(i)
            ends.append(i + 1)
    return _View("".join(chars), tuple(starts), tuple(ends))


def _views(text: str) -> list[_View]:
    base = _lower(text)
    for pattern, repl in _LAYOUT:
        base = _sub(base, pattern, repl)
    views = []
    for squash in (r"\1\1", r"\1"):
        view = _sub(base, _STRETCH, squash)
        for pattern, repl in _WORDS:
            view = _sub(view, pattern, repl)
        views.append(view)
    return views


# --- Shared vocabulary ----------------------------------------------------------------------

_FAMILY = (
    r"(?:mum|dad|stepdad|stepmum|parents?|carers?|foster (?:carer|mum|dad|parents?)|nan|nana"
    r"|nanny|gran|granny|grandma|grandad|grandpa|uncle|aunt|auntie|aunty|brothers?|sisters?"
    r"|cousin|boyfriend|girlfriend|partner)"
)
_MY = r"(?:my|ma|mi|mah|our)"
_HIT = (
    r"(?:hit|hits|hitting|hiting|hitted|hitz|hitts|htis|hurt|hurts|hurting|hurted|hurst|hursts"
    r"|hirts|herts|hurtz|beat|beats|beating|beated|beet|beets|kick|kicks|kicked|kicking|kik|kiks"
    r"|kiked|kickd|punch|punches|punched|punching|punchs|punchd|slap|slaps|slapped|slapping"
    r"|slaped|slapz|smack|smacks|smacked|smacking|smaks|smakd|whack|whacks|whacked|batter"
    r"|batters|battered|bash|bashes|bashed|thump|thumps|thumped|strangle|strangles|strangled"
    r"|choke|chokes|choked|chokd|throttle|throttles|push|pushes|pushed|shove|shoves|shoved"
    r"|burn|burns|burnt|burned|bite|bites|bit|pinch|pinches|pinched|attack|attacks|attacked"
    r"|belt|belts|belted|abuse|abuses|abused)"
)
_SCARED = (
    r"(?:scared|skared|scard|scaird|scaired|skard|skaird|scered|scerd|scaerd|scarred|scarde"
    r"|scare|scaried|frightened|frightend|frighted|frightning|fritened|frietened|frit|afraid"
    r"|afriad|afraide|afrade|affraid|afaid|terrified|terified|terrifed|terrafied|teriffied"
    r"|petrified)"
)
_SAFE = r"(?:safe|save|saf|saif|sayf|sfe|safte|secure|protected)"
_APP = (
    r"(?:online|on line|the internet|internet|snap|snapchat|insta|instagram|tiktok|tik tok"
    r"|discord|roblox|fortnite|xbox|playstation|ps4|ps5|whatsapp|facebook|minecraft|omegle|kik"
    r"|telegram|twitter|an app|a game|chat ?rooms?|dating apps?|tinder)"
)
_PICS = (
    r"(?:pics|pic|pix|piks|pictures|picture|photos|photo|fotos|foto|selfies?|nudes"
    r"|videos? of me|vids of me)"
)
# Negations that turn a fear word into reassurance ("im not scared").
_NOT_BEFORE = (
    r"(?<!not )(?<!never )(?<!nothing )(?<!isnt )(?<!arent )(?<!wasnt )(?<!no longer )"
    r"(?<!dont feel )(?<!dont get )(?<!not really )(?<!never feel )(?<!dont be )"
)
# Future or intended harm: "they will", "hes going to", "said theyd".
_WILL = (
    r"(?:will|would|going to|said they would|said theyd|said hed|said shed|theyll|hell|shell"
    r"|want to|wants to|threaten(?:ed|s)? to|try to|tried to|trying to|coming to|promised to"
    r"|says (?:he|she|they) will|says (?:he|she|they) is going to)"
)
_DRUGS = r"(?:drugs|weed|vapes?|alcohol|booze|ket|coke|cocaine|spliffs?|joints?)"

# --- Rules per category ---------------------------------------------------------------------

_RULES: dict[str, list[str]] = {
    "self_harm": [
        r"(?:kill|killing|kil|end|ending|hang|hanging|drown|drowning|poison|starve|starving"
        r"|strangle|suffocate|stab|stabbing) myself",
        r"(?:hurt|hurting|hurts|harm|harming|cut|cuts|cutting|cutted|burn|burning|burnt|burned"
        r"|scratch|scratching|hit|hitting|punch|punching|bite|biting|bang|banging) (?:myself"
        r"|my (?:arms?|wrists?|legs?|thighs?|skin|stomach|tummy|body))",
        r"self ?harm\w*|self ?injur\w*|self ?hurt\w*",
        r"suicid\w*|sucid\w*|suisid\w*|suicde|sewerslide|sueside|suecide",
        # "kms" after a number is kilometres, not "kill myself".
        r"(?<!\d )(?<!\d)kms|un ?aliv(?:e|ed|es|ing)",
        r"over ?dos(?:e|ed|es|ing)|overdoes|od(?:ed|d|ing)? on|took an od",
        r"(?:took|take|taking|swallowed) (?:all |loads of |lots of |too many |a lot of "
        r"|a bunch of )?(?:my |the |mums |dads )?(?:pills|tablets|paracetamol)",
        r"(?:want to|wanted to|wants to|going to|ready to|deserve to|wish to|should|i could)"
        r" (?:die|dye|be dead|dis+ap+e+a?r(?: forever)?)",
        r"wish (?:i|id) (?:was|were|wasnt|had|could|never|hadnt)"
        r" (?:\w+ ){0,2}?(?:dead|alive|born|here|die|exist)",
        r"better off (?:dead|without me)|(?:no|nothing|no reason|no point) (?:to|in) liv\w+",
        r"no point (?:in )?(?:living|being alive|life|going on)|nothing to live for",
        r"(?:dont|dont really|never) want to (?:live|be alive|exist|wake up|be here|be around"
        r"|carry on|go on)",
        r"end (?:it|it all|things|everything|my life)|ending (?:it|it all|my life)",
        r"take my (?:own )?life|took my (?:own )?life",
        r"(?:cuts|scars|cut marks) on my|razors?|blades? to cut",
    ],
    "abuse_at_home": [
        rf"{_HIT} (?:me|us|mi|him|her|{_FAMILY}|{_MY} (?:\w+ )?{_FAMILY}|{_MY} (?:baby|siblings))",
        r"(?:get|gets|got|getting|been|being) (?:hit|hitted|smacked|slapped|beaten|beat|battered"
        r"|kicked|punched|hurt|belted|whacked|strangled|choked|abused)",
        rf"{_FAMILY} (?:\w+ ){{0,3}}?(?:hits|beats|hurts|kicks|punches|slaps|smacks|attacks"
        r"|strangles|chokes|pushes|abuses|batters|bashes|shouts|screams|yells|swears"
        r"|fight|fights|fighting|argue|argues|arguing|rows|rowing)(?: me| us| him| her)?",
        r"(?:mums|dads|nans|grans) (?:new )?(?:boyfriend|girlfriend|partner|fella|man)",
        rf"{_MY} mum has (?:a |got a )?(?:new )?boyfriend",
        r"domestic (?:violence|abuse)|dv|abuse|abused|abusing|abusive|abuze|abuzed|violen\w*",
        rf"(?:{_SCARED}|worried|dont want|hate|dread|dreading) (?:\w+ ){{0,2}}?(?:to go|of going"
        r"|going|go|to be|being|at) home",
        r"(?:dont|doesnt|never) (?:\w+ )?(?:want|like) (?:to go|going|to be|being) home"
        r"|cant go home|not going home",
        rf"{_SCARED} (?:of|by) (?:{_MY} )?(?:{_FAMILY}|mums boyfriend|him|her|them)",
        r"lock(?:s|ed|ing)? (?:me|us) (?:in|out|up)|locked (?:in|out|up)|shut (?:me|us) in",
        r"(?:shouting|screaming|yelling|swearing|fighting|arguing) and (?:throwing|smashing"
        r"|breaking|hitting)",
        r"(?:throws|throwing|threw|chucks|chucking|chucked|lobs|lobbed|smashes|smashing|smashed"
        r"|breaks|breaking) (?:things|stuff|plates|chairs|furniture|glasses|bottles)",
        r"(?:throws|throwing|threw|chucks|chucking|chucked|lobs|lobbed) (?:\w+ ){0,2}?at (?:me|us)",
        rf"{_FAMILY} (?:is|are|gets|get|can be) (?:\w+ )?(?:scary|scarey|frightening|violent"
        r"|dangerous|abusive|nasty to me|mean to me)",
        rf"(?:shouts|shouting|screams|screaming|yells|yelling|swears|swearing) at (?:me|us"
        rf"|{_MY} {_FAMILY}|{_FAMILY})",
        r"(?:fights?|fighting|arguing|arguments|rows) at home|bruises|bruised|black eye",
        r"with (?:a|the|his|her) (?:belt|stick|spoon|wooden spoon|slipper|shoe|hanger|cable"
        r"|wire)",
    ],
    "sexual_abuse": [
        r"(?:touch|touches|touched|touching|tuch|tuches|tuched|tutch|tutches|tutched|toch"
        r"|toches|touchs|touchd|touchin|feels|grope|groped|gropes|groping"
        r"|fiddles with|fiddled with|rubs|rubbed|rubbing|strokes|stroked) (?:me|us|mi|my"
        r" (?:private|privates|privets|privites|privet|bum|bottom|butt|body|chest|boobs?"
        r"|breasts?|willy|penis|vagina|fanny|front|bits|down there|legs?|thighs?|pants"
        r"|knickers|underwear|dick|parts))",
        r"(?:felt|feels|feeling|feel) me up|felt up|(?:makes|made|make|forces|forced|tries to"
        r"|tried to|wants|wanted) (?:me|us) (?:to )?(?:touch|kiss|undress|suck|lick)",
        r"touch(?:es|ed|ing)? (?:his|her|their) (?:private|privates|willy|penis|thing|bits|dick"
        r"|vagina|boobs|body)|(?:bad|inappropriate\w*) touch\w*|touched inappropriately",
        r"private (?:parts?|bits|area)|privates|privets|privites|privet parts",
        r"(?:makes|made|make|forces|forced|wants|wanted|asks|asked|tells|told) (?:me|us)"
        r" (?:to )?keep (?:(?:it|a|our|his|her|their|big|special|little) )*secrets?",
        r"our (?:little |special |big )?secret|special secret|secret game",
        r"rap(?:e|ed|es|ist|ists)|raping|raype|rayped",
        # Lessons and services for young people ("sex education", "sexual health") are not
        # disclosures; everything else about sex is worth a person reading.
        r"sexual(?! health| education| orientation| identity)|sexually|sexy|molest\w*",
        r"sex(?! ed\b| education| educashun| lessons?)",
        r"p(?:a|e)?edo(?:s|philes?|philia)?|pedofil\w*|pedophil\w*|nonces?|indecent\w*",
        r"(?:showed|shows|show|showing|sent|sends|send|made me watch|makes me watch|make me"
        r" watch) (?:me |us )?(?:\w+ ){0,2}?(?:rude|dirty|naked|nude|sexy|porn|adult|bad"
        r"|inappropriate|private|nasty) (?:pictures|pics|pic|photos|photo|videos|video|vids"
        r"|films|movies|images|things|stuff)",
        r"porn\w*|rude (?:pictures|pics|photos|videos|vids|images)|naked|nakid|nekkid",
        r"(?:flash|flashed|flashes|flashing) (?:me|us|himself|herself)|exposed (?:himself"
        r"|herself)|showed me (?:his|her) (?:willy|penis|privates|private|thing|bits|dick|body)",
        r"(?:take|took|taking|takes) (?:off )?my (?:clothes|pants|knickers|underwear)",
        r"(?:he|she|they|gets|got|comes|came|climbs|climbed) (?:in|into) (?:my bed|bed with me)",
        r"watch(?:es|ed)? me (?:in the shower|in the bath|get changed|undress|changing)",
    ],
    "exploitation": [
        r"older (?:boyfriend|girlfriend|man|men|guy|guys|lads?|boys?|friends?|kids|people"
        r"|person)",
        r"(?:boyfriend|girlfriend) (?:is|who is|whos|thats) (?:(?:much|way|a lot|loads|a bit"
        r"|\d+ years?) )?(?:older|an adult|a grown up|1[89]|[2-9]\d)",
        r"(?:adult|grown up|grownup) (?:boyfriend|girlfriend)",
        rf"(?:someone|a man|a guy|a person|a stranger|strangers?|this guy|this man|an adult"
        rf"|a boy|a girl|a lady|a woman) (?:i (?:met|talk to|speak to|chat to|know|play with)"
        rf" |i met |from )?(?:on )?{_APP}",
        rf"met (?:(?:him|her|them|someone|a \w+) )?(?:on )?{_APP}|online (?:friends?|boyfriend"
        r"|girlfriend|mates?)",
        rf"(?:meet|meeting|meets|met) (?:up )?(?:with )?(?:someone|him|her|them|people|strangers?"
        rf"|a (?:man|guy|boy|girl|stranger|person|friend)) (?:i |we |who |that |from )?"
        rf"(?:\w+ ){{0,3}}?(?:on )?{_APP}",
        r"(?:wants|wanted|asked|asks|asking) (?:me )?to meet (?:me|up|him|her|them)",
        rf"(?:asked|asks|asking|ask|wants|wanted|want|keeps asking|begging|begged|begs"
        rf"|pressured|pressures|pressuring|made|makes|make|told|tells|forced|forces) (?:me )?"
        rf"(?:\w+ ){{0,2}}?(?:for|to send|send|sending|sent) (?:\w+ ){{0,3}}?{_PICS}",
        r"nudes|nudez|noods|noodz|nude pics|nudies|sexting|sexts?|dick pics?",
        r"send (?:me )?(?:nudes|naked|pics of (?:you|your body))",
        rf"(?:gave|given|gives|give|giving|offered|offers|bought|buys|paid|pays|paying)"
        rf" (?:me |us )?(?:\w+ ){{0,2}}?(?:{_DRUGS}|money|cash|phones?|gifts?|presents?"
        rf"|trainers|clothes)(?: \w+){{0,4}}? (?:to|for) (?:carry|carrying|hold|holding|deliver"
        r"|delivering|drop|dropping|move|moving|sell|selling|keep|keeping|run|running|do|doing)",
        rf"(?:gave|give|gives|given|offered|offers|offer|sold|sells|buy|buys|bought) (?:me|us)"
        rf" (?:\w+ ){{0,2}}?{_DRUGS}",
        r"(?:older|strangers?|someone|a man|men|gang) (?:\w+ ){0,3}?(?:gave|give|gives|given"
        r"|buy|buys|bought|offered|offer|offers|pay|pays|paid) (?:me|us)",
        r"(?:carry|carrying|carried|hold|holding|held|deliver\w*|drop(?:ping)? off|move|moving"
        r"|sell|selling|sold|stash\w*|run|running|hide|hiding) (?:\w+ ){0,2}?(?:drugs|weed"
        r"|packages?|parcels?|packs?|a bag for|bags for|stuff for|things for|phones? for|money"
        r" for|knives|a knife|a weapon)",
        r"county ?lines?|countylines|trap ?house|trapping|trappin|(?:go|going|gone|went) country"
        r"|cuckoo\w*|kukoo\w*|line phone|burner(?: phone)?|drug runner|runner for|shotting"
        r"|shotter|owe (?:them|him|her|people|someone) money|in debt to|debt bond\w*",
        r"(?:going|gone|go|went|goes|gets reported) missing|run away|ran away|running away"
        r"|runaway|stay(?:ed)? out all night|out all night|didnt come home",
        r"groom\w*|traffick\w*|modern slavery|(?:forced|made) to work|blackmail\w*|sextort\w*",
        r"(?:asked|asks|told|tells|made|makes|make|wants|wanted|said|says|forced) (?:me|us)"
        r" (?:to )?keep (?:(?:it|this|things|stuff|them|everything|our chats|our messages|a"
        r"|the|our) )*(?:secret|secrets|quiet|hidden|between us)",
        r"(?:told|tells|said|says|warned) (?:me|us) (?:not to|to not|dont|never|not) (?:tell"
        r"|say|speak|talk)|not allowed to tell|cant tell anyone|keep (?:it|this) (?:a )?secret",
        r"(?:dont|never) tell (?:anyone|anybody|your mum|your parents)|delete (?:the|our)"
        r" (?:messages|chats)",
        rf"(?:threatened|threatening|threatens) to (?:share|post|send|leak) (?:\w+ )?{_PICS}",
    ],
    "neglect": [
        r"no (?:food|dinner|breakfast|lunch|tea|meals?|snacks)(?! waste)|nothing to eat",
        r"not enough (?:food|to eat|dinner|money)|never (?:any |enough )?food|food ?bank",
        r"(?:dont|havent|never) (?:have|got) (?:any )?(?:electric|electricity|heating|gas|hot water"
        r"|food|money for food)|(?:in|stays in|stay in) bed all day",
        r"(?:dont|didnt|never|doesnt|cant|havent) (?:\w+ ){0,2}?(?:get|have|got|eat|eaten"
        r"|afford) (?:any |enough |much )?(?:food|dinner|breakfast|lunch|tea|meals?)",
        r"(?:dont|doesnt|never|not|nobody) (?:get |gets )?(?:fed(?! up)|feeds? (?:me|us))",
        r"(?<!not )(?<!wasnt )(?<!isnt )(?<!arent )(?<!never )(?<!dont get )(?:hungry|hungery"
        r"|hungy|hungary|hungrey|hunry|starving|starvin|starved)",
        r"(?:skip|skipping|skipped|miss|missing|missed) (?:meals|dinner|breakfast|lunch|tea)",
        r"nobody (?:\w+ ){0,2}?(?:looks after|look after|cares|care|takes care of|feeds|cooks"
        r"|washes|helps|loves|wants|is there|is home|is at home)",
        r"(?:dont|doesnt|never|not|wont) (?:\w+ ){0,2}?(?:look after|looks after|take care of"
        r"|takes care of|care about|cares about|care for|cares for|feed|feeds|wash|washes"
        r"|cook for|cooks for) (?:me|us)",
        r"not (?:\w+ )?(?:looked after|cared for|fed(?! up))|(?:have|had|got) to look after myself",
        r"left (?:me |us )?(?:all |completely |totally )?(?:alone|on my own|on our own|by myself"
        r"|home alone|at home alone|alone at home|in the house alone|outside)",
        r"(?:got|get|gets|been|being|am|im|was|are|were|is) left (?:at home|home|behind|outside"
        r"|in the car)",
        r"leaves? (?:me|us) (?:\w+ ){0,2}?(?:alone|on my own|on our own|by myself|at home|home"
        r"|in the house|outside|in the car)",
        r"home alone|alone (?:all night|all day|at night|overnight|for days|every night)",
        r"no (?:proper )?(?:bed|mattress|pillow|duvet|blanket|sheets)|mattress on the floor",
        r"(?:dont|havent|never) (?:have|got) (?:a|my own) bed|sleep (?:on|in) (?:the floor"
        r"|a chair|the sofa|the couch|the car)",
        r"(?:dirty|smelly|ripped|torn|same|wet|stained) (?:clothes|uniform|school uniform|shoes"
        r"|socks|pants)|no (?:clean )?(?:clothes|uniform|shoes|coat|socks)",
        r"(?:people say |they say )?(?:i|im) (?:smell|stink|smelly|dirty)|smelly|never (?:get )?"
        r"(?:washed|bathed|showered|a bath|a shower)|(?:cant|no) (?:shower|bath|wash)",
        r"no (?:heating|heat|electric|electricity|gas|hot water|water|power|money)|(?:heating"
        r"|electric|gas) (?:is |got |has been )?(?:off|cut off)",
        r"always cold|cold (?:at home|all the time|in my house|in the house)"
        r"|freezing (?:at home|in my house|in the house|all the time)|mould|mold|damp",
        rf"{_FAMILY} (?:\w+ ){{0,3}}?(?:drunk|drunken|druck|high(?! school)|stoned|wasted"
        r"|smashed|off (?:his|her|their|my) face|on drugs|on something"
        r"|(?:takes|taking|does|doing|using|uses) drugs|smokes weed|smoking weed|an alcoholic"
        r"|alcoholic|addict|addicted"
        r"|drinks (?:too much|a lot|alot|all the time|every day|everyday|loads|beer|wine|vodka"
        r"|cans|alcohol)|drinking (?:too much|a lot|alot|all the time|every day|loads|again"
        r"|beer|wine|vodka|alcohol)|pissed|hungover|passed out|passes out)",
        r"(?:he|she|they)(?: is| are| gets| get| was| were|s)? (?:always |often |usually |really )?"
        r"(?:drunk|stoned|wasted|high(?! school| up)|on drugs|off (?:his|her|their) face)",
        r"homeless|nowhere to (?:live|sleep|stay|go)|sofa surf\w*|(?:kicked|thrown) (?:me |us )?out"
        r"|(?:threw|throw|throws|kicks) (?:me|us) out|(?:sleep|sleeping|living|live) (?:in a car"
        r"|in the car|on the streets?|rough)",
        r"(?:nobody|dont|doesnt|never) (?:\w+ ){0,2}?(?:take|takes|took) me to (?:the )?"
        r"(?:doctor|doctors|dentist|hospital)|toothache|rotten teeth",
        r"(?:have to|got to|has to) (?:feed|look after|care for) (?:myself|my (?:little|baby"
        r"|younger)|the baby)",
    ],
    "bullying_threats": [
        r"thre?a?tt?(?:s|en|ens|ened|end|nd|ening|ning|ned)?",
        r"knife(?! and fork)|knifes|knives|kniv|nife|nives|(?<!shoulder )blades?|shank\w*"
        r"|machete|weapons?|armed|acid attack|throw acid|pepper spray",
        r"(?<!nerf )(?<!water )(?<!toy )(?<!glue )(?:gun|guns|gunned)",
        r"stab|stabs|stabbed|stabbing|stabing|stabed|shoot (?:me|us)|shot at",
        r"gang|gangs|gangz|gang members?|ganged up",
        _WILL + r" (?:hurt|kill|stab|beat|batter|jump|smash|punch|bang|merk|murk|shank|shoot"
        r"|cut|slice|fight|attack|end|bash|kick|rush|do) (?:me|us|mi)",
        # "get me" and "my" objects only where they cannot be everyday plans ("get me a dog").
        _WILL + r" get (?:me|us)(?! (?:a|an|some|new|the|one|to|from|something|food|ready)\b)",
        _WILL + r" (?:kill|stab|shoot|hurt|shank|batter|punch) my",
        r"beaten up|beat up|beat (?:me|us) up|beats (?:me|us) up|beating (?:me|us) up|beated up"
        r"|battered|jump(?:ed)? (?:me|us)|jumped by|(?:got|get|getting|been|gets) (?:jumped"
        r"|rushed|merked|murked|shanked|stabbed|battered|beat|beaten)",
        r"rushed (?:me|us)|merk|merked|merking|murk|murked|murking|op+s|postcode war|beef with"
        r"|beefing",
        r"kys|kill (?:you|yourself|ya)|go die|fight me|fights me|wants? to fight|fight after"
        r" school",
    ],
    "feeling_unsafe": [
        # A negation, then only filler words, then "safe": "dont really feel safe" matches,
        # "i feel safe" never does.
        r"(?:not|never|dont|doesnt|isnt|arent|wasnt|cant|didnt|hardly|rarely|barely|un) ?"
        r"(?:(?:feel|feels|feeling|felt|very|really|always|that|so|too|be|being|am|im|is|it|its"
        r"|totally|completely|quite|at all|sure|if|i|know|whether|ever|properly|fully|very)"
        r" ){0,5}?" + _SAFE,
        r"unsafe|unsave|notsafe|nowhere (?:is |feels )?safe|no safe (?:place|where)",
        _NOT_BEFORE + _SCARED,
        _NOT_BEFORE + r"(?:fear|fearful|in danger|danger|dangerous)",
        r"(?:scary|scarey) (?:at|in|on|when|walking|outside)",
        r"(?:home|school|house|street|area|estate|park|bus|walk|walking|way) (?:is|are|feels?"
        r"|can be|gets|its) (?:\w+ )?(?:scary|scarey|dangerous)",
        r"(?:following|followed|follows|stalking|stalked|stalks) (?:me|us)|being followed"
        r"|stalker|(?:someone|a man|people|strangers?) (?:keeps |kept |is |was )?watching"
        r" (?:me|us)",
    ],
    "other_harm": [
        # Bullying without threats still needs a look; "anti-bullying week" does not.
        r"(?<!anti )(?:bully|bullies|bullied|bullying|bullyed|bulling|bulied|buly|bulys|bullys)",
        r"cyber ?bull\w*|pick(?:s|ed|ing)? on (?:me|us)|picked on",
        r"radicali[sz]\w*|extremis\w*|terroris\w*",
        r"forced (?:to )?marr\w*|forced marriage|(?:make|made|making) me (?:get )?marr\w*"
        r"|marry me off",
        r"fgm|female genital|cut down there",
        r"racis\w*|racial abuse|homophob\w*|transphob\w*|hate crime|harass\w*",
        r"anorexi\w*|bulimi\w*|eating disorder|(?:make|made|making) myself (?:sick|throw up|puke)"
        r"|throw up after (?:eating|food|meals?)|stop(?:ped)? eating|not eating|starve myself",
        r"drunk|alcoholic|on drugs|(?:take|taking|took|do|doing|smoke|smoking|sell|selling)"
        r" (?:drugs|weed|cannabis|cocaine|ket|ketamine|mdma|spice|pills)|drugs|cannabis|cocaine"
        r"|ketamine|mdma|heroin",
        r"police (?:came|come|comes|were called|took|arrested)|arrested|prison|jail",
        r"(?:hurts|kicks|hits|kills|killed|kicked|hurt) (?:the|my|our) (?:dog|cat|pets?"
        r"|hamster|rabbit)",
    ],
}

_PATTERNS: dict[str, re.Pattern] = {
    key: re.compile(r"\b(?:" + "|".join(_RULES[key]) + r")\b") for key in CATEGORIES
}


def _first_match(pattern: re.Pattern, source: str, views: list[_View]) -> str | None:
    # The double-letter view goes first: its phrases keep real doubles like "kill".
    for view in views:
        m = pattern.search(view.text)
        if m:
            return view.original(source, m)
    return None


def detect_concerns(text: str) -> list[ConcernMatch]:
    """All matches in the text, at most one per category, in CATEGORIES order. Empty list when
    nothing suggests risk."""
    if not text or not text.strip():
        return []
    views = _views(text)
    matches = []
    for category, pattern in _PATTERNS.items():
        phrase = _first_match(pattern, text, views)
        if phrase:
            matches.append(ConcernMatch(category, phrase))
    return matches
