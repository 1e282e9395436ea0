"""Pages of 100 rows by default (up to 1,000 with `page_size`), with the next page's
address in the body and in a `Link` header, so a CSV page says where the next one is."""

from __future__ import annotations

from typing import Any

from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response


class ApiPagination(PageNumberPagination):
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 1000

    def get_paginated_response(self, data: Any) -> Response:
        response = super().get_paginated_response(data)
        links = []
        if (next_url := self.get_next_link()) is not None:
            links.append(f'<{next_url}>; rel="next"')
        if (previous_url := self.get_previous_link()) is not None:
            links.append(f'<{previous_url}>; rel="prev"')
        if links:
            response["Link"] = ", ".join(links)
        response["X-Total-Count"] = str(self.page.paginator.count)
        return response

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        """DRF's, with the first and last pages' missing links written as OpenAPI 3.1
        says a null is (the document is 3.1: see SPECTACULAR_SETTINGS)."""
        described = super().get_paginated_response_schema(schema)
        for link in ("next", "previous"):
            field = described["properties"][link]
            field.pop("nullable", None)
            field["type"] = ["string", "null"]
        return described
