"""The concern rules: one regex per category over normalised text.

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
from re import _constants as _sre  # read only, to group the rules: see _compile
from re import _parser

from analysis.concerns.categories import CATEGORIES, ConcernMatch

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
    (_rx(r"\bsa'(?:d|ed|ing)\b"), "sexually assaulted"),
    (_rx(r"'"), ""),
    (_rx(r"[^a-z0-9\s.,!?;:]"), " "),
    # A lone space is already right; rewriting every one would only cost time.
    (_rx(r"\s{2,}|[^\S ]"), " "),
    (_rx(r"^ | $"), ""),
]

# Stretched letters ("hiiiits", "pleeease"): tried both as a double and as a single letter,
# because squashing to one breaks real doubles ("kill") and squashing to two leaves "hiits".
_STRETCH = _rx(r"([a-z])\1{2,}")

# Contractions, text-speak and spelling variants mapped to one form, so each rule lists it once.
_SPELLINGS = {
    "dont": "do not|dont|dnt|don t",
    "doesnt": "does not|doesnt|dosnt|dosent|doesn t|dose not|dusnt",
    "cant": "can not|cannot|cant|carnt|can t|cnt",
    "didnt": "did not|didnt|didn t|dident|didint",
    "isnt": "is not|isnt|isn t|aint|ain t",
    "arent": "are not|arent|aren t",
    "wasnt": "was not|wasnt|wasn t|were not|werent|wernt",
    "havent": "have not|havent|havnt|haven t",
    "wont": "will not|wont|won t",
    "im": "i am|i m|iam|im",
    "want to": "wanna|wana|wanta|wantto|want too|want 2|wnt to|wnt 2|wont to|wan to",
    "going to": "gonna|gunna|gona|goin to|going 2|goin 2|finna",
    "you": "u|ya|yu",
    "your": "ur|yer",
    "me": "mee",
    "be": "b",
    "dead": "ded",
    "nobody": "no one|noone|no body|no1|nobdy|nobady|nobodi",
    "someone": "some one|some1|sum1|sumone|somone|sumbody|somebody|sombody|somebdy|sumbdy",
    "anymore": "any more|anymore|eny more|enymore",
    "myself": "my self|meself|myslef|mysef|mysel|miself|maself|myself",
    "yourself": "your self|yourself|yaself|yerself|urself|urslf|yourslef",
    "mum": "mum|mom|mam|mummy|mommy|mammy|mumma|mama|mamma|mother|mumy",
    "mums": "mums|moms|mams|mummys|mommys|mammys|mummas|mamas|mammas|mothers|mumys",
    "dad": "dad|daddy|dady|da|father|farther|papa",
    "dads": "dads|daddys|dadys|das|fathers|farthers|papas",
    "boyfriend": "boyfriend|bf|boyfrend|boy friend|boyfreind|bfriend",
    "girlfriend": "girlfriend|gf|girlfrend|girl friend|girlfreind",
    # Key words as children misspell them: one table, so every rule meets the usual form.
    "following": "folowing|follwing|folloing|followin|folowin|follwoing",
    "bruises": "bruses|brusies|bruzes|bruices|brueses|bruzies",
    "every": "evry|evrey|evey|evary",
    "hurt": "hert|hurtt|hrut",
    "touched": "tuoched|touced|tocuhed",
    "threatened": "thretened|threatend|thretend|thraetened",
    "address": "adress|addres|adres",
    "married": "marryed|marred|maried",
    "fondles": "fondels|fondals|fondels",
}
_SPELLING = {
    variant: word
    for word, variants in _SPELLINGS.items()
    for word in [word]
    for variant in variants.split("|")
    if variant != word  # nothing to rewrite, and each rewrite costs time
}
# Longest first, so "do not" wins over a shorter variant that starts the same way.
_WORDS = [
    (
        _rx(r"\b(?:" + "|".join(sorted(_SPELLING, key=len, reverse=True)) + r")\b"),
        lambda m: _SPELLING[m.group(0)],
    ),
    (
        _rx(
            r"\b(want|going|got|have|has|had|need|scared|afraid|tried|try|trying|asked|told|made"
            r"|makes|wants|wanted|tells|forced|used|ready) 2\b"
        ),
        r"\1 to",
    ),
    (_rx(r"\bstep ?(mum|dad)(s?)\b"), r"step\1\2"),
    # "-es" written as it sounds after ch and sh: "pinchis", "punchiz", "touchis".
    (_rx(r"\b(\w+(?:ch|sh))(?:is|iz|ez)\b"), r"\1es"),
]


@dataclass(frozen=True)
class _View:
    """Normalised text plus, per character, the original span it came from."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def original(self, source: str, start: int, end: int) -> str:
        phrase = source[self.starts[start] : self.ends[end - 1]].strip(" \t\n.,!?;:")
        return phrase or self.text[start:end]


def _expand(m: re.Match, repl: str) -> str:
    # m.expand parses the template every call; most templates have no group references.
    return m.expand(repl) if "\\" in repl else repl


def _sub(view: _View, pattern: re.Pattern, repl) -> _View:
    """re.sub that keeps the character map: replacement text claims the span it replaced."""
    text, starts, ends, pos = [], [], [], 0
    for m in pattern.finditer(view.text):
        a, b = m.span()
        new = repl(m) if callable(repl) else _expand(m, repl)
        text.append(view.text[pos:a] + new)
        starts += view.starts[pos:a] + (view.starts[a],) * len(new)
        ends += view.ends[pos:a] + (view.ends[b - 1],) * len(new)
        pos = b
    if not text:
        return view
    text.append(view.text[pos:])
    return _View("".join(text), tuple(starts) + view.starts[pos:], tuple(ends) + view.ends[pos:])


def _lower(text: str) -> _View:
    lowered = text.translate(_QUOTES).lower()
    if len(lowered) == len(text):
        return _View(lowered, tuple(range(len(text))), tuple(range(1, len(text) + 1)))
    # Per character, because lower() can lengthen a character and shift later positions.
    chars, starts, ends = [], [], []
    for i, ch in enumerate(text.translate(_QUOTES)):
        for low in ch.lower():
            chars.append(low)
            starts.append(i)
            ends.append(i + 1)
    return _View("".join(chars), tuple(starts), tuple(ends))


def _view(text: str, index: int) -> _View:
    """The index-th normalised view of a text with its character map: slow, so only built for
    a text that matched, and only the view that matched."""
    base = _lower(text)
    for pattern, repl in _LAYOUT:
        base = _sub(base, pattern, repl)
    view = _sub(base, _STRETCH, _squashes(base.text)[index])
    for pattern, repl in _WORDS:
        view = _sub(view, pattern, repl)
    return view


def _texts(text: str) -> list[str]:
    """The same views as `_view`, as plain strings with a leading space (see _PATTERNS): the
    fast path every answer takes."""
    base = text.translate(_QUOTES).lower()
    for pattern, repl in _LAYOUT:
        base = pattern.sub(repl, base)
    texts = []
    for squash in _squashes(base):
        view = _STRETCH.sub(squash, base)
        for pattern, repl in _WORDS:
            view = pattern.sub(repl, view)
        texts.append(" " + view)
    return texts


def _squashes(text: str) -> tuple[str, ...]:
    # Most answers have no stretched letters, and then one view is enough.
    return (r"\1\1", r"\1") if _STRETCH.search(text) else (r"\1\1",)


# --- Shared vocabulary ----------------------------------------------------------------------

_FAMILY = (
    r"(?:mum|dad|stepdad|stepmum|parents?|carers?|foster (?:carer|mum|dad|parents?)|nan|nana"
    r"|nanny|gran|granny|grandma|grandad|grandpa|uncle|aunt|auntie|aunty|brothers?|sisters?"
    r"|cousin|boyfriend|girlfriend|partner|husband|wife|stepbrothers?|stepsisters?)"
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
    r"|belt|belts|belted|abuse|abuses|abused|leather|leathers|leathered|leathering)"
)
_SCARED = (
    r"(?:scared|skared|scard|scaird|scaired|skard|skaird|scered|scerd|scaerd|scarred|scarde"
    r"|scare|scaried|frightened|frightend|frighted|frightning|fritened|frietened|frit|afraid"
    r"|afriad|afraide|afrade|affraid|afaid|terrified|terified|terrifed|terrafied|teriffied"
    r"|petrified|frightned|frightnd|frighend|fritend|freightened|frieghtened|frightend"
    r"|scaredd|skeered|terrfied)"
)
_SAFE = r"(?:safe|save|saf|saif|sayf|sfe|safte|secure|protected)"
_APP = (
    r"(?:online|on line|the internet|internet|snap|snapchat|insta|instagram|tiktok|tik tok"
    r"|discord|roblox|fortnite|xbox|playstation|ps4|ps5|whatsapp|facebook|minecraft|omegle|kik"
    r"|telegram|twitter|an app|a game|chat ?rooms?|dating apps?|tinder)"
)
_PICS = (
    r"(?:pics|pic|pix|piks|pictures|picture|photos|photo|fotos|foto|selfies?|nudes"
    r"|videos?|vids)"
)
# Negations that turn a fear word into reassurance ("im not scared").
_NOT_BEFORE = (
    r"(?<!not )(?<!never )(?<!nothing )(?<!isnt )(?<!arent )(?<!wasnt )(?<!no longer )"
    r"(?<!dont feel )(?<!dont get )(?<!not really )(?<!never feel )(?<!dont be )(?<!films )"
    r"(?<!movies )"
)
# Ordinary childhood fears that are not about a person or a place.
_NOT_ORDINARY_FEAR = (
    r"(?! of (?:(?:the|a|an|that|this|big|huge|massive|scary|little|our|their|next doors?) )*"
    r"(?:dark|spiders?|dogs?|heights|clowns|dentist|needles|bees|wasps|snakes"
    r"|ghosts|monsters|horror|exams?|tests?|thunder|storms?|sea|water|rollercoasters"
    r"|doctors?|injections|getting (?:lost|it wrong)|failing|not passing)"
    r"| (?:that )?(?:i|ill|i will|i might|im going to|i wont) (?:\w+ )?(?:fail|not pass|mess up"
    r"|do badly|get (?:a )?bad (?:mark|grade|result)s?)| about (?:starting|exams?|tests?"
    r"|moving|going to (?:secondary|high|big|a new|the new) school|my (?:exams?|tests?|sats"
    r"|gcses|results))| (?:of|by|on|at|in|during|watching|after) (?:the |a |that |this |an )?"
    r"(?:\w+ )?(?:films?|movies?|horror|tv|telly|programmes?|shows?|episodes?|game|video|rides?"
    r"|rollercoasters?|roller coasters?|ghost train|haunted house|fair|funfair|theme park"
    r"|log flume|drop tower|fireworks|zip ?wire|big wheel)| (?:me|us) (?:as a joke|for a joke"
    r"|for a laugh|for fun)| (?:\w+ ){0,4}?but (?:it was|i loved"
    r"|i liked) (?:\w+ )?(?:amazing|fun|great|good|brilliant|class|awesome|ok|funny))"
)
# Sports where being hit, kicked or knocked down is part of the game.
_SPORT = (
    r"(?:dodge ?ball|football|rugby|hockey|netball|cricket|lacrosse|basketball|rounders"
    r"|boxing|kick ?boxing|karate|judo|taekwondo|jiu jitsu|mma|martial arts|sparring|wrestling"
    r"|fencing|paintball|laser tag|bulldog|tag|pe|training|practice|a match|the match)"
)
# Games and play, where "beat me" or "hit me" is no harm.
_NOT_GAME = (
    r"(?!(?: (?:me|us|him|her|my \w+))? (?:at|in) (?:cards|chess|mario|fifa|football|tennis"
    r"|a race|the race|races|running|swimming|monopoly|uno|games?|everything|sports day"
    r"|\w+ kart)| on (?:the|a) swings?"
    r"| by accident| accidentally|(?: \w+){0,4}? when (?:we|were|we are) (?:play|messing)"
    rf"|(?: \w+){{0,3}}? (?:in|at|during|playing|doing) (?:a |the |my )?{_SPORT}(?: club)?\b)"
)
# A toddler who bites or a little sister who hits in play is no harm; older siblings still count.
_SIBLINGS = ("sister", "brother", "sis", "bro", "cousin")
# Most positions follow no word ending as a sibling does (r, s, o, n), so those pass after one
# check, not twenty-five.
_NOT_LITTLE = (
    "(?:(?<![rson] )|"
    + "".join(
        f"(?<!{age} {sibling} )"
        for age in ("little", "baby", "younger", "lil", "small")
        for sibling in _SIBLINGS
    )
    + ")"
)
# What a parent hits or shouts at on a Saturday: a ball, the drums, the telly, the referee.
_NOT_THING = (
    r"(?! (?:at |on |with )?(?:(?:the|a|an|his|her|their|its|some) )?(?:(?:cricket|tennis|golf"
    r"|foot|rugby|base|soft|bowling|ping pong|punch|punching) )?(?:ball|balls|drums?|drum kit"
    r"|bag|pinata|target|nails?|sixes|fours|shots?|high notes?|notes|road|gym|shops|sack"
    r"|jackpot|snooze|button|keys|pads|mitts|telly|tv|television|screen|radio|ref|referee"
    r"|umpire|players?|news|game|match|football|rugby|computer|xbox|playstation|printer)\b)"
)

# Who hurts a child at school or in the street, as opposed to at home.
_PEERS = (
    r"(?:they|boys|girls|kids|people|bully|bullies|bullys|lads|year \d+s?|children|someone"
    r"|a boy|a girl|a kid|a group|a gang|older kids|older boys)"
)
# Future or intended harm: "they will", "hes going to", "said theyd".
_WILL = (
    r"(?:will|would|going to|said they would|said theyd|said hed|said shed|theyll|hell|shell"
    r"|want to|wants to|threaten(?:ed|s)? to|try to|tried to|trying to|coming to|promised to"
    r"|says (?:he|she|they) will|says (?:he|she|they) is going to)"
)
_DRUGS = r"(?:drugs|weed|vapes?|alcohol|booze|ket|coke|cocaine|spliffs?|joints?)"
# Parts of the body a rule about hurting can name: "hurts my arm", "break my legs".
_BODY = (
    r"(?:arms?|wrists?|legs?|thighs?|hands?|fingers?|hair|head|face|neck|throat|ears?|nose"
    r"|eyes?|back|ribs|stomach|tummy|chest|skin|jaw|teeth|body|hips?)"
)
# Hurting by moving a child's body about, as opposed to striking it: with a direction
# ("throws me against the wall", "pins me down") it is harm; "throws me the ball" is not.
_MOVE = (
    r"(?:throw|throws|threw|throwing|chuck|chucks|chucked|chucking|push|pushes|pushed|pushing"
    r"|shove|shoves|shoved|shoving|drag|drags|dragged|dragging|pull|pulls|pulled|pulling|yank"
    r"|yanks|yanked|yanking|slam|slams|slammed|slamming|pin|pins|pinned|pinning|hold|holds"
    r"|held|holding|shake|shakes|shook|shaking|kick|kicks|kicked|grab|grabs|grabbed|grabbing"
    r"|twist|twists|twisted|squeeze|squeezes|squeezed|tie|ties|tied)"
)
_DIRECTION = (
    r"(?:against|into|in to|across|down|onto|on to|off|along|round|around|by (?:the|my)"
    r"|out of (?:bed|the|my)|up (?:against|the stairs)|to the (?:floor|ground))"
)

