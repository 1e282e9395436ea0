"""Query parameters are parsed, never trusted: a list or dashboard URL with a day out of
range, a page size not offered, a page past the last or a sort by no column answers
its page with the default and a message in words, never a 500."""

from urllib.parse import urlencode

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

LISTS = [
    "home",
    "strategies",
    "projects:list",
    "contracts:register",
    "contracts:list",
    "my_projects",
    "money_export",
    "portfolio_export",
    "projects:export",
    "contracts:register_export",
]


def warnings_on(response):
    return [str(message) for message in response.context["messages"]]


def test_a_dashboard_as_at_the_year_1_shows_today_and_says_so(client, world):
    client.force_login(world.member)

    response = client.get(reverse("home"), {"as_at": "0001-01-01"})

    assert response.status_code == 200
    assert response.context["scope"].as_at == response.context["scope"].today
    assert warnings_on(response) == [
        "The as-at day ‘0001-01-01’ is before 1 January 2000: the dashboard shows today."
    ]


def test_a_day_to_compare_with_that_is_not_a_date_says_how_to_write_one(client, world):
    client.force_login(world.member)

    response = client.get(reverse("home"), {"since": "last Tuesday"})

    [warning] = warnings_on(response)
    assert warning.startswith("The day to compare with ‘last Tuesday’ is not a date")
    assert "2024-03-31" in warning


@pytest.mark.parametrize("per_page", ["-1", "0", "1000000", "ten", "²"])
def test_a_page_size_not_offered_falls_back_to_the_lists_own(client, world, per_page):
    client.force_login(world.member)

    response = client.get(reverse("projects:list"), {"per_page": per_page})

    assert response.status_code == 200
    assert response.context["table"].paginator.per_page == 50
    assert warnings_on(response) == [
        f"‘{per_page}’ rows a page is not one of 10, 25, 50 or 100: showing 50 a page."
    ]


def test_a_page_size_offered_is_used(client, world):
    client.force_login(world.member)

    response = client.get(reverse("contracts:register"), {"per_page": "10"})

    assert response.context["table"].paginator.per_page == 10
    assert warnings_on(response) == []


@pytest.mark.parametrize("name", ["programmes:detail", "contracts:detail"])
def test_detail_pages_lists_take_the_same_care(client, world, name):
    client.force_login(world.member)
    pk = world.programme.pk if name == "programmes:detail" else world.contract.pk

    response = client.get(reverse(name, args=[pk]), {"per_page": "-1", "page": "99"})

    assert response.status_code == 200
    assert response.context["table"].page.number == 1
    assert len(warnings_on(response)) == 2


def test_a_page_written_in_other_digits_is_page_1(client, world):
    client.force_login(world.member)

    response = client.get(reverse("contracts:register"), {"page": "²"})

    assert response.status_code == 200
    assert warnings_on(response) == ["There is no page ‘²’: showing page 1."]


def test_a_sort_by_no_column_keeps_the_usual_order_and_says_so(client, world):
    client.force_login(world.member)

    response = client.get(reverse("projects:list"), {"sort": "password"})

    assert warnings_on(response) == [
        "The list cannot be sorted by ‘password’: it is in its usual order."
    ]
    names = [row.record.name for row in response.context["table"].paginated_rows]
    assert names == sorted(names)


def test_an_unknown_strategy_shows_the_first_and_says_which(client, world):
    client.force_login(world.member)

    response = client.get(reverse("home"), {"strategy": "no-such-plan"})

    [warning] = warnings_on(response)
    assert warning.startswith("There is no strategy or plan ‘no-such-plan’: showing ")


def test_a_long_value_is_quoted_back_cut_short(client, world):
    client.force_login(world.member)

    response = client.get(reverse("projects:list"), {"per_page": "9" * 500})

    [warning] = warnings_on(response)
    assert "9" * 39 + "…" in warning and "9" * 41 not in warning


VALUES = st.one_of(
    st.text(max_size=30),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    st.dates().map(str),
    st.sampled_from(
        [
            "0001-01-01",
            "9999-12-31",
            "2018-02-30",
            "-1",
            "0",
            "1e9",
            "name,-name",
            "²",
            "١٢",
            "9" * 30,
        ]
    ),
)
PARAMS = st.dictionaries(
    st.sampled_from(
        ["as_at", "since", "per_page", "page", "sort", "strategy", "rag", "status", "programme"]
    ),
    VALUES,
    max_size=4,
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=st.sampled_from(LISTS + ["programmes:detail", "contracts:detail"]), params=PARAMS)
def test_no_list_or_dashboard_url_answers_500(client, world, name, params):
    client.force_login(world.member)
    args = {"programmes:detail": [world.programme.pk], "contracts:detail": [world.contract.pk]}
    url = reverse(name, args=args.get(name))

    response = client.get(f"{url}?{urlencode(params)}")

    assert response.status_code in (200, 302), (url, params)
