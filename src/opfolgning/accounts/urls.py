"""Sign-in, sign-out, password change and the OpenID Connect callback, under /konto/.

The names are Django's own (`login`, `logout`, …) and mozilla-django-oidc's
(`oidc_authentication_init`, `oidc_authentication_callback`), without a namespace,
because both libraries reverse them by those names.
"""

from django.contrib.auth import views as auth_views
from django.urls import path
from mozilla_django_oidc import views as oidc_views

from . import token_views, views

urlpatterns = [
    path("log-ind/", views.LoginView.as_view(), name="login"),
    path("log-ud/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "adgangskode/",
        # Not registration/…: the admin ships templates of those names and comes first.
        auth_views.PasswordChangeView.as_view(template_name="accounts/password_change_form.html"),
        name="password_change",
    ),
    path(
        "adgangskode/skiftet/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name="accounts/password_change_done.html"
        ),
        name="password_change_done",
    ),
    # An invited user sets their password (the link in the invitation; once, and for
    # PASSWORD_RESET_TIMEOUT).
    path(
        "adgangskode/ny/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_set_form.html",
            success_url="/konto/adgangskode/valgt/",
            post_reset_login=False,
        ),
        name="password_set",
    ),
    path(
        "adgangskode/valgt/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_set_done.html"
        ),
        name="password_set_done",
    ),
    path("api-noegler/", token_views.tokens, name="api_tokens"),
    path(
        "api-noegler/<int:pk>/tilbagekald/", token_views.token_revoke_view, name="api_token_revoke"
    ),
    path(
        "oidc/log-ind/",
        views.oidc_only(oidc_views.OIDCAuthenticationRequestView.as_view()),
        name="oidc_authentication_init",
    ),
    path(
        "oidc/callback/",
        views.oidc_only(oidc_views.OIDCAuthenticationCallbackView.as_view()),
        name="oidc_authentication_callback",
    ),
]
