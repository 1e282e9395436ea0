"""A KPI's owner enters its actuals, in the browser or by uploading a workbook, and sees
the RAG worked out against the target; no one else may, and bad input writes nothing."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from programmes.models import Kpi, KpiActual

from .second_factor import log_in
from .test_home import text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def kpi(world):
    return Kpi.objects.get(strategy=world.strategy, code="KPI-2")


def enter(client, kpi, day, value):
    return client.post(
        reverse("kpis:detail", args=[kpi.pk]),
        {
            "period_end_0": str(day.day),
            "period_end_1": str(day.month),
            "period_end_2": str(day.year),
            "value": value,
        },
        follow=True,
    )


def workbook(*rows):
    book = Workbook()
    sheet = book.active
    sheet.append(["Code", "Period end", "Actual"])
    for row in rows:
        sheet.append(list(row))
    content = io.BytesIO()
    book.save(content)
    return SimpleUploadedFile(
        "actuals.xlsx",
        content.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def test_the_owner_enters_an_actual_and_sees_its_rag(client, world, kpi):
    client.force_login(world.owner)
    page = text_of(enter(client, kpi, date(2018, 6, 30), "92.5%"))
    assert "Saved the actual. KPI-2: 92.5% to 30 June 2018" in page
    assert "Amber: short of the target, within its tolerance" in page
    assert "30 June 2018 92.5% Amber Lee Brown" in page
    assert KpiActual.objects.get(kpi=kpi).value == Decimal("92.50")


def test_a_second_actual_for_the_period_replaces_the_first_and_says_what_it_was(client, world, kpi):
    client.force_login(world.owner)
    enter(client, kpi, date(2018, 6, 30), "92.5")
    page = text_of(enter(client, kpi, date(2018, 6, 30), "96"))
    assert "KPI-2: 96% to 30 June 2018 (it was 92.5%), Green: meets the target" in page
    actual = KpiActual.objects.get(kpi=kpi)
    assert actual.value == Decimal(96)
    assert [h.value for h in actual.history.order_by("history_date")] == [
        Decimal("92.50"),
        Decimal("96.00"),
    ]


@pytest.mark.parametrize(
    ("day", "value", "message"),
    [
        (date(2018, 6, 30), "lots", "Enter the actual as a number, like 93 or 93.5"),
        (date(2018, 6, 30), "120", "Enter a percentage between 0 and 100"),
        (date(2018, 6, 30), "-1", "Enter an actual of 0 or more"),
        (date(2099, 3, 31), "90", "The period must have ended: enter today or a day before"),
    ],
)
def test_a_bad_actual_is_refused_with_a_clear_message_and_writes_nothing(
    client, world, kpi, day, value, message
):
    client.force_login(world.owner)
    response = enter(client, kpi, day, value)
    assert response.status_code == 400
    assert message in text_of(response)
    assert text_of(response).startswith(" Error:")
    assert not KpiActual.objects.exists()


@pytest.mark.parametrize("persona", ["other_officer", "member", "clerk"])
def test_only_the_owner_and_administrators_may_enter_actuals(client, world, kpi, persona):
    client.force_login(getattr(world, persona))
    page = client.get(reverse("kpis:detail", args=[kpi.pk]))
    assert page.status_code == 200 and "Enter an actual" not in text_of(page)
    assert enter(client, kpi, date(2018, 6, 30), "90").status_code == 403
    log_in(client, world.admin)
    assert "Saved the actual" in text_of(enter(client, kpi, date(2018, 6, 30), "90"))


def test_the_dashboard_shows_the_trend_with_its_table_and_the_latest_rag(client, world, kpi):
    for day, value in ((date(2018, 3, 31), 89), (date(2018, 6, 30), 93), (date(2018, 9, 30), 96)):
        KpiActual.objects.create(kpi=kpi, period_end=day, value=value)
    client.force_login(world.member)
    response = client.get(reverse("home"), {"strategy": world.strategy.slug})
    page = text_of(response)
    assert (
        "KPI-2 Service Availability Quarterly 95% 96% to 30 Sep 2018 Green meets the target" in page
    )
    assert "KPI-2 31 Mar 2018 89% Red short of the target beyond its tolerance" in page
    assert 'aria-label="KPI-2 against a target of 95%: 89% to 31 Mar 2018, 93% to 30 Jun 2018' in (
        response.content.decode()
    )
    assert "KPI-2 31 Mar 2018 89% " in page and "KPI-2 30 Sep 2018 96% " in page


def test_looking_back_the_trend_holds_the_actuals_as_they_were_entered_by_then(client, world, kpi):
    from django.utils import timezone

    for day, value in ((date(2018, 3, 31), 89), (date(2018, 6, 30), 93)):
        KpiActual.objects.create(kpi=kpi, period_end=day, value=value)
    entered = timezone.make_aware(timezone.datetime(2018, 7, 2))
    KpiActual.history.update(history_date=entered)
    june = KpiActual.objects.get(period_end=date(2018, 6, 30))
    june.value = 99  # corrected later: today
    june.save()
    KpiActual.objects.create(kpi=kpi, period_end=date(2018, 9, 30), value=96)
    client.force_login(world.member)
    then = text_of(
        client.get(reverse("home"), {"strategy": world.strategy.slug, "as_at": "2018-07-15"})
    )
    assert "93% to 30 Jun 2018" in then
    assert "99%" not in then and "30 Sep 2018" not in then
    now = text_of(client.get(reverse("home"), {"strategy": world.strategy.slug}))
    assert "96% to 30 Sep 2018" in now and "KPI-2 30 Jun 2018 99%" in now


def test_an_upload_keeps_every_row_of_the_owners_kpis(client, world, kpi):
    client.force_login(world.owner)
    response = client.post(
        reverse("kpis:upload", args=[world.strategy.pk]),
        {"workbook": workbook(("KPI-2", date(2018, 6, 30), 93), ("kpi-2", "30/09/2018", "96%"))},
        follow=True,
    )
    assert "Saved 2 actuals." in text_of(response)
    assert list(KpiActual.objects.values_list("period_end", "value")) == [
        (date(2018, 6, 30), Decimal("93.00")),
        (date(2018, 9, 30), Decimal("96.00")),
    ]


def test_an_upload_with_any_bad_row_writes_nothing_and_names_each_bad_row(client, world, kpi):
    client.force_login(world.owner)
    response = client.post(
        reverse("kpis:upload", args=[world.strategy.pk]),
        {
            "workbook": workbook(
                ("KPI-2", date(2018, 6, 30), 93),
                ("KPI-9", date(2018, 6, 30), 50),
                ("KPI-2", "soon", "ninety"),
                ("KPI-2", date(2018, 6, 30), 94),
            )
        },
    )
    page = text_of(response)
    assert response.status_code == 400
    assert "There is a problem: nothing was saved" in page
    assert f"Row 3: {world.strategy} has no KPI ‘KPI-9’" in page
    assert "Row 4: enter the end of the period as a date, like 30/06/2018" in page
    assert "Row 4: enter the actual as a number, like 93 or 93.5" in page
    assert "Row 5: KPI-2 to 30/06/2018 is also on row 2" in page
    assert not KpiActual.objects.exists()


def test_an_upload_refuses_kpis_the_person_does_not_own(client, world, kpi):
    client.force_login(world.other_officer)
    response = client.post(
        reverse("kpis:upload", args=[world.strategy.pk]),
        {"workbook": workbook(("KPI-2", date(2018, 6, 30), 93))},
    )
    assert response.status_code == 403
    kpi.owner = world.other_officer.person
    kpi.save()
    Kpi.objects.create(
        strategy=world.strategy, code="KPI-3", name="Incidents", unit="percent", target=80,
        frequency="quarterly", owner=world.owner.person,
    )  # fmt: skip
    response = client.post(
        reverse("kpis:upload", args=[world.strategy.pk]),
        {"workbook": workbook(("KPI-3", date(2018, 6, 30), 93))},
    )
    assert "Row 2: you cannot enter KPI-3's actuals" in text_of(response)
    assert not KpiActual.objects.exists()


def test_an_upload_without_the_headings_is_refused(client, world, kpi):
    client.force_login(world.owner)
    book = Workbook()
    book.active.append(["KPI", "When", "Value"])
    content = io.BytesIO()
    book.save(content)
    response = client.post(
        reverse("kpis:upload", args=[world.strategy.pk]),
        {"workbook": SimpleUploadedFile("x.xlsx", content.getvalue())},
    )
    assert "has no heading row with the columns Code, Period end and Actual" in text_of(response)


# The session, the user and their roles; the KPI, whether the person may enter its actuals,
# and its actuals.
KPI_PAGE_QUERIES = 6
# The session, the user and their roles; the strategy, whether the person owns any of its
# KPIs, and the KPIs with their actuals.
KPI_LIST_QUERIES = 7


@pytest.mark.parametrize("extra", [0, 40])
def test_kpi_pages_read_a_fixed_number_of_queries(
    client, world, kpi, django_assert_max_num_queries, extra
):
    for i in range(extra):
        KpiActual.objects.create(
            kpi=kpi, period_end=date(2010, 1, 1).replace(year=1980 + i), value=90
        )
        Kpi.objects.create(
            strategy=world.strategy, code=f"KPI-X{i}", name="More", unit="count", target=1,
            frequency="annual", owner=world.owner.person,
        )  # fmt: skip
    client.force_login(world.owner)
    detail = reverse("kpis:detail", args=[kpi.pk])
    listing = reverse("kpis:list", args=[world.strategy.pk])
    client.get(detail)
    with django_assert_max_num_queries(KPI_PAGE_QUERIES):
        assert client.get(detail).status_code == 200
    with django_assert_max_num_queries(KPI_LIST_QUERIES):
        assert client.get(listing).status_code == 200


def test_an_upload_reads_a_percentage_cell_as_the_sheet_shows_it(client, world, kpi):
    book = Workbook()
    sheet = book.active
    sheet.append(["Code", "Period end", "Actual"])
    sheet.append(["KPI-2", date(2018, 6, 30), 0.96])
    sheet["C2"].number_format = "0%"  # Excel keeps 96% as 0.96
    content = io.BytesIO()
    book.save(content)
    client.force_login(world.owner)
    client.post(
        reverse("kpis:upload", args=[world.strategy.pk]),
        {"workbook": SimpleUploadedFile("actuals.xlsx", content.getvalue())},
    )
    assert KpiActual.objects.get(kpi=kpi).value == Decimal("96.00")


def test_an_upload_refuses_a_code_two_of_the_strategys_kpis_share(client, world, kpi):
    Kpi.objects.create(
        programme=world.programme, code="KPI-2", name="Programme availability", unit="percent",
        target=90, frequency="quarterly", owner=world.owner.person,
    )  # fmt: skip
    client.force_login(world.owner)
    response = client.post(
        reverse("kpis:upload", args=[world.strategy.pk]),
        {"workbook": workbook(("KPI-2", date(2018, 6, 30), 93))},
    )
    assert "Row 2: more than one KPI of" in text_of(response)
    assert "has the code ‘KPI-2’: enter its actuals on the KPI's own page" in text_of(response)
    assert not KpiActual.objects.exists()
