"""Partners and community: partnerships, school needs, family feedback, stakeholders."""

from districtwise.community.models.needs import SchoolNeed
from districtwise.community.models.partners import (
    PartnerContact,
    PartnerService,
    Partnership,
    ServiceCategory,
    ServiceDelivery,
)

# ---- partners models ----
# Re-exported by its alias: __all__ keeps the lead's order of the parts' fences.
from districtwise.community.models.partners_health import PartnershipReview as PartnershipReview

# ---- end partners models ----
# ---- surveys models ----
from districtwise.community.models.surveys import *  # noqa: F403 (the module's __all__)

# ---- end surveys models ----
# ---- stakeholders models ----
# Re-exported by name ("X as X"): a sorted __all__ cannot keep the parts' fences.
from districtwise.community.models.stakeholders import Engagement as Engagement
from districtwise.community.models.stakeholders import StakeholderGroup as StakeholderGroup
from districtwise.community.models.stakeholders import StakeholderKind as StakeholderKind
from districtwise.community.models.stakeholders import (
    StakeholderPosition as StakeholderPosition,
)
from districtwise.community.models.stakeholders import Stance as Stance

# ---- end stakeholders models ----

__all__ = [
    "PartnerContact",
    "PartnerService",
    "Partnership",
    "SchoolNeed",
    "ServiceCategory",
    "ServiceDelivery",
    # ---- partners names ----
    # ---- end partners names ----
    # ---- surveys names ----
    # ---- end surveys names ----
    # ---- stakeholders names ----
    # ---- end stakeholders names ----
]