# A little one who climbs into bed in a storm or after a nightmare is looking for comfort.
_NOT_COMFORT = (
    r"(?!(?: \w+){0,3}? (?:when|if|because|cos) (?:\w+ ){0,3}?(?:thunder\w*|storms?"
    r"|nightmares?|bad dreams?|scared of the dark))"
)
# A place that is unsafe because it is broken, icy or full of traffic needs a repair, not a
# safeguarding lead.
_NOT_PHYSICAL = (
    r"(?!(?: \w+){0,4}?,? (?:because|cos|as|coz) (?:of (?:the )?(?:cars|traffic|ice|potholes"
    r"|parking)|(?:its|it is|theyre|they are|the \w+ (?:is|are)) (?:\w+ )?(?:broken|old|wet"
    r"|slippery|icy|falling apart|too (?:high|steep|fast)))|(?: \w+){0,4}?,? we need a"
    r" (?:crossing|lollipop|zebra|speed))"
)

# "mum will kill me if i lose my phone" is a figure of speech about a small slip; "if i tell"
# is not, so only everyday slips count.
_NOT_HYPERBOLE = (
    r"(?! if i (?:\w+ )?(?:get|got|lose|lost|break|broke|fail|failed|forget|forgot|miss|missed"
    r"|am late|was late|come home late|spill|spilt|spend|crash|scratch|ruin|dont (?:do|tidy"
    r"|clean|pass))\b)"
)

# --- Rules per category ---------------------------------------------------------------------

