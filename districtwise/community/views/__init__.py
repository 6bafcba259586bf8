"""The pages of partners and community."""

from __future__ import annotations

from django.shortcuts import render

from districtwise.community import access
from districtwise.community.access import COMMUNITY_MEMBERS
from districtwise.core.access import district_view


@district_view(COMMUNITY_MEMBERS)
def overview(request):
    """Where partnerships, school needs, family feedback and stakeholders start."""
    scope = request.scope
    context = {
        "partner_only": access.is_partner_only(scope),
        "manages": access.manages_partnerships(scope),
        "records_needs": access.records_needs(scope),
    }
    return render(request, "community/overview.html", context)
