from django.apps import AppConfig


class WebConfig(AppConfig):
    """Pages: thin views over selectors, and the templates shared with the HTML export."""

    name = "opfolgning.web"
    label = "web"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from .middleware import restore_language

        # A user who signs in gets the language they chose last time.
        user_logged_in.connect(restore_language, dispatch_uid="opfolgning-restore-language")