_RULES: dict[str, list[str]] = {
    "self_harm": [
        r"(?:kill|killing|kil|end|ending|hang|hanging|drown|drowning|poison|starve|starving"
        r"|strangle|suffocate|stab|stabbing) myself",
        r"(?:hurt|hurting|hurts|harm|harming|cut|cuts|cutting|cutted|burn|burning|burnt|burned"
        r"|scratch|scratching|hit|hitting|punch|punching|bite|biting|bang|banging) (?:myself"
        r"|my (?:arms?|wrists?|legs?|thighs?|skin|stomach|tummy|body))(?! (?:at|in|playing"
        r"|during) (?:football|rugby|netball|pe|hockey|training|gym|gymnastics|dance|swimming"
        r"|basketball|cricket|tennis|sports day))",
        # Others in general ("support for people who self harm") are not a disclosure.
        r"(?<!people who )(?<!those who )(?<!anyone who )(?:self ?harm\w*|self ?injur\w*"
        r"|self ?hurt\w*)",
        r"suicid\w*(?! prevention| awareness)|sucid\w*|suisid\w*|suicde|sewerslide|sueside|suecide",
        # "kms" after a number is kilometres, not "kill myself".
        r"(?<!\d )(?<!\d)kms|un ?aliv(?:e|ed|es|ing)",
        r"over ?dos(?:e|ed|es|ing)|overdoes|od(?:ed|d|ing)? on|took an od",
        # A quantity or someone else's pills: "took paracetamol for my headache" is ordinary.
        r"(?:took|take|taking|swallowed|swallow) (?:(?:all|loads of|lots of|too many|a lot of"
        r"|a bunch of|a handful of|a load of|a whole (?:packet|box|bottle) of|a (?:packet|box"
        r"|bottle) of|\d+)(?: of)? (?:my |the |mums |dads |her |his )?|(?:my )?(?:mums|dads"
        r"|someone elses) )(?:pills|tablets|paracetamol|painkillers|meds|medicine)",
        r"swallowed (?:\w+ ){0,3}?(?:pills|tablets|paracetamol|painkillers)",
        r"(?:want to|wanted to|wants to|going to|ready to|deserve to|wish to|should"
        r"|(?<!boring )(?<!embarrassed )(?<!hot )(?<!laughed so hard )i could)"
        r" (?:die(?! (?:my|her|his) hair)|dye(?! (?:my|her|his|their|it|the|hair|your))"
        r"|be dead|dis+ap+e+a?r(?: forever)?)",
        r"wish (?:i|id) (?:was|were|wasnt|had|could|never|hadnt)"
        r" (?:\w+ ){0,2}?(?:dead|alive|born|here|die|exist)",
        r"better off (?:dead|without me)|(?:no|nothing|no reason|no point) (?:to|in) liv\w+",
        r"no point (?:in )?(?:living|being alive|life|going on)|nothing to live for",
        r"(?:dont|dont really|never) want to (?:live(?! (?:in|with|at|near|there|abroad|by|on"
        r"|somewhere|anywhere|here))|be alive|exist|wake up|be here|be around"
        r"|carry on|go on)",
        r"end (?:it|it all|things|everything|my life)|ending (?:it|it all|my life)",
        r"take my (?:own )?life|took my (?:own )?life",
        r"(?:cuts|scars|cut marks) on my|razors?|blades? to cut",
        r"(?:i|do|did|to|been|started|start|stop|stopped|relapsed|and|my) sh(?: ?ing| ?ed)?"
        r"(?! t\b)",
        r"sh (?:scars|marks|cuts|urges|relapse)",
        r"(?:been|started|start|keep|kept|stop|stopped|still|im|was|relapsed) (?:\w+ )?cutting"
        r"(?! (?:and|out|down|up|hair|paper|shapes|class|lessons|school|wood|grass))",
        r"i (?:cut|cuts) (?:when|again|because|cos|every|most|sometimes|a lot|alot|to cope"
        r"|at night)",
        r"(?:cut|cuts|cutting|hurt|hurts|hurting|harm|harms|harming|kill|kills|killing|burn|burns"
        r"|burning|starve|starves|starving) (?:himself|herself|themselves|themself)",
        r"if i (?:wasnt|was gone|wasnt around|wasnt alive|died|was dead|disappeared"
        r"|killed myself|never existed)|(?:better|happier|easier) (?:off )?without me",
        r"(?:bang|banging|bangs|hit|hitting|hits|smash|smashing) my head (?:on|against|off|into)",
        r"jump(?:ing|ed)? (?:off|from) (?:a|the|my) (?:bridge|building|roof|cliff|car park"
        r"|balcony|block|flats)|jump(?:ing)? in front of|(?:thought|think|thinking|thinks) about"
        r" jumping|jump(?:ing)? out (?:of )?(?:my|the|a) window",
        r"(?:never|not) (?:to )?wake up|sleep forever|rather (?:be dead|die)",
        r"(?:till|until|til|so) (?:it|they|i|my \w+) (?:bleeds?|bled|bleeding)"
        r"|(?:make|makes|making|made) myself bleed",
        r"goodbye (?:letters?|notes?|messages?)|suicide notes?",
        r"(?:think|thinking|thought|thoughts|thinks) (?:about|of) (?:dying|death|being dead"
        r"|ending it|not being here|not existing|not waking up)",
        r"(?:isnt|not|never) worth (?:living|being alive|it anymore)",
        r"(?:drank|drink|drinking|swallowed|swallow) (?:\w+ )?(?:bleach|poison|antifreeze"
        r"|chemicals)|(?:try|tried|trying) (?:and|to) die",
        r"want (?:it all|everything|it|life) to (?:stop|end)",
        r"(?:no|dont see (?:the|any)|cant see (?:the|any)|whats the|what is the|there is no"
        r"|theres no) point (?:in|of) (?:\w+ ){0,2}?(?:living|life|being alive|being here"
        r"|going on|carrying on|existing)",
        r"(?:cant|unable to|not able to) (?:\w+ )?(?:go on|carry on|keep going|cope|take it"
        r"|take this|do this|live like this)(?= *(?:$|[.,!?;:]| anymore| any more| any longer"
        r"| much longer| like this| without| no more| and| because| cos| i | im ))",
        # Searching for a way to die, for oneself or for a child a parent worries about.
        r"(?:ways?|how|methods?|easiest way|best way|quickest way|painless way) to (?:die"
        r"|kill (?:myself|yourself|ur ?self)|end (?:it|my life|your life)|commit suicide"
        r"|overdose|hang)|(?:google|googled|googling|search|searched|searching|look up"
        r"|looked up|looking up|research\w*) (?:\w+ ){0,3}?(?:suicide|dying|overdos\w*"
        r"|killing myself)",
        r"(?:carve|carves|carved|carving|slice|slices|sliced|slicing|slash|slashes|slashed"
        r"|slashing|scrape|scrapes|scraped|scraping|scratch|scratches|scratched|scratching"
        r"|pick|picks|picked|picking|stab|stabs|stabbed|stabbing|burn|burns|burnt|burned"
        r"|burning|cut|cuts|cutting|write|wrote|writing) (?:\w+ ){0,3}?(?:into|in|on|at|up)"
        r" my (?:skin|arms?|wrists?|legs?|thighs?|stomach|tummy|body|hips?)",
        r"(?:cuts|scars|cut marks|burn marks|burns) (?:\w+ ){0,2}?(?:on|over|up|across|all"
        r" over) (?:my|his|her|their) (?:arms?|wrists?|legs?|thighs?|stomach|tummy|body|hips?)",
        r"(?:keep|keeps|kept|keeping|hide|hides|hid|hiding) (?:a |my |the )?(?:\w+ )?(?:blades?"
        r"|razors?)|(?:sharpener|pencil sharpener) blades?",
    ],
    "abuse_at_home": [
        # Peers hitting at school are bullying_threats; games and accidents are not harm.
        # The first-letter lookahead lets most positions fail before the lookbehinds run.
        r"(?=[abchklpstw])(?<!they )(?<!boys )(?<!girls )(?<!kids )(?<!bullys )(?<!bullies )"
        r"(?<!people )(?<!lads )(?<!keep )(?<!accidentally )" + _NOT_LITTLE + rf"{_HIT}"
        rf" (?:me|us|mi|him|her|{_FAMILY}|{_MY} (?:\w+ )?{_FAMILY}|{_MY} (?:baby|siblings))"
        r"(?! (?:head|knee|leg|arm|toe|elbow|foot|hand|face|wrist|ankle|back|finger|thumb|shin)"
        r" (?:on|against|off|into|at (?!home)|in (?:pe|training|a match|the match)|playing|doing"
        r"|when|while|whilst|falling|during))" + _NOT_GAME,
        rf"{_HIT}(?: \w+){{0,4}}? at home",
        r"(?:get|gets|got|getting|been|being) (?:hit|hitted|smacked|slapped|beaten|beat|battered"
        r"|kicked|punched|hurt|belted|whacked|strangled|choked|abused)(?! by (?:a|the) (?:ball"
        r"|football|car|door|bike|swing|wave)| in the (?:face|head) (?:with|by) (?:a|the)"
        r" (?:ball|football|rugby ball)| with (?:a|the) (?:ball|football))" + _NOT_GAME,
        r"(?=[abcdfghmnpsuw])(?<!little )(?<!baby )(?<!younger )"
        rf"{_FAMILY} (?:\w+ ){{0,3}}?(?:hits|beats|hurts|kicks|punches|slaps|smacks|attacks"
        r"|strangles|chokes|pushes|abuses|batters|bashes|shouts|screams|yells|swears|hitting"
        r"|kicking|punching|slapping|beating|hurting|leathers)(?: me| us| him| her)?+"
        + _NOT_THING
        + _NOT_GAME,
        # Brothers and sisters squabble; parents and partners fighting is worth a look.
        r"(?:mum|dad|stepdad|stepmum|parents|carers|boyfriend|girlfriend|partner|husband|wife)"
        r" (?:\w+ ){0,3}?(?:fight|fights|fighting|argue|argues|arguing|rows|rowing)"
        r"(?!(?: \w+){0,5}? but (?:then )?(?:they|its|it is|we|theyre|they are) (?:always |soon"
        r" |usually )?(?:make up|made up|sort it|ok|okay|fine|alright|love))",
        r"(?:mums|dads|nans|grans) (?:new )?(?:fella|man)",
        rf"{_MY} mum has (?:a |got a )?(?:new )?boyfriend",
        r"domestic (?:violence|abuse)|dv|abuse|abused|abusing|abusive|abuze|abuzed|violen\w*",
        r"(?=[adfhpstw])"
        + _NOT_BEFORE
        + rf"(?:{_SCARED}|worried|dont want|hate|dread|dreading) (?:\w+ ){{0,2}}?(?:to go|of going"
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
        rf"{_FAMILY} (?:is|are|gets|get|can be|was|were) (?:\w+ )?(?:scary|scarey|frightening"
        r"|violent|dangerous|abusive|nasty|mean to me|horrible|cruel|evil|aggressive)",
        rf"(?:shouts|shouting|screams|screaming|yells|yelling|swears|swearing) at (?:me|us"
        rf"|{_MY} {_FAMILY}|{_FAMILY})(?! to (?:run|swim|go|try|work|push|keep|play) (?:\w+ )?"
        r"(?:faster|harder|quicker|going|up|better))",
        r"(?:fights?|fighting|arguing|arguments|rows) at home|bruises|bruised(?! my (?:knee|leg"
        r"|elbow|arm|shin|toe|finger|foot|ankle))|black eye(?! (?:playing|at|from|in) (?:rugby"
        r"|football|boxing|netball|hockey|a ball|the ball|pe))",
        r"with (?:a|the|his|her) (?:belt|stick|spoon|wooden spoon|slipper|shoe|hanger|cable"
        r"|wire)",
        r"grab(?:s|bed|bing|bs)? (?:me|us|him|her|mum|my \w+) (?:by|round|hard|and)|by the"
        r" (?:neck|throat|hair)|(?:hands?|arms?) round (?:my|her|his|mums?|my mums?)"
        r" (?:neck|throat)",
        r"(?:leaves?|left|leaving) (?:\w+ )?(?:marks|bruises)",
        r"refuge|womens aid|(?:ran|run|fled|flee|escaped|escape) from (?:my )?(?:dad|mum|stepdad"
        r"|stepmum|him)",
        r"(?:give|gives|gave|giving) (?:me|us|him|her) (?:a )?(?:good )?(?:beating|hiding|slap"
        r"|smack|whack|kicking|clip|belting|leathering)",
        r"(?:make|makes|made) (?:me|us) (?:stand|sit|kneel|stay|sleep) (?:\w+ ){0,4}?(?:all night"
        r"|for hours|all day|outside|in the cold|in the dark|in the garden|in the shed)",
        r"(?:says|said|tells me|told me|shouts) (?:that )?(?:she|he|they) (?:hates|hate|hated) me"
        r"|wishes (?:i|id) (?:was|were|had)? ?(?:dead|never (?:been )?born)|tells me im"
        r" (?:worthless|useless|a mistake|nothing|stupid|fat|ugly|a waste)|(?:calls|called|call)"
        r" me (?:worthless|useless|a mistake|a waste)",
        r"(?:hide|hiding|hid|hides) (?:\w+ ){0,4}?(?:when|because|from) (?:\w+ ){0,2}?(?:dad|mum"
        r"|stepdad|stepmum|he|she|they|boyfriend|parents)",
        r"(?:not|never|isnt|dont feel|doesnt feel|un) ?safe (?:at|in (?:my|our|the)) (?:home"
        r"|house)|home (?:isnt|is never|doesnt feel|never feels) safe",
        # Peers doing this are bullying_threats; at home it is worth a look whoever does it.
        r"(?=[cdghkpsty])(?<!they )(?<!boys )(?<!girls )(?<!kids )(?<!people )(?<!lads )"
        rf"{_MOVE} (?:me|us|him|her|my (?:\w+ )?{_FAMILY}) {_DIRECTION}",
        r"(?=[abchklpstw])(?<!i )(?<!we )(?<!accidentally )"
        rf"{_HIT} (?:\w+ )?my {_BODY}(?! at| in| playing"
        r"| when i| on (?:the|a) (?:trampoline|swings?|slide|pitch))" + _NOT_GAME,
        r"(?=[bgpstys])(?<!they )(?<!boys )(?<!girls )(?<!kids )(?<!people )(?<!lads )"
        r"(?<!i )(?<!we )"
        + _NOT_LITTLE
        + "(?:pull|pulls|pulled|pulling|yank|yanks|yanked|twist|twists|twisted"
        r"|grab|grabs|grabbed|squeeze|squeezes|squeezed|burn|burns|burnt|burned|pinch|pinches|pinched"
        r"|bend|bends|bent|scratch|scratches|scratched) (?:\w+ )?my (?:hair|ears?|arms?"
        r"|wrists?|neck|throat|fingers?|skin)(?! (?:for|to) (?:fun|play))"
        r"(?!(?: \w+){0,6}? (?:plaits|braids|brushes|brushing|combs|combing|does my hair"
        r"|doing my hair))",
        r"(?=[abcdfghmnpsuw])(?<!little )(?<!baby )(?<!younger )"
        rf"{_FAMILY} (?:\w+ ){{0,3}}?(?:hit|kicked|punched|slapped|smacked|attacked|strangled"
        r"|choked|pushed|shoved|battered|bashed|beat|whacked|thumped|threw|grabbed|dragged"
        r"|hurt|burnt|burned|bit|pinched)(?: \w+){0,4}? (?<!to )(?<!with )(?<!for )(?:me|us)\b"
        + _NOT_GAME,
        rf"{_FAMILY} (?:\w+ ){{0,3}}?{_WILL} (?:kill|hurt|stab|beat|batter|smash|punch"
        r"|strangle|throw|kick|chuck) (?:me|us|my)" + _NOT_HYPERBOLE,
    ],
    "sexual_abuse": [
        r"(?:touch|touches|touched|touching|tuch|tuches|tuched|tutch|tutches|tutched|toch"
        r"|toches|touchs|touchd|touchin|feels|grope|groped|gropes|groping"
        r"|fiddles with|fiddled with|rubs|rubbed|rubbing|strokes|stroked|lick|licks|licked"
        r"|licking) (?:me|us|mi|her|him|(?:my|her|his)"
        r" (?:private|privates|privets|privites|privet|bum|bottom|butt|body|chest|boobs?"
        r"|breasts?|willy|penis|vagina|fanny|front|bits|down there|legs?|thighs?|pants"
        r"|knickers|underwear|dick|parts|down below))",
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
        r"sexual(?:ly|y|l+y)?(?! health| education| orientation| identity)|sexy|molest\w*",
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
        r"(?:he|she|they|gets|got|comes|came|climbs|climbed) (?:in|into) (?:my bed|bed with me)"
        + _NOT_COMFORT,
        r"watch(?:es|ed)? me (?:in the shower|in the bath|get changed|undress|changing)",
        r"grab\w* (?:my|her) (?:bum|boobs?|breasts?|chest|privates?|crotch|butt|bottom|arse|ass)",
        r"(?:hands?|fingers?) (?:up|under|down|in|inside|into) (?:my|her|his) (?:skirt|dress|top"
        r"|shirt|knickers|pants|bra|trousers|shorts|underwear)",
        r"(?:pulled|pull|pulls|pulling|ripped|rips) (?:down |off )?(?:my|her) (?:trousers|pants"
        r"|knickers|shorts|skirt|bra|underwear|top)",
        r"(?:take|took|taking|takes) (?:my|her|our) (?:top|clothes|shirt|bra|t shirt|trousers"
        r"|pants|knickers|underwear) off|(?:with )?no clothes on",
        r"(?:did|does|do|doing|done|tried) (?:stuff|things|something|bad things|rude things"
        r"|sexual things|sex stuff) (?:to|with|on) (?:me|us|her|him)",
        r"(?:made|makes|make|forced|forces|pressured|pressures|pressuring|pushed) (?:me|us) (?:to"
        r" |into )?(?:do|doing) (?:stuff|things|sexual|sex|bad)",
        r"(?:comes?|came|walks?|walked|coming) (?:in|into) (?:the bathroom|the bath|my room"
        r"|my bedroom|the shower) (?:\w+ )?(?:when|while) (?:im|i was|i am) (?:\w+ )?(?:bath"
        r"|shower|changing|getting changed|in bed|asleep|sleeping|in there|naked|getting dressed)",
        r"looks at me (?:weird|funny|strange|in a (?:weird|funny|strange|bad|sexual) way)"
        r"|(?:stares|staring) at my (?:body|chest|boobs|bum)",
        r"(?:got|get|gets|been|was|being|getting) touched(?: up)?|touch(?:ed|es|ing)? me up"
        r"|touched up",
        r"(?:put|puts|putting|stuck|sticks|pushed) (?:his|her|their) (?:\w+ )?(?:in|inside|into)"
        r" (?:me|my)",
        r"(?:sleep|sleeps|slept|sleeping) in (?:his|her|their) bed|(?:makes|made|make) me"
        r" (?:sleep|get) (?:in|into) (?:his|her|their) bed",
        r"(?:didnt|dont) want (?:him|her|them) to|(?:hurt|hurts|touched|touches|touch) (?:me )?"
        r"down (?:there|below)",
        r"dick pics?|(?:pictures|pics|photos|videos) of (?:his|her|their) (?:private|privates"
        r"|willy|penis|dick|bits)",
        r"(?:get|gets|got|getting|come|comes|came|coming|climb|climbs|climbed|climbing|crawl"
        r"|crawls|crawled|sneak|sneaks|sneaked|snuck|lie|lies|lay|lying|try|trying|tries|tried"
        r"|wants|wanted) (?:to )?(?:in|into|in to) (?:my bed|bed with (?:me|us|her|him))"
        + _NOT_COMFORT,
        r"(?:comes?|came|coming|walks?|walked|barges?|barged|watches|watched|stands?|stood"
        r"|stays?|stayed|wont leave|doesnt leave) (?:\w+ ){0,3}?(?:when|while|whilst) (?:im"
        r"|i was|i am) (?:\w+ )?(?:in the bath|in the shower|having a bath|having a shower"
        r"|changing|getting changed|getting dressed|undressed|naked|on the toilet|in the toilet"
        r"|asleep|in bed)",
        r"(?:grab|grabs|grabbed|grabbing|touch|touches|touched|touching|slap|slaps|slapped"
        r"|slapping|pinch|pinches|pinched|pinching|squeeze|squeezes|squeezed|squeezing|feel|feels"
        r"|felt|grope|gropes|groped|groping) (?:\w+ ){0,2}?(?:bums?|bottoms?|boobs?|breasts?"
        r"|crotch|butts?|arses?|asses?)",
        r"(?:took|take|takes|taking|made|makes|filmed|films|filming|recorded|records|recording)"
        r" (?:a |some )?(?:videos?|vids?|pics?|pictures?|photos?)? ?of (?:me|us|her|him)"
        r" (?:\w+ ){0,3}?(?:doing (?:stuff|things|it|something|sexual)|naked|undress\w*"
        r"|changing|getting changed|in the (?:shower|bath|toilet)|with no|without (?:my|any)"
        r" (?:clothes|top|pants))|(?:and|then) (?:shared|sent|posted|put) (?:it|them)"
        r" (?:\w+ )?(?:online|on|round|around|to everyone|in (?:a|the) group)",
    ],
    "exploitation": [
        r"older (?:boyfriend|girlfriend|man|men|guy|guys|woman|women|lady)|olders|older lot",
        # Older children are everywhere in a child's day; only what they do to a child counts.
        r"older (?:boys|lads|kids|people|friends|ones|teenagers|girls) (?:\w+ ){0,4}?(?:give"
        r"|gives|gave|pay|pays|paid|make|makes|made|told|tell|tells|ask|asks|asked|want|wants"
        r"|buy|buys|bought|offer|offers|offered|take|took|get me|got me)\b",
        r"(?:for|with|by|from) (?:the )?older (?:boys|lads|kids|people|ones)",
        # An adult respondent ("im 22 and my boyfriend is 24") or a sibling's partner is not
        # a child with an older partner.
        r"(?=[bg])(?<!brothers )(?<!sisters )(?<!cousins )(?<!mums )(?<!dads )"
        r"(?<!im (?:1[89]|[2-9]\d) and my )"
        r"(?:boyfriend|girlfriend) (?:is|who is|whos|thats) (?:(?:much|way|a lot|loads|a bit"
        r"|\d+ years?) )?(?:older|an adult|a grown up|1[89]|[2-9]\d)",
        r"(?:adult|grown up|grownup) (?:boyfriend|girlfriend)",
        r"(?=[ast])(?<!blocked )(?<!block )(?<!talk to )(?<!reported )(?<!report )"
        rf"(?:someone|a man|a guy|a person|a stranger|strangers?|this guy|this man|an adult"
        rf"|a boy|a girl|a lady|a woman) (?:i (?:met|talk to|speak to|chat to|know|play with)"
        rf" |i met |from )?(?:on )?{_APP}",
        rf"met (?:(?:him|her|them|someone|a \w+|my \w+) )?(?:on )?{_APP}|online (?:friends?"
        r"|boyfriend"
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
        # Parcels and bags only for someone else: "i help my dad deliver parcels" is a job.
        r"(?:carry|carrying|carried|hold|holding|held|deliver\w*|drop(?:ping)? off|move|moving"
        r"|sell|selling|sold|stash\w*|run|running|hide|hiding) (?:\w+ ){0,2}?(?:drugs|weed"
        r"|knives|a knife|a weapon|(?:packages?|parcels?|packs?|a bag|bags|stuff|things|phones?"
        r"|money) for (?:them|him|her|someone|people|older|the olders|a man|men|strangers|a gang"
        r"|the gang|dealers?))",
        r"county ?lines?|countylines|trap ?house|trapping|trappin|(?:go|going|gone|went) country"
        r"|cuckoo\w*|kukoo\w*|line phone|burner(?: phone)?|drug runner|runner for|shotting"
        r"|shotter|owe (?:them|him|her|people|someone) money|in debt to|debt bond\w*",
        # A child going missing or running away, not a pet or a game.
        r"(?:i|im|we|he|hes|she|shes|they|son|daughter|child|kids?|brother|sister|friend|mate"
        r"|keep|keeps|kept) (?:\w+ ){0,2}?(?:going|gone|go|went|goes|gets reported|been reported"
        r"|reported) missing|missing from (?:home|care)",
        r"(?:i|im|we|he|hes|she|shes|son|daughter|child|brother|sister|friend|mate|keep|keeps"
        r"|kept|want to|going to|thinking of|tried to|thought about) (?:\w+ ){0,2}?(?:run away"
        r"|ran away|running away|runaway|run off|ran off)(?! from (?!home|my |our |the (?:house"
        r"|home|unit|children)|care|foster|school|them|him|her))",
        r"stay(?:ed|s|ing)? out all night|out all night|didnt come home",
        r"(?<!dog )(?<!about )(?<!about online )groom(?:ed|ing|s me|ers?)|traffick\w*"
        r"|modern slavery|(?:forced|made) to work|blackmail\w*|sextort\w*",
        r"(?:asked|asks|told|tells|made|makes|make|wants|wanted|said|says|forced) (?:me|us)"
        r" (?:to )?keep (?:(?:it|this|things|stuff|them|everything|our chats|our messages|a"
        r"|the|our) )*(?:secret|secrets|quiet|hidden|between us)",
        r"(?:told|tells|said|says|warned) (?:me|us) (?:not to|to not|dont|never|not) (?:tell"
        r"|say|speak|talk)(?! (?:\w+ )?(?:the )?(?:answers?|ending|surprise|spoilers?|the end\b))"
        r"|not allowed to tell|cant tell anyone|keep (?:it|this) (?:a )?secret",
        r"(?:dont|never) tell (?:anyone|anybody|your mum|your parents)|delete (?:the|our)"
        r" (?:messages|chats)",
        rf"(?:threatened|threatening|threatens) to (?:share|post|send|leak) (?:\w+ )?{_PICS}",
        r"(?:made|make|makes|forced|force|forces|told|tells|pay|paid|pays) (?:me|us) (?:to )?"
        r"(?:carry|hold|deliver|drop off|drop|move|hide|sell|stash|run|take) (?:a bag|bags"
        r"|packages?|parcels?|drugs|stuff|things|a phone|phones|knives|a knife|weapons?|money"
        r"|cash)",
        r"(?:have to|got to|must) (?:answer|pick up) (?:it|the phone)|(?:gave|give|gives|given)"
        r" (?:me|us) a (?:phone|burner|sim)(?! for (?:my|christmas))",
        r"keep (?:(?:it|this|that|our|my|his|her|them|the|us|everything|things|stuff|chats"
        r"|messages|a|big|little|special) )*secrets?",
        r"(?:told|tells|asked|asks|makes|made|wants|wanted|said|says) (?:me |us )?(?:to )?delete",
        r"(?:facetime|video ?calls?|video ?chat|webcam|on cam|camera)(?: \w+){0,4}? (?:alone"
        r"|on my own|naked|undress\w*|clothes|top off|in my room|in bed)|(?:off|naked|undress\w*"
        r"|stuff|things) on (?:facetime|video ?call|video chat|webcam|cam|camera)",
        r"(?<!student )debts?(?! advice)|pay (?:it |them |him |the debt )?back",
        rf"(?:money|robux|vbucks|v bucks|gifts?|presents?|credit|cash|gift cards?|skins)"
        rf"(?: \w+){{0,2}}? for (?:\w+ )?{_PICS}",
        r"(?:he|a man|someone|this guy|this man|a guy|a stranger|strangers|people online)"
        r" (?:\w+ )?(?:sends?|sent|gives?|gave|buys|bought|keeps sending) (?:me )?(?:money|cash"
        r"|gifts|presents|robux|vbucks|stuff|things|vapes)",
        r"(?:wont|doesnt|wouldnt|refuses to|cant) (?:say|tell (?:me|us)|explain) (?:where|who)"
        r" (?:\w+ ){0,3}?(?:got|gets|from|gave|bought)",
        r"(?:use|using|used|uses) (?:my|our|mums|her|his|the|my mums|my nans) (?:house|flat"
        r"|home|place) (?:to|for|as)",
        rf"fake (?:account|profile|page|insta|snap)(?: of| about| pretending to be| with| using)?"
        rf" (?:me|my)|(?:sending|sent|sharing|shared|posting|posted|leaking|leaked) (?:my|her)"
        rf" {_PICS}",
        r"mature for (?:my|your|her|his) age|secret relationship",
        r"lookout|look out for (?:the )?(?:feds|police|olders|them)|(?:paid|pay|pays) (?:me |us )?"
        r"(?:\w+ )?to (?:be|look|watch|hold|carry|drop|deliver|sell|move|stash|keep)",
        r"(?:working|work|selling|running|sell|run|shotting) for (?:them|him|a gang|the gang"
        r"|older|the olders|a dealer|dealers)",
        r"(?:im|i am|she is|shes|he is|hes|is|aged) (?:[4-9]|1[0-7])\b(?: \w+){0,6}? (?:boyfriend"
        r"|girlfriend|going out with|dating|seeing|man|guy|bloke)\b(?: \w+){0,3}? (?:1[89]"
        r"|[2-9]\d)\b",
        r"(?:going out with|dating|seeing|sleeping with|boyfriend|girlfriend)(?: is)? (?:a|an)"
        r" (?:1[89]|[2-9]\d) ?(?:year old|yr old|yo|years old)",
        r"(?:wont|dont|doesnt|wouldnt) let (?:me|us) (?:leave|go home)",
        r"(?:for|in exchange for|in return for) sex",
        # A threat to share pictures, or pressure to send more: sextortion in a child's words.
        rf"(?:post|posts|share|shares|send|sends|leak|leaks|show|shows|upload|uploads|spread"
        rf"|spreads|expose|exposes|put|puts) (?:\w+ ){{0,2}}?{_PICS}(?: \w+){{0,6}}? (?:if|unless)"
        rf"|(?<!i )(?<!we ){_WILL} (?:post|share|send|leak|show|upload|spread|expose|put)"
        rf" (?:\w+ ){{0,2}}?{_PICS}",
        r"(?:unless|if) (?:i|you|u) (?:dont|wont|stop|refuse to|didnt) (?:send|sending) (?:\w+ )?"
        rf"(?:more|another|any more|again|{_PICS}|him|her|them|it|one)",
        # Cuckooing: a home taken over by people who will not leave.
        r"(?:took|take|taken|takes|taking) over (?:my|our|his|her|the) (?:\w+ )?(?:flat|house"
        r"|home|place)|(?:wont|will not|refuse to|never) leave (?:my|our|his|her) (?:\w+ )?"
        r"(?:flat|house|home|place)",
        r"(?:arrested|found|picked up|stopped|caught) (?:\w+ ){0,2}?in (?:another|a different)"
        r" (?:city|town|county|area)|with (?:drugs|weed|a knife|knives|cash) on (?:me|him|her)",
    ],
    "neglect": [
        r"no (?:food|dinner|breakfast|lunch|tea|meals?|snacks)(?! waste)|nothing to eat",
        r"not enough (?:food|to eat|dinner|money)|never (?:any |enough )?food"
        r"|(?=f)(?<!for the )(?<!at the )(?<!for a )food ?bank(?! helps| collection| appeal)",
        r"(?<!toilets )(?<!school )(?<!hall )(?<!classrooms )(?<!classroom )"
        r"(?:dont|havent|never) (?:have|got) (?:(?:a|any|clean|warm|proper|my own) ){0,2}"
        r"(?:electric"
        r"|electricity|heating|gas|hot water|food|money for food|coat|shoes|clothes|uniform"
        r"|toothbrush|toothpaste|soap|shampoo|towel|bedding|duvet|blanket|pillow|socks|underwear"
        r"|pants)",
        r"(?:sleeps|sleeping|asleep|stays in bed|stay in bed|in bed|lies in bed) all day"
        r"|always (?:asleep|in bed)|never gets? (?:out of bed|up)|doesnt get (?:out of bed|up)",
        r"(?:dont|didnt|never|doesnt|cant|havent) (?:\w+ ){0,2}?(?:get|have|got|eat|eaten"
        r"|afford) (?:any |enough |much )?(?:food|dinner|breakfast|lunch|tea|meals?)"
        r"(?!(?: \w+){0,2}? yet| today because| this morning because)",
        r"(?:dont|doesnt|never|not|nobody) (?:get |gets )?(?:fed(?! up)|feeds? (?:me|us))",
        # "hungry before lunch" or "after PE" is an ordinary growing child.
        r"(?=hung|starv)(?<!not )(?<!wasnt )(?<!isnt )(?<!arent )(?<!never )(?<!dont get )"
        r"(?<!yet im )(?<!yet, im )(?<!yet so im )(?<!yet and im )(?<!home )"
        r"(?:hungry|hungery|hungy|hungary|hungrey|hunry|starving|starvin|starved)"
        r"(?! (?:before|after|by|during"
        r"|til|till|until)\b| at (?:break|lunch|school|the end)| in (?:lessons|class|the morning"
        r"|maths|pe)| lol|[ ,.!?]*(?:what|whats|when|whens|is (?:it|lunch|dinner|tea)|cant wait"
        r"|lol|haha)\b|[ ,.!?]*(?:\w+ ){0,5}?(?:yet|soon)\b)",
        r"(?:skip|skipping|skipped|miss|missing|missed) (?:meals|dinner|breakfast|lunch|tea)"
        r"(?! sometimes| because| cos| club| time)",
        r"nobody (?:\w+ ){0,2}?(?:looks after|look after|cares|care|takes care of|feeds|cooks"
        r"|washes|helps|loves|wants|is there|is home|is at home)",
        r"nobody(?: is)?(?: ever)? (?:home|at home|there for me|around to)(?! (?:hurts|hits|harms"
        r"|shouts|smacks|touches|is (?:mean|horrible|nasty|violent)))|nobody (?:\w+ ){0,3}?"
        r"(?:picks me up|collects me|fixed|fixes|buys me|takes me|checks|wakes me)",
        r"(?:nobody|doesnt|dont|never)(?: \w+){0,5}? (?:cares? about me|cares? what (?:i"
        r"|happens to me)|care if i)",
        r"(?:dont|doesnt|never|not|wont) (?:\w+ ){0,2}?(?:look after|looks after|take care of"
        r"|takes care of|care about|cares about|care for|cares for|feed|feeds|wash|washes"
        r"|cook for|cooks for) (?:me|us)",
        r"not (?:\w+ )?(?:looked after|cared for|fed(?! up))|(?:have|had|got) to look after myself",
        r"(?<!to be )(?<!like being )left (?:me |us )?(?:all |completely |totally )?(?:alone"
        r"|on my own|on our own|by myself"
        r"|home alone|at home alone|alone at home|in the house alone|outside)",
        r"(?:got|get|gets|been|being|am|im|was|are|were|is) left (?:at home|home|behind|outside"
        r"|in the car)",
        r"leaves? (?:me|us) (?:\w+ ){0,2}?(?:alone|on my own|on our own|by myself|at home|home"
        r"|in the house|outside|in the car)",
        r"(?=[ah])(?<!watched )(?<!watch )(?<!watching )(?<!like being )(?<!like to be )"
        r"(?<!love being )"
        r"home alone|alone (?:all night|all day|at night|overnight|for days|every night)",
        r"no (?:proper )?(?:bed|mattress|pillow|duvet|blanket|sheets)|mattress on the floor",
        r"(?:dont|havent|never) (?:have|got) (?:a|my own) bed|sleep (?:on|in) (?:the floor"
        r"|a chair|the sofa|the couch|the car)",
        r"(?:dirty|smelly|ripped|torn|same|wet|stained) (?:clothes|uniform|school uniform|shoes"
        r"|socks|pants)|no (?:clean )?(?:clothes|uniform|shoes|coat|socks)",
        r"(?:people say |they say )?(?:i|im) (?:smell|stink|smelly|dirty)|smelly|never (?:get )?"
        r"(?:washed|bathed|showered|a bath|a shower)|(?:cant|no) (?:shower|bath|wash)",
        r"no (?:heating|heat|electric|electricity|gas|hot water|water|power|money)"
        r"(?! in (?:the |our )?(?:sports hall|hall|school|classrooms?|toilets|changing rooms|gym"
        r"|library|canteen|huts?|labs?|science labs?))|(?:heating"
        r"|electric|gas) (?:is |got |has been )?(?:off|cut off)",
        r"always cold|cold (?:at home|all the time|in my house|in the house)"
        r"|freezing (?:at home|in my house|in the house|all the time)|(?<!toilets have )"
        r"(?<!school has )(?:mould|mold|damp)(?! in (?:the )?(?:school|classrooms?|toilets))",
        rf"{_FAMILY} (?:\w+ ){{0,3}}?(?:drunk|drunken|druck|high(?! school| marks| up| grades?"
        r"| scores?| five| chair| jump)|stoned|wasted"
        r"|smashed(?! it)|off (?:his|her|their|my) face|on drugs|on something"
        r"|(?:takes|taking|does|doing|using|uses) drugs|smokes weed|smoking weed|an alcoholic"
        r"|alcoholic|addict|addicted"
        r"|drinks (?:too much|a lot|alot|all the time|every day|everyday|loads|beer|wine|vodka"
        r"|cans|alcohol|all day|all night|every night|most days|in the morning)(?! (?:\w+ )?(?:at"
        r"|on|for) (?:christmas|birthdays?|parties|a party|weddings?|new year|special occasions"
        r"|the weekend|weekends))|drinking (?:too"
        r" much|a lot|alot|all the time|every day|loads|again|all day|all night"
        r"|beer|wine|vodka|alcohol)|pissed|hungover|passed out|passes out)",
        r"(?:he|she|they)(?: is| are| gets| get| was| were|s)? (?:always |often |usually |really )?"
        r"(?:drunk|stoned|wasted|high(?! school| up)|on drugs|off (?:his|her|their) face)",
        r"homeless|nowhere to (?:live|sleep|stay|go)|sofa surf\w*|(?:kicked|thrown) (?:me |us )?out"
        r"|(?:threw|throw|throws|kicks) (?:me|us) out|(?:sleep|sleeping|living|live) (?:in a car"
        r"|in the car|on the streets?|rough)",
        r"(?:nobody|dont|doesnt|never|wont|didnt|wouldnt) (?:\w+ ){0,2}?(?:take|takes|took) me to"
        r" (?:the )?"
        r"(?:doctor|doctors|dentist|hospital)|toothache|rotten teeth",
        r"(?:have to|got to|has to) (?:feed|look after|care for) (?:myself|my (?:little|baby"
        r"|younger)|the baby)",
        r"only (?:eat|get to eat|get food|get fed|proper meal|meal i get|food i get)(?: is)?"
        r" (?:at|is at) school|only (?:meal|food) (?:i get|we get)",
        r"i look after myself|(?:have to |had to )?(?:make|makes|cook|cooks) (?:my|our) own"
        r" (?:tea|dinner|food|breakfast|meals)(?! (?:because|cos|as) i (?:like|want|enjoy|love)"
        r"| at (?:the )?weekends?| sometimes| on (?:saturdays|sundays))",
        r"(?:electric|electricity|gas|meter|heating|food|money) (?:keeps |always |has )?(?:running"
        r"|runs|ran|run) out|(?:ran|run|running) out of (?:food|electric|gas|money)",
        r"(?<!pet )(?:mice|rats|cockroaches|bed ?bugs|fleas)(?! as pets)",
        r"i (?:do|have to do|got to do) all the (?:cooking|cleaning|washing|shopping|housework)"
        r"|(?:care for|look after|looking after|caring for|care of) (?:\w+ ){0,3}?(?:and|so)"
        r" (?:i )?(?:miss|missed|cant go to|dont go to|dont get to|late for) (?:\w+ ){0,2}?school"
        r"|miss(?:ed|ing)? (?:\w+ )?school (?:to|because i|cos i|so i can) (?:\w+ )?(?:look after"
        r"|care for|help)",
        r"always out|never home|never at home|out every night|(?:doesnt|dont|didnt|never) come"
        r" (?:back|home)",
        r"(?:dont|never|havent|doesnt|cant|didnt|not) (?:get |got |been |had |have )?(?:washed"
        r"|a bath|a shower|bathed|showered|a wash)",
        r"(?:house|home|flat|kitchen) (?:is |s )?(?:always |really |so |very )?(?:dirty|filthy"
        r"|disgusting|minging|smelly|stinks|a tip)|(?:poo|poop|wee|rubbish|bin bags|sick"
        r"|dog mess) (?:all )?(?:over|on) (?:the|our|my) (?:floor|house|carpet|bed|kitchen)",
        r"(?:share|sharing|shares) (?:a|my|one|the same) bed with|(?:\d|two|three|four|five|six"
        r"|all) of us (?:in|sleep in|share|sleeping in) (?:one|a|the same) (?:room|bed)",
        r"lock(?:s|ed|ing)? (?:the )?(?:fridge|food|cupboards?|kitchen)",
        # Hunger and going without, in the many ways a child or parent puts it.
        r"(?:go|goes|going|gone|went|do|doing) without (?:\w+ )?(?:food|meals?|dinner|breakfast"
        r"|lunch|tea|eating|heating|electric|gas|clothes|shoes|nappies|a meal)",
        r"(?:forgets?|forgot|forgotten|forgetting|never remembers?|doesnt remember|too (?:drunk"
        r"|high|tired|busy|ill)) (?:\w+ ){0,2}?(?:to )?(?:feed|feeds|make (?:me |us )?(?:food"
        r"|dinner|tea|breakfast|lunch)|cook|buy food|get food|pick (?:me|us) up|collect (?:me"
        r"|us)|wake (?:me|us) up)",
        r"(?:cant|can not|cannot|couldnt|struggle to|struggling to) (?:\w+ )?afford (?:to )?"
        r"(?:food|feed|eat|buy food|the food shop|heating|heat|the heating|electric|the electric"
        r"|gas|rent|nappies|uniform|school uniform|clothes|shoes|a coat|meals?|dinner)",
        r"(?:steal|steals|stole|stealing|nick|nicks|nicked|nicking|shoplift\w*|beg|begs|begged"
        r"|begging) (?:\w+ ){0,2}?(?:food|bread|something to eat|snacks|for money|money for)",
        r"(?:eat|eats|ate|eating|food|find food|get food|look for food|looking for food)"
        r" (?:\w+ ){0,2}?(?:out of|from|in) (?:the |a )?bins?",
        r"(?:clothes|uniform|shoes|socks|pants|coat|bedding|sheets|bed) (?:\w+ ){0,2}?(?:stinks?"
        r"|smell (?:bad|horrible|awful|of)|smells (?:bad|horrible|awful|of)|(?:have|has|got|are"
        r"|is) (?:full of )?holes|falling apart|are dirty|is dirty|too small)",
        r"(?:wont|doesnt|dont|never|cant|cannot) (?:\w+ )?(?:buy|get|give)(?: me| us)? (?:\w+ )?"
        r"(?:new ones|food|a coat|warm clothes|a bed|nappies|milk)"
        r"|no washing machine|(?:dont|doesnt|never) (?:have|got) a washing machine",
        r"never (?:\w+ )?(?:been|gone|go|went|taken|seen|had)(?: to)? (?:a |the )?(?:dentist"
        r"|doctor|doctors|gp|optician)",
    ],
    "bullying_threats": [
        r"(?<!rain )(?<!weather )(?<!storm )thre?a?tt?(?:s|en|ens|ened|end|nd|ening|ning|ned)?"
        r"(?! to (?:give|ruin|spoil|cancel))",
        r"(?<!about )(?<!about the )knife(?! and fork| skills| crime (?:in|at|talk|assembly"
        r"|workshop|lesson|awareness))|knifes|knives|kniv|nife|nives"
        r"|(?<!shoulder )(?<!grass )(?<!fan )(?<!turbine )blades?"
        r"(?! (?:on|of) (?:a|the) (?:wind|fan|turbine|helicopter|grass|windmill))|shank\w*"
        r"|machete|weapons?|armed|acid attack|throw acid|pepper spray",
        r"(?<!nerf )(?<!water )(?<!toy )(?<!glue )(?:gun|guns|gunned)",
        r"stab|stabs|stabbed|stabbing|stabing|stabed|shoot (?:me|us)|shot at",
        r"gang(?! of (?:cats|dogs|animals|friends|mates|pirates|penguins|ducks|us))|gangs|gangz"
        r"|gang members?|ganged up",
        _WILL + r" (?:hurt|kill|stab|beat|batter|jump|smash|punch|bang|merk|murk|shank|shoot"
        r"|cut|slice|fight|attack|end|bash|kick|rush|do|smash|slap|set) (?:me|us|mi)"
        + _NOT_HYPERBOLE,
        # "get me" and "my" objects only where they cannot be everyday plans ("get me a dog").
        _WILL + r" get (?:me|us)(?! (?:a|an|some|new|the|one|to|from|something|food|ready)\b)",
        _WILL + r" (?:kill|stab|shoot|hurt|shank|batter|punch) my",
        r"beaten up|beat up|beat (?:me|us) up|beats (?:me|us) up|beating (?:me|us) up|beated up"
        r"|battered|jump(?:ed)? (?:me|us)|jumped by|(?:got|get|getting|been|gets)"
        r" (?:jumped(?! on by (?:my|the|a|our) (?:dog|puppy))"
        r"|rushed|merked|murked|shanked|stabbed|battered|beat|beaten)",
        r"rushed (?:me|us)|merk|merked|merking|murk|murked|murking|op+s|postcode war|beef with"
        r"|beefing",
        r"kys|kill (?:you|yourself|ya)|go die|fight me|fights me|wants? to fight|fight after"
        r" school",
        r"(?:smash|smashing|punch|kick|bash|batter|cave|bang|knock|stamp on) (?:my|your|ur|his"
        r"|her) (?:face|head|teeth)",
        r"(?<!sexually )(?<!sexual )assault\w*",
        r"postcode(?:s| \w+)|beef (?:with|between)|beefing|got beef|theres beef",
        r"set (?:me|us|my \w+|him|her) (?:on fire|alight)|set fire to (?:me|us|my|our|him|her)"
        r"|burn (?:my|our|me|us)(?: \w+)? (?:down|alive)",
        r"(?:youre|your|ur|you are|you r) dead(?! good| funny| nice| proud| tired| happy| lucky"
        r"| jealous| right)|(?:im|hes|shes|were) dead (?:after|tomorrow|tmrw|at|when|if|on|next"
        r"|monday|tuesday|wednesday|thursday|friday)",
        r"watch (?:your|ur|yer|my|ya|you) back|better watch out|(?:know|knows|found out) where"
        r" (?:i|you|we|my \w+) live|(?:theyre|they are|hes|he is|shes|theyll|hell|they will"
        r"|theyd|hed|shed) (?:\w+ )?(?:coming|come|come back) (?:back )?for (?:me|him|her|us)",
        rf"{_PEERS}(?: \w+){{0,4}}? (?:keep |keeps |always |all )?{_HIT} (?:me|us|him|her|them"
        r"|my \w+)" + _NOT_GAME,
        r"(?:told|tells|telling|said|says) (?:me )?to (?:kill myself|kys|die|go die|unalive)",
        rf"{_HIT} (?:me|us) (?:\w+ ){{0,3}}?(?:at school|in class|in the toilets|on the bus"
        r"|at break|at lunch|in pe|after school|every day)",
        r"(?:got|get|been) (?:hit|punched|kicked|beaten|smacked|slapped|whacked) (?:with|by)"
        r" (?:a|an) (?:bat|stick|brick|bottle|stone|rock|weapon|pole|chain)",
        r"bull\w* and (?:\w+ ){0,2}?(?:pushed|hit|kicked|punched|beaten|tripped|attacked|slapped)",
        _WILL + rf" (?:\w+ )?(?:break|snap|smash|cut|slash|burn|stab|shank|batter|punch|kick"
        rf"|bust) (?:my|your|ur|his|her) {_BODY}",
        r"(?=[bgkms])(?<!to )(?<!at )(?<!ll )(?:smash|smashes|smashed|smashing|batter|batters"
        r"|shank|shanks|merk|murk|stab|slash|slashed|glass|glassed|bottle|bottled|knife|knifed)"
        r" (?:me|us|him|her)(?! (?:at|in) )" + _NOT_GAME,
        r"(?:throw|throws|threw|throwing|chuck|chucks|chucked|chucking|spit|spits|spat|spitting)"
        r" (?:\w+ ){0,3}?(?:at|on) (?:me|us)",
        r"(?:held|hold|holds|holding|pinned|pin|pins|pinning|tied|ties|tie) (?:me|us) (?:down"
        r"|up|to)|(?:was|got|get|been|being|gets) (?:held|pinned|tied) (?:down|up)",
        r"(?:got|get|getting|been|gets|was|were) (?:\w+ )?(?:hit|punched|kicked|beaten|slapped"
        r"|smacked|attacked|stabbed|headbutted|tripped)(?: \w+){0,4}? (?:at|in|on|outside|near)"
        r" (?:the )?(?:park|school|bus|school bus|street|shops|field|town|corridor|toilets"
        r"|playground|gates?|way home|way to school)",
    ],
    "feeling_unsafe": [
        # A negation, then only filler words, then "safe": "dont really feel safe" matches,
        # "i feel safe" never does.
        r"(?=[abcdhinruw])(?<!dont feel )(?<!never feel )(?<!not )(?<!nothing makes me feel )"
        r"(?:not|never|dont|doesnt|isnt|arent|wasnt|cant|didnt|hardly|rarely|barely|un) ?"
        r"(?:(?:feel|feels|feeling|felt|very|really|always|that|so|too|be|being|am|im|is|it|its"
        r"|totally|completely|quite|at all|sure|if|i|know|whether|ever|properly|fully|very)"
        r" ){0,5}?" + _SAFE + _NOT_PHYSICAL,
        r"(?=u)(?<!dont feel )(?<!never feel )(?<!not )(?<!never )(?<!nothing makes me feel )"
        r"(?:unsafe|unsave)|notsafe"
        r"|nowhere (?:is |feels )?safe|no safe (?:place|where)",
        r"(?=[afpst])" + _NOT_BEFORE + _SCARED + _NOT_ORDINARY_FEAR,
        r"(?=[dfi])" + _NOT_BEFORE + r"(?:fear|fearful|in danger|danger|dangerous)" + _NOT_PHYSICAL,
        r"(?:scary|scarey) (?:at|in|on|when|walking|outside)",
        r"(?:home|school|house|street|area|estate|park|bus|walk|walking|way) (?:is|are|feels?"
        r"|can be|gets|its) (?:\w+ )?(?:scary|scarey|dangerous)" + _NOT_PHYSICAL,
        r"(?:following|followed|follows|stalking|stalked|stalks) (?:me|us)|being followed"
        r"|stalker|(?:someone|a man|people|strangers?) (?:keeps |kept |is |was )?watching"
        r" (?:me|us)",
        r"(?<!to )(?<!come and )(?<!comes and )(?:watch|watches|watched|watching|stare|stares"
        r"|staring|stared) (?:at )?(?:me|us)(?! (?:play|do|dance|swim|at (?:football|swimming"
        r"|dance|gymnastics))| in (?:the|my) (?:match|show|play|game|race|concert))",
        r"(?:drives|drove|driving|drive) (?:past|by|round) (?:\w+ )?slowly|slow(?:s|ed|ing)? down"
        r" (?:next to|near|by|beside) (?:me|us)",
        r"something (?:bad|wrong|horrible|scary|terrible|weird|awful) (?:is |has |keeps )?"
        r"(?:happening|happened|going on|happens)|cant (?:say|tell) (?:anyone|anybody|what|who"
        r"|you|people)|but i cant say",
        # A plea for help, but not "i need help with maths".
        r"(?:please|pls|plz|plez|someone|somebody|anyone|can (?:someone|you|anyone|somebody)"
        r"|i need|need) help(?: me| us)?+(?! (?:with|to|find|finding|choose|choosing|get|getting"
        r"|for|the|people|others|my (?:reading|spelling|maths|homework)))"
        r"|help me(?: please| pls| plz)(?! (?:with|to|find|choose|get|my (?:reading|spelling"
        r"|maths|homework)))|(?<=^ )help(?: me)?(?=[ .!?]*$)",
        # Asking for a person to tell, about something left unnamed: the way many disclosures
        # begin. A named everyday topic ("about my options") is not this.
        r"(?:talk|speak|tell|chat|say)(?: to| with)? (?:someone|anyone|somebody|a teacher"
        r"|an adult|a grown up|a counsellor|you) (?:about |because |cos )?(?:something|what"
        r" (?:happened|is happening|happens|he|she|they)|whats (?:happening|been happening|going"
        r" on)|stuff|things|a secret|a problem|private)(?! about (?:school|my (?:options|career"
        r"|work|grades)))",
        r"something (?:that )?(?:\w+ )?(?:happened|happens|is happening|keeps happening|has been"
        r" happening) to (?:me|us)",
    ],
    "other_harm": [
        # Bullying without threats still needs a look; "anti-bullying week" does not.
        r"(?=b)(?<!sort out )(?<!deal with )(?<!deals with )(?<!stop )(?<!stops )(?<!against )"
        r"(?<!anti )(?<!never been )(?<!nobody )(?<!no )(?<!not been )(?<!never got )(?<!not )"
        r"(?:bully|bullies|bullied|bullying|bullyed|bulling|bulied|buly|bulys|bullys|bulled|bullid|bulid|buled"
        r"|bullie|bullyd|bulliying|bullyin)",
        r"cyber ?bull\w*|pick(?:s|ed|ing)? on (?:me|us)|picked on",
        r"radicali[sz]\w*|extremis\w*|terroris\w*",
        r"forced (?:to )?marr\w*|forced marriage|(?:make|made|making) me (?:get )?marr\w*"
        r"|marry me off",
        r"fgm|female genital|cut down there",
        r"racis\w*|racial abuse|homophob\w*|transphob\w*|hate crime|harass\w*",
        r"anorexi\w*|bulimi\w*|eating disorder|(?:make|made|making) myself (?:sick|throw up|puke)"
        r"|throw up after (?:eating|food|meals?)|stop(?:ped)? eating|not eating|starve myself",
        r"drunk|alcoholic|(?<!lesson )(?<!talk )(?<!assembly )on drugs|(?:take|taking|took|do"
        r"|doing|smoke|smoking|sell|selling)"
        r" (?:drugs|weed|cannabis|cocaine|ket|ketamine|mdma|spice|pills)|(?<!about )drugs"
        r"(?! (?:made|make|makes|helped|help|helps|from the (?:doctor|hospital|chemist)))"
        r"|cannabis|cocaine"
        r"|ketamine|mdma|heroin",
        r"police (?:came|come|comes|were called|took|arrested)(?! (?:in )?to (?:talk|school"
        r"|our school|assembly|give))|arrested|(?<!works in a )(?<!work in a )(?<!works at a )"
        r"prison(?! officer| guard| service)|jail",
        r"(?:hurts|kicks|hits|kills|killed|kicked|hurt) (?:the|my|our) (?:dog|cat|pets?"
        r"|hamster|rabbit)",
        r"(?:call|calls|calling|called) (?:me|us) (?:names|horrible|nasty|rude|mean|the \w+ word"
        r"|a \w+ word)|(?:get|getting|got|been|being) called (?:names|horrible|nasty|rude|mean"
        r"|the \w+ word)|(?:leave|leaves|left|leaving) me out(?! of (?:the|a) (?:team|game|match))",
        r"(?:i|we|me) (?:\w+ )?(?:drink|drinking|drank) (?:alcohol|vodka|beer|cider|wine|cans"
        r"|spirits|booze)|(?:get|getting|got) (?:drunk|wasted|smashed|high|stoned)|blacking out"
        r"|blacked out",
        r"spread(?:ing|s)? (?:\w+ )?rumou?rs|rumou?rs about (?:me|us)|(?:mean|nasty|horrible|hate"
        r"|abusive|vile|threatening) (?:messages|comments|texts|dms|posts)|(?:made|make|makes"
        r"|making) fun of (?:me|us|my)|(?:mock|mocks|mocked|mocking) (?:me|us|my)|(?:get|getting"
        r"|got|been|being) (?:made fun of|laughed at|picked on|mocked)",
        r"(?:smokes?|smoking|smoked) (?:weed|cannabis|spliffs?|joints?|crack)|vap(?:e|es|ing)"
        r" (?:every|all|loads|a lot|alot)",
        r"deal(?:s|ing)? (?:drugs|weed)|drug dealers?|dealers?",
        r"(?:videos?|vids|clips?) of (?:people|someone|a man|animals) (?:getting|being)"
        r" (?:killed|stabbed|beaten|hurt|shot|beheaded|abused)",
        r"(?:want|wants|wanted|make|makes|making|made|forcing|force|forces|pressur\w*|arrang\w*"
        r"|plan|plans|planning|taking|take|takes|sending|send|sent|promised) (?:me|us|my"
        r" (?:sister|daughter|brother|son)|her|him) (?:\w+ ){0,3}?(?:to )?(?:get married|marry"
        r"|be married|wed|a wedding|an? (?:arranged )?marriage)|(?:married|engaged) (?:at|when"
        r" (?:im|i am|i turn|shes|hes)) (?:[4-9]|1[0-7])\b",
        r"group ?chats? (?:\w+ ){0,5}?(?:about me|to (?:bully|laugh at|slag off) me)"
        r"|(?:talk|talks|talking|talked|laugh|laughs|laughing|laughed|slag|slags|slagging"
        r"|gossip\w*) (?:\w+ ){0,2}?about me (?:behind my back|in (?:a|the) group|online)"
        r"|behind my back|(?:made|make|set up|started) (?:a|an) (?:\w+ )?(?:group|page|account"
        r"|chat) (?:\w+ ){0,3}?about me",
        r"gambl\w*(?! awareness| lessons?| education)|betting|(?:owe|owes|owed) (?:\w+ )?(?:money"
        r"|loads|hundreds|thousands)",
    ],
}

