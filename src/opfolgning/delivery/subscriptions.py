"""Follow by e-mail (issue 14): subscriptions to an agreement, a committee or an initiative.

Anyone may subscribe, without an account, with double opt-in: `subscription_request` stores
an unconfirmed subscription and mails a link; only `subscription_confirm` from that link
makes it count. When a round is published (agreements.signals.round_published), each
confirmed subscriber gets one e-mail saying what changed in what they follow, with an
unsubscribe link (and a List-Unsubscribe header) in every mail.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import transaction
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from opfolgning.agreements import public_selectors as ps
from opfolgning.agreements.models import Agreement, Committee, Initiative, Round, Subscription
from opfolgning.agreements.signals import round_published
from opfolgning.followup.changes import report_changes, summarize
from opfolgning.followup.decisions import decisions
from opfolgning.followup.document import ReportDocument

__all__ = [
    "SubscriptionRefused",
    "publication_mails",
    "subscription_cancel",
    "subscription_confirm",
    "subscription_request",
]


class SubscriptionRefused(ValueError):
    """A subscription that cannot be made; the message says why, in Danish."""


def _url(name: str, *args: object) -> str:
    return settings.SITE_URL + reverse(name, args=list(args))


def _scope_words(sub: Subscription) -> str:
    if sub.initiative is not None:
        return f"indsats {sub.initiative.number}. {sub.initiative.title} i {sub.agreement.name}"
    if sub.committee is not None:
        return f"{sub.committee.name}s rapporter om {sub.agreement.name}"
    return sub.agreement.name


def _send(sub: Subscription, subject: str, template: str, context: dict[str, object]) -> None:
    unsubscribe = _url("web:subscription-cancel", sub.token)
    with translation.override("da"):
        body = render_to_string(
            template, {**context, "scope": _scope_words(sub), "unsubscribe": unsubscribe}
        )
    EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[sub.email],
        headers={
            "Auto-Submitted": "auto-generated",
            "List-Unsubscribe": f"<{unsubscribe}>",
            # RFC 8058: a mail client may unsubscribe with one POST to that address.
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    ).send()


@transaction.atomic
def subscription_request(
    *,
    email: str,
    agreement: Agreement,
    committee: Committee | None = None,
    initiative: Initiative | None = None,
    language: str = "da",
) -> Subscription:
    """Store an unconfirmed subscription (or find the one there is) and mail its link."""
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise SubscriptionRefused(f"{email!r} er ikke en e-mailadresse.") from exc
    sub = Subscription.objects.filter(
        email=email, agreement=agreement, committee=committee, initiative=initiative
    ).first()
    if sub is None:
        sub = Subscription.objects.create(
            email=email,
            agreement=agreement,
            committee=committee,
            initiative=initiative,
            language=language[:10],
            token=secrets.token_urlsafe(32),
        )
    if sub.confirmed_at is None:
        confirm = _url("web:subscription-confirm", sub.token)
        transaction.on_commit(
            lambda: _send(
                sub,
                f"Bekræft: følg {_scope_words(sub)}",
                "delivery/email/subscription_confirm.txt",
                {"confirm": confirm},
            )
        )
    return sub


def subscription_get(*, token: str) -> Subscription | None:
    """Return the subscription of a link's token, if there is one."""
    return (
        Subscription.objects.select_related("agreement", "committee", "initiative")
        .filter(token=token)
        .first()
    )


def subscription_confirm(*, token: str) -> Subscription | None:
    """Confirm a subscription from its link; None when the link is unknown (or cancelled)."""
    sub = subscription_get(token=token)
    if sub is not None and sub.confirmed_at is None:
        sub.confirmed_at = timezone.now()
        sub.save(update_fields=["confirmed_at"])
    return sub


def subscription_cancel(*, token: str) -> bool:
    """Cancel a subscription from its link; return whether there was one."""
    deleted, _ = Subscription.objects.filter(token=token).delete()
    return bool(deleted)


@dataclass(frozen=True)
class _News:
    subject: str
    lines: list[str]
    link: str


def _news(sub: Subscription, round_obj: Round, doc: ReportDocument) -> _News | None:
    """Return what changed at the round in what the subscriber follows; None when nothing."""
    year = round_obj.agreement.year
    if sub.initiative is not None:
        ini = next((i for i in doc.initiatives() if i.number == sub.initiative.number), None)
        if ini is None:
            return None
        change = report_changes(doc).get(ini.number)
        lines = [f"{ini.number}. {ini.title}: {change.text_da if change else 'Ny'}."]
        link = _url("web:public-initiative", year, ini.number)
    else:
        changes = report_changes(doc)
        found = decisions(doc, changes)
        lines = [f"Rapporten har {len(doc.initiatives())} indsatser."]
        if changes:
            s = summarize(doc, changes)
            lines.append(
                f"Siden forrige opfølgning: {s.better} forbedret, {s.worse} forværret, "
                f"{s.unchanged} uændret, {s.not_reported} endnu ikke vurderet."
            )
        for heading, items in found.groups("da"):
            lines.append(f"{heading}:")
            lines += [f"- {item}" for item in items]
        if sub.committee is not None:
            link = _url("web:report", year, sub.committee.slug, round_obj.number)
        else:
            link = _url("web:agreement-report", year, round_obj.number)
    subject = f"{round_obj} af {round_obj.agreement.name} er offentliggjort"
    return _News(subject, lines, link)


def publication_mails(*, round_obj: Round) -> int:
    """Mail every confirmed subscriber of the round's agreement once; return how many."""
    round_obj = Round.objects.select_related("agreement").get(pk=round_obj.pk)
    agreement = ps.public_agreement(year=round_obj.agreement.year)
    source = ps.snapshot_report(round_obj=round_obj)
    sent = 0
    subs = Subscription.objects.filter(
        agreement_id=round_obj.agreement_id, confirmed_at__isnull=False
    ).select_related("agreement", "committee", "initiative")
    for sub in subs:
        doc = source
        if sub.committee is not None:
            doc = ps.snapshot_report(round_obj=round_obj, committee=sub.committee.slug) or source
        if doc is None:
            continue
        news = _news(sub, round_obj, doc)
        if news is None:
            continue
        _send(
            sub,
            news.subject,
            "delivery/email/publication.txt",
            {"lines": news.lines, "link": news.link, "agreement": agreement.name},
        )
        sent += 1
    return sent


@task()
def send_publication_mails(round_id: int) -> int:
    """Background job: the publication mails of one round."""
    round_obj = Round.objects.select_related("agreement").get(pk=round_id)
    return publication_mails(round_obj=round_obj)


@receiver(round_published)
def _on_round_published(sender: object, round: Round, **kwargs: object) -> None:
    if Subscription.objects.filter(
        agreement_id=round.agreement_id, confirmed_at__isnull=False
    ).exists():
        send_publication_mails.enqueue(round.pk)
