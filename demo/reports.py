"""The cabinet reports the papers are, bound to the meetings they went to, not yet issued
from the portal (fixtures/demo/reports.json): a clerk opening the demo finds the 2018
strategy's report for the 4 and 5 October 2018 Cabinets and the 2021 joint update to
Vale's and South's Cabinets, each with its portfolio holders."""

from datetime import date

from contracts.models import Contract
from meetings.models import Meeting
from programmes.models import Strategy
from reports.models import Report, ReportMeeting

from .upsert import parse_date, read_fixture, upsert


def load_reports():
    for entry in read_fixture("reports.json")["reports"]:
        meetings = [
            (
                Meeting.objects.get(body__name=m["body"], date=date.fromisoformat(m["date"])),
                m["portfolio_holders"],
            )
            for m in entry["meetings"]
        ]
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
        )
        for meeting, holders in meetings:
            upsert(ReportMeeting, {"report": report, "meeting": meeting}, portfolio_holders=holders)