# --- Rule families --------------------------------------------------------------------------

# Who may harm a child, beyond the family: in "he rubbed himself against me" the actor is only
# a pronoun, so the verb and its target carry the rule.
# Rules start at any word, so "my mums boyfriend" is met at "boyfriend".
_PERSON = rf"(?:he|she|they|{_FAMILY}|teacher|coach|neighbour|man|men|ex|mates|friends)"
# Adults and older youths outside the family, as a child names them when they use a child.
_STRANGERS = (
    r"(?:(?:some|these|those|a few|the|random|older|grown|two|2|three) )?(?:men|guys|lads|man"
    r"|blokes?|olders|strangers|older (?:boys|kids|people|lads|ones)|gang|dealers?"
    r"|people i (?:dont|didnt) know|(?:a|this|some) (?:man|guy|bloke))"
)
# Things that burn or scald, for harm done with them.
_HOT = r"(?:hot|boiling|cooker|oven|hob|iron|fire|kettle|radiator|lighter|cigarettes?|fags?)"
_PLACE = r"(?:house|home|flat|school|street|road|door|window|front door|bedroom)"

# Families of wording (actor + harmful verb + target; distress; deprivation; the body;
# marriage and cutting; threats that know where a child lives; fear of a named adult),
# written to meet statements no rule has seen rather than to match any one of them.
_FAMILIES: dict[str, list[str]] = {
    "self_harm": [
        r"(?:i|im|i think i|maybe i) (?:\w+ )?deserve (?:to (?:hurt|suffer|be hurt|be punished"
        r"|feel pain|be in pain|die|be dead|disappear)|pain|the pain|to not be here)",
        r"(?:might|may|could|will|going to) be my last (?:night|day|week|time|birthday)"
        r"|my last (?:night|day|week) (?:alive|here|on earth)|wont be (?:here|around|alive)"
        r" (?:much longer|for long|tomorrow|next week|by|after|anymore)",
        r"(?:disappear|disappeared|gone|vanish|vanished) (?:for good|forever|for ever)"
        r"|(?:to|just|want to|wish i could|id rather) (?:not exist|stop existing|not be here"
        r"|not be alive)",
        r"(?:a|such a|just a|only a|the) burden(?! on (?:the )?(?:nhs|services|schools))",
        r"(?:saving|save|saved|stockpil\w*|hoard\w*|collecting|collect|stash\w*) (?:up )?"
        r"(?:\w+ ){0,3}?(?:pills|tablets|paracetamol|painkillers|meds|medicine)",
        r"sewer ?slide|s u i c i d e|su1c1de|suic1de|self ?h4rm",
        r"how many (?:\w+ )?(?:pills|tablets|paracetamol|painkillers|sleeping pills) (?:it takes"
        r"|to take|would|does it|until|till|to die|can kill|kill)",
        r"(?:no|dont see (?:the|any)|cant see (?:the|any)|whats the|there is no|theres no) point"
        r" (?:in|of) (?:\w+ ){0,2}?(?:waking up|getting up|trying anymore|anything anymore"
        r"|tomorrow)",
        r"hopeless(?! at| with| in)|(?:no|lost all) hope|no way out|(?:given|give|giving) up on"
        r" (?:life|everything|myself|living)|nothing (?:will|is going to) ever get better",
        r"(?:feel|feels|feeling|felt) (?:so |really )?(?:empty|numb|worthless) (?:all the time"
        r"|inside|every day|and)|(?:hate|hates) (?:myself|my life) so much",
        # Harm to oneself named by its purpose or its measure rather than its act: "falling on
        # purpose", "bang my head till it hurts", "tired of existing".
        r"(?:think|thinking|thought|thinks|imagine|imagining|want to|wanted to|tempted to|urge to"
        r"|feel like) (?:about |of )?(?:\w+ ){0,2}?(?:falling|fall|crashing|crash|stepping|step"
        r"|walking|walk|jumping|jump|running|run|drowning|drown|hurting|hurt|cutting|cut|driving"
        r"|drive)(?: \w+){0,6}? on purpose",
        r"(?:step|stepping|stepped|walk|walking|walked|run|running|ran|throw myself|throwing"
        r" myself|lie|lying|lay) (?:out )?(?:in front of (?:a |the )?(?:car|cars|bus|buses|train"
        r"|trains|lorry|lorries|traffic)|(?:into|onto) (?:the )?(?:traffic|tracks|railway))",
        r"(?:bang|banging|bangs|hit|hitting|hits|punch|punching|punches|scratch|scratching"
        r"|scratches|pinch|pinching|pinches|bite|biting|bites|slap|slapping|slaps|smack|smacking"
        r"|smacks|dig|digging|digs|pick|picking|picks|squeeze|squeezing) (?:myself|my (?:\w+ )?\w+)"
        r"(?: \w+){0,3}? (?:till|until|til|untill|so hard|really hard|hard enough) (?:that )?(?:it"
        r"|they|i) (?:hurts?|bleeds?|bled|bleeding|bruises?|bruised|cry|cried|leaves? (?:a )?marks?"
        r"|goes? (?:red|numb|blue))",
        r"(?:tired|sick|done|exhausted|fed up|over) (?:of|with) (?:existing|living|being alive"
        r"|being here|life|it all|being me)\b(?! (?:in|at) )",
        r"(?:pull|pulling|pulled|pulls|rip|ripping|ripped|tear|tearing) (?:\w+ )?my (?:own )?"
        r"(?:hair|eyelashes|eyebrows) out|trichotillomania",
    ],
    "abuse_at_home": [
        # Harm done with a hot thing or by holding a child against something.
        rf"(?:held|holds|hold|holding|put|puts|pushed|pushes|pressed|presses|forced|forces"
        rf"|shoved|shoves) (?:me|us|my \w+|his \w+|her \w+) (?:\w+ )?(?:on|onto|in|into|under"
        rf"|against|over) (?:the |a )?(?:{_HOT}|cold water|bath|toilet|wall|floor)",
        # "I burnt my hand on the oven" is an accident told by the child it happened to.
        rf"(?<!i )(?<!we )(?<!accidentally )(?:burnt|burned|burns|burn|burning|scald\w*)"
        rf" (?:me|us|my \w+|him|her)"
        rf" (?:\w+ )?(?:with|on) (?:a |the |his |her )?(?:\w+ )?{_HOT}?",
        r"(?:get|gets|got|getting|given|give me|gives me) (?:leathered|the belt|a hiding|the"
        r" slipper|whipped|lashed|a whipping|a beating|a battering|a smack|slapped|strapped)",
        rf"(?:threw|throws|throw|chucked|chucks|lobbed|lobs) (?:\w+ ){{0,2}}?at my {_BODY}",
        rf"(?:marks|bruises|welts|burns|cuts|scratches) (?:\w+ ){{0,2}}?(?:on|all over|over)"
        rf" (?:my|her|his|their) {_BODY}",
        rf"{_PERSON} (?:\w+ ){{0,2}}?(?:hits|hit|beats|beat|hurts|hurt|smacks|slaps|kicks"
        rf"|punches|batters|chokes|strangles|whips) (?:the|my|our|his|her) (?:kids|children"
        rf"|baby|son|daughter|boys|girls|little (?:ones?|brothers?|sisters?))",
        r"(?:wear|wears|wearing|cover|covers|covering|hide|hides|hiding) (?:\w+ ){0,3}?so"
        r" (?:nobody|people|anyone|teachers?|school|my teacher) (?:\w+ )?(?:sees?|see|notices?"
        r"|finds? out|asks?|knows)",
        r"(?:tells|told|says|said|calls|called) (?:me|us) (?:\w+ )?(?:wish(?:es|ed)? (?:i|we)"
        r" (?:was|were|had) never|never wanted (?:me|us))",
        # Marks a child describes rather than names: "it goes blue", "black and blue".
        r"black and blue?|(?:and|till|until|so) (?:it|they) (?:gos|goes|go|went|turns?|turned)"
        r" (?:all )?(?:blu|blue|black|purple)",
    ],
    "sexual_abuse": [
        r"(?:rubs|rubbed|rubbing|presses|pressed|pressing|grinds|grinded|grinding|pushes"
        r"|pushed) (?:himself|herself|themselves|his \w+|his body|her body|up) (?:against|on"
        r"|into) (?:me|my|us|her)",
        r"(?:makes|made|make|wants|wanted|pulls|pulled|puts|put|tells|told|sits|sat) (?:me|us)"
        r" (?:to )?(?:sit |lie |lay )?(?:on|onto) (?:his|her|their) (?:lap|knee|knees|bed)",
        r"(?:and|but|it|that|this) (?:\w+ )?(?:feels|felt|is|was) (?:so |really |very )?"
        r"(?:wrong|icky|yucky|not right|dirty|gross)(?! answer)",
        r"(?:kiss|kisses|kissed|kissing) (?:me|us|her) (?:on (?:the|my|her) (?:lips|mouth|neck"
        r"|body|chest)|with (?:his|her) tongue|and says)",
        r"(?:says|said|tells me|told me) (?:its|it is|this is|that is) (?:normal|our secret"
        r"|what (?:people|grown ups|adults) do|a game|love)",
        r"forced (?:himself|herself|themselves) (?:on|onto) (?:me|her|us)|(?:made|makes|make"
        r"|forced|forces) (?:me|us) (?:to )?(?:strip|get undressed|undress|take (?:my|our)"
        r" clothes off)",
        r"fondl\w*|fondel\w*|groap\w*|molest\w*",
        # Filmed or watched undressed, said without "of": "filmed me getting changed".
        r"(?:filmed|films|filming|recorded|records|recording|photographed|photographs"
        r"|photographing|spied on|spies on|spying on|peeps? at|peeped at|peeping at|perved on"
        r"|perving on|took (?:pictures|pics|photos|videos?) of|takes (?:pictures|pics|photos"
        r"|videos?) of) (?:me|us|her|him) (?:\w+ )?(?:getting changed|changing|undress\w*"
        r"|in the (?:shower|bath|toilet)|naked|on the toilet|getting dressed|in my (?:pants"
        r"|underwear|knickers|bra))",
        # Touch described by where it goes rather than what it is.
        r"(?:touch\w*|tuch\w*|feels?|felt|rubs?|rubbed|tickl\w*|puts? (?:his|her) hands?)"
        r" (?:me |us |her |him )?(?:\w+ ){0,2}?(?:where|in places|places|somewhere)"
        r" (?:\w+ )?(?:shouldnt|should not|dont like|didnt like|isnt allowed|arent allowed|not"
        r" supposed|wasnt supposed|private|i dont want)",
        r"(?<!ants )(?<!phone )(?:in|inside|down|into|under) (?:my|her|his) (?:pants|knickers"
        r"|underwear|bra)(?! pockets?)",
        # Someone coming into a child's room at night, unless to check or say goodnight.
        r"(?:comes?|came|coming|used to come|creeps?|crept|sneaks?|sneaked|snuck|walks?"
        r"|walked) (?:in|into|in to) (?:my|her|his|our) (?:bed)?room (?:\w+ ){0,2}?(?:at night"
        r"|in the night|every night|late at night|when (?:im|i am|i was|everyone)"
        r"|and (?:touches|gets|sits|lies|climbs))(?! (?:\w+ )?(?:to|and) (?:check|say goodnight"
        r"|kiss me goodnight|tuck))(?!(?: \w+){0,3}? (?:when|if) i (?:have|had|cant sleep|am ill"
        r"|im ill))",
        r"(?:he|him|she|her|they|them|someone|somebody|a man|a guy)(?: was| were| got| is| gets"
        r"| climbed| lay| lies)? on top of (?:me|her|us)",
    ],
    "exploitation": [
        # Where a child lives or goes to school, asked for by someone met online or unknown.
        r"(?:wants|wanted|asked|asks|asking|ask|keeps asking|begging|begged|keep asking)(?: me)?"
        r"(?: for| to send| to give| to tell)?(?: me)? (?:\w+ )?(?:address|postcode|location"
        r"|live location|what school i go to|which school i go to|where i live|where i go to"
        r" school|house number)",
        r"(?:and|to|but|if i) (?:not|never|dont) (?:tell|say to|let) (?:\w+ )?(?:my |your )?"
        r"(?:parents|mum|dad|anyone|teachers?|nobody|carers?)",
        r"(?:hotel|his flat|his house|his car|their flat|their car) (?:\w+ ){0,3}?(?:alone|on my"
        r" own|without (?:my|telling))|meet (?:\w+ ){0,2}?(?:at|in) (?:a|his|the) (?:hotel"
        r"|flat|car)",
        r"(?:video ?call|facetime|cam|call) (?:\w+ ){0,2}?(?:without|with no) (?:my )?(?:top"
        r"|clothes|shirt|pants)",
        rf"(?:feet|foot|body) {_PICS}|{_PICS} of my (?:feet|body|bum|chest)",
        # Collected, driven and moved about by older people; selling or carrying for them.
        rf"(?:picked up|collected|driven|taken|fetched|lifts?|rides?)"
        rf" (?:\w+ ){{0,4}}?(?:by|with) {_STRANGERS}|{_STRANGERS} in (?:cars|a car|vans?"
        r"|flash cars|different cars)",
        rf"(?:sell|sells|selling|sold|shot|shots|shotting|deal|deals|dealing|run|runs|running"
        rf"|work|works|working|graft\w*|hold|holds|holding|carry|carries|carrying|stash\w*)"
        rf" (?:\w+ ){{0,2}}?for {_STRANGERS}",
        r"(?:took|take|takes|taken|sent|send|sends|drove|drive|drives|driven|brought|brings)"
        r" (?:me|us|him|her|my \w+) (?:\w+ ){0,4}?(?:to (?:sell|deal|shot|deliver|drop|carry"
        r"|hold|work)\b|to (?:another|a different|different|other|some) (?:city|cities|town"
        r"|towns|area|county|places) (?:to|and) (?:\w+ )?(?:sell|deal|shot|work|stay|sleep"
        r"|drop|deliver|carry|hold))",
        r"(?:stay|stayed|staying|stays|sleep|slept|sleeping|kept|keep) (?:\w+ ){0,2}?in"
        r" (?:flats|houses|a flat|a house|trap houses|hotels|a hotel) (?:\w+ ){0,2}?with"
        r" (?:people|men|guys|adults) (?:i|we) (?:dont|didnt) know",
        # County lines in its own words: shifts out of town, going OT, plugging, the line.
        r"(?:out|away|country|ot|up north|down south|another town|a different town)(?: \w+){0,5}?"
        r" (?:doing|to do|on|do) (?:a |my |the )?shifts?\b|(?:doing|do|did|on) (?:a |my |the )?"
        r"shifts? (?:out|away|in another|in a different|country|ot\b|for (?:them|him|the olders"
        r"|my elders))",
        r"(?:going|gone|went|go|been|sent|out) ot\b|cunch|bando|nitties|nittys|on tick"
        r"|(?:run|running|hold|holding|work|working) (?:the|a|their|his|my) (?:phone )?line\b",
        r"(?:make|makes|made|making|force|forces|forced|told|tells|asked|asks) (?:me|us|him|her)"
        r" (?:to )?(?:plug|plugging|boot|booty|keister)(?! (?:it |them |this |that )?in\b)"
        r"|plugging (?:it|them|stuff|drugs|bags)(?! in\b)|(?:the|my|his|their) plug (?:gave"
        r"|gives|wants|said|says|told|sent|sends|needs)",
        # Things kept at a child's home for others, that the child may not look in.
        r"(?:they|he|she|people|men|olders|someone|somebody|the \w+s) (?:\w+ )?(?:keep|keeps|kept"
        r"|leave|leaves|left|stash|stashes|stashed|store|stores|stored|hide|hides|hid)"
        r" (?:a |the |their |his |some |a few |these )?(?:bags?|packages?|parcels?|boxes|a box"
        r"|stuff|things|phones|money) (?:\w+ ){0,2}?(?:at|in) (?:my|our|mums|my mums|my nans"
        r"|nans) (?:\w+ )?(?:house|flat|room|bedroom|home|place|loft|shed|garden)",
        r"(?:not allowed to|cant|mustnt|told (?:me )?not to|never allowed to|dont dare) (?:look"
        r"|see|check|open|touch|ask) (?:in|inside|what|at) (?:it|them|the bag|the bags|the box"
        r"|the package|whats in)",
        # A bed, money or gifts given on a condition: the bargain is the sign.
        r"(?:if|as long as|so long as|in return|in exchange) (?:i |we )?(?:do|did|doing)"
        r" (?:\w+ )?(?:favou?rs|stuff|things|jobs|bits|work|errands) (?:for|to) (?:him|them|his"
        r"|her|their|people|men|the olders|some)",
        r"(?:lets?|letting) (?:me|us|her|him) (?:stay|sleep|live|crash|chill) (?:\w+ ){0,3}?"
        r"(?:if|as long as|so long as|in return)",
        r"work (?:it|the debt|that|them|him) off|(?:owe|owes|owed) (?:\w+ )?money to (?:a |some"
        r" |these |this |an )?(?:guy|man|men|lads|someone|people|them|him|older)",
        # Cuckooing: drugs dealt from a child's or young person's home.
        r"(?:deal|dealing|deals|dealt|sell|selling|sells|sold|shot|shotting) (?:drugs |weed"
        r" |stuff )?(?:from|out of) (?:it|there|my (?:\w+ )?(?:flat|house|place|home|room)|our"
        r" (?:\w+ )?(?:flat|house|place|home))(?! on (?:vinted|ebay|depop))",
        r"(?:a guy|a man|someone|some \w+|people|men|guys|strangers|these \w+|older \w+)"
        r" (?:\w+ ){0,3}?(?:living|staying|moved in|sleeping) (?:in|at|into) (?:my|our) (?:flat"
        r"|house|place|home)",
        # An adult named by age beside a child, and where he takes her.
        r"(?:a|an|this|some|older) (?:1[89]|[2-9]\d) ?(?:year old|yr old|yo|years old) (?:man"
        r"|guy|bloke|lad|woman|lady|boyfriend|girlfriend|fella)",
        r"(?:man|guy|bloke|he|boyfriend|girlfriend|older \w+) (?:\w+ ){0,5}?(?:takes?|took"
        r"|taking|brings?|brought|meets?|met) (?:me|her|him|us) (?:\w+ ){0,2}?(?:to|at|in)"
        r" (?:a |his |the |their )?hotels?",
        r"(?:he|a man|someone|this guy|this man|a guy|a stranger|strangers|people online|older"
        r" \w+) (?:\w+ )?(?:sends?|sent|gives?|gave|buys|bought|keeps sending|keeps buying)"
        r" (?:her|him) (?:money|cash|gifts|presents|robux|vbucks|stuff|things|vapes|clothes"
        r"|phones?)",
    ],
    "neglect": [
        r"(?:havent|not|didnt|dont|never) (?:\w+ )?(?:eaten|ate|eat|had (?:any )?(?:food"
        r"|anything to eat|a meal|a proper meal|dinner|breakfast|lunch|tea)) (?:since (?:yesterday"
        r"|last night|the day before|friday|saturday|sunday|monday|tuesday|wednesday|thursday"
        r"|school)|for (?:days|ages|a day|a whole day|\w+ days|\d+ days)|in (?:days|\w+ days"
        r"|\d+ days|ages))",
        r"(?:mum|dad|parents?|carers?) (?:\w+ ){0,2}?(?:cant|cannot|never|doesnt|dont|wont|is"
        r" too \w+ to) (?:\w+ )?(?:get (?:out of bed|up|dressed)|look after (?:us|me)|cope|cook)",
        r"(?:im|i am) the one (?:who|that) (?:\w+ ){0,2}?(?:makes|cooks|looks after|gets|does"
        r"|feeds|takes care|cleans|pays)",
        r"(?:dont|doesnt|never|wont) (?:\w+ )?(?:care|know|check|ask) (?:where|what|if|when"
        r"|whether) (?:i|im|we|were) (?:am |are |is |go|been|come home|at night|out)",
        r"nothing (?:\w+ )?in the (?:fridge|cupboards?|house to eat)|(?:fridge|cupboards?)"
        r" (?:is|are) (?:always |often |usually )?(?:empty|bare)",
        r"(?:only|just) (?:clothes|ones|shoes|pair) (?:i|we) (?:have|got|own)",
        # Young carers whose caring keeps them out of school.
        r"(?:care for|caring for|carer for|cares for|look after|looking after|looks after"
        r"|young carer)(?: \w+){0,8}? (?:miss|missed|missing|misses|cant go to|cant get to"
        r"|never get to go to|dont get to go to|dont get to|never get to|never go to|hardly go to"
        r"|late for|off) (?:\w+ ){0,2}?(?:school|college|lessons)",
        r"(?:never|hardly ever|rarely|not allowed to|dont get to|never get to|cant) (?:get to )?"
        r"go to school",
        # Left for the night, or to mind the little ones; a visit to family is not that.
        r"(?:leaves?|left|leaving) (?:me|us)(?! (?:at|with) (?:my )?(?:nans?|nanas?|grans?"
        r"|grandmas?|grandads?|grandparents|aunt\w*|uncles?|dads|mums|babysitter|childminder"
        r"|friends?|cousins?)\b) (?:\w+ ){0,4}?(?:all night|overnight|for days|all weekend"
        r"|till late|until late|every night|for hours|in charge)",
        r"(?:leaves?|left|leaving) (?:me|us) (?:to )?(?:look after|mind|babysit|in charge of)"
        r" (?:my|the|our) (?:baby|little|younger|sisters?|brothers?|siblings)",
        r"(?:dont|doesnt|never|not|wont|didnt|forgets? to|forgot to) (?:\w+ )?(?:feed|feeds)"
        r" (?:her|him|them|the (?:kids|children|baby)|my (?:\w+ )?(?:brother|sister|son|daughter"
        r"|baby|kids|children))",
        r"(?:dont|doesnt|never|wont|didnt|forgets? to|forgot to|forgetting to) (?:\w+ )?(?:give"
        r"|get) (?:me |us |her |him |them )?(?:my|her|his|our|their|any) (?:medicine|meds"
        r"|medication|tablets|inhaler|insulin|epipen|pills|injections?)",
    ],
    "bullying_threats": [
        rf"(?:pics?|pictures?|photos?|videos?|vids?) of (?:my|our) {_PLACE}|(?:theyre|hes|shes"
        rf"|they are|he is|she is|theyll|they will|hell|shell) coming (?:for me|to get me|round"
        rf"|after me|to (?:my|our) {_PLACE})",
        r"mugged|knifepoint|knife point|gunpoint|gun point|robbed (?:at|me|of|for)"
        r"|(?:tried to|tries to|going to|will) rob (?:me|us)",
        rf"{_PEERS} (?:\w+ ){{0,3}}?{_MOVE} (?:me|us) {_DIRECTION}",
        r"(?:took|take|takes|taking|nicked|nicks|stole|steals|stealing) my (?:\w+ )?(?:phone"
        r"|money|bag|shoes|trainers|bike|coat|dinner money|lunch money) (?:and|off me|from me"
        r"|every)",
        r"(?:saying|said|says|tell me|tells me|telling me) (?:i|that i) (?:should|need to|ought"
        r" to) (?:die|kill myself|kms|unalive)",
        # Persistent targeting: things taken, tripping and knocking over, chats set up to
        # mock, and someone sent to "sort me out".
        r"(?=(?:take|taking|takin|took|nick|steal|stole|snatch|grab)\w* my )"
        r"(?:(?<=always )|(?<=keep )|(?<=keeps )|(?<=kept )|(?<=keep on )|(?<=they )"
        r"|(?<=theyre )|(?<=boys )|(?<=girls )|(?<=kids )|(?<=people )|(?<=lads )|(?<=someone )"
        r"|(?<=bullies )|(?<=bullys )|(?<=still )|(?<=constantly ))(?:take|takes|taking|takin"
        r"|took|nick|nicks|nicking|nicked|steal|steals|stealing|stole|snatch\w*|grab|grabs"
        r"|grabbing|grabbed) my (?:\w+ )?"
        r"(?:phone|money|dinner money|lunch money|lunch|bag|shoes|trainers|bike|coat|pens?"
        r"|pencil case|food|stuff|things|hat|sweets|snacks|dinner)(?! by mistake| by accident)",
        r"(?<!accidentally )(?<!it )(?<!wind )(?<!wave )(?<!waves )(?<!dog )(?<!horse )"
        r"(?:(?:trip|trips|tripped|tripping|trippin) (?:me|us)(?: up| over)?"
        r"|(?:knock|knocks|knocked|knocking|push|pushes|pushed|pushing|shove|shoves|shoved)"
        r" (?:me|us) (?:over|down|to the (?:floor|ground)))(?! by accident| accidentally)"
        + _NOT_GAME,
        r"(?:group ?chats?|page|account|chat|video|post|story|film|films|filmed|filming|record"
        r"|records|recorded|recording)(?: \w+){0,6}? (?:to|for)"
        r" (?:slag|slagging|laugh at|laughing at|bully|bullying|mock|mocking|roast|roasting|diss"
        r"|make fun|hate on|rip)|slag(?:s|ged|ging)? (?:me|us) off|(?:slagging|ripping|roasting)"
        r" (?:me|us)",
        r"(?:pushing|shoving|tripping|kicking|hitting|punching|slapping|elbowing) (?:me|us)"
        r" (?:in|on|at|around|about|into|down) (?:the )?(?:corridors?|playground|toilets|class"
        r"|lessons?|bus|school|line|queue|changing rooms?|stairs|lockers|walls?)",
        # Only at the end of a clause: "sort me out a ticket" is a favour.
        r"sort (?:me|us|you|u) out(?= *(?:$|[.,!?;:]| after| at| if| when| tomorrow| later"
        r"| next| for (?:good|snitching|grassing|telling)))",
        # Belongings thrown, hidden or broken by others, again and again.
        r"(?<!i )(?<!we )(?<!accidentally )(?:chuck|chucks|chucked|chucking|throw|throws|threw"
        r"|throwing|hide|hides|hid|hiding|kick|kicks|kicked|kicking|break|breaks|broke|breaking"
        r"|rip|rips|ripped|ripping|snap|snaps|snapped|bin|bins|binned|flush|flushed|pour|poured"
        r"|spit|spat) (?:\w+ ){0,2}?my (?:\w+ )?(?:shoes|trainers|bag|coat|phone|pencil case"
        r"|books?|homework|pens?|hat|lunch|food|drink|glasses|stuff|things|clothes|uniform|jumper"
        r"|blazer|tie|bike|work)(?: \w+){0,4}? (?:again|every day|everyday|all the time|every"
        r" time|on the roof|in the bin|in the toilet|down the toilet|over the fence|out the"
        r" window|in the river|on purpose)",
        r"(?:push|pushes|pushed|pushing|shove|shoved|put|puts|stuck|stick|held|hold|holds"
        r"|dunk\w*|flush\w*) (?:\w+ )?(?:my|his|her|me|our) (?:head |face )?(?:down|in|into|in to)"
        r" (?:the )?(?:toilet|loo|bog)",
        r"(?:told|tell|tells|telling) (?:\w+ ){0,3}?not to (?:talk|speak|play|sit|hang out"
        r"|hang around|be friends) (?:to|with|near|next to) (?:me|us)",
        # Threats in a child's words: snitching, "next time", "or else".
        r"snitch\w*|grass(?:ed|ing)? on (?:me|them|him|her)|next time (?:\w+ ){0,2}?(?:be )?"
        r"(?:worse|harder)|or else\b",
        rf"{_HIT} (?:me|us) (?:\w+ ){{0,3}}?(?:at|in|on|outside|near) (?:the )?(?:park|street"
        r"|shops|town|bus stop|field|estate|way home|way to school|rec)" + _NOT_GAME,
        rf"{_PEERS} (?:\w+ ){{0,2}}?(?:follow|follows|followed|following) (?:me|us)",
        r"(?:posts?|posted|posting|says|saying|spreads?|spreading|writes?|wrote|writing)"
        r" (?:\w+ )?(?:stuff|things|lies|rubbish|rumou?rs|pictures|photos|videos?|pics) (?:\w+ )?"
        r"about me",
    ],
    "feeling_unsafe": [
        r"(?:lock|locks|locked|locking|barricade\w*|block|blocks|blocking|wedge|wedges|wedging"
        r"|jam|jams) (?:\w+ ){0,2}?(?:my |the )?(?:bedroom )?door (?:\w+ )?(?:every night|at"
        r" night|when (?:he|she|they)|so (?:he|she|they|nobody)|before (?:i|bed))|(?:chair"
        r"|drawers|bed|wardrobe|something) (?:\w+ )?(?:against|under|behind) (?:my|the)"
        r" (?:bedroom )?door",
        rf"{_PERSON} (?:really |always |just )?(?:frightens|scares|terrifies"
        r"|intimidates|creeps) (?:me|us)(?! (?:as a joke|for fun|on purpose|in a fun))",
        rf"(?:nervous|anxious|on edge|uneasy|uncomfortable|tense|shaky|panic|panicky|freeze)"
        rf" (?:\w+ ){{0,2}}?(?:when|around|whenever|if|near) (?:he|him|she|her|they|them|{_MY}"
        rf" {_FAMILY}|{_FAMILY}|my \w+ (?:visits|comes|is))",
        r"(?:jump|jumps|flinch|flinches|shake|shakes|freeze|freezes|panic|panics)(?: \w+){0,3}?"
        r" (?:hear|hears|when i hear) (?:the |his |her |a )?(?:front door|door|keys|car"
        r"|footsteps|him|her|them|his voice|shouting)",
        r"(?:man|men|someone|a car|a van|people|stranger|strangers|guy|a guy|lady|woman)"
        r" (?:\w+ ){0,3}?(?:waits?|waiting|hangs? around|hanging around|parks?|parked|sits?"
        r"|sitting|lurks?|lurking|stands?|standing) (?:\w+ ){0,2}?(?:outside|near|by|at)"
        rf" (?:my|our|the) {_PLACE}",
        r"(?:keeps|kept|keep|always) (?:turning|turn|showing|show|coming|come) (?:up|round)"
        r" (?:at|to|outside) (?:my|our)",
        r"something (?:bad|wrong|horrible|terrible|awful) (?:is |will |might )?(?:going to )?"
        r"(?:happen|happens) to (?:me|us|my \w+)",
        r"(?:on edge|on eggshells|walking on eggshells|tense|uneasy|nervous|anxious) (?:\w+ ){0,2}?"
        r"(?:at|in) (?:my|our) (?:own )?(?:house|home|flat)",
        # Watched from a vehicle: one that keeps coming past, or crawls past at night.
        r"(?:car|cars|van|vans|someone|a man|men|people|same \w+)(?: \w+){0,2}? (?:keeps|kept"
        r"|keep|is always|are always|always) (?:\w+ )?(?:driving|drive|drives|parking|park"
        r"|parked|sitting|waiting|slowing|stopping|circling|pulling up|coming) (?:\w+ ){0,3}?"
        r"(?:past|by|outside|near|round|up|down) (?:\w+ ){0,2}?(?:my|our) (?:house|home|flat"
        r"|school|street|road|door)",
        r"(?:drives|drove|driving|drive) (?:past|by|round) (?:\w+ ){0,3}?slowly (?:at night"
        r"|every|again|and (?:stops|stares|looks|watches))",
        # Keeping away from a place because of who is there: "cos of the men there".
        r"(?:dont|doesnt|never|wont|cant|not|hate|avoid\w*|scared|scared to) (?:\w+ ){0,6}?"
        r"(?:because|cos|coz|cus|cause|cuz) (?:of )?(?:the |some |these |those |all the )?(?:men"
        r"|man|guys|older (?:boys|lads|kids|ones|men)|gangs?|drunks?|druggies|dealers?"
        r"|smackheads|people (?:who|that) (?:drink|smoke|do drugs|deal|hang|fight|shout))",
        r"(?:knock|knocks|knocking|knocked|bang|banging|banged|bangs|kick|kicking|kicked|try"
        r"|tries|trying|tried|rattl\w*) (?:\w+ )?(?:on |at |open )?(?:our|my|the) (?:front |back"
        r" |bedroom )?(?:door|window|windows|letterbox)(?: \w+){0,3}? (?:at night|in the night"
        r"|every night|late at night|at \d|and run\w*|and (?:shout|scream|swear)\w*)",
        r"barricad\w*|(?:in case|incase) (?:\w+ ){0,2}?(?:someone|somebody|they|people|he"
        r"|a man|anyone|burglars) (?:breaks?|broke|comes?|gets?|tries to (?:get|break)) in\b"
        r"|(?:knife|bat|weapon|hammer|scissors|baseball bat)(?: \w+){0,3}? (?:under|by|next to"
        r"|beside) my (?:pillow|bed)",
        r"(?:following|followed|follows|follow|stalking|stalked|stalks) (?:her|him|them|my \w+)"
        r"(?! (?:on|around) (?:insta|tiktok|instagram|twitter|snap|snapchat|youtube|twitch))",
        r"(?:worried|worry|worrying|anxious|nervous|on edge|uneasy|tense|uncomfortable|unhappy"
        r"|stressed)(?: \w+){0,4}? (?:at|in) (?:my |our )?(?:own )?(?:home|house|flat)\b",
        r"(?:dont|doesnt|never|not|dread\w*|hate|scared to|afraid to|refuse to|refuses to|wont)"
        r" (?:\w+ )?(?:want to |like |wanna )?(?:go|going|stay|staying|visit|visiting|sleep"
        r"|sleeping|be|being) (?:back )?(?:to |at |round |over )?(?:my |our |his |her )?(?:dads"
        r"|mums|stepdads|stepmums|dad|mum)s?(?: house| flat| place)?+(?! (?:because|cos) (?:its"
        r"|it is|hes|shes) (?:boring|far|small))\b|(?:dont|doesnt|never) (?:\w+ )?want to go back"
        r" (?:there|home)",
        # Lures: a stranger's puppies, sweets or a lift, and being got into a car.
        r"(?:come|go|get in|get into) (?:\w+ ){0,3}?(?:see|look at|stroke|play with|meet) (?:his"
        r"|her|their) (?:puppies|puppy|kittens|kitten|dogs?|cats?|rabbits?|pets?)"
        r"|(?:man|men|guy|someone|somebody|stranger|lady|woman|people|a car|a van)(?: \w+){0,4}?"
        r" (?:offered|offers|offering|gave|give|gives) (?:me|us|her|him) (?:\w+ )?(?:sweets|a lift"
        r"|a ride|lifts)",
        r"(?:try|tries|tried|trying|wanted|wants) to (?:get|pull|drag|push|make|lure) (?:me|us|her"
        r"|him) (?:\w+ )?(?:in|into|in to) (?:his|their|a|the|her) (?:\w+ )?(?:car|van|motor)"
        r"|(?:pulled|dragged|bundled|lured|grabbed) (?:me|us|her|him) (?:in|into|in to) (?:his"
        r"|their|a|the|her) (?:\w+ )?(?:car|van|motor)",
        r"(?<!i )(?<!we )(?<!like )(?<!love )(?:staring|stare|stares|stared|looking|looks|looked"
        r"|peering|peers|peered|peeping|peeps|peeped|peeking|peeks|watching|watches|watched)"
        r" (?:in|into|through) (?:my|our) (?:bedroom |front |back |kitchen |living room )?windows?",
        r"(?:stairwell|stairs|stair|lifts?|flats|block|estate|alley|alleyway|underpass|subway"
        r"|car park|bus stop|town|woods|field|corridors?|toilets|changing rooms|landing|hallway"
        r"|hostel|foster home|care home|unit|garages|shortcut|cut through|rec) (?:\w+ ){0,3}?"
        r"(?:is|are|feels?|can be|gets|its|seems) (?:\w+ )?(?:scary|scarey|dangerous|creepy|dodgy"
        r"|sketchy)" + _NOT_PHYSICAL,
    ],
    "other_harm": [
        # Eating and the body.
        r"(?:throw|throwing|threw|being|make myself|made myself|making myself) (?:\w+ )?(?:up"
        r"|sick) (?:on purpose|after (?:i eat|eating|every|meals?|food|dinner|tea|lunch)|so i)"
        r"|(?:to|so i can|so i|so ill) (?:stay|be|get|look|become|lose weight and be) (?:really"
        r" )?(?:skinny|thin|thinner|skinnier)|(?:lose|losing) weight (?:fast|quickly|so|by not)"
        r"|(?:count|counting) (?:every )?calories|starv\w* myself",
        r"(?:only|barely|hardly) (?:eat|ate|eating) (?:one|an? \w+|once|\w+ a day|\w+ thing)",
        # Purging and restricting to change weight or shape.
        r"(?:throw|throwing|threw|being|make myself|made myself|making myself|bring|bringing)"
        r" (?:\w+ )?(?:up|sick)(?: \w+){0,3}? (?:so (?:that )?(?:i|ill) (?:\w+ )?(?:lose|dont"
        r"|can|stay|get|look|wont|am|keep)|to (?:lose|stay|get|be|look) )",
        r"(?:eat|eating|ate|stopped eating|stop eating|skip|skipping|skipped|cut out|cutting out"
        r"|not eating|barely eating|hardly eating)(?: \w+){0,4}? (?:so (?:that )?(?:i|ill)"
        r" (?:\w+ )?(?:lose|get thin|get skinny|be thin|be skinny|look thin|dont get fat"
        r"|wont get fat)|to (?:lose weight|get thin|get skinny|be thin|be skinny|stay thin"
        r"|stay skinny))",
        r"laxatives?|diet pills|purg(?:e|es|ed|ing)\b",
        r"(?:panic|scared|afraid|guilty|hate myself|disgusting) (?:\w+ ){0,2}?(?:if|when|after|to)"
        r" (?:i )?(?:eat|eating|ate)|(?:feel|feels|felt|look|looks) (?:so |too |really )?fat"
        r"|(?:weigh|weighing) myself|(?:eaten|eating|eat) properly (?:in|for) (?:days|weeks|ages"
        r"|months)",
        r"(?:call|calls|calling|called) (?:me|us) (?:a )?(?:\w+ )?(?:fat|ugly|fatty|whale|pig"
        r"|thick|retard\w*|freak|loser|slag|slut|skank|weirdo|smelly|tramp)",
        # Marriage a child has no say in; cutting of girls; honour.
        r"(?:sent|send|sending|taking|take|takes|took|taken) (?:me|us|her|my \w+) (?:back )?"
        r"(?:\w+ ){0,3}?to (?:get married|marry|be married|be wed)|(?:being|getting|been|be)"
        r" (?:sent|taken) (?:back )?(?:\w+ ){0,4}?to (?:get married|marry|be married)",
        r"(?:have to|has to|got to|must|made to|forced to|going to have to|will have to)"
        r" (?:get )?marr\w*|marr\w* (?:my|a|her|his) cousin|(?:found|chosen|picked|arranged)"
        r" (?:me )?a (?:husband|wife)|(?:marry|married to) (?:a man|an older|someone i dont)"
        r"|(?:marry|married to) (?:\w+ )?(?:twice|double|much older|older than)",
        r"(?=[gistwy])(?<!hair )(?<!grass )(?:will|going to|gonna|to|i|ill|shell|youll|theyll)"
        r" (?:be|get|getting) cut"
        r" (?:when|on|in|during|over|this|next|at|by|like)|(?:girls|all the girls|all girls)"
        r" (?:\w+ ){0,2}?(?:get|gets|got|have|has|had) (?:it )?(?:cut|done)|(?:special|secret"
        r"|girls) (?:cutting|operation|ceremony|procedure)|sunna|khatna|circumcis\w*|infibulat\w*",
        r"(?:bring|brings|brought|bringing) (?:\w+ )?(?:shame|dishonou?r|disgrace)|dishonou?r"
        r"|honou?r (?:based|killing|violence|abuse|crime)|(?:disown|disowned|disowning) (?:me|us"
        r"|her|him)",
        r"(?:evil spirits?|possessed|jinn|djinn|demons?|devil|witch) (?:\w+ ){0,3}?(?:in me|out"
        r" of me|inside me|in her|in him|beat|beating|beats|beaten)|exorcis\w*|(?:say|says|said"
        r"|think|thinks) (?:i|im|i am) (?:a witch|possessed|evil)",
        r"(?:choke|choking|blackout|pass out|passing out|skull ?breaker|fainting) (?:game"
        r"|challenge)|(?:challenge|game) (?:\w+ ){0,4}?(?:choke|pass out|passing out|black out"
        r"|faint)",
        # Hate and extremism: violence against a group, being drawn in to fight.
        r"(?:hurt|kill|attack|bomb|shoot|beat up|get rid of|burn|fight|wipe out|deport) (?:all )?"
        r"(?:the )?(?:muslims|jews|christians|immigrants|refugees|foreigners|asians|black people"
        r"|white people|gay people|gays|trans people|pakis|migrants|the government|the police)",
        r"(?:telling|told|tells|asking|asked|asks|want|wants|wanted|trying to get|tried to get"
        r"|recruit\w*) (?:me|us|him|her|my \w+) (?:to )?join (?:them|(?:their|a|the|his|an)"
        r" (?:\w+ )?(?:group|gang|army|cause|movement|fight|war|side|channel|server))",
        # Being shut out: ignored, no one to sit with, laughed at on walking in.
        r"(?:nobody|everyone|they|people|girls|boys|kids|the whole class)(?: \w+){0,4}?"
        r" (?:ignores?|ignoring|ignored|blanks?|blanking|blanked) (?:me|us)|nobody(?: \w+){0,4}?"
        r" (?:talks|speaks|plays|sits|will talk|will play|will sit|wants to (?:talk|play|sit"
        r"|be friends)) (?:to|with|next to|near) (?:me|us)|(?:laugh|laughs|laughing|laughed"
        r"|whisper|whispers|whispering) (?:\w+ ){0,2}?when i (?:walk|come|go|get) (?:in|past"
        r"|into|by|on)",
    ],
}

