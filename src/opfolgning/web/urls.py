from django.urls import path, register_converter

from . import (
    economy_views,
    feeds,
    import_views,
    open_data_views,
    organisation_views,
    public_views,
    round_views,
    setup_views,
    sheet_views,
    subscription_views,
    timeline_views,
    user_views,
    views,
)


class RoundConverter:
    regex = "[1-4]"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(RoundConverter, "round")

# The prefix of every page of one round of an agreement.
ROUND = "aftaler/<int:year>/opfolgning/<round:round_number>/"

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("aftaler/<int:year>/", views.agreement, name="agreement"),
    # Setting up a year (the finance office): a new agreement, its set-up page, initiatives.
    path("aftaler/ny/", setup_views.agreement_new, name="agreement-new"),
    # Users (the finance office): list, invite, deactivate.
    path("brugere/", user_views.users, name="users"),
    path("import/", import_views.imports_page, name="imports"),
    path("import/<int:pk>/", import_views.import_page, name="import"),
    path("brugere/inviter/", user_views.user_invite, name="user-invite"),
    path("brugere/<int:pk>/aktiv/", user_views.user_active, name="user-active"),
    path("brugere/<int:pk>/", user_views.user_access, name="user-access"),
    # The organisation (the finance office): centers and committees, rename, merge, history.
    path("organisation/", organisation_views.organisation, name="organisation"),
    path(
        "organisation/centre/<int:pk>/omdoeb/",
        organisation_views.center_rename,
        name="center-rename",
    ),
    path(
        "organisation/centre/<int:pk>/slaa-sammen/",
        organisation_views.center_merge,
        name="center-merge",
    ),
    path(
        "organisation/centre/<int:pk>/historik/",
        organisation_views.center_history,
        name="center-history",
    ),
    path(
        "organisation/udvalg/<int:pk>/omdoeb/",
        organisation_views.committee_rename,
        name="committee-rename",
    ),
    path(
        "organisation/udvalg/<int:pk>/slaa-sammen/",
        organisation_views.committee_merge,
        name="committee-merge",
    ),
    path(
        "organisation/udvalg/<int:pk>/historik/",
        organisation_views.committee_history,
        name="committee-history",
    ),
    path("aftaler/<int:year>/opsaetning/", setup_views.agreement_setup, name="agreement-setup"),
    path(
        "aftaler/<int:year>/opsaetning/indsats/",
        setup_views.initiative_new,
        name="initiative-new",
    ),
    path("aftaler/<int:year>/opsaetning/videreforsel/", setup_views.carry_over, name="carry-over"),
    # Public pages: published rounds only (agreements.public_selectors), no login.
    path("aftaler/<int:year>/indsatser/", public_views.initiative_list, name="public-initiatives"),
    path(
        "aftaler/<int:year>/indsatser/<str:number>/",
        public_views.initiative_detail,
        name="public-initiative",
    ),
    path("aftaler/<int:year>/overblik/", public_views.dashboard, name="public-dashboard"),
    # Follow by e-mail: subscribe, confirm (double opt-in), unsubscribe; no login.
    path("aftaler/<int:year>/foelg/", subscription_views.subscribe, name="subscribe"),
    path(
        "abonnement/<str:token>/bekraeft/",
        subscription_views.subscription_confirm,
        name="subscription-confirm",
    ),
    path(
        "abonnement/<str:token>/afmeld/",
        subscription_views.subscription_cancel,
        name="subscription-cancel",
    ),
    # Atom feeds of published rounds: the agreement's, and each committee's.
    path("aftaler/<int:year>/feed.atom", feeds.AgreementFeed(), name="feed"),
    path(
        "aftaler/<int:year>/udvalg/<slug:committee>/feed.atom",
        feeds.AgreementFeed(),
        name="committee-feed",
    ),
    # Open data: published data per agreement as JSON and CSV, with schema and licence.
    path("was", views.accessibility, name="accessibility"),
    path("data/", open_data_views.catalogue, name="open-data"),
    path("data/skema.json", open_data_views.schema, name="open-data-schema"),
    path("aftaler/<int:year>/data/", open_data_views.agreement_data, name="open-data-agreement"),
    path(
        "aftaler/<int:year>/data/<str:filename>",
        open_data_views.download,
        name="open-data-download",
    ),
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
    path("mine/", round_views.my_work, name="my-work"),
    path("start/", views.landing, name="landing"),
    path("styring/", views.board, name="board"),
    path("aftaler/<int:year>/opfolgning/ny/", round_views.round_create, name="round-create"),
    path(f"{ROUND}indberetning/", round_views.owed, name="owed"),
    path(f"{ROUND}indberetning/<str:number>/", round_views.status, name="status"),
    path(f"{ROUND}indberetning/<str:number>/tjek/", round_views.status_check, name="status-check"),
    path(
        f"{ROUND}indberetning/<str:number>/indsend/",
        round_views.status_submit,
        name="status-submit",
    ),
    path(
        f"{ROUND}indberetning/<str:number>/vurder/",
        round_views.status_review,
        name="status-review",
    ),
    path(f"{ROUND}styring/", round_views.round_manage, name="round-manage"),
    # A center's spreadsheet of the round: download, upload and preview, save.
    path(
        f"{ROUND}regneark/<int:center_id>/",
        sheet_views.sheet_download,
        name="department-sheet",
    ),
    path(
        f"{ROUND}regneark/<int:center_id>/upload/",
        sheet_views.sheet_upload,
        name="department-sheet-upload",
    ),
    path(
        f"{ROUND}regneark/<int:center_id>/kolonner/",
        sheet_views.sheet_mapping,
        name="department-sheet-mapping",
    ),
    path(
        f"{ROUND}regneark/<int:center_id>/gem/",
        sheet_views.sheet_commit,
        name="department-sheet-commit",
    ),
    path(f"{ROUND}styring/indstillinger/", round_views.round_settings, name="round-settings"),
    path(f"{ROUND}styring/godkend/", round_views.round_approve, name="round-approve"),
    path(f"{ROUND}styring/paamind/<int:center_id>/", round_views.round_remind, name="round-remind"),
    path(f"{ROUND}styring/aabn/", round_views.round_open, name="round-open"),
    path(f"{ROUND}styring/luk/", round_views.round_close, name="round-close"),
    path(f"{ROUND}styring/offentliggoer/", round_views.round_publish, name="round-publish"),
    path(f"{ROUND}styring/ret/", round_views.round_correct, name="round-correct"),
    path(
        f"{ROUND}indberetning/<str:number>/oekonomi/",
        economy_views.status_economy,
        name="status-economy",
    ),
    path(
        "aftaler/<int:year>/indsatser/<str:number>/oekonomi/",
        economy_views.initiative_economy,
        name="initiative-economy",
    ),
    path(
        "aftaler/<int:year>/indsatser/<str:number>/oekonomi/budget/",
        economy_views.budget_save,
        name="budget-save",
    ),
    path(
        "aftaler/<int:year>/indsatser/<str:number>/oekonomi/aendringer/",
        economy_views.change_create,
        name="budget-change-create",
    ),
    path(
        "aftaler/<int:year>/indsatser/<str:number>/oekonomi/aendringer/<int:change_id>/",
        economy_views.change_decide,
        name="budget-change-decide",
    ),
    path(
        "aftaler/<int:year>/indsatser/<str:number>/historik/",
        timeline_views.initiative_timeline,
        name="initiative_timeline",
    ),
]
