"""Follow by e-mail (issue 14): double opt-in, one mail per publication, unsubscribe."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from opfolgning.agreements import workflow_services as wf
from opfolgning.agreements.models import Milestone, Submission, SubmissionState, Subscription
from opfolgning.delivery import subscriptions as subs


def _link(message, name: str) -> str:
    pattern = {
        "confirm": r"/abonnement/[^/\s]+/bekraeft/",
        "cancel": r"/abonnement/[^/\s]+/afmeld/",
    }
    found = re.search(pattern[name], message.body)
    assert found, message.body
    return found.group(0)


@pytest.fixture
def published(world, finance_officer):
    Milestone.objects.create(
        initiative=world.initiative, round=world.round, status_note="Klar.", smiley="happy"
    )
    Submission.objects.filter(pk=world.submission.pk).update(state=SubmissionState.APPROVED)
    wf.round_close(actor=finance_officer, round_obj=world.round, override_reason="1.2 mangler")
    return world


def test_a_citizen_subscribes_confirms_gets_one_mail_per_publication_and_unsubscribes(
    client, published, finance_officer, django_capture_on_commit_callbacks
):
    world = published
    wf.round_publish(actor=finance_officer, round_obj=world.round)  # the page needs it public
    page = client.get(reverse("web:subscribe", args=[2019]), {"udvalg": "oekonomiudvalget"})
    assert page.status_code == 200 and "Økonomiudvalget" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("web:subscribe", args=[2019]),
            {"email": "Borger@Example.dk", "udvalg": "oekonomiudvalget"},
        )
    assert "Tjek din e-mail" in response.content.decode()
    assert len(mail.outbox) == 1
    confirm_mail = mail.outbox[0]
    assert confirm_mail.to == ["borger@example.dk"]
    assert "List-Unsubscribe" in confirm_mail.extra_headers
    assert confirm_mail.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    sub = Subscription.objects.get()
    assert sub.confirmed_at is None and sub.committee == world.committee

    # Unconfirmed: a publication mails nobody.
    assert subs.publication_mails(round_obj=world.round) == 0
    confirm = _link(confirm_mail, "confirm")
    assert "Bekræft" in client.get(confirm).content.decode()  # a GET confirms nothing
    sub.refresh_from_db()
    assert sub.confirmed_at is None
    client.post(confirm)
    sub.refresh_from_db()
    assert sub.confirmed_at is not None

    mail.outbox.clear()
    assert subs.publication_mails(round_obj=world.round) == 1
    (news,) = mail.outbox
    assert "er offentliggjort" in news.subject
    assert "/aftaler/2019/udvalg/oekonomiudvalget/opfolgning/3/" in news.body

    cancel = _link(news, "cancel")
    client.post(cancel)
    assert not Subscription.objects.exists()
    assert client.get(cancel).status_code == 404


def test_publishing_mails_the_confirmed_subscribers_once_committed(
    published, finance_officer, settings, django_capture_on_commit_callbacks
):
    # The signal's receiver queues one job; the immediate backend runs it at once.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    Subscription.objects.create(
        email="a@example.dk",
        agreement=published.agreement,
        token="t" * 20,
        confirmed_at="2019-10-01T00:00Z",
    )
    Subscription.objects.create(
        email="ubekraeftet@example.dk", agreement=published.agreement, token="u" * 20
    )
    with django_capture_on_commit_callbacks(execute=True):
        wf.round_publish(actor=finance_officer, round_obj=published.round)
    assert [m.to for m in mail.outbox] == [["a@example.dk"]]
    assert "Aftale om budget 2019" in mail.outbox[0].body


def test_a_bad_address_is_refused_and_nothing_is_stored(client, published, finance_officer):
    wf.round_publish(actor=finance_officer, round_obj=published.round)
    response = client.post(reverse("web:subscribe", args=[2019]), {"email": "ikke en adresse"})
    assert response.status_code == 200
    assert not Subscription.objects.exists()


def test_nothing_unpublished_can_be_followed(client, published):
    assert client.get(reverse("web:subscribe", args=[2019])).status_code == 404


def test_a_mail_client_unsubscribes_with_one_post_rfc_8058(published):
    from django.test import Client

    sub = Subscription.objects.create(
        email="a@example.dk",
        agreement=published.agreement,
        token="k" * 30,
        confirmed_at="2019-10-01T00:00Z",
    )
    url = reverse("web:subscription-cancel", args=[sub.token])
    mail_client = Client(enforce_csrf_checks=True)  # no cookie, no form: as a mail client posts
    assert mail_client.get(url).status_code == 200
    assert Subscription.objects.filter(pk=sub.pk).exists()  # a GET unsubscribes nobody
    response = mail_client.post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert not Subscription.objects.filter(pk=sub.pk).exists()
