"""Partners and community: partnerships, school needs, family feedback, stakeholders."""

from districtwise.community.models.needs import SchoolNeed
from districtwise.community.models.partners import (
    PartnerContact,
    PartnerService,
    Partnership,
    ServiceCategory,
    ServiceDelivery,
)
from districtwise.community.models.partners_health import PartnershipReview
from districtwise.community.models.stakeholders import (
    Engagement,
    StakeholderGroup,
    StakeholderKind,
    StakeholderPosition,
    Stance,
)
from districtwise.community.models.surveys import (
    Answer,
    EngagementEvent,
    EventLanguage,
    Question,
    QuestionText,
    RespondentGroup,
    Response,
    ResponseTicket,
    Survey,
    SurveyLanguage,
    SurveyLink,
    SurveyText,
)

__all__ = [
    "Answer",
    "Engagement",
    "EngagementEvent",
    "EventLanguage",
    "PartnerContact",
    "PartnerService",
    "Partnership",
    "PartnershipReview",
    "Question",
    "QuestionText",
    "RespondentGroup",
    "Response",
    "ResponseTicket",
    "SchoolNeed",
    "ServiceCategory",
    "ServiceDelivery",
    "StakeholderGroup",
    "StakeholderKind",
    "StakeholderPosition",
    "Stance",
    "Survey",
    "SurveyLanguage",
    "SurveyLink",
    "SurveyText",
]
