"""The dependency form: the project depended on, then the milestones on each side."""

from django import forms

from core.choice_fields import SafeModelChoiceField

from .models import Milestone, Project


class ProjectChoiceField(SafeModelChoiceField):
    def label_from_instance(self, project):
        return f"{project.programme.strategy} – {project.programme} – {project}"


class MilestoneChoiceField(SafeModelChoiceField):
    def label_from_instance(self, milestone):
        due = milestone.due_date
        return f"{milestone.title}" + (f" (due {due:%d/%m/%Y})" if due else "")


class DependencyForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    on_project = ProjectChoiceField(
        label="The project it depends on",
        queryset=Project.objects.none(),
        error_messages={
            "required": "Choose the project it depends on",
            "invalid_choice": "Choose the project it depends on from the list",
        },
    )
    milestone = MilestoneChoiceField(
        label="Which of this project's milestones waits (optional)",
        queryset=Milestone.objects.none(),
        required=False,
        error_messages={"invalid_choice": "Choose one of this project's milestones"},
    )
    on_milestone = MilestoneChoiceField(
        label="Which of its milestones it waits on (optional)",
        queryset=Milestone.objects.none(),
        required=False,
        error_messages={"invalid_choice": "Choose a milestone of the project depended on"},
    )
    note = forms.CharField(
        label="Note (optional)",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
        error_messages={"max_length": "The note must be 2,000 characters or fewer"},
    )

    def __init__(self, *args, project, on_project=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on_project"].queryset = (
            Project.objects.exclude(pk=project.pk)
            .select_related("programme__strategy")
            .order_by("programme__strategy__order", "programme__order", "order", "name")
        )
        self.fields["milestone"].queryset = project.milestones.planned()
        if on_project is not None:
            self.fields["on_milestone"].queryset = on_project.milestones.planned()
