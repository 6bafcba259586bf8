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
# ---- end partners models ----
# ---- surveys models ----
from districtwise.community.models.surveys import *  # noqa: F403 (the module's __all__)

# ---- end surveys models ----
# ---- stakeholders models ----
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
