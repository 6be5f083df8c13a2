"""The Django admin for every model, with history (who changed what and when)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Agreement,
    Center,
    Committee,
    CommitteeReport,
    EconomyStatus,
    Initiative,
    Milestone,
    Round,
    Theme,
)

admin.site.site_header = _("Opfølgning – administration")
admin.site.site_title = _("Opfølgning")
admin.site.index_title = _("Budgetaftaler og opfølgninger")


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0
    fields = [
        "round",
        "text",
        "status_note",
        "smiley",
        "glyph",
        "needs_review",
        "corrective_action",
    ]
    autocomplete_fields = ["round"]


class EconomyInline(admin.TabularInline):
    model = EconomyStatus
    extra = 0
    fields = ["round", "text", "smiley", "glyph", "needs_review"]
    autocomplete_fields = ["round"]


@admin.register(Agreement)
class AgreementAdmin(SimpleHistoryAdmin):
    list_display = ["name", "year"]
    search_fields = ["name", "year"]


@admin.register(Committee)
class CommitteeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Center)
class CenterAdmin(SimpleHistoryAdmin):
    list_display = ["name"]
    search_fields = ["name"]


@admin.register(Theme)
class ThemeAdmin(SimpleHistoryAdmin):
    list_display = ["number", "title", "agreement"]
    list_filter = ["agreement"]
    search_fields = ["number", "title"]


@admin.register(Round)
class RoundAdmin(SimpleHistoryAdmin):
    list_display = ["agreement", "number", "label", "date"]
    list_filter = ["agreement"]
    search_fields = ["label", "agreement__name"]


@admin.register(Initiative)
class InitiativeAdmin(SimpleHistoryAdmin):
    list_display = ["number", "title", "kind", "center", "committee", "agreement"]
    list_filter = ["agreement", "kind", "committee", "center"]
    search_fields = ["number", "title", "description"]
    list_select_related = ["center", "committee", "agreement"]
    autocomplete_fields = ["theme", "center", "committee"]
    inlines = [MilestoneInline, EconomyInline]


@admin.register(CommitteeReport)
class CommitteeReportAdmin(SimpleHistoryAdmin):
    list_display = ["title", "committee", "round", "date", "case_number"]
    list_filter = ["committee", "round__agreement"]
    search_fields = ["title", "case_number"]
    list_select_related = ["committee", "round", "round__agreement"]


@admin.register(Milestone)
class MilestoneAdmin(SimpleHistoryAdmin):
    list_display = ["initiative", "round", "smiley", "glyph", "needs_review"]
    list_filter = ["round__agreement", "round__number", "smiley", "needs_review"]
    search_fields = ["initiative__number", "initiative__title", "text", "status_note"]
    list_select_related = ["initiative", "round"]
    autocomplete_fields = ["initiative", "round"]


@admin.register(EconomyStatus)
class EconomyStatusAdmin(SimpleHistoryAdmin):
    list_display = ["initiative", "round", "smiley", "needs_review"]
    list_filter = ["round__agreement", "round__number", "smiley"]
    search_fields = ["initiative__number", "initiative__title", "text"]
    list_select_related = ["initiative", "round"]
    autocomplete_fields = ["initiative", "round"]
