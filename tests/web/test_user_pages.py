"""Users in the app (issue 15): the finance office invites by e-mail (a link to choose a
password), sees the users with their last sign-in, and deactivates and reactivates them."""

from __future__ import annotations

import re

from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.personas import login

STRONG = "Et-langt-og-godt-kodeord-2026"


def _invite(client, **data):
    values = {
        "first_name": "Karin",
        "last_name": "Holm",
        "email": "karin.holm@example.dk",
        "username": "",
        "role": "department_editor",
        "centers": ["Ejendomme"],
    }
    return client.post(reverse("web:user-invite"), {**values, **data})


def test_an_invited_editor_chooses_a_password_and_signs_in(client, world, finance_officer):
    login(client, finance_officer)
    response = _invite(client)
    assert response.status_code == 302 and response["Location"] == reverse("web:users")
    user = get_user_model().objects.get(username="karin.holm@example.dk")
    assert not user.has_usable_password()
    assert [c.name for c in user.profile.centers.all()] == ["Ejendomme"]
    (invitation,) = mail.outbox
    assert invitation.to == ["karin.holm@example.dk"]
    link = re.search(r"http://[^\s]+/konto/adgangskode/ny/[^\s]+/", invitation.body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]

    visitor = Client()
    form = visitor.get("/" + path, follow=True)
    assert "Vælg din adgangskode" in form.content.decode()
    done = visitor.post(
        form.redirect_chain[-1][0], {"new_password1": STRONG, "new_password2": STRONG}
    )
    assert done.status_code == 302
    assert visitor.login(username="karin.holm@example.dk", password=STRONG)
    # The link worked once.
    again = Client().get("/" + path, follow=True).content.decode()
    assert "Linket virker ikke længere" in again

    page = client.get(reverse("web:users")).content.decode()
    assert "Karin Holm" in page and "Ejendomme" in page


def test_an_editor_without_a_center_and_a_taken_name_are_refused_on_the_field(
    client, world, finance_officer
):
    login(client, finance_officer)
    body = _invite(client, centers=[]).content.decode()
    assert (
        "Rollen Redaktør for center skal have mindst ét center" in body
        and 'id="id_centers-error"' in body
    )
    body = _invite(client, username=finance_officer.username).content.decode()
    assert "Der er allerede en bruger med brugernavnet" in body
    assert not mail.outbox
    assert not get_user_model().objects.filter(email="karin.holm@example.dk").exists()


def test_a_deactivated_user_cannot_sign_in_and_can_be_reactivated(
    client, world, finance_officer, center_editor
):
    login(client, finance_officer)
    url = reverse("web:user-active", args=[center_editor.pk])
    client.post(url)
    center_editor.refresh_from_db()
    assert not center_editor.is_active
    assert "deaktiveret" in client.get(reverse("web:users")).content.decode()
    client.post(url, {"active": "1"})
    center_editor.refresh_from_db()
    assert center_editor.is_active
    # Not oneself.
    client.post(reverse("web:user-active", args=[finance_officer.pk]))
    finance_officer.refresh_from_db()
    assert finance_officer.is_active


def test_only_the_finance_office_manages_users(client, world, center_editor, politician):
    for user in (center_editor, politician):
        login(client, user)
        assert client.get(reverse("web:users")).status_code == 403
        assert client.get(reverse("web:user-invite")).status_code == 403
        assert "brugere/" not in client.get(reverse("web:home")).content.decode()


def test_the_finance_office_moves_an_editor_to_another_center(
    client, world, finance_officer, center_editor
):
    from opfolgning.accounts.models import Profile

    login(client, finance_officer)
    listing = client.get(reverse("web:users")).content.decode()
    url = reverse("web:user-access", args=[center_editor.pk])
    assert f'href="{url}"' in listing
    page = client.get(url).content.decode()
    assert "Rolle og adgang for" in page and world.center.name in page
    response = client.post(url, {"role": "department_editor", "centers": [world.other_center.name]})
    assert response.status_code == 302
    profile = Profile.objects.get(user=center_editor)
    assert list(profile.centers.values_list("name", flat=True)) == [world.other_center.name]
    assert profile.history.exists()
    refused = client.post(url, {"role": "department_editor"})
    assert refused.status_code == 400
    assert "skal have mindst ét center" in refused.content.decode()
    assert list(profile.centers.values_list("name", flat=True)) == [world.other_center.name]
    login(client, center_editor)
    assert client.get(url).status_code == 403
