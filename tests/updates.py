"""Builds the POST an officer's browser sends from the update form."""

from django.urls import reverse


def date_parts(name, value):
    if value is None:
        return {f"{name}_0": "", f"{name}_1": "", f"{name}_2": ""}
    if isinstance(value, str):
        day, month, year = value.split("/")
        return {f"{name}_0": day, f"{name}_1": month, f"{name}_2": year}
    return {f"{name}_0": value.day, f"{name}_1": value.month, f"{name}_2": value.year}


def update_form_data(project, *, rag="G", milestones=None, version=None, **fields):
    """The form as submitted. `milestones` maps a milestone's title to the changes
    made to it, e.g. {"Go live": {"forecast_date": "31/01/2019"}}."""
    rows = list(project.milestones.all())
    level = project.rag_scale.levels.get(code=rag) if rag else None
    data = {
        "version": project.version if version is None else version,
        "rag": level.pk if level else "",
        "delivery_status": "started",
        "progress": "Progress this month",
        "next_steps": "",
        "issues": "",
        "milestones-TOTAL_FORMS": len(rows),
        "milestones-INITIAL_FORMS": len(rows),
        "milestones-MIN_NUM_FORMS": 0,
        "milestones-MAX_NUM_FORMS": 0,
    }
    data.update(fields)
    changes = milestones or {}
    for i, milestone in enumerate(rows):
        row = {
            "forecast_date": milestone.forecast_date,
            "completed_on": milestone.completed_on,
            "delivery_status": milestone.delivery_status,
            **changes.get(milestone.title, {}),
        }
        data[f"milestones-{i}-id"] = milestone.pk
        data.update(date_parts(f"milestones-{i}-forecast_date", row["forecast_date"]))
        data.update(date_parts(f"milestones-{i}-completed_on", row["completed_on"]))
        data[f"milestones-{i}-delivery_status"] = row["delivery_status"]
    return data


def post_update(client, project, **kwargs):
    return client.post(
        reverse("projects:update", args=[project.pk]), update_form_data(project, **kwargs)
    )