_ANY_START = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


def _starts(items) -> tuple[frozenset[str], bool]:
    """The characters a parsed regex sequence can start with, and whether it can match empty.
    Anything not understood may start with any character, so the answer is never too narrow."""
    chars: set[str] = set()
    for op, arg in items:
        if op is _sre.LITERAL:
            return frozenset(chars | {chr(arg)}), False
        if op is _sre.IN:
            if any(o not in (_sre.LITERAL, _sre.RANGE) for o, _ in arg):
                return _ANY_START, False
            for o, a in arg:
                chars |= {chr(a)} if o is _sre.LITERAL else {chr(c) for c in range(a[0], a[1] + 1)}
            return frozenset(chars), False
        if op in (_sre.ASSERT, _sre.ASSERT_NOT, _sre.AT):
            continue  # zero width: the next item says where the match starts
        if op is _sre.SUBPATTERN:
            first, empty = _starts(arg[-1])
        elif op is _sre.BRANCH:
            starts = [_starts(alternative) for alternative in arg[1]]
            first = frozenset().union(*(f for f, _ in starts))
            empty = any(e for _, e in starts)
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
            first, empty = _starts(arg[2])
            empty = empty or arg[0] == 0
        else:
            return _ANY_START, False
        chars |= first
        if not empty:
            return frozenset(chars), False
    return frozenset(chars), True


