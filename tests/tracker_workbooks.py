"""Workbooks shaped like the councils' own trackers, built in memory for the import tests.

`action_plan()` follows the 2018 12-month action plan (columns A–L, a colour key in
rows 1–3, merged activity-stream cells, quarter columns coloured by the key);
`annual_plan()` follows the Five Councils annual plan 2022/23 (title rows, Part
rows, a header row per part, continuation rows and dated progress cells).
"""

import io
from datetime import datetime

from openpyxl import Workbook
from openpyxl.styles import PatternFill

# Excel's own palette, not the portal's: the importer must read the sheet's key.
EXCEL_GREEN = "FF00B050"
EXCEL_AMBER = "FFFFC000"
EXCEL_RED = "FFFF0000"
EXCEL_BLUE = "FF0070C0"
EXCEL_GREY = "FFA6A6A6"


def fill(colour):
    return PatternFill("solid", fgColor=colour)


def saved(book):
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


ACTION_PLAN_ROWS = [
    # stream, project, lead, resourcing, funding, budget, pressure, Q1..Q5, project fill
    (
        "Core IT turnaround",
        "Active Directory",
        "DW",
        "Covered by 5Cs contract",
        "Contract change",
        0,
        None,
        [
            ("directory designed and approved", EXCEL_BLUE),
            ("New directory built", EXCEL_GREEN),
            ("Operational (LB)", None),
            None,
            None,
        ],
        EXCEL_GREEN,
    ),
    (
        None,
        "Legacy datacentre closure",
        "LB",
        "S&V budgets currently £37K pa",
        "Cost reduction to remove pressure",
        0,
        27,
        [
            ("Retirement plan agreed", EXCEL_BLUE),
            ("Legacy migrated or retired", EXCEL_RED),
            ("Legacy datacentre service retired", None),
            None,
            None,
        ],
        EXCEL_RED,
    ),
    (
        None,
        "Print services",
        "LB",
        "S&V budgets to be funded from legacy DC closure est. £10K pa",
        "retained budget",
        48,
        None,
        [
            ("Procurement commenced", EXCEL_GREEN),
            ("New contract awarded", None),
            ("Old print service retired", None),
            None,
            None,
        ],
        EXCEL_AMBER,
    ),
    (
        "Core services reshaped",
        "Strategic HR",
        "AP",
        "Covered by 5Cs contract",
        "Contract change",
        0,
        None,
        [
            None,
            ("Revised service design agreed, resource transferred", None),
            ("HR Operating Model agreed", None),
            ("Go live of HR TOM", None),
            None,
        ],
        None,
    ),
    (
        "Technology strategy",
        "Technology Strategy document",
        "DW",
        "S&V budgets",
        "Funded adviser",
        None,
        None,
        [
            None,
            ("Technology strategy drafted and agreed with Senior Leadership", None),
            None,
            None,
            ("(AP)", None),
        ],
        EXCEL_GREEN,
    ),
]


def action_plan():
    book = Workbook()
    sheet = book.active
    sheet.title = "12 month action plan"
    key = [
        ("Green", EXCEL_GREEN, "Under way and on track", "Blue", EXCEL_BLUE, "Complete"),
        ("Amber", EXCEL_AMBER, "In negotiation", "Grey", EXCEL_GREY, "End point"),
        ("Red", EXCEL_RED, "Off track", "(AP)", None, "Perm/Successor Lead"),
    ]
    for row, (label, colour, words, label2, colour2, words2) in enumerate(key, start=1):
        sheet.cell(row, 1, label).fill = fill(colour)
        sheet.cell(row, 2, words)
        cell = sheet.cell(row, 4, label2)
        if colour2:
            cell.fill = fill(colour2)
        sheet.cell(row, 5, words2)
    sheet.append(
        [
            "Activity Stream",
            "Project",
            "Lead",
            "Resourcing",
            "Funding approach",
            "2018-19 Budget outside contract £000s",
            "2018-19 pressure £000s",
            "Q1 July-Sept 18",
            "Q2 Oct-Dec 2018",
            "Q3 Jan-Mar 2019",
            "Q4 Apr-Jun 2019",
            "Q5 July-Sept 2019",
        ]
    )
    first_of_stream = None
    for (
        stream,
        name,
        lead,
        resourcing,
        funding,
        budget,
        pressure,
        quarters,
        colour,
    ) in ACTION_PLAN_ROWS:
        sheet.append([stream, name, lead, resourcing, funding, budget, pressure])
        row = sheet.max_row
        if stream:
            if first_of_stream and row - 1 > first_of_stream:
                sheet.merge_cells(
                    start_row=first_of_stream, end_row=row - 1, start_column=1, end_column=1
                )
            first_of_stream = row
        if colour:
            sheet.cell(row, 2).fill = fill(colour)
        for offset, quarter in enumerate(quarters):
            if quarter:
                cell = sheet.cell(row, 8 + offset, quarter[0])
                if quarter[1]:
                    cell.fill = fill(quarter[1])
    sheet.append([None, None, None, None, None, 48, 27])  # the plan's totals row
    return saved(book)


