"""The admin for users and roles: finance officers manage users but grant no superuser."""

from __future__ import annotations

import pytest

from opfolgning.accounts.models import Profile, Role
from opfolgning.accounts.selectors import role_of

pytestmark = pytest.mark.django_db


def test_finance_officer_sees_users_with_their_roles_in_the_admin(
    client, finance_officer, politician
):
    client.force_login(finance_officer)
    response = client.get("/admin/auth/user/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "politiker" in html and "Udvalgslæser" in html


def test_finance_officer_cannot_make_anyone_a_superuser(client, finance_officer, politician):
    client.force_login(finance_officer)
    html = client.get(f"/admin/auth/user/{politician.pk}/change/").content.decode()
    assert 'name="is_superuser"' not in html
    assert 'name="profile-0-role"' in html


def test_changing_the_role_in_the_admin_moves_the_user_to_the_roles_group(
    client, world, finance_officer, politician
):
    client.force_login(finance_officer)
    profile = politician.profile
    response = client.post(
        f"/admin/accounts/profile/{profile.pk}/change/",
        {"user": politician.pk, "role": Role.DEPARTMENT_EDITOR, "centers": [world.center.pk]},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    politician.refresh_from_db()
    assert role_of(politician) == Role.DEPARTMENT_EDITOR
    assert list(politician.groups.values_list("name", flat=True)) == ["Redaktør for center"]
    assert Profile.history.filter(user=politician).latest("history_date").history_user == (
        finance_officer
    )


def test_department_editor_has_no_admin(client, center_editor):
    client.force_login(center_editor)
    assert client.get("/admin/").status_code == 302
