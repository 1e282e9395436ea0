"""The API's OpenAPI 3 document (/api/v1/schema/) is valid, and every endpoint's answer
(a list and a record, each of the portal's kinds) matches it."""

from datetime import date
from decimal import Decimal

import pytest
import yaml
from openapi_core import OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse
from openapi_spec_validator import validate

from api.urls import router
from programmes.models import Kpi, KpiActual

from .api import api_get, token_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(client):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    return yaml.safe_load(response.content)


def test_the_schema_validates_as_openapi_3(schema):
    assert schema["openapi"].startswith("3.")
    validate(schema)  # raises on any error
    assert schema["components"]["securitySchemes"]["BearerToken"]["scheme"] == "bearer"


def test_the_schema_lists_every_endpoint_with_its_filters(schema):
    paths = schema["paths"]
    for prefix, _viewset, _basename in router.registry:
        assert f"/api/v1/{prefix}/" in paths
        assert f"/api/v1/{prefix}/{{id}}/" in paths
    names = {p["name"] for p in paths["/api/v1/projects/"]["get"]["parameters"]}
    # The project list's own filters, with paging, the day and the format.
    assert {"q", "strategy", "programme", "rag", "council", "due", "as_at", "page"} <= names
    assert {"page_size", "format"} <= names


@pytest.mark.parametrize("prefix", [prefix for prefix, _v, _b in router.registry])
def test_every_endpoints_answers_match_the_schema(client, world, schema, prefix):
    kpi = Kpi.objects.get(code="KPI-2")
    KpiActual.objects.create(kpi=kpi, period_end=date(2022, 3, 31), value=Decimal("93.5"))
    openapi = OpenAPI.from_dict(schema)
    token = token_for(world.member)
    listed = api_get(client, f"/api/v1/{prefix}/", token)
    assert listed.status_code == 200
    openapi.validate_response(
        DjangoOpenAPIRequest(listed.wsgi_request), DjangoOpenAPIResponse(listed)
    )
    results = listed.json()["results"]
    assert results, f"the world has no {prefix} to check"
    one = api_get(client, f"/api/v1/{prefix}/{results[0]['id']}/", token)
    assert one.status_code == 200
    openapi.validate_response(DjangoOpenAPIRequest(one.wsgi_request), DjangoOpenAPIResponse(one))
    past = api_get(client, f"/api/v1/{prefix}/", token, as_at="2022-03-31")
    openapi.validate_response(DjangoOpenAPIRequest(past.wsgi_request), DjangoOpenAPIResponse(past))
