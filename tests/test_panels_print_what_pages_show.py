"""A panel the pages and the cabinet report share prints in the report what the page
shows: the same tables, the same rows, the same figures (money, the annual plan summary
and the changes by status). Links and buttons are the page's alone."""

import re
from datetime import UTC, date, datetime
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from reports.frozen import build_snapshot
from reports.render import render_html

from .reports import make_report

pytestmark = pytest.mark.django_db

AS_AT = date(2018, 10, 5)


class Tables(HTMLParser):
    """Each table's caption and the text of its cells, row by row."""

    def __init__(self):
        super().__init__()
        self.tables = {}
        self._text = None  # the caption or cell being read
        self._caption = ""
        self._rows = []

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self._caption, self._rows = "", []
        elif tag == "tr":
            self._rows.append([])
        elif tag in ("caption", "td", "th"):
            self._text = ""

    def handle_endtag(self, tag):
        if tag in ("caption", "td", "th") and self._text is not None:
            text, self._text = " ".join(self._text.split()), None
            if tag == "caption":
                self._caption = text
            else:
                self._rows[-1].append(text)
        elif tag == "table":
            self.tables[self._caption] = self._rows

    def handle_data(self, data):
        if self._text is not None:
            self._text += data


def tables_of(html):
    parser = Tables()
    parser.feed(html)
    return parser.tables


def report_html(**scope):
    report = make_report(meeting_date=AS_AT, **scope)
    now = datetime(AS_AT.year, AS_AT.month, AS_AT.day, 12, tzinfo=UTC)
    return render_html(build_snapshot(report, now=now))


def test_the_money_the_dashboard_shows_is_the_money_the_report_prints(client, world):
    client.force_login(world.member)
    page = client.get(reverse("home"), {"strategy": world.strategy.slug, "as_at": AS_AT})
    printed = tables_of(report_html(strategy=world.strategy, include_money=True))

    shown = tables_of(page.content.decode())
    money = [caption for caption in shown if caption.endswith(", 2018/19")]
    assert money == [
        "Spend against budget by programme, 2018/19",
        "Savings by confidence of delivery, 2018/19",
        "Partner councils' shares, 2018/19",
    ]
    for caption in money:
        assert printed[caption] == shown[caption], caption
    spend = shown["Spend against budget by programme, 2018/19"]
    assert spend[0][:4] == ["Programme", "Capital budget", "Revenue budget", "Budget"]
    assert spend[-1][0] == "Total"
    assert "Not yet covered" in shown["Savings by confidence of delivery, 2018/19"][0]
    html = page.content.decode()
    assert "Amber up to 110% of budget" in html
    chart = html[html.index('id="savings-by-confidence') :].split("</svg>")[0]
    assert "Core services reshaped" in chart and "Total" not in chart  # a bar a programme


def test_the_annual_plan_the_contract_page_shows_is_the_plan_the_report_prints(client, world):
    client.force_login(world.member)
    page = client.get(reverse("contracts:detail", args=[world.contract.pk]))
    printed_html = report_html(contract=world.contract, include_plan_summary=True)

    shown = tables_of(page.content.decode())
    printed = tables_of(printed_html)
    caption = next(c for c in shown if c.endswith("plan items by service area and part"))
    assert printed[caption] == shown[caption]
    assert [row[0] for row in shown[caption][1:]] == [world.plan_area.name]
    assert f'href="{reverse("contracts:plan_area", args=[world.plan_area.pk])}"' in (
        page.content.decode()
    )
    assert "contracts/plan-area" not in printed_html  # no link in the paper


def test_the_changes_by_status_read_alike_on_the_page_and_in_the_report(client, world):
    client.force_login(world.member)
    page = client.get(reverse("contracts:detail", args=[world.contract.pk])).content.decode()
    printed = report_html(contract=world.contract, include_change_register=True)

    def words(html):
        return " ".join(
            re.sub(
                r"<[^>]+>", "", re.sub(r'<span class="govuk-visually-hidden">.*?</span>', "", html)
            ).split()
        )

    listed = re.search(r'<div class="app-status-counts">(.*?)</div>', page, re.S).group(1)
    shown = [words(item) for item in re.findall(r"<li>(.*?)</li>", listed, re.S)]
    sentence = re.search(r'<p class="govuk-body app-status-counts">(.*?)</p>', printed, re.S)
    # The page lists every status, the report says those it has changes at.
    assert [item for item in shown if not item.endswith(": 0")] == (
        words(sentence.group(1)).rstrip(".").split("; ")
    )
    assert "?status=" in page and "?status=" not in printed
