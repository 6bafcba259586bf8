"""Voice and guidance: needs raised by schools, principal meetings, versioned guidance."""

from districtwise.voice.models.guidance import (
    ACKNOWLEDGING_ROLES,
    GuidanceAcknowledgement,
    GuidanceDocument,
    GuidanceVersion,
)
from districtwise.voice.models.meetings import (
    PROTOCOL_ORDER,
    AgendaItem,
    Dilemma,
    DilemmaFeedback,
    FollowUp,
    MeetingParticipant,
    PrincipalMeeting,
    ProtocolStage,
)
from districtwise.voice.models.needs import (
    URGENCY_RANK,
    Need,
    NeedAttachment,
    NeedCategory,
    NeedComment,
    NeedEvent,
    NeedIssue,
    NeedRoute,
    NeedState,
    ResponseTarget,
    Urgency,
)

__all__ = [
    "ACKNOWLEDGING_ROLES",
    "PROTOCOL_ORDER",
    "URGENCY_RANK",
    "AgendaItem",
    "Dilemma",
    "DilemmaFeedback",
    "FollowUp",
    "GuidanceAcknowledgement",
    "GuidanceDocument",
    "GuidanceVersion",
    "MeetingParticipant",
    "Need",
    "NeedAttachment",
    "NeedCategory",
    "NeedComment",
    "NeedEvent",
    "NeedIssue",
    "NeedRoute",
    "NeedState",
    "PrincipalMeeting",
    "ProtocolStage",
    "ResponseTarget",
    "Urgency",
]
