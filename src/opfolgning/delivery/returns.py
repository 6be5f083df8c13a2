"""Sent back (issue 16): when the finance office returns a submitted status, the editors of
the initiative's center get an e-mail, each in their own language (Profile.language), with
the round, the comment, who returned it and a link to the status page.

agreements.signals.status_returned (sent once the return is stored) queues one
`send_return_mails` job; the worker renders and sends the e-mails. A mail that fails is
logged and the others are still sent; the return itself is never undone by a mail.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import QuerySet
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from opfolgning.accounts.models import Profile, Role
from opfolgning.agreements.models import Submission
from opfolgning.agreements.signals import status_returned
from opfolgning.followup.vocabulary import long_date

__all__ = ["return_message", "return_recipients", "send_return_mails", "status_url"]

logger = logging.getLogger(__name__)


def return_recipients(submission: Submission) -> QuerySet[Profile]:
    """Return the profiles to mail: the active editors of the initiative's center with an
    address (superusers are finance officers whatever their profile says, so not them)."""
    center_id = submission.initiative.center_id
    if center_id is None:
        return Profile.objects.none()
    return (
        Profile.objects.filter(
            role=Role.DEPARTMENT_EDITOR,
            centers=center_id,
            user__is_active=True,
            user__is_superuser=False,
        )
        .exclude(user__email="")
        .select_related("user")
        .order_by("user__username")
    )


def status_url(submission: Submission) -> str:
    """Return the absolute address of the initiative's status page in the round."""
    round_obj = submission.round
    path = reverse(
        "web:status",
        args=[round_obj.agreement.year, round_obj.number, submission.initiative.number],
    )
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def _name(user: Any) -> str:
    return user.get_full_name() or user.get_username()


def return_message(
    submission: Submission, profile: Profile, *, comment: str, returned_by: str
) -> EmailMessage:
    """Return the e-mail to one editor, written in their language."""
    language = profile.language or settings.LANGUAGE_CODE
    round_obj = submission.round
    with translation.override(language):
        context = {
            "name": _name(profile.user),
            "number": submission.initiative.number,
            "title": submission.initiative.title,
            "center": submission.initiative.center.name if submission.initiative.center else "",
            "round": str(round_obj),
            "agreement": str(round_obj.agreement),
            "deadline": long_date(round_obj.deadline, language) if round_obj.deadline else "",
            "comment": comment,
            "returned_by": returned_by,
            "url": status_url(submission),
        }
        subject = " ".join(render_to_string("delivery/email/returned_subject.txt", context).split())
        body = render_to_string("delivery/email/returned.txt", context)
    return EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[profile.user.email.strip()],
        # RFC 3834: an automatic mail, so out-of-office replies are not sent back.
        headers={"Auto-Submitted": "auto-generated"},
    )


@task()
def send_return_mails(submission_id: int, comment: str, returned_by: str) -> int:
    """Background job: mail the center's editors that a status was sent back; return how many."""
    submission = (
        Submission.objects.select_related(
            "round__agreement", "initiative__center", "initiative__agreement"
        )
        .filter(pk=submission_id)
        .first()
    )
    if submission is None:
        return 0
    sent = 0
    for profile in return_recipients(submission):
        try:
            return_message(submission, profile, comment=comment, returned_by=returned_by).send()
        except Exception:
            # One address that fails must not keep the others from their mail.
            logger.exception(
                "the return mail of %s to %s was not sent", submission, profile.user.email
            )
        else:
            sent += 1
    return sent


@receiver(status_returned)
def _on_status_returned(
    sender: object, submission: Submission, comment: str, returned_by: Any, **kwargs: object
) -> None:
    try:
        if return_recipients(submission).exists():
            send_return_mails.enqueue(
                submission.pk, comment, _name(returned_by) if returned_by is not None else ""
            )
    except Exception:
        # The return is stored; a queue that fails is logged, not shown to the finance office.
        logger.exception("the return mails of %s were not queued", submission)