def _first_characters(rule: str) -> frozenset[str]:
    try:
        first, empty = _starts(_parser.parse(rule))
    except (AttributeError, TypeError, ValueError):
        return _ANY_START  # a Python whose parser differs: slower, never wrong
    return _ANY_START if empty else first


def _compile(rules: list[str]) -> re.Pattern:
    """One regex for a category's rules, fast to search and matching as one plain alternation."""
    # Each rule starts a word: matching the separator before it, rather than \b, lets the
    # engine skip to the next separator instead of trying every rule at every character (texts
    # get a leading space so the first word has one too). Grouping the rules by the letter they
    # can start with means a word is only tried against rules that could start there (about a
    # quarter less time); each group keeps the rules' order, so the same rule wins.
    groups: dict[str, list[str]] = {}
    for rule in rules:
        for char in sorted(_first_characters(rule)):
            groups.setdefault(char, []).append(rule)
    alternatives = (
        f"(?={re.escape(char)})(?:{'|'.join(group)})" for char, group in sorted(groups.items())
    )
    return re.compile(r"[ .,!?;:](?:" + "|".join(alternatives) + r")\b")


_PATTERNS: dict[str, re.Pattern] = {
    key: _compile(_RULES[key] + _FAMILIES[key]) for key in CATEGORIES
}


