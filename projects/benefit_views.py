"""Adding and changing a project's or a programme's benefits: by the people who keep
its risks (its editors, the programme's owner, administrators); a stale form gets a
409 with the benefit as saved now and the person's entries kept."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from core.form_errors import add_model_errors, error_summary
from core.query_params import WHOLE_NUMBER
from programmes.models import Programme

from .benefit_forms import BENEFIT_FIELDS, BenefitForm
from .benefit_register import BenefitConflict, benefit_save
from .models import Benefit, Project

CONFLICT = (
    "Someone else saved this benefit after you opened this page, so yours was not saved. "
    "It is shown below as saved now; your entries are still in the form."
)


def register_page(holder) -> str:
    if isinstance(holder, Project):
        return reverse("projects:detail", args=[holder.pk]) + "#benefits"
    return reverse("programmes:detail", args=[holder.pk]) + "#benefits"


def _holder(request):
    for key, model in (("project", Project), ("programme", Programme)):
        value = request.GET.get(key, "")
        if value:
            if not WHOLE_NUMBER.fullmatch(value):
                raise Http404("No such " + key)
            return key, get_object_or_404(model, pk=value)
    raise Http404("Say which project or programme the benefit is for")


@login_required
@require_http_methods(["GET", "POST"])
def benefit_new(request):
    key, holder = _holder(request)
    if not request.user.has_perm("projects.add_benefit_to", holder):
        raise PermissionDenied("You cannot add a benefit here.")
    form = BenefitForm(request.POST or None, initial={"status": Benefit.Status.PLANNED})
    if request.method == "POST" and form.is_valid():
        benefit = Benefit(**{key: holder})
        try:
            benefit_save(
                benefit=benefit,
                version=None,
                fields={name: form.cleaned_data[name] for name in BENEFIT_FIELDS},
            )
        except ValidationError as error:
            add_model_errors(form, error)
        else:
            messages.success(request, "Benefit added.")
            return redirect(register_page(holder))
    return _form_page(request, form, holder=holder, benefit=None)


@login_required
@require_http_methods(["GET", "POST"])
def benefit_change(request, pk):
    benefit = get_object_or_404(Benefit.objects.select_related("project", "programme"), pk=pk)
    if not request.user.has_perm("projects.change_benefit", benefit):
        raise PermissionDenied("You cannot change this benefit.")
    holder = benefit.project or benefit.programme
    initial = {name: getattr(benefit, name) for name in BENEFIT_FIELDS}
    form = BenefitForm(request.POST or None, initial=initial | {"version": benefit.version})
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            benefit_save(
                benefit=benefit,
                version=form.cleaned_data["version"],
                fields={name: form.cleaned_data[name] for name in BENEFIT_FIELDS},
            )
        except BenefitConflict as clash:
            benefit = clash.benefit
            data = request.POST.copy()
            data["version"] = benefit.version
            form = BenefitForm(data)
            form.is_valid()
            conflict = CONFLICT
        except ValidationError as error:
            add_model_errors(form, error)
        else:
            messages.success(request, "Benefit saved.")
            return redirect(register_page(holder))
    return _form_page(request, form, holder=holder, benefit=benefit, conflict=conflict)


def _form_page(request, form, *, holder, benefit, conflict=None):
    errors = [("#main-content", conflict)] if conflict else error_summary(form)
    return render(
        request,
        "projects/benefit_form.html",
        {
            "form": form,
            "holder": holder,
            "holder_page": register_page(holder),
            "benefit": benefit,
            "error_list": errors,
            "conflict": conflict,
        },
        status=409 if conflict else 400 if errors else 200,
    )
