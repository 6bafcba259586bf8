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