# Lessons and assemblies about a harm are not a disclosure of it: "we learnt about county
# lines". Checked only against the words just before a match, so "my uncle" never qualifies.
_TOPIC = re.compile(
    r"(?:learnt|learned|learning|lessons?|assembly|assemblies|workshops?|pshe|taught us"
    r"|teach us|posters?|project|(?:a|an|the) (?:talk|video|film|documentary|speaker)"
    r"|(?:talk|talked|spoke|speak) to us) (?:\w+ ){0,3}?(?:about|on|from)"
    r" (?:(?!(?:my|our|me|i|he|she|they|him|her|us) )\w+ ){0,5}$"
)


# Stories, films and the news are not a disclosure either: "in the film a man got stabbed".
# Anything that names the child or their family breaks the frame. Games, videos and plays are
# left out: "in the game a man asked me for pics" is where grooming starts.
_STORY = re.compile(
    r"(?:in|on) (?:the|a|an|this|that) (?:\w+ )?(?:film|movie|book|story|show|programme|news"
    r"|documentary|episode|series|cartoon|soap)[ ,.]+"
    r"(?:(?!(?:my|me|i|im|us|our|we)[ ,.])\w+[ ,.]+){0,6}$"
)
# A fall told by the child it happened to ("i fell off my bike and cut my leg") is an accident,
# but only for a hurt to the body, and not "fell out with" someone.
_ACCIDENT = re.compile(
    r"(?:fell|fall|falling|fallen|tripped|slipped|crashed|came off)(?! out)(?: \w+){0,5}?"
    r" (?:and|then|so) (?:i )?$"
)
# "nobody at home hurts me" denies what the rule finds.
_DENIAL = re.compile(
    r"(?:nobody|never)(?: (?:at home|here|there|in my (?:family|house|home)|ever))? $"
)
# Danger from a road, a broken slide or ice needs a repair or a crossing, not a safeguarding lead.
_HAZARD = re.compile(
    r"(?:road|roads|traffic|parking|crossing|junction|car park|drivers|slide|swings?|climbing"
    r" frame|equipment|pavement|ice|floor|roof)(?: \w+){0,3}? (?:(?:is|are|isnt|arent|can be"
    r"|gets) (?:\w+ )?|(?:outside|near|by) (?:the |our |my )?)$"
)
# What a child would do if something happened is safety knowledge, not a disclosure.
_HYPOTHETICAL = re.compile(
    r"(?:i would|id|i will|ill|i know to|i know how to|you should|we should|i could|i can)"
    r" (?:tell|report|block|talk to|speak to|call|ring)(?: \w+){0,3}? (?:if|when) (?:\w+ ){0,4}$"
)
_FRAMES = {
    "self_harm": (_TOPIC, _STORY, _HYPOTHETICAL, _ACCIDENT),
    "abuse_at_home": (_TOPIC, _STORY, _HYPOTHETICAL, _ACCIDENT, _DENIAL),
    "feeling_unsafe": (_TOPIC, _STORY, _HYPOTHETICAL, _HAZARD),
}


