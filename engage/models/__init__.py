"""Live sessions in a room, and families taking part in practice reviews."""

from engage.models.live import (  # noqa: F401
    JOIN_CODE_LENGTH,
    POLL_KINDS,
    POLL_OPTIONS_MAX,
    POLL_OPTIONS_MIN,
    POLL_SLUG_PREFIX,
    LiveParticipant,
    LiveSession,
    LiveSessionQuerySet,
    LiveTextAnswer,
    LiveTextAnswerQuerySet,
)
from engage.models.reviews import (  # noqa: F401
    Contribution,
    DocumentComment,
    FamilyConcern,
    FamilyMember,
    Invitation,
    Review,
    ReviewAssignment,
    ReviewEvent,
    SharedDocument,
)
