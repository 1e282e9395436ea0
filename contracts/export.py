"""The contract change register as an .xlsx: the register's columns, with money as
numbers and dates as dates, in the order and filter the register page shows."""

from core.workbooks import SheetWriter, finish, new_workbook, workbook_bytes

HEADERS = [
    "Reference",
    "Title",
    "Status",
    "Category",
    "Contract",
    "Councils affected",
    "Cost neutral",
    "One-off cost",
    "Recurring cost",
    "Financial impact",
    "Funding route",
    "Approval route",
    "Decision maker",
    "Decision date",
    "TUPE transfer date",
    "Linked projects",
]


def change_register_workbook(changes):
    book = new_workbook()
    sheet = SheetWriter(book, "Contract changes", HEADERS, widths={"Title": 50}, money=(8, 9))
    for change in changes.order_by("status_order", "reference", "pk"):
        sheet.row(
            [
                change.reference,
                change.title,
                change.status_label,
                change.get_category_display(),
                str(change.contract),
                ", ".join(council.code for council in change.councils_affected.all()),
                "Yes" if change.cost_neutral else "No",
                change.one_off_cost,
                change.recurring_cost,
                change.financial_impact,
                change.funding_route,
                change.approval_route,
                change.decision_maker,
                change.decision_date,
                change.tupe_transfer_date,
                "; ".join(str(project) for project in change.projects.all()),
            ]
        )
    finish([sheet])
    return workbook_bytes(book)
