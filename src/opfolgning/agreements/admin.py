"""The Django admin for every model, with history (who changed what and when)."""

from typing import Any

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Agreement,
    BudgetChange,
    BudgetChangeAmount,
    BudgetLine,
    Center,
    Committee,
    CommitteeReport,
    EconomyStatus,
    Initiative,
    Milestone,
    ReminderSent,
    ReportSnapshot,
    Round,
    Submission,
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
    fields = [
        "round",
        "text",
        "note",
        "spent",
        "expected",
        "saving_achieved",
        "smiley",
        "set_by_officer",
        "reason",
        "glyph",
        "needs_review",
    ]
    autocomplete_fields = ["round"]


class BudgetLineInline(admin.TabularInline):
    model = BudgetLine
    extra = 0
    fields = ["year", "kind", "amount"]


class BudgetChangeAmountInline(admin.TabularInline):
    model = BudgetChangeAmount
    extra = 0
    fields = ["year", "amount"]


@admin.register(Agreement)
class AgreementAdmin(SimpleHistoryAdmin):
    list_display = ["name", "year", "first_year", "last_year"]
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
    list_display = ["agreement", "number", "label", "state", "deadline", "date"]
    list_filter = ["agreement", "state"]
    search_fields = ["label", "agreement__name"]


@admin.register(Initiative)
class InitiativeAdmin(SimpleHistoryAdmin):
    list_display = ["number", "title", "kind", "center", "committee", "agreement"]
    list_filter = ["agreement", "kind", "committee", "center"]
    search_fields = ["number", "title", "description"]
    list_select_related = ["center", "committee", "agreement"]
    autocomplete_fields = ["theme", "center", "committee"]
    inlines = [BudgetLineInline, MilestoneInline, EconomyInline]

    def save_formset(self, request: Any, form: Any, formset: Any, change: bool) -> None:
        """Count a corrected milestone as a new version (see MilestoneAdmin.save_model)."""
        if formset.model is Milestone:
            for milestone_form in formset.forms:
                instance = milestone_form.instance
                if instance.pk and milestone_form.has_changed():
                    instance.version += 1
        super().save_formset(request, form, formset, change)


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

    def save_model(self, request: Any, obj: Any, form: Any, change: bool) -> None:
        """Count an admin correction as a new version, so a form opened before it conflicts."""
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)


@admin.register(EconomyStatus)
class EconomyStatusAdmin(SimpleHistoryAdmin):
    list_display = ["initiative", "round", "smiley", "needs_review"]
    list_filter = ["round__agreement", "round__number", "smiley"]
    search_fields = ["initiative__number", "initiative__title", "text"]
    list_select_related = ["initiative", "round"]
    autocomplete_fields = ["initiative", "round"]


@admin.register(Submission)
class SubmissionAdmin(SimpleHistoryAdmin):
    list_display = ["initiative", "round", "state", "updated_by", "updated_at"]
    list_filter = ["round__agreement", "round__number", "state"]
    search_fields = ["initiative__number", "initiative__title", "comment"]
    list_select_related = ["initiative", "round", "updated_by"]
    autocomplete_fields = ["initiative", "round"]
    readonly_fields = ["updated_by", "updated_at", "submitted_at"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records that are written by the workflow only and never change afterwards."""

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(ReportSnapshot)
class ReportSnapshotAdmin(ReadOnlyAdmin):
    list_display = ["round", "scope", "version", "created_at", "created_by", "reason"]
    list_filter = ["round__agreement", "round__number"]
    exclude = ["document"]  # the frozen report is read on its page, with every version


@admin.register(ReminderSent)
class ReminderSentAdmin(ReadOnlyAdmin):
    list_display = ["round", "user", "sent_on"]
    list_filter = ["round__agreement", "sent_on"]


@admin.register(BudgetLine)
class BudgetLineAdmin(SimpleHistoryAdmin):
    list_display = ["initiative", "year", "kind", "amount"]
    list_filter = ["initiative__agreement", "year", "kind"]
    search_fields = ["initiative__number", "initiative__title"]
    list_select_related = ["initiative"]
    autocomplete_fields = ["initiative"]


@admin.register(BudgetChange)
class BudgetChangeAdmin(SimpleHistoryAdmin):
    list_display = ["initiative", "kind", "kind_of_money", "status", "decided_on", "reference"]
    list_filter = ["initiative__agreement", "kind", "status"]
    search_fields = ["initiative__number", "initiative__title", "financing", "reference"]
    list_select_related = ["initiative"]
    autocomplete_fields = ["initiative"]
    readonly_fields = ["created_by", "created_at"]
    inlines = [BudgetChangeAmountInline]


@admin.register(BudgetChangeAmount)
class BudgetChangeAmountAdmin(SimpleHistoryAdmin):
    list_display = ["change", "year", "amount"]
    list_filter = ["change__initiative__agreement", "year"]
    search_fields = ["change__initiative__number"]
    list_select_related = ["change", "change__initiative"]
