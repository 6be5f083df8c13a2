from django.urls import path, register_converter

from . import views


class RoundConverter:
    regex = "[1-4]"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(RoundConverter, "round")

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("aftaler/<int:year>/", views.agreement, name="agreement"),
    path(
        "aftaler/<int:year>/opfolgning/<round:round_number>/",
        views.agreement_report,
        name="agreement-report",
    ),
    path(
        "aftaler/<int:year>/udvalg/<slug:committee>/opfolgning/<round:round_number>/",
        views.report,
        name="report",
    ),
]
