"""Inviting a user (issue 15): one e-mail with a link to set a password (Django's password
reset token: it works once, and stops working when the password is set or after
PASSWORD_RESET_TIMEOUT), or, where the municipality signs in through SSO, a link to sign in."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

__all__ = ["invitation_link", "send_invitation"]


def invitation_link(user: Any) -> str:
    """Return the link that lets the user set a password (for the first time)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return settings.SITE_URL + reverse("password_set", args=[uid, token])


def send_invitation(*, user: Any, invited_by: Any) -> None:
    """Mail the user their invitation: who invited them, their role, and the link."""
    sso = settings.OIDC_ENABLED
    context = {
        "user": user,
        "invited_by": invited_by.get_full_name() or invited_by.get_username(),
        "link": invitation_link(user),
        "sign_in": settings.SITE_URL + reverse("login"),
        "sso": sso,
        "days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
        "municipality": settings.MUNICIPALITY_NAME,
    }
    with translation.override("da"):
        body = render_to_string("delivery/email/invitation.txt", context)
    EmailMessage(
        subject="Du er inviteret til Opfølgning",
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
        headers={"Auto-Submitted": "auto-generated"},
    ).send()
