"""The cabinet reports the papers are, bound to the meetings they went to, not yet issued
from the portal (fixtures/demo/reports.json): a clerk opening the demo finds the 2018
strategy's report for the 4 and 5 October 2018 Cabinets, the 2021 joint update to
Vale's and South's Cabinets, each with its portfolio holders, and Oxfordshire's quarterly
review to its scrutiny sub-committee of 25 July 2019, with its risk register."""

from datetime import date

from contracts.models import Contract
from meetings.models import Meeting
from programmes.models import Strategy
from reports.frozen import paragraphs_of
from reports.models import Action, Decision, Report, ReportMeeting

from .upsert import parse_date, read_fixture, recorded_on, upsert


def load_reports(people):
    for entry in read_fixture("reports.json")["reports"]:
        meetings = [(_meeting(m), m["portfolio_holders"]) for m in entry["meetings"]]
        if "strategy" in entry:
            subject = {"strategy": Strategy.objects.get(slug=entry["strategy"])}
        else:
            subject = {"contract": Contract.objects.get(name=entry["contract"])}
        report = upsert(
            Report,
            {"title": entry["title"], **subject},
            report_of=entry["report_of"],
            author_name=entry["author_name"],
            contact=entry["contact"],
            cabinet_members=entry["cabinet_members"],
            recommendations=entry["recommendations"],
            purpose=entry["purpose"],
            background_papers=entry["source"],
            meeting_date=min(meeting.date for meeting, _ in meetings),
            data_cut_off=parse_date(entry["data_cut_off"]),
            **({"appendices": entry["appendices"]} if "appendices" in entry else {}),
        )
        for meeting, holders in meetings:
            upsert(ReportMeeting, {"report": report, "meeting": meeting}, portfolio_holders=holders)
        recommendations = paragraphs_of(report.recommendations)
        # Only what the papers record: 001 says the councils agreed the strategy; no
        # paper says what was decided on the 2018 virement or delegation. On the trail
        # from the last meeting's day, so a later report's cut-off finds them.
        with recorded_on(max(meeting.date for meeting, _ in meetings)):
            _load_outcomes(entry, report, recommendations, people)


def _load_outcomes(entry, report, recommendations, people):
    for decision in entry["decisions"]:
        upsert(
            Decision,
            {"report": report, "meeting": _meeting(decision), "number": decision["number"]},
            recommendation=recommendations[decision["number"] - 1],
            outcome=decision["outcome"],
            source=decision["source"],
        )
    for action in entry["actions"]:
        upsert(
            Action,
            {"report": report, "meeting": _meeting(action), "description": action["description"]},
            owner=people.get(action["owner"]),
            due=parse_date(action["due"]),
        )


def _meeting(entry):
    return Meeting.objects.get(body__name=entry["body"], date=date.fromisoformat(entry["date"]))
