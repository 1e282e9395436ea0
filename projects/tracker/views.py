"""Import a tracker: upload, preview what will change, confirm.

Confirming streams its page: the writing happens while the page is sent, so a long
import shows its progress in any browser, without JavaScript, and the whole write
is still one transaction.
"""

import hashlib
import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_POST

from core.roles import ADMINISTRATOR, has_role
from core.workbook_safety import RefusedWorkbook, check_size

from ..models import TrackerImport
from .apply import StalePreview, import_steps, plan_workbook
from .background import queue_import, writes_in_background
from .forms import TrackerUploadForm

PROGRESS_MARK = "<!--progress-->"
# A failed import wrote nothing, and can be confirmed again.
CONFIRMABLE = (TrackerImport.State.PREVIEWED, TrackerImport.State.FAILED)
logger = logging.getLogger(__name__)


def tracker_import_for_user(request, pk):
    """An upload is its uploader's (and administrators'); others get 404, not a hint."""
    tracker_import = get_object_or_404(TrackerImport.objects.select_related("strategy"), pk=pk)
    if tracker_import.uploaded_by_id != request.user.pk and not has_role(
        request.user, ADMINISTRATOR
    ):
        raise Http404
    return tracker_import


@login_required
@permission_required("projects.import_tracker", raise_exception=True)
def import_start(request):
    form = TrackerUploadForm(request.POST or None, request.FILES or None)
    # Week-old uploads go whenever anyone opens the import page; the portal has no
    # scheduler yet (tests/test_a_tracker_preview_writes_nothing_until_confirmed.py).
    TrackerImport.objects.expired().delete()
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["workbook"]
        strategy = form.cleaned_data["strategy"]
        try:
            check_size(upload.name, upload.size)  # before reading any of it
            content = upload.read()
            plan = plan_workbook(
                strategy=strategy, user=request.user, filename=upload.name, content=content
            )
        except RefusedWorkbook as refusal:
            form.add_error("workbook", str(refusal))
        else:
            tracker_import = TrackerImport.objects.create(
                filename=upload.name[:255],
                content=content,
                sha256=hashlib.sha256(content).hexdigest(),
                strategy=strategy,
                uploaded_by=request.user,
                plan=plan.as_json(),
                plan_digest=plan.digest(),
            )
            return redirect("tracker:preview", tracker_import.pk)
    recent = TrackerImport.objects.filter(uploaded_by=request.user).select_related("strategy")[:5]
    return render(
        request,
        "projects/tracker/start.html",
        {"form": form, "recent": recent},
        status=400 if form.errors else 200,
    )


@login_required
@permission_required("projects.import_tracker", raise_exception=True)
def import_preview(request, pk):
    tracker_import = tracker_import_for_user(request, pk)
    plan = tracker_import.plan
    items = plan.get("items", [])
    return render(
        request,
        "projects/tracker/preview.html",
        {
            "tracker_import": tracker_import,
            "plan": plan,
            "creates": [item for item in items if item["action"] == "create"],
            "updates": [item for item in items if item["action"] == "update"],
            "left_alone": [
                {
                    "where": item["where"],
                    "project": item["project"],
                    "why": "already as the sheet says",
                }
                for item in items
                if item["action"] == "unchanged"
            ]
            + plan.get("left_alone", []),
            "can_confirm": tracker_import.state in CONFIRMABLE
            and not plan.get("problems")
            and any(item["action"] != "unchanged" for item in items),
        },
    )


@login_required
@require_POST
@permission_required("projects.import_tracker", raise_exception=True)
def import_cancel(request, pk):
    """Cancel an upload not yet imported: it is deleted, file and preview."""
    tracker_import = tracker_import_for_user(request, pk)
    # Only if still waiting: a confirmation that won the race keeps its record.
    deleted, _ = TrackerImport.objects.filter(pk=tracker_import.pk, state__in=CONFIRMABLE).delete()
    if deleted:
        messages.success(
            request, f"Import of ‘{tracker_import.filename}’ cancelled: the upload is deleted."
        )
    return redirect("tracker:start")


@login_required
@require_POST
@permission_required("projects.import_tracker", raise_exception=True)
def import_confirm(request, pk):
    tracker_import = tracker_import_for_user(request, pk)
    if tracker_import.state not in CONFIRMABLE:
        return redirect("tracker:preview", tracker_import.pk)
    if writes_in_background(tracker_import):
        queue_import(tracker_import=tracker_import, user=request.user)
        return redirect("tracker:preview", tracker_import.pk)
    page = render_to_string(
        "projects/tracker/importing.html", {"tracker_import": tracker_import}, request=request
    )
    head, tail = page.split(PROGRESS_MARK)
    user = request.user

    def stream():
        yield head
        try:
            for step in import_steps(tracker_import, user=user):
                if isinstance(step, tuple):
                    done, total = step
                    yield f"<li>Written {done:,} of {total:,} projects…</li>\n"
                else:
                    outcome = step
        except StalePreview as stale:
            tracker_import.plan = stale.plan.as_json()
            tracker_import.plan_digest = stale.plan.digest()
            tracker_import.save(update_fields=["plan", "plan_digest"])
            yield render_to_string(
                "projects/tracker/partials/stale.html",
                {"tracker_import": tracker_import},
                request=request,
            )
        except Exception:  # noqa: BLE001 - the page has begun: say so on it, then log
            logger.exception("Importing tracker %s failed", tracker_import.pk)
            yield render_to_string(
                "projects/tracker/partials/failed.html",
                {
                    "tracker_import": tracker_import,
                    "request_id": getattr(request, "request_id", ""),
                },
                request=request,
            )
        else:
            yield render_to_string(
                "projects/tracker/partials/imported.html",
                {"tracker_import": tracker_import, "outcome": outcome},
                request=request,
            )
        yield tail

    return StreamingHttpResponse(stream(), content_type="text/html; charset=utf-8")
