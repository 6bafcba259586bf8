"""Schemathesis against our own OpenAPI schema, through WSGI, as the superintendent.

Every operation gets generated requests; none may answer 500 and every answer must
conform to the schema (status code documented, body valid, headers as declared).
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from districtwise.core.tokens import api_token_create
from districtwise.wsgi import application

# The schema itself is served without a token and touches no database.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
# The token is sent by the test, not generated: otherwise a negative case that "drops" the
# Authorization header would still carry our valid one and look like accepted bad data.
# Unauthenticated requests are still made, by the ignored-auth check.
schema.config.generation.update(with_security_parameters=False)


@pytest.fixture
def connection_kept_open():
    """The WSGI app serves inside the test's transaction, on the test's connection. Like
    Django's own test client, stop it closing that connection at the end of each request
    (PostgreSQL would lose the transaction; in-memory SQLite ignores the close)."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def superintendent_token(cast, connection_kept_open) -> str:
    _, raw = api_token_create(
        actor=cast["superintendent"], district=cast.district, name="schemathesis"
    )
    return raw


@pytest.mark.django_db
@schema.parametrize()
# One cast and one token serve every generated request: the API only reads, so sharing
# the function-scoped fixtures across examples is what we want.
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
def test_every_operation_conforms_to_the_schema(case, superintendent_token):
    case.call_and_validate(headers={"Authorization": f"Bearer {superintendent_token}"})
