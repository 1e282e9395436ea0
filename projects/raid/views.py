"""Risk and issue pages: read by everyone signed in; added and changed by the project's
editors (a project's), the programme's owner (a programme's) or administrators; escalated
one level at a time with a reason (projects.access)."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from core.form_errors import add_model_errors, error_summary
from core.query_params import WHOLE_NUMBER
from programmes.models import Programme, Strategy

from ..audit import raid_change_history
from ..models import Issue, Project, RaidAction, Risk
from .forms import EscalationForm, IssueForm, RaidActionForm, RiskForm
from .services import (
    RaidConflict,
    raid_action_add,
    raid_action_done,
    raid_entry_save,
    raid_escalate,
)

RISK_FIELDS = (
    "reference",
    "title",
    "owner",
    "cause",
    "description",
    "effect",
    "initial_likelihood",
    "initial_impact",
    "residual_likelihood",
    "residual_impact",
    "proximity",
    "response",
    "controls",
    "further_action",
    "review_on",
    "status",
)
ISSUE_FIELDS = (
    "reference",
    "title",
    "owner",
    "description",
    "priority",
    "raised_on",
    "target_on",
    "status",
    "resolution",
)


@dataclass(frozen=True)
class Kind:
    model: type[Risk] | type[Issue]
    form: type[RiskForm] | type[IssueForm]
    noun: str
    fields: tuple[str, ...]

    def url(self, name: str, *args) -> str:
        return reverse(f"raid:{self.noun}_{name}" if name else f"raid:{self.noun}", args=args)


KINDS = {
    "risk": Kind(Risk, RiskForm, "risk", RISK_FIELDS),
    "issue": Kind(Issue, IssueForm, "issue", ISSUE_FIELDS),
}
STALE_ACTION = (
    "Someone else saved this {noun} after you opened this page, so the action was not "
    "{undone}. Check the {noun} as saved now and try again."
)
CONFLICT = (
    "Someone else saved this {noun} after you opened this page, so yours was not saved. "
    "It is shown below as saved now; your entries are still in the form."
)


def page_of(holder) -> str:
    """Where a risk's or an issue's keeper shows its register."""
    if isinstance(holder, Project):
        return reverse("projects:detail", args=[holder.pk]) + "#raid"
    if isinstance(holder, Programme):
        return reverse("programmes:detail", args=[holder.pk]) + "#raid"
    return reverse("home") + f"?strategy={holder.slug}#raid"


def _holder(request):
    """The project, programme or strategy a new item is for, named in the query."""
    for key, model in (("project", Project), ("programme", Programme), ("strategy", Strategy)):
        value = request.GET.get(key, "")
        if value:
            if not WHOLE_NUMBER.fullmatch(value):
                raise Http404("No such " + key)
            return key, get_object_or_404(model, pk=value)
    raise Http404("Say which project, programme or strategy it is for")


def _entry(kind, pk):
    return get_object_or_404(kind.model.objects.for_register(), pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def entry_new(request, noun):
    kind = KINDS[noun]
    key, holder = _holder(request)
    if not request.user.has_perm("projects.add_raid_to", holder):
        raise PermissionDenied(f"You cannot add a {noun} here.")
    initial = {"status": "open"}
    if kind.model is Issue:
        initial |= {"raised_on": timezone.localdate(), "priority": "medium"}
    form = kind.form(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        entry = kind.model(**{key: holder})
        try:
            raid_entry_save(
                entry=entry,
                version=None,
                fields={name: form.cleaned_data[name] for name in kind.fields},
            )
        except ValidationError as error:
            add_model_errors(form, error)
        else:
            messages.success(request, f"{noun.capitalize()} “{entry.headline}” added.")
            return redirect(kind.url("", entry.pk))
    return _form_page(request, kind, form, holder=holder, entry=None)


@login_required
@require_http_methods(["GET", "POST"])
def entry_change(request, noun, pk):
    kind = KINDS[noun]
    entry = _entry(kind, pk)
    if not request.user.has_perm(f"projects.change_{noun}", entry):
        raise PermissionDenied(f"You cannot change this {noun}.")
    initial = {name: getattr(entry, name) for name in kind.fields} | {"version": entry.version}
    form = kind.form(request.POST or None, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            raid_entry_save(
                entry=entry,
                version=form.cleaned_data["version"],
                fields={name: form.cleaned_data[name] for name in kind.fields},
            )
        except RaidConflict as clash:
            entry = _entry(kind, pk)
            data = request.POST.copy()
            data["version"] = clash.entry.version
            form = kind.form(data)
            form.is_valid()
            conflict = CONFLICT.format(noun=noun)
        except ValidationError as error:
            add_model_errors(form, error)
        else:
            messages.success(request, f"{noun.capitalize()} “{entry.headline}” saved.")
            return redirect(kind.url("", entry.pk))
    return _form_page(request, kind, form, holder=entry.kept_by, entry=entry, conflict=conflict)


def _form_page(request, kind, form, *, holder, entry, conflict=None):
    errors = [("#main-content", conflict)] if conflict else error_summary(form)
    return render(
        request,
        f"projects/raid/{kind.noun}_form.html",
        {
            "kind": kind,
            "form": form,
            "holder": holder,
            "holder_page": page_of(holder),
            "entry": entry,
            "error_list": errors,
            "conflict": conflict,
        },
        status=409 if conflict else 400 if errors else 200,
    )


@login_required
def entry_detail(request, noun, pk):
    kind = KINDS[noun]
    entry = _entry(kind, pk)
    user = request.user
    may_change = user.has_perm(f"projects.change_{noun}", entry)
    return render(
        request,
        "projects/raid/detail.html",
        {
            "kind": kind,
            "entry": entry,
            "holder_page": page_of(entry.kept_by),
            "actions": list(entry.actions.select_related("owner")),
            "history": raid_change_history(entry),
            "may_change": may_change,
            "may_escalate": entry.next_escalation
            and user.has_perm(f"projects.escalate_{noun}", entry),
            "action_form": RaidActionForm(initial={"version": entry.version})
            if may_change
            else None,
            "today": timezone.localdate(),
            "overdue": isinstance(entry, Issue) and entry.is_overdue(timezone.localdate()),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def entry_escalation(request, noun, pk):
    kind = KINDS[noun]
    entry = _entry(kind, pk)
    if not request.user.has_perm(f"projects.escalate_{noun}", entry):
        raise PermissionDenied(f"You cannot escalate this {noun}.")
    if not entry.next_escalation:
        where = "closed" if not entry.is_open else "already with the strategy's board"
        messages.error(request, f"This {noun} is {where}: it cannot be escalated.")
        return redirect(kind.url("", entry.pk))
    form = EscalationForm(request.POST or None, initial={"version": entry.version})
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            raid_escalate(
                entry=entry,
                version=form.cleaned_data["version"],
                reason=form.cleaned_data["reason"],
                today=timezone.localdate(),
            )
        except RaidConflict as clash:
            entry = clash.entry
            form = EscalationForm({"version": entry.version, "reason": form.cleaned_data["reason"]})
            form.is_valid()
            conflict = CONFLICT.format(noun=noun)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            where = entry.get_escalated_to_display().lower()
            messages.success(request, f"{noun.capitalize()} “{entry.headline}” {where}.")
            return redirect(kind.url("", entry.pk))
    errors = [("#main-content", conflict)] if conflict else error_summary(form)
    return render(
        request,
        "projects/raid/escalate.html",
        {"kind": kind, "entry": entry, "form": form, "error_list": errors},
        status=409 if conflict else 400 if errors else 200,
    )


@login_required
@require_POST
def action_new(request, noun, pk):
    kind = KINDS[noun]
    entry = _entry(kind, pk)
    if not request.user.has_perm(f"projects.change_{noun}", entry):
        raise PermissionDenied(f"You cannot add actions to this {noun}.")
    form = RaidActionForm(request.POST)
    if form.is_valid():
        try:
            raid_action_add(entry=entry, by=request.user, **form.cleaned_data)
        except RaidConflict:
            messages.error(request, STALE_ACTION.format(noun=noun, undone="added"))
        else:
            messages.success(request, "Action added.")
    else:
        for _, message in error_summary(form):
            messages.error(request, f"The action was not added: {message}")
    return redirect(kind.url("", entry.pk) + "#actions")


@login_required
@require_POST
def action_done(request, pk):
    action = get_object_or_404(RaidAction.objects.select_related("risk", "issue"), pk=pk)
    entry = action.risk or action.issue
    noun = "risk" if action.risk_id else "issue"
    if not request.user.has_perm(f"projects.change_{noun}", entry):
        raise PermissionDenied("You cannot change this action.")
    version = request.POST.get("version", "")
    try:
        raid_action_done(
            action=action,
            version=int(version) if WHOLE_NUMBER.fullmatch(version) else 0,
            done_on=timezone.localdate(),
        )
    except RaidConflict:
        messages.error(request, STALE_ACTION.format(noun=noun, undone="marked done"))
    else:
        messages.success(request, "Action marked done.")
    return redirect(KINDS[noun].url("", entry.pk) + "#actions")
