"""Sent back: returning a submitted status mails the editors of the initiative's center, each
in their own language, with the round, the comment, who returned it and a link."""

from __future__ import annotations

import datetime as dt
import logging
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from django_tasks_db.models import DBTaskResult

from opfolgning.accounts import services as account_services
from opfolgning.accounts.models import Role
from opfolgning.agreements import workflow_services as wf
from opfolgning.agreements.models import Submission, SubmissionState
from opfolgning.delivery import returns
from tests.personas import login, make_user

pytestmark = pytest.mark.django_db

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
SITE = "https://opfolgning.kommune.example"
STATUS_URL = f"{SITE}/aftaler/2019/opfolgning/3/indberetning/1.1/"
COMMENT = "Uddyb status: hvornår starter byggeriet?"


@pytest.fixture
def immediate(settings):
    """Send mails to the outbox and run each queued job at once."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = SITE
    settings.TASKS = IMMEDIATE
    return settings


@pytest.fixture
def submitted(world):
    """The world with both initiatives' statuses submitted."""
    for sub in (world.submission, world.other_submission):
        sub.state = SubmissionState.SUBMITTED
        sub.save()
    return world


def _return(world, actor, django_capture_on_commit_callbacks, comment: str = COMMENT):
    with django_capture_on_commit_callbacks(execute=True):
        return wf.status_return(actor=actor, submission=world.submission, comment=comment)


