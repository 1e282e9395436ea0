from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

import cattrs
import pytest

from core.frozen_rows import from_json, to_json
from core.rag_ref import RagRef


@dataclass(frozen=True)
class Row:
    title: str
    due: date | None
    amount: Decimal | None
    rag: RagRef | None
    when: datetime


def test_rows_go_to_plain_json_and_come_back_the_same():
    red = RagRef(pk=3, label="R", words="off track", colour="#d4351c", text_colour="#fff")
    rows = [
        Row(
            "Go live", date(2019, 3, 31), Decimal("1200.50"), red, datetime(2018, 10, 5, tzinfo=UTC)
        ),
        Row("TBC", None, None, None, datetime(2018, 10, 5, tzinfo=UTC)),
    ]

    data = to_json(rows)

    assert data[0]["due"] == "2019-03-31" and data[0]["amount"] == "1200.50"
    assert data[0]["rag"]["words"] == "off track" and data[1]["rag"] is None
    assert from_json(data, list[Row]) == rows


def test_a_value_of_the_wrong_kind_is_refused_rather_than_printed_otherwise():
    row = {"title": None, "due": None, "amount": None, "rag": None, "when": "2018-10-05T00:00"}
    with pytest.raises(cattrs.BaseValidationError) as refused:
        from_json([row], list[Row])
    assert "$[0].title" in str(cattrs.transform_error(refused.value))

    level = {"pk": "3", "label": "R", "words": "w", "colour": "c", "text_colour": "t"}
    with pytest.raises(cattrs.BaseValidationError) as refused:
        from_json(level, RagRef)
    assert "$.pk" in str(cattrs.transform_error(refused.value))