ANNUAL_HEADER = [
    "Ref",
    "Description",
    "Milestones",
    "Due Dates",
    "Lead",
    "Driver or Source",
    "Council(s) Impacted",
    "Delivery Status (Not started, Started, Paused, Complete)",
    "RAG Status R = late A = Risk of delay G = on track",
    "Progress",
]
HART_PROGRESS = (
    "12/02/2021 - The CCRF has been initially reviewed and the PM has responded to Capita's "
    "initial proposal. 04/10/20 - A CCRF has been raised for Hart to shape what their service "
    "will be going forward. 06/09/2021 - Reopened and progressing. Meeting scheduled to review "
    "collectively for 14/09/2021 with JL, GM, PM & PP 7/3/22 Update - Awaiting sign-off of "
    "CCRF298."
)


def annual_plan():
    book = Workbook()
    it = book.active
    it.title = "IT"
    it.append(["Annual Plan for:", "Five Councils IT"])
    it.append(["Last Update (Date and Who by)", "07-Mar-22; P Merrick"])
    it.append([])
    it.append(["Part 1 - Outstanding Transition Actions"])
    it.append(["Agreed Plan"])
    it.append(ANNUAL_HEADER)
    it.append(
        [
            "R88",
            "Tom for H&EH",
            "Agree the TOM",
            "By or before 30 Sept 2022",
            "DW",
            "Section 6.1 Implementation Plan",
            "HBC",
            "Started",
            "A",
            HART_PROGRESS,
        ]
    )
    it.append(
        [
            None,
            None,
            "Initial discussion with Client",
            "TBC",
            "LB",
            None,
            None,
            "Complete",
            None,
            "as above",
        ]
    )
    it.append(
        [
            None,
            None,
            "Completion of acceptance review",
            datetime(2022, 3, 31),
            None,
            None,
            None,
            "Not started",
        ]
    )
    it.append([])
    it.append(["Part 2 - Annual Plan Items"])
    header = list(ANNUAL_HEADER)
    header[3] = "Due date"
    header[6] = "Councils Impacted"
    it.append(header)
    it.append(
        [
            None,
            "Stakeholder Plans - Develop a stakeholder map and a supporting stakeholder "
            "engagement plan",
            None,
            "ongoing",
            "LB",
            "General Account Governance plus Obligation Matrix",
            "All",
            "Started",
            "Green",
            "04/10/2020 - Stake holder map to be reviewed between PM and CM. 12/02/2020 - Need "
            "refreshing for 2020",
        ]
    )
    it.append(
        [
            None,
            "Horizon Scanning; requirement to upgrade applications coming end of life",
            "Review each council to identify servers at risk",
            "31/12/19",
            "DW",
            "Best Practice",
            "HDC, HBC, MDC",
            "Complete",
            "G",
            "12/02/2020- servers have been identified",
        ]
    )
    it.append(
        [
            None,
            None,
            "Produce high level plan where appropriate",
            "31/03/2020",
            None,
            None,
            None,
            "Started",
        ]
    )
    it.append([None, None, "Annual review", "Annual, Q3", None, None, None, "Not started"])
    it.append([])
    it.append(["Part Three - Forward Look"])
    it.append(
        [
            "Ref",
            "Description",
            "Milestones",
            "Due Dates",
            "Lead",
            "Driver or Source",
            "Councils Impacted",
        ]
    )
    it.append(
        [None, "Somerset unitary", "Support this change as required", "TBC", None, None, "MDC"]
    )

    customer = book.create_sheet("Customer Services")
    customer.append(["Annual Plan for:", "Five Councils Customer Services"])
    customer.append(["Part 2 - Annual Plan Items"])
    customer.append(
        [
            "Ref",
            "Description",
            "Milestones",
            "Due Dates",
            "Lead",
            "Links to Service Outcomes",
            "Councils Impacted",
        ]
    )
    customer.append(
        [
            None,
            "Quality Assurance; Implement process for authority officers to listen to and score "
            "calls.",
            "Havant Borough Council, Go Live",
            "31/01/22 go live April - June evaluation",
            "Capita Head of Customer Services",
            "Continuous improvement",
            "HBC",
        ]
    )
    for council, code in (("Mendip District Council", "MDC"), ("Hart District Council", "HDC")):
        customer.append(
            [
                None,
                None,
                f"{council}, Go Live",
                "28/02/22 go live April - June evaluation",
                None,
                None,
                code,
            ]
        )
    return saved(book)
