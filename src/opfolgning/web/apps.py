from django.apps import AppConfig


class WebConfig(AppConfig):
    """Pages: thin views over selectors, and the templates shared with the HTML export."""

    name = "opfolgning.web"
    label = "web"
