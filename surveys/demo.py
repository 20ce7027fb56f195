"""The demo: a "Feeling safe" survey using every question type and band, in English and Welsh,
one open collection link and a staff user for each role."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from surveys import services
from surveys.access import Role
from surveys.models import (
    AgeBand,
    Choice,
    CollectionLink,
    Question,
    QuestionWording,
    Step,
    Survey,
    SurveyVersion,
)

DEMO_PASSWORD = "demo-password-2026"
DEMO_LINK_SLUG = "demo"
DEMO_USERS = [
    ("officer", "Olu", "Officer", Role.OFFICER),
    ("safeguarding", "Sam", "Lead", Role.SAFEGUARDING_LEAD),
    ("analyst", "Ana", "Analyst", Role.ANALYST),
    ("coordinator", "Cai", "Coordinator", Role.REVIEW_COORDINATOR),
    ("admin", "Ada", "Admin", Role.ADMINISTRATOR),
]

Q = Question.Kind
B = AgeBand
OLDER = [B.AGE_8_11, B.AGE_12_17, B.AGE_18_25]

# (step title, Welsh, bands, [question specs])
STEPS = [
    (
        "How you feel",
        "Sut rwyt ti'n teimlo",
        [],
        [
            dict(
                key="feel-today",
                kind=Q.FEELINGS,
                text="How do you feel today?",
                cy="Sut wyt ti'n teimlo heddiw?",
                bands_text={
                    B.ADULT: (
                        "How do you feel about your child's safety where you live?",
                        "Sut ydych chi'n teimlo am ddiogelwch eich plentyn lle rydych chi'n byw?",
                    )
                },
            ),
        ],
    ),
    (
        "Feeling safe",
        "Teimlo'n ddiogel",
        [],
        [
            dict(
                key="safe-home",
                kind=Q.YES_NO,
                text="Do you feel safe at home?",
                cy="Wyt ti'n teimlo'n ddiogel gartref?",
                bands_text={
                    B.ADULT: (
                        "Does your child feel safe at home?",
                        "Ydy eich plentyn yn teimlo'n ddiogel gartref?",
                    )
                },
            ),
            dict(
                key="safest-place",
                kind=Q.PICTURE,
                text="Where do you feel safest?",
                cy="Ble rwyt ti'n teimlo fwyaf diogel?",
                help="Choose one picture.",
                help_cy="Dewisa un llun.",
                bands_text={
                    B.AGE_4_7: (
                        "Where do you feel happy and safe?",
                        "Ble rwyt ti'n teimlo'n hapus ac yn ddiogel?",
                    ),
                    B.ADULT: (
                        "Where does your child feel safest?",
                        "Ble mae eich plentyn yn teimlo fwyaf diogel?",
                    ),
                },
                choices=[
                    (
                        "home",
                        "At home",
                        "Gartref",
                        "places/home.svg",
                        "A house with a red roof",
                        "Tŷ gyda tho coch",
                    ),
                    (
                        "school",
                        "At school",
                        "Yn yr ysgol",
                        "places/school.svg",
                        "A school building with a bell",
                        "Adeilad ysgol gyda chloch",
                    ),
                    (
                        "friends",
                        "With friends",
                        "Gyda ffrindiau",
                        "places/friends.svg",
                        "Two friends standing together",
                        "Dau ffrind yn sefyll gyda'i gilydd",
                    ),
                    (
                        "park",
                        "At the park",
                        "Yn y parc",
                        "places/park.svg",
                        "A tree in a park on a sunny day",
                        "Coeden mewn parc ar ddiwrnod heulog",
                    ),
                    (
                        "online",
                        "Online",
                        "Ar-lein",
                        "places/online.svg",
                        "A mobile phone",
                        "Ffôn symudol",
                    ),
                    (
                        "somewhere-else",
                        "Somewhere else",
                        "Rhywle arall",
                        "places/somewhere-else.svg",
                        "A question mark",
                        "Marc cwestiwn",
                    ),
                ],
            ),
            dict(
                key="unsafe-why",
                kind=Q.LONG_TEXT,
                text="Do you want to tell us why?",
                cy="Wyt ti eisiau dweud wrthym ni pam?",
                help="Only if you want to. Someone whose job is keeping children safe will read it.",
                help_cy="Dim ond os wyt ti eisiau. Bydd rhywun sy'n cadw plant yn ddiogel yn ei ddarllen.",
                condition=("safe-home", ["no", "not-sure"]),
            ),
        ],
    ),
    (
        "School and friends",
        "Ysgol a ffrindiau",
        [],
        [
            dict(
                key="bullied",
                kind=Q.SINGLE,
                text="How often are you bullied?",
                cy="Pa mor aml wyt ti'n cael dy fwlio?",
                bands=OLDER,
                bands_text={
                    B.AGE_18_25: (
                        "How often have you been bullied or picked on this year?",
                        "Pa mor aml rwyt ti wedi cael dy fwlio eleni?",
                    )
                },
                choices=[
                    ("never", "Never", "Byth"),
                    ("sometimes", "Sometimes", "Weithiau"),
                    ("often", "Often", "Yn aml"),
                    ("always", "All the time", "Drwy'r amser"),
                ],
            ),
            dict(
                key="trusted-adults",
                kind=Q.MULTIPLE,
                text="Who could you talk to if you were worried?",
                cy="Gyda phwy allet ti siarad petaet ti'n poeni?",
                help="Choose all that are true.",
                help_cy="Dewisa bob un sy'n wir.",
                bands_text={
                    B.ADULT: (
                        "Who could your child talk to if they were worried?",
                        "Gyda phwy allai eich plentyn siarad petaen nhw'n poeni?",
                    )
                },
                choices=[
                    ("family", "Someone in my family", "Rhywun yn fy nheulu"),
                    ("teacher", "A teacher", "Athro neu athrawes"),
                    ("friend", "A friend", "Ffrind"),
                    ("youth-worker", "A youth worker", "Gweithiwr ieuenctid"),
                    ("social-worker", "A social worker", "Gweithiwr cymdeithasol"),
                    ("nobody", "Nobody", "Neb"),
                ],
            ),
        ],
    ),
    (
        "Being online",
        "Bod ar-lein",
        OLDER,
        [
            dict(
                key="online-safe",
                kind=Q.FEELINGS,
                text="How safe do you feel online?",
                cy="Pa mor ddiogel wyt ti'n teimlo ar-lein?",
            ),
            dict(
                key="online-app",
                kind=Q.SHORT_TEXT,
                text="Which app or game do you use most?",
                cy="Pa ap neu gêm wyt ti'n ei ddefnyddio fwyaf?",
                bands=[B.AGE_12_17, B.AGE_18_25],
                max_length=100,
            ),
        ],
    ),
    (
        "Your ideas",
        "Dy syniadau di",
        [],
        [
            dict(
                key="one-change",
                kind=Q.LONG_TEXT,
                text="If you could change one thing to make children safer here, what would it be?",
                cy="Petaet ti'n gallu newid un peth i wneud plant yn fwy diogel yma, beth fyddai e?",
                bands_text={
                    B.AGE_4_7: (
                        "What would make you feel happier and safer?",
                        "Beth fyddai'n gwneud i ti deimlo'n hapusach ac yn fwy diogel?",
                    ),
                    B.ADULT: (
                        "What one thing would help children here feel safer?",
                        "Pa un peth fyddai'n helpu plant yma i deimlo'n fwy diogel?",
                    ),
                },
            ),
        ],
    ),
]


def demo_users() -> dict[str, object]:
    users = {}
    for username, first, last, role in DEMO_USERS:
        user, created = get_user_model().objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "email": f"{username}@example.org"},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.is_staff = role == Role.ADMINISTRATOR
            user.is_superuser = role == Role.ADMINISTRATOR
            user.save()
        user.groups.add(Group.objects.get_or_create(name=role)[0])
        users[role] = user
    return users


def _add_question(step: Step, order: int, spec: dict, keys: dict) -> None:
    condition = spec.get("condition")
    question = Question.objects.create(
        step=step,
        order=order,
        key=spec["key"],
        kind=spec["kind"],
        text=spec["text"],
        help_text=spec.get("help", ""),
        bands=spec.get("bands", []),
        max_length=spec.get("max_length"),
        condition_question=keys[condition[0]] if condition else None,
        condition_values=condition[1] if condition else [],
    )
    keys[spec["key"]] = question
    QuestionWording.objects.create(
        question=question,
        band="",
        language="cy",
        text=spec["cy"],
        help_text=spec.get("help_cy", ""),
    )
    for band, (text, text_cy) in spec.get("bands_text", {}).items():
        QuestionWording.objects.create(question=question, band=band, language="en", text=text)
        QuestionWording.objects.create(question=question, band=band, language="cy", text=text_cy)
    for index, choice in enumerate(spec.get("choices", []), start=1):
        value, label, label_cy, *picture = choice
        image, alt, alt_cy = picture or ("", "", "")
        Choice.objects.create(
            question=question,
            order=index,
            value=value,
            label=label,
            image=f"img/{image}" if image else "",
            image_alt=alt,
            translations={"cy": {"label": label_cy, "image_alt": alt_cy}},
        )


def demo_survey() -> SurveyVersion:
    survey, _ = Survey.objects.get_or_create(
        slug="feeling-safe",
        defaults={"title": "Feeling safe", "description": "Annual survey of children's safety."},
    )
    version = survey.versions.filter(number=1).first()
    if version:
        return version
    version = SurveyVersion.objects.create(
        survey=survey,
        number=1,
        title="Feeling safe where you live",
        title_translations={"cy": "Teimlo'n ddiogel lle rwyt ti'n byw"},
    )
    keys: dict[str, Question] = {}
    for order, (title, title_cy, bands, questions) in enumerate(STEPS, start=1):
        step = Step.objects.create(
            version=version,
            order=order,
            title=title,
            title_translations={"cy": title_cy},
            bands=bands,
        )
        for q_order, spec in enumerate(questions, start=1):
            _add_question(step, q_order, spec, keys)
    services.version_publish(version=version)
    return version


@transaction.atomic
def load_demo() -> CollectionLink:
    users = demo_users()
    version = demo_survey()
    link, _ = CollectionLink.objects.get_or_create(
        slug=DEMO_LINK_SLUG,
        defaults={
            "version": version,
            "name": "Riverside Youth Club (demo)",
            "setting": CollectionLink.Setting.YOUTH_GROUP,
            "cohort_tags": ["youth club"],
            "safeguarding_lead": users[Role.SAFEGUARDING_LEAD],
            "created_by": users[Role.OFFICER],
        },
    )
    return link
