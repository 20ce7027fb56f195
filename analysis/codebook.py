"""The seed codebook for children's safeguarding surveys: what each code means, with phrases
children use, so the classifier can suggest codes before anyone has coded an answer."""

# Answers that fit no other code, non-answers among them, are coded with this one: it is never
# retired.
OTHER_CODE = "other"

SAFEGUARDING_CODEBOOK: list[dict] = [
    {
        "code": "feeling_safe",
        "name": "Feeling safe",
        "description": "Whether the child feels safe or unsafe, and what makes them feel that way.",
        "examples": [
            "I feel safe",
            "I don't feel safe",
            "not safe walking home",
            "scared to go out at night",
            "my street feels safe",
            "I feel safe when my mum is there",
        ],
    },
    {
        "code": "home_and_family",
        "name": "Home and family",
        "description": (
            "Parents, carers, brothers and sisters, life at home, arguments, family time."
        ),
        "examples": [
            "my mum and dad",
            "my family looks after me",
            "arguing at home",
            "my brother and sister",
            "my nan helps me",
            "spending time with my family",
        ],
    },
    {
        "code": "school",
        "name": "School",
        "description": "Teachers, lessons, school rules, exams, support at school or college.",
        "examples": [
            "my teacher helps me",
            "school is stressful",
            "I like my lessons",
            "exams and homework",
            "the teachers do not listen",
            "more support at school",
        ],
    },
    {
        "code": "friends_and_relationships",
        "name": "Friends and relationships",
        "description": "Friendships, boyfriends and girlfriends, falling out, feeling lonely.",
        "examples": [
            "my friends",
            "playing with my friends",
            "I have no friends",
            "falling out with friends",
            "my boyfriend",
            "I feel lonely",
        ],
    },
    {
        "code": "bullying",
        "name": "Bullying",
        "description": "Being bullied or picked on, in person or online; name calling; left out.",
        "examples": [
            "I get bullied",
            "people pick on me",
            "stop the bullying",
            "they call me names",
            "bullies at school",
            "being left out on purpose",
        ],
    },
    {
        "code": "online_safety",
        "name": "Online safety",
        "description": "Phones, social media, games, strangers online, online messages and images.",
        "examples": [
            "people online",
            "social media",
            "strangers messaging me on games",
            "my phone",
            "tiktok and snapchat",
            "sharing pictures online",
        ],
    },
    {
        "code": "emotional_wellbeing",
        "name": "Emotional wellbeing and mental health",
        "description": "Feelings, worry, stress, sadness, anxiety, anger, self-harm, support.",
        "examples": [
            "I feel sad",
            "anxiety and stress",
            "I worry a lot",
            "my mental health",
            "someone to talk to about my feelings",
            "I get angry",
        ],
    },
    {
        "code": "being_listened_to",
        "name": "Being listened to",
        "description": "Whether adults listen, take them seriously, explain and involve them.",
        "examples": [
            "nobody listens to me",
            "adults listen to me",
            "being heard",
            "they do not take me seriously",
            "ask children what they think",
            "my social worker listens",
        ],
    },
    {
        "code": "exploitation",
        "name": "Exploitation",
        "description": (
            "Gangs, county lines, grooming, being made to carry or sell drugs, older people."
        ),
        "examples": [
            "gangs",
            "county lines",
            "older boys asked me to carry drugs",
            "being groomed",
            "people giving us money to do things",
            "selling drugs",
        ],
    },
    {
        "code": "neglect_and_basic_needs",
        "name": "Neglect and basic needs",
        "description": "Food, clothes, a warm clean home, money worries, being left alone.",
        "examples": [
            "not enough food",
            "we have no money",
            "the house is cold",
            "I go to school hungry",
            "nobody looks after me",
            "clean clothes",
        ],
    },
    {
        "code": "health",
        "name": "Health",
        "description": (
            "Physical health, doctors, nurses, hospitals, dentists, disabilities, sleep."
        ),
        "examples": [
            "going to the doctor",
            "the nurse",
            "waiting for the hospital",
            "my disability",
            "I can't sleep",
            "healthy food and exercise",
        ],
    },
    {
        "code": "places_and_activities",
        "name": "Places to go and things to do",
        "description": (
            "Parks, youth clubs, sport, activities, nothing to do in the area, transport."
        ),
        "examples": [
            "nothing to do around here",
            "more youth clubs",
            "the park",
            "football and sports",
            "somewhere to go after school",
            "buses are too expensive",
        ],
    },
    {
        "code": "police_and_crime",
        "name": "Police and crime",
        "description": "Police, knives, fights, antisocial behaviour, drugs and crime in the area.",
        "examples": [
            "more police",
            "people carrying knives",
            "fights in the town centre",
            "drug dealers",
            "antisocial behaviour",
            "crime where I live",
        ],
    },
    {
        "code": "being_in_care",
        "name": "Being in care",
        "description": "Foster carers, children's homes, social workers, placements, care leavers.",
        "examples": [
            "my foster carer",
            "living in a children's home",
            "my social worker keeps changing",
            "moving placements",
            "leaving care",
            "seeing my family when in care",
        ],
    },
    {
        "code": "other",
        "name": "Other",
        "description": "Anything that fits no other code.",
        "examples": [],
    },
]
