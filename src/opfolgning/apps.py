from django.apps import AppConfig


class OpfolgningConfig(AppConfig):
    """The project package itself, so its management commands are found."""

    name = "opfolgning"
    verbose_name = "Opfølgning"