def test_the_centers_editor_gets_one_mail_with_the_comment_and_the_link(
    immediate,
    submitted,
    finance_officer,
    center_editor,
    other_center_editor,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    _return(submitted, finance_officer, django_capture_on_commit_callbacks)

    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["ejendomme@kommune.example"]
    assert mail.subject == "Sendt retur: 1.1 Plejecenter Toftehaven"
    assert mail.extra_headers["Auto-Submitted"] == "auto-generated"
    assert "Kære Jens Hansen" in mail.body
    assert "Kathrine Dahl fra økonomiafdelingen har sendt indberetningen" in mail.body
    assert "3. budgetopfølgning 2019" in mail.body
    assert COMMENT in mail.body
    assert STATUS_URL in mail.body
    assert "Du får denne e-mail, fordi du er redaktør for Ejendomme." in mail.body
    # The link is the status page the editor opens.
    assert STATUS_URL.removeprefix(SITE) == reverse("web:status", args=[2019, 3, "1.1"])


def test_every_editor_of_the_center_gets_one_but_not_inactive_or_addressless_ones(
    immediate,
    submitted,
    finance_officer,
    center_editor,
    other_center_editor,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    center = submitted.center
    make_user("ejendomme2", Role.DEPARTMENT_EDITOR, centers=(center,))
    gone = make_user("ejendomme3", Role.DEPARTMENT_EDITOR, centers=(center,))
    account_services.user_deactivate(actor=None, user=gone)
    silent = make_user("ejendomme4", Role.DEPARTMENT_EDITOR, centers=(center,))
    get_user_model().objects.filter(pk=silent.pk).update(email="")
    # Another role with the center does not make an editor (nor a superuser's profile).
    make_user("laeser", Role.COMMITTEE_READER, committees=(submitted.committee,))
    boss = make_user("chef", Role.DEPARTMENT_EDITOR, centers=(center,))
    get_user_model().objects.filter(pk=boss.pk).update(is_superuser=True)

    _return(submitted, finance_officer, django_capture_on_commit_callbacks)

    assert sorted(m.to[0] for m in mailoutbox) == [
        "ejendomme2@kommune.example",
        "ejendomme@kommune.example",
    ]


def test_an_editor_who_chose_english_gets_the_mail_rendered_in_english(
    immediate,
    submitted,
    finance_officer,
    center_editor,
    mailoutbox,
    django_capture_on_commit_callbacks,
    monkeypatch,
):
    # The English .po is written later; what is checked is the language each mail is made in.
    english = make_user("ejendomme-en", Role.DEPARTMENT_EDITOR, centers=(submitted.center,))
    account_services.profile_language_set(actor=english, user=english, language="en")
    rendered: list[tuple[str, str, str]] = []
    real = returns.render_to_string

    def spy(template, context=None, *args, **kwargs):
        rendered.append((context["name"], template, translation.get_language()))
        return real(template, context, *args, **kwargs)

    monkeypatch.setattr(returns, "render_to_string", spy)

    _return(submitted, finance_officer, django_capture_on_commit_callbacks)

    assert sorted(rendered) == [
        ("Jens Hansen", "delivery/email/returned.txt", "da"),
        ("Jens Hansen", "delivery/email/returned_subject.txt", "da"),
        ("ejendomme-en", "delivery/email/returned.txt", "en"),
        ("ejendomme-en", "delivery/email/returned_subject.txt", "en"),
    ]
    assert len(mailoutbox) == 2
    # The request's language is left as it was.
    assert translation.get_language() == "da"


def test_the_deadline_is_in_the_mail_in_the_editors_language(
    immediate, submitted, finance_officer, center_editor, django_capture_on_commit_callbacks
):
    submitted.round.deadline = dt.date(2019, 9, 20)
    submitted.round.save()
    submission = Submission.objects.select_related("round__agreement", "initiative__center").get(
        pk=submitted.submission.pk
    )
    profile = center_editor.profile

    mail = returns.return_message(submission, profile, comment=COMMENT, returned_by="")

    assert "Fristen er 20. september 2019." in mail.body
    assert "Økonomiafdelingen har sendt indberetningen for indsats 1.1" in mail.body


def test_nothing_is_sent_before_the_return_is_stored(
    immediate, submitted, finance_officer, center_editor, mailoutbox
):
    # Inside the test's transaction the commit never comes, so neither does the mail.
    wf.status_return(actor=finance_officer, submission=submitted.submission, comment=COMMENT)
    assert mailoutbox == []


def test_with_the_database_queue_one_job_is_queued_per_return(
    settings, submitted, finance_officer, center_editor, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    before = DBTaskResult.objects.count()

    _return(submitted, finance_officer, django_capture_on_commit_callbacks)

    job = DBTaskResult.objects.order_by("-enqueued_at").first()
    assert DBTaskResult.objects.count() == before + 1
    assert job.task_path == "opfolgning.delivery.returns.send_return_mails"
    assert job.args_kwargs["args"] == [submitted.submission.pk, COMMENT, "Kathrine Dahl"]


def test_no_editor_with_an_address_queues_nothing(
    settings, submitted, finance_officer, django_capture_on_commit_callbacks
):
    before = DBTaskResult.objects.count()
    _return(submitted, finance_officer, django_capture_on_commit_callbacks)
    assert DBTaskResult.objects.count() == before
    assert Submission.objects.get(pk=submitted.submission.pk).state == SubmissionState.RETURNED


def test_a_mail_that_fails_is_logged_and_the_return_stays(
    immediate,
    submitted,
    finance_officer,
    center_editor,
    mailoutbox,
    django_capture_on_commit_callbacks,
    monkeypatch,
    caplog,
):
    second = make_user("ejendomme2", Role.DEPARTMENT_EDITOR, centers=(submitted.center,))
    real = returns.return_message

    def failing(submission, profile, **kwargs):
        if profile.user == center_editor:
            raise ConnectionRefusedError("the mail server is down")
        return real(submission, profile, **kwargs)

    monkeypatch.setattr(returns, "return_message", failing)

    with caplog.at_level(logging.ERROR, logger="opfolgning.delivery.returns"):
        returned = _return(submitted, finance_officer, django_capture_on_commit_callbacks)

    assert returned.state == SubmissionState.RETURNED
    assert Submission.objects.get(pk=returned.pk).state == SubmissionState.RETURNED
    assert [m.to for m in mailoutbox] == [[second.email]]
    assert "was not sent" in caplog.text


def test_a_queue_that_fails_is_logged_and_the_return_stays(
    settings,
    submitted,
    finance_officer,
    center_editor,
    django_capture_on_commit_callbacks,
    monkeypatch,
    caplog,
):
    def broken(*args, **kwargs):
        raise RuntimeError("the queue is down")

    monkeypatch.setattr(returns, "send_return_mails", SimpleNamespace(enqueue=broken))

    with caplog.at_level(logging.ERROR, logger="opfolgning.delivery.returns"):
        returned = _return(submitted, finance_officer, django_capture_on_commit_callbacks)

    assert Submission.objects.get(pk=returned.pk).state == SubmissionState.RETURNED
    assert "were not queued" in caplog.text


def test_returning_from_the_review_page_mails_the_editor(
    immediate,
    client,
    submitted,
    finance_officer,
    center_editor,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    login(client, finance_officer)
    review = reverse("web:status-review", args=[2019, 3, "1.1"])

    with django_capture_on_commit_callbacks(execute=True):
        client.post(review, {"action": "return", "comment": "Uddyb status"})

    assert Submission.objects.get(pk=submitted.submission.pk).state == SubmissionState.RETURNED
    assert [m.to for m in mailoutbox] == [["ejendomme@kommune.example"]]
    assert "Uddyb status" in mailoutbox[0].body
