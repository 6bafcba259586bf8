"""The REST API root: /api/v1/, personal-access-token auth, OpenAPI at /api/v1/openapi.json."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import NinjaAPI
from ninja.security import HttpBearer

from districtwise.core.scopes import scope_for
from districtwise.core.tokens import api_token_user


class PersonalAccessToken(HttpBearer):
    """``Authorization: Bearer dw_…``: acts as the token's user in the token's district."""

    def authenticate(self, request: HttpRequest, token: str):
        found = api_token_user(token)
        if found is None or not scope_for(found.user, found.district).is_member:
            return None
        request.user = found.user
        request.district = found.district  # type: ignore[attr-defined]
        return found


api = NinjaAPI(
    title="Districtwise API",
    version="1",
    description="Integrations with Districtwise. Every answer is scoped exactly like the "
    "token owner's web access in the token's district.",
    auth=PersonalAccessToken(),
    urls_namespace="api",
    # Stated, not left to ninja's default: integrations and the schema tests rely on this path.
    openapi_url="/openapi.json",
    docs_url="/docs",
)


def _register_routers() -> None:
    from districtwise.equity.api import router as equity_router
    from districtwise.organization.api import router as organization_router

    api.add_router("/", organization_router)
    api.add_router("/", equity_router)
    # ---- logs ----
    from districtwise.supports.logs_api import router as supports_logs_router

    api.add_router("/", supports_logs_router)
    # ---- end logs ----


_register_routers()
