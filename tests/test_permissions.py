import pytest
from django.urls import reverse

from programmes.models import Person
from projects.models import Project

from .second_factor import log_in

pytestmark = pytest.mark.django_db


def update_url(project):
    return reverse("projects:update", args=[project.pk])


def test_anonymous_visitor_is_sent_to_sign_in(client, owned_project):
    response = client.get(update_url(owned_project))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("persona", ["member", "clerk", "other_officer"])
def test_people_who_do_not_own_the_project_get_403(client, request, persona, owned_project):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(update_url(owned_project)).status_code == 403
    assert client.post(update_url(owned_project), {}).status_code == 403


def test_officer_who_leads_the_project_can_open_the_update_form(client, officer, owned_project):
    client.force_login(officer)
    response = client.get(update_url(owned_project))
    assert response.status_code == 200
    assert f"Update status: {owned_project.name}" in response.content.decode()


def test_administrator_can_update_any_project(client, administrator, owned_project):
    log_in(client, administrator)
    assert client.get(update_url(owned_project)).status_code == 200


def test_officer_cannot_edit_other_project(client, world):
    client.force_login(world.owner)
    assert client.get(update_url(world.amber_project)).status_code == 403  # the other's


@pytest.mark.parametrize("role", ["sponsor", "manager", "lead"])
def test_sponsor_manager_and_lead_may_each_edit(client, world, other_officer, role):
    project = world.project
    client.force_login(other_officer)
    assert client.get(update_url(project)).status_code == 403
    setattr(project, role, other_officer.person)
    project.save()
    client.force_login(other_officer)
    assert client.get(update_url(project)).status_code == 200


def test_a_named_editor_may_edit(client, other_officer, owned_project):
    owned_project.editors.add(other_officer.person)
    client.force_login(other_officer)
    assert client.get(update_url(owned_project)).status_code == 200


def test_a_member_named_as_sponsor_still_only_reads(client, member, owned_project):
    person = Person.objects.create(name="Councillor sponsor", user=member)
    owned_project.sponsor = person
    owned_project.save()
    client.force_login(member)
    assert client.get(update_url(owned_project)).status_code == 403


def test_unknown_project_is_404_for_an_officer(client, officer):
    client.force_login(officer)
    assert client.get(reverse("projects:update", args=[999999])).status_code == 404


def test_update_view_refuses_other_methods(client, officer, owned_project):
    client.force_login(officer)
    assert client.put(update_url(owned_project)).status_code == 405
    assert client.delete(update_url(owned_project)).status_code == 405


def test_sign_out_refuses_get(client, officer):
    client.force_login(officer)
    assert client.get(reverse("logout")).status_code == 405


def test_the_list_rule_and_the_permission_agree_for_every_project(world):
    officer = world.owner
    editable = set(Project.objects.editable_by(officer).values_list("pk", flat=True))
    for project in Project.objects.all():
        assert officer.has_perm("projects.change_project", project) == (project.pk in editable)
    # The two they lead and the one they manage.
    assert editable == {world.project.pk, world.red_project.pk, world.complete_project.pk}


def test_update_button_shows_only_to_those_who_may_edit(client, officer, member, owned_project):
    detail = reverse("projects:detail", args=[owned_project.pk])
    client.force_login(member)
    assert "Update status" not in client.get(detail).content.decode()
    client.force_login(officer)
    assert "Update status" in client.get(detail).content.decode()


def test_403_page_explains_who_may_edit(client, member, owned_project):
    client.force_login(member)
    response = client.get(update_url(owned_project))
    assert "Officers can update the projects they sponsor, manage, lead" in (
        response.content.decode()
    )


def test_404_page_uses_the_portal_layout(client, member):
    client.force_login(member)
    response = client.get("/projects/999999/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