def _framed(category: str, normalised: str, start: int) -> bool:
    """Whether the words just before a match make it a lesson, a story, an accident or a
    denial rather than something that happened to the child."""
    frames = _FRAMES.get(category, (_TOPIC, _STORY, _HYPOTHETICAL))
    return any(frame.search(normalised, max(0, start - 60), start + 1) for frame in frames)


def _first_match(category: str, pattern: re.Pattern, normalised: str) -> re.Match | None:
    m = pattern.search(normalised)
    while m and _framed(category, normalised, m.start()):
        m = pattern.search(normalised, m.end() - 1)
    return m


def rule_matches(text: str) -> list[ConcernMatch]:
    """All rule matches in the text, at most one per category, in CATEGORIES order. Empty list
    when no rule matches."""
    if not text or not text.strip():
        return []
    texts = _texts(text)
    views: dict[int, _View] = {}
    matches = []
    for category, pattern in _PATTERNS.items():
        # The double-letter view goes first: its phrases keep real doubles like "kill".
        for i, normalised in enumerate(texts):
            m = _first_match(category, pattern, normalised)
            if m:
                view = views.get(i) or views.setdefault(i, _view(text, i))
                if view.text != normalised[1:]:  # lower() differs per character in rare scripts
                    m = _first_match(category, pattern, " " + view.text)
                # The match starts with its separator; the view has no leading space.
                phrase = view.original(text, m.start(), m.end() - 1) if m else normalised
                matches.append(ConcernMatch(category, phrase))
                break
    return matches
