"""The boards and committees the papers name, who sits on them, and their meetings on
the dates the papers give (fixtures/demo/meetings.json). No date is invented: a body the
papers give only a cycle for (3C's Management Board meets in May, August, October and
January) has no meetings."""

from datetime import date

from meetings.models import Body, Meeting, Membership
from programmes.models import Strategy

from .upsert import read_fixture, set_m2m, upsert


def load_meetings(organisations, people):
    for entry in read_fixture("meetings.json")["bodies"]:
        body = upsert(
            Body,
            {"name": entry["name"]},
            short_name=entry["short_name"],
            kind=entry["kind"],
            cycle=entry["cycle"],
            source=entry["source"],
        )
        set_m2m(body.organisations, [organisations[code] for code in entry["councils"]])
        set_m2m(body.strategies, list(Strategy.objects.filter(slug__in=entry["strategies"])))
        for member in entry["members"]:
            upsert(
                Membership,
                {"body": body, "person": people.get(member["name"], member["council"])},
                role=member["role"],
                title=member["title"],
            )
        for meeting in entry["meetings"]:
            upsert(
                Meeting,
                {"body": body, "date": date.fromisoformat(meeting["date"])},
                venue=meeting["venue"],
                source=entry["source"],
            )
