"""Agreements, themes, initiatives, rounds, milestones and economy statuses."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from opfolgning.followup.budget import ChangeKind as DomainChangeKind
from opfolgning.followup.budget import ChangeStatus as DomainChangeStatus
from opfolgning.followup.smileys import Smiley
from opfolgning.followup.vocabulary import (
    CHANGE_KIND_WORDS,
    CHANGE_STATUS_WORDS,
    IMPORT_KIND_WORDS,
    IMPORT_STATUS_WORDS,
    KIND_BOTH,
    KIND_CAPITAL,
    KIND_OPERATING,
    KIND_WORDS,
    REPORT_FILE_WORDS,
    ROUND_STATE_WORDS,
    SMILEY_WORDS,
    SUBMISSION_STATE_WORDS,
    round_heading,
)

# The choices below are the domain's values with the vocabulary's words (Danish; the English
# words are in the message catalogue). tests/followup/test_vocabulary.py checks that they
# stay the same as the domain enums.


class Kind(models.TextChoices):
    """An initiative's kind: capital project (anlæg), operating item (drift) or both."""

    CAPITAL = KIND_CAPITAL, _(KIND_WORDS[KIND_CAPITAL].da)
    OPERATING = KIND_OPERATING, _(KIND_WORDS[KIND_OPERATING].da)
    BOTH = KIND_BOTH, _(KIND_WORDS[KIND_BOTH].da)


class MoneyKind(models.TextChoices):
    """A kind of money (a budget line's, a change's): capital or operating, never both."""

    CAPITAL = KIND_CAPITAL, _(KIND_WORDS[KIND_CAPITAL].da)
    OPERATING = KIND_OPERATING, _(KIND_WORDS[KIND_OPERATING].da)


class EffortSmiley(models.TextChoices):
    """Effort smiley: three levels (followup.smileys.EFFORT_SCALE)."""

    HAPPY = Smiley.HAPPY.value, _(SMILEY_WORDS[Smiley.HAPPY].da)
    NEUTRAL = Smiley.NEUTRAL.value, _(SMILEY_WORDS[Smiley.NEUTRAL].da)
    SAD = Smiley.SAD.value, _(SMILEY_WORDS[Smiley.SAD].da)


class EconomySmiley(models.TextChoices):
    """Economy smiley: two levels (followup.smileys.ECONOMY_SCALE)."""

    HAPPY = Smiley.HAPPY.value, _(SMILEY_WORDS[Smiley.HAPPY].da)
    SAD = Smiley.SAD.value, _(SMILEY_WORDS[Smiley.SAD].da)


class RoundState(models.TextChoices):
    """Where a follow-up round is: planned, open for statuses, closed (frozen), published."""

    PLANNED = "planned", _(ROUND_STATE_WORDS["planned"].da)
    OPEN = "open", _(ROUND_STATE_WORDS["open"].da)
    CLOSED = "closed", _(ROUND_STATE_WORDS["closed"].da)
    PUBLISHED = "published", _(ROUND_STATE_WORDS["published"].da)


class SubmissionState(models.TextChoices):
    """Where one initiative's status is in a round: from not started to approved."""

    NOT_STARTED = "not_started", _(SUBMISSION_STATE_WORDS["not_started"].da)
    DRAFT = "draft", _(SUBMISSION_STATE_WORDS["draft"].da)
    SUBMITTED = "submitted", _(SUBMISSION_STATE_WORDS["submitted"].da)
    RETURNED = "returned", _(SUBMISSION_STATE_WORDS["returned"].da)
    APPROVED = "approved", _(SUBMISSION_STATE_WORDS["approved"].da)


#: A budget agreement covers its own year and the three after it (the budget period).
AGREEMENT_YEARS = 4
#: The largest amount per year and kind, as in followup.budget (anything above is a typo).
MAX_AMOUNT = 100_000_000_000


class ChangeSetHistory(models.Model):
    """The history rows' mark of one save: every row one service call (or one request)
    writes carries the same id (agreements/audit.py `change_set`), so the timeline shows
    the save as one entry, whatever the number of rows it touched. Rows from before the
    mark existed have none."""

    history_change_set = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True


class Agreement(models.Model):
    """A budget agreement (Aftale om budget 2019)."""

    name = models.CharField(_("navn"), max_length=200)
    year = models.PositiveSmallIntegerField(_("budgetår"), unique=True)
    # The budget period; save() fills year .. year + 3 when not given.
    first_year = models.PositiveSmallIntegerField(_("første år i budgetperioden"), blank=True)
    last_year = models.PositiveSmallIntegerField(_("sidste år i budgetperioden"), blank=True)
    history = HistoricalRecords(bases=[ChangeSetHistory])

    class Meta:
        verbose_name = _("budgetaftale")
        verbose_name_plural = _("budgetaftaler")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=1970) & Q(year__lte=2200), name="agreement_year_sane"
            ),
            models.CheckConstraint(
                condition=Q(first_year__lte=F("year")) & Q(last_year__gte=F("year")),
                name="agreement_period_holds_year",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        if self.first_year is None:
            self.first_year = self.year
        if self.last_year is None:
            self.last_year = self.first_year + AGREEMENT_YEARS - 1
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def period(self) -> tuple[int, int]:
        """Return the first and last year of the budget period."""
        return self.first_year, self.last_year


class Committee(models.Model):
    """A political committee (udvalg), e.g. Økonomiudvalget."""

    name = models.CharField(_("navn"), max_length=200, unique=True)
    slug = models.SlugField(_("kort navn"), max_length=200, unique=True)
    history = HistoricalRecords(bases=[ChangeSetHistory])

    class Meta:
        verbose_name = _("udvalg")
        verbose_name_plural = _("udvalg")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Center(models.Model):
    """A responsible center (administrative department)."""

    name = models.CharField(_("navn"), max_length=200, unique=True)
    history = HistoricalRecords(bases=[ChangeSetHistory])

    class Meta:
        verbose_name = _("center")
        verbose_name_plural = _("centre")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Theme(models.Model):
    """A theme of an agreement (1. Vi skaber fremtiden sammen …)."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="themes", verbose_name=_("aftale")
    )
    number = models.CharField(_("nummer"), max_length=20)
    title = models.CharField(_("titel"), max_length=500, blank=True)
    position = models.PositiveIntegerField(_("rækkefølge"), default=0)
    history = HistoricalRecords(bases=[ChangeSetHistory])

    class Meta:
        verbose_name = _("tema")
        verbose_name_plural = _("temaer")
        ordering = ["agreement", "position", "number"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "number"], name="theme_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}".strip()


class Round(models.Model):
    """A follow-up round of an agreement: 1st, 2nd, 3rd budget follow-up or final (4)."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="rounds", verbose_name=_("aftale")
    )
    number = models.PositiveSmallIntegerField(_("nummer"))
    label = models.CharField(_("betegnelse"), max_length=200, blank=True)
    date = models.DateField(_("rapportdato"), null=True, blank=True)
    state = models.CharField(
        _("tilstand"), max_length=10, choices=RoundState.choices, default=RoundState.PLANNED
    )
    deadline = models.DateField(_("frist for indberetning"), null=True, blank=True)
    meeting_date = models.DateField(_("udvalgsmøde"), null=True, blank=True)
    opened_at = models.DateTimeField(_("åbnet"), null=True, blank=True)
    closed_at = models.DateTimeField(_("lukket"), null=True, blank=True)
    published_at = models.DateTimeField(_("offentliggjort"), null=True, blank=True)
    # Why the finance officer closed the round despite findings or unapproved initiatives.
    close_override_reason = models.TextField(_("begrundelse for lukning trods fund"), blank=True)
    history = HistoricalRecords(bases=[ChangeSetHistory])

    class Meta:
        verbose_name = _("opfølgning")
        verbose_name_plural = _("opfølgninger")
        ordering = ["agreement", "number"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "number"], name="round_unique_number"),
            models.CheckConstraint(
                condition=Q(number__gte=1) & Q(number__lte=4), name="round_number_1_to_4"
            ),
            models.CheckConstraint(
                condition=Q(state__in=RoundState.values), name="round_state_valid"
            ),
        ]

    def __str__(self) -> str:
        return round_heading(self.number, self.label)

    @property
    def is_open(self) -> bool:
        """Return whether departments may write statuses in this round."""
        return self.state == RoundState.OPEN

    @property
    def is_frozen(self) -> bool:
        """Return whether the round is closed or published, so its reports are snapshots."""
        return self.state in (RoundState.CLOSED, RoundState.PUBLISHED)

    @property
    def is_published(self) -> bool:
        """Return whether citizens may read this round."""
        return self.state == RoundState.PUBLISHED


class Initiative(models.Model):
    """An initiative (indsats) of an agreement; identity is agreement + number."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="initiatives", verbose_name=_("aftale")
    )
    theme = models.ForeignKey(
        Theme, on_delete=models.PROTECT, related_name="initiatives", verbose_name=_("tema")
    )
    number = models.CharField(_("nummer"), max_length=20)
    sort_key = models.CharField(max_length=60, editable=False, db_index=True, default="")
    title = models.CharField(_("titel"), max_length=500)
    kind = models.CharField(_("type"), max_length=30, choices=Kind.choices)
    description = models.TextField(_("beskrivelse"), blank=True)
    center = models.ForeignKey(
        Center,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="initiatives",
        verbose_name=_("ansvarligt center"),
    )
    committee = models.ForeignKey(
        Committee,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="initiatives",
        verbose_name=_("ansvarligt udvalg"),
    )
    contributors = models.TextField(_("væsentlig bidragsyder"), blank=True)
    involved_committees = models.TextField(_("udvalg der involveres"), blank=True)
    notes = models.TextField(_("bemærkninger"), blank=True)
    heading = models.CharField(_("overskrift i rapporten"), max_length=500, blank=True)
    # "Der er ikke afsat økonomi": no budget lines and no economy smiley.
    no_money = models.BooleanField(_("der er ikke afsat økonomi"), default=False)
    # What an import could not read about the money, one line each, for a person to settle.
    budget_review = models.TextField(_("økonomi til kontrol"), blank=True)
    # An initiative that continues from an earlier agreement: the same initiative, carried
    # over (perhaps under another number). Its timeline and reports name where it came from.
    carried_from = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="carried_to",
        verbose_name=_("videreført fra"),
    )
    history = HistoricalRecords(bases=[ChangeSetHistory])

    class Meta:
        verbose_name = _("indsats")
        verbose_name_plural = _("indsatser")
        ordering = ["agreement", "sort_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "number"], name="initiative_unique_number"
            ),
            models.CheckConstraint(condition=Q(kind__in=Kind.values), name="initiative_kind_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def save(self, *args: object, **kwargs: object) -> None:
        self.sort_key = number_sort_key(self.number)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


def number_sort_key(number: str) -> str:
    """Return a key that sorts 1.2 before 1.11 (each part zero-padded)."""
    parts = []
    for part in number.split("."):
        parts.append(part.zfill(6) if part.isdigit() else part)
    return ".".join(parts)


class CommitteeReport(models.Model):
    """The header facts of a committee's report at a round (date, contact, case number)."""

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="reports", verbose_name=_("opfølgning")
    )
    committee = models.ForeignKey(
        Committee, on_delete=models.PROTECT, related_name="reports", verbose_name=_("udvalg")
    )
    title = models.CharField(_("titel"), max_length=500)
    date = models.DateField(_("dato"), null=True, blank=True)
    case_number = models.CharField(_("sagsid"), max_length=100, blank=True)
    contact_name = models.CharField(_("kontakt"), max_length=200, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    contact_phone = models.CharField(_("telefon"), max_length=50, blank=True)
    reading_guide = models.TextField(_("læsevejledning"), blank=True)
    source_name = models.CharField(_("importeret fra"), max_length=500, blank=True)
    history = HistoricalRecords(bases=[ChangeSetHistory])

    class Meta:
        verbose_name = _("udvalgsrapport")
        verbose_name_plural = _("udvalgsrapporter")
        ordering = ["round", "committee"]
        constraints = [
            models.UniqueConstraint(fields=["round", "committee"], name="report_unique_per_round")
        ]

    def __str__(self) -> str:
        return self.title


class Milestone(models.Model):
    """The milestone of an initiative at a round, with its status and effort smiley."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("indsats")
    )
    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("opfølgning")
    )
    text = models.TextField(_("milepæl"), blank=True)
    status_note = models.TextField(_("status"), blank=True)
    smiley = models.CharField(
        _("smiley"), max_length=10, choices=EffortSmiley.choices, blank=True, default=""
    )
    glyph = models.CharField(_("tegn i kilden"), max_length=20, blank=True)
    needs_review = models.BooleanField(_("skal kontrolleres"), default=False)
    corrective_action = models.TextField(_("korrigerende handling"), blank=True)
    # Pre-filled by the carry-forward rule (previous happy, no milestone this round).
    carried_forward = models.BooleanField(_("videreført"), default=False)
    # Optimistic locking: a save names the version it was based on; a stale one is refused.
    version = models.PositiveIntegerField(_("version"), default=1)
    history = HistoricalRecords(bases=[ChangeSetHistory])

    class Meta:
        verbose_name = _("milepæl")
        verbose_name_plural = _("milepæle")
        ordering = ["initiative", "round__number"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "round"], name="milestone_unique_round"),
            models.CheckConstraint(
                condition=Q(smiley__in=["", *EffortSmiley.values]), name="milestone_smiley_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.initiative.number} · {self.round}"


class EconomyStatus(models.Model):
    """The economy smiley of an initiative at a round (two levels, or none)."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="economy", verbose_name=_("indsats")
    )
    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="economy", verbose_name=_("opfølgning")
    )
    text = models.TextField(_("økonomi"), blank=True)
    smiley = models.CharField(
        _("smiley"), max_length=10, choices=EconomySmiley.choices, blank=True, default=""
    )
    glyph = models.CharField(_("tegn i kilden"), max_length=20, blank=True)
    needs_review = models.BooleanField(_("skal kontrolleres"), default=False)
    # Supplements the economy text generated from the budget.
    note = models.TextField(_("bemærkning til økonomi"), blank=True)
    # The figures for the round's year, in whole kroner, that the smiley is judged from.
    spent = models.BigIntegerField(_("forbrug (kr.)"), null=True, blank=True)
    expected = models.BigIntegerField(_("forventet forbrug (kr.)"), null=True, blank=True)
    saving_achieved = models.BooleanField(_("sparemål nået"), null=True, blank=True)
    set_by_officer = models.BooleanField(_("sat af sagsbehandleren"), default=False)
    reason = models.TextField(_("begrundelse for smiley"), blank=True)
    history = HistoricalRecords(bases=[ChangeSetHistory])

    class Meta:
        verbose_name = _("økonomistatus")
        verbose_name_plural = _("økonomistatusser")
        ordering = ["initiative", "round__number"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "round"], name="economy_unique_round"),
            models.CheckConstraint(
                condition=Q(smiley__in=["", *EconomySmiley.values]), name="economy_smiley_valid"
            ),
            models.CheckConstraint(
                condition=(Q(spent__isnull=True) | Q(spent__gte=0) & Q(spent__lte=MAX_AMOUNT))
                & (Q(expected__isnull=True) | Q(expected__gte=0) & Q(expected__lte=MAX_AMOUNT)),
                name="economy_figures_sane",
            ),
            # An officer's smiley is a smiley with a reason.
            models.CheckConstraint(
                condition=Q(set_by_officer=False) | ~Q(smiley="") & ~Q(reason=""),
                name="economy_officer_smiley_reasoned",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.initiative.number} · {self.round}"


class ChangeKind(models.TextChoices):
    """What a budget change does (followup.budget.ChangeKind)."""

    POSTPONEMENT = DomainChangeKind.POSTPONEMENT.value, _(CHANGE_KIND_WORDS["postponement"].da)
    INCREASE = DomainChangeKind.INCREASE.value, _(CHANGE_KIND_WORDS["increase"].da)
    CUT = DomainChangeKind.CUT.value, _(CHANGE_KIND_WORDS["cut"].da)
    SAVING_TARGET = DomainChangeKind.SAVING_TARGET.value, _(CHANGE_KIND_WORDS["saving_target"].da)


class ChangeStatus(models.TextChoices):
    """Where a budget change stands with the city council (followup.budget.ChangeStatus)."""

    PROPOSED = DomainChangeStatus.PROPOSED.value, _(CHANGE_STATUS_WORDS["proposed"].da)
    APPROVED = DomainChangeStatus.APPROVED.value, _(CHANGE_STATUS_WORDS["approved"].da)
    REJECTED = DomainChangeStatus.REJECTED.value, _(CHANGE_STATUS_WORDS["rejected"].da)


class BudgetLine(models.Model):
    """Money set aside with the agreement for one initiative, year and kind of money, in whole
    kroner (an initiative of both kinds may have lines of either kind)."""

    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        related_name="budget_lines",
        verbose_name=_("indsats"),
    )
    year = models.PositiveSmallIntegerField(_("år"))
    kind = models.CharField(_("type"), max_length=20, choices=MoneyKind.choices)
    amount = models.BigIntegerField(_("beløb (kr.)"))
    history = HistoricalRecords(bases=[ChangeSetHistory])

    class Meta:
        verbose_name = _("budgetlinje")
        verbose_name_plural = _("budgetlinjer")
        ordering = ["initiative", "year", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "year", "kind"], name="budget_line_unique_year_kind"
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0) & Q(amount__lte=MAX_AMOUNT),
                name="budget_line_amount_sane",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=MoneyKind.values), name="budget_line_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.initiative_id} · {self.year} · {self.kind} · {self.amount} kr."


class BudgetChange(models.Model):
    """A change to an initiative's budget, with its alternative financing and its decision."""

    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        related_name="budget_changes",
        verbose_name=_("indsats"),
    )
    kind = models.CharField(_("ændring"), max_length=20, choices=ChangeKind.choices)
    kind_of_money = models.CharField(
        _("anlæg eller drift"), max_length=20, choices=MoneyKind.choices
    )
    financing = models.TextField(_("alternativ finansiering"))
    status = models.CharField(
        _("status"), max_length=10, choices=ChangeStatus.choices, default=ChangeStatus.PROPOSED
    )
    decided_on = models.DateField(_("besluttet den"), null=True, blank=True)
    reference = models.CharField(_("sag eller dagsordenspunkt"), max_length=300, blank=True)
    note = models.TextField(_("bemærkning"), blank=True)
    proposed_in_round = models.PositiveSmallIntegerField(
        _("foreslået ved opfølgning"), null=True, blank=True
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("oprettet af"),
    )
    history = HistoricalRecords(bases=[ChangeSetHistory])

    class Meta:
        verbose_name = _("budgetændring")
        verbose_name_plural = _("budgetændringer")
        ordering = ["initiative", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(financing=""), name="budget_change_financing"),
            models.CheckConstraint(
                condition=Q(kind__in=ChangeKind.values), name="budget_change_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(kind_of_money__in=MoneyKind.values), name="budget_change_money_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=ChangeStatus.values), name="budget_change_status_valid"
            ),
            # Proposed: not decided yet. Approved: a date and a reference. Rejected: a date.
            models.CheckConstraint(
                condition=Q(status=ChangeStatus.PROPOSED, decided_on__isnull=True)
                | Q(status=ChangeStatus.APPROVED, decided_on__isnull=False) & ~Q(reference="")
                | Q(status=ChangeStatus.REJECTED, decided_on__isnull=False),
                name="budget_change_decision_complete",
            ),
            models.CheckConstraint(
                condition=Q(proposed_in_round__isnull=True)
                | Q(proposed_in_round__gte=1) & Q(proposed_in_round__lte=4),
                name="budget_change_round_1_to_4",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.initiative_id} · {self.get_kind_display()} · {self.get_status_display()}"


class BudgetChangeAmount(models.Model):
    """What a budget change does to one year: positive adds money, negative takes it."""

    change = models.ForeignKey(
        BudgetChange, on_delete=models.CASCADE, related_name="amounts", verbose_name=_("ændring")
    )
    year = models.PositiveSmallIntegerField(_("år"))
    amount = models.BigIntegerField(_("beløb (kr.)"))
    history = HistoricalRecords(bases=[ChangeSetHistory])

    class Meta:
        verbose_name = _("beløb i budgetændring")
        verbose_name_plural = _("beløb i budgetændringer")
        ordering = ["change", "year"]
        constraints = [
            models.UniqueConstraint(fields=["change", "year"], name="change_amount_unique_year"),
            models.CheckConstraint(
                condition=~Q(amount=0) & Q(amount__gte=-MAX_AMOUNT) & Q(amount__lte=MAX_AMOUNT),
                name="change_amount_sane",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.change_id} · {self.year} · {self.amount} kr."


class ReportFileStatus(models.TextChoices):
    """Where a generated report file is in its life."""

    PENDING = "pending", _(REPORT_FILE_WORDS["pending"].da)
    RUNNING = "running", _(REPORT_FILE_WORDS["running"].da)
    DONE = "done", _(REPORT_FILE_WORDS["done"].da)
    FAILED = "failed", _(REPORT_FILE_WORDS["failed"].da)


class ReportFile(models.Model):
    """A generated report file (PDF, DOCX, …), cached until the report's data changes."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="report_files", verbose_name=_("aftale")
    )
    round_number = models.PositiveSmallIntegerField(_("opfølgning"))
    # The committee's slug, or "" for the report of the whole agreement.
    scope = models.CharField(_("udvalg"), max_length=200, blank=True)
    format = models.CharField(_("format"), max_length=10)
    # sha256 of the report document's JSON: a new fingerprint means the data changed.
    fingerprint = models.CharField(_("dataversion"), max_length=64)
    # Who the file is for (accounts.permissions.ReportReader.key): staff, committee, public.
    audience = models.CharField(_("læser"), max_length=40, default="staff")
    # The document the job renders (a frozen version, as this reader gets it).
    document = models.JSONField(_("rapportdokument"), null=True, blank=True, editable=False)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ReportFileStatus.choices,
        default=ReportFileStatus.PENDING,
    )
    progress = models.PositiveSmallIntegerField(_("fremdrift (%)"), default=0)
    content = models.BinaryField(_("indhold"), null=True, blank=True, editable=False)
    size = models.PositiveIntegerField(_("størrelse (bytes)"), default=0)
    error = models.TextField(_("fejl"), blank=True)
    created_at = models.DateTimeField(_("bestilt"), auto_now_add=True)
    finished_at = models.DateTimeField(_("færdig"), null=True, blank=True)

    class Meta:
        verbose_name = _("dannet rapportfil")
        verbose_name_plural = _("dannede rapportfiler")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "round_number", "scope", "format", "audience", "fingerprint"],
                name="report_file_unique_version_per_reader",
            ),
            models.CheckConstraint(
                condition=Q(round_number__gte=1) & Q(round_number__lte=4),
                name="report_file_round_1_to_4",
            ),
            models.CheckConstraint(
                condition=Q(progress__gte=0) & Q(progress__lte=100),
                name="report_file_progress_percent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agreement} · {self.round_number} · {self.scope or '*'} · {self.format}"


class Submission(models.Model):
    """One initiative's status report (indberetning) in a round, and where it is in review."""

    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        related_name="submissions",
        verbose_name=_("indsats"),
    )
    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="submissions", verbose_name=_("opfølgning")
    )
    state = models.CharField(
        _("tilstand"),
        max_length=12,
        choices=SubmissionState.choices,
        default=SubmissionState.NOT_STARTED,
    )
    # The finance officer's comment when returning it (or approving with a remark).
    comment = models.TextField(_("kommentar fra økonomi"), blank=True)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ændret af"),
    )
    submitted_at = models.DateTimeField(_("indsendt"), null=True, blank=True)
    history = HistoricalRecords(bases=[ChangeSetHistory])

    class Meta:
        verbose_name = _("indberetning")
        verbose_name_plural = _("indberetninger")
        ordering = ["round", "initiative__sort_key"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "round"], name="submission_unique_round"),
            models.CheckConstraint(
                condition=Q(state__in=SubmissionState.values), name="submission_state_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.initiative.number} · {self.round} · {self.get_state_display()}"


class ReportSnapshot(models.Model):
    """A frozen report of a closed round; a correction adds a new version, never edits one."""

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="snapshots", verbose_name=_("opfølgning")
    )
    # The committee's slug, or "" for the report of the whole agreement.
    scope = models.CharField(_("udvalg"), max_length=200, blank=True)
    version = models.PositiveIntegerField(_("version"))
    document = models.JSONField(_("rapportdokument"))
    fingerprint = models.CharField(_("dataversion"), max_length=64)
    reason = models.TextField(_("begrundelse"), blank=True)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("oprettet af"),
    )

    class Meta:
        verbose_name = _("frosset rapport")
        verbose_name_plural = _("frosne rapporter")
        ordering = ["round", "scope", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "scope", "version"], name="snapshot_unique_version"
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="snapshot_version_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.round} · {self.scope or 'alle'} · v{self.version}"


class ReminderSent(models.Model):
    """A reminder e-mail sent to a user about a round, so cron never sends it twice a day."""

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("opfølgning")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("modtager"),
    )
    sent_on = models.DateField(_("sendt dato"))

    class Meta:
        verbose_name = _("sendt påmindelse")
        verbose_name_plural = _("sendte påmindelser")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "user", "sent_on"], name="reminder_once_a_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round} · {self.user} · {self.sent_on}"


class Subscription(models.Model):
    """Someone who follows an agreement, a committee's reports or one initiative by e-mail.

    Anyone may subscribe, without an account: double opt-in (`confirmed_at` is set once the
    address owner confirms from the e-mail), and `token` is the key of the confirm and the
    unsubscribe links. A subscription is deleted when it is cancelled.
    """

    email = models.EmailField(_("e-mail"), max_length=254)
    agreement = models.ForeignKey(
        Agreement,
        on_delete=models.CASCADE,
        related_name="subscriptions",
        verbose_name=_("aftale"),
    )
    committee = models.ForeignKey(
        Committee,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="subscriptions",
        verbose_name=_("udvalg"),
    )
    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="subscriptions",
        verbose_name=_("indsats"),
    )
    language = models.CharField(_("sprog"), max_length=10, default="da")
    token = models.CharField(_("nøgle"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("bekræftet"), null=True, blank=True)

    class Meta:
        verbose_name = _("abonnement")
        verbose_name_plural = _("abonnementer")
        # Where committee or initiative is empty, SQL counts the rows as distinct (SQLite has
        # no NULLS NOT DISTINCT); delivery.subscriptions.subscription_request finds the one
        # there is before it makes another.
        constraints = [
            models.UniqueConstraint(
                fields=["email", "agreement", "committee", "initiative"],
                name="subscription_once_per_scope",
            ),
        ]

    def __str__(self) -> str:
        return self.email


class ImportStatus(models.TextChoices):
    """Where an uploaded import is: read (in the background when large), reviewed, stored."""

    READING = "reading", _(IMPORT_STATUS_WORDS["reading"].da)
    READY = "ready", _(IMPORT_STATUS_WORDS["ready"].da)
    STORED = "stored", _(IMPORT_STATUS_WORDS["stored"].da)
    FAILED = "failed", _(IMPORT_STATUS_WORDS["failed"].da)
    DISCARDED = "discarded", _(IMPORT_STATUS_WORDS["discarded"].da)


class ImportKind(models.TextChoices):
    """What an uploaded file is imported as."""

    REPORT = "report", _(IMPORT_KIND_WORDS["report"].da)
    AGREEMENT = "agreement", _(IMPORT_KIND_WORDS["agreement"].da)


class ImportRecord(models.Model):
    """One uploaded file: who sent it, when, what it was (name, sha256), and what came of it.

    Nothing of the file is stored in the agreement's tables before a person has seen the
    preview and chosen to store it; the record keeps the parsed document meanwhile (and the
    bytes only while a background job still has to read them).
    """

    file_name = models.CharField(_("filnavn"), max_length=255)
    sha256 = models.CharField(_("sha256"), max_length=64)
    size = models.PositiveBigIntegerField(_("størrelse (bytes)"), default=0)
    kind = models.CharField(
        _("slags"), max_length=12, choices=ImportKind.choices, default=ImportKind.REPORT
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ImportStatus.choices, default=ImportStatus.READING
    )
    progress = models.PositiveSmallIntegerField(_("fremdrift (%)"), default=0)
    error = models.TextField(_("fejl"), blank=True)
    content = models.BinaryField(_("indhold"), null=True, blank=True, editable=False)
    document = models.JSONField(_("rapportdokument"), null=True, blank=True, editable=False)
    preview = models.JSONField(_("forhåndsvisning"), null=True, blank=True, editable=False)
    # The reviewer's reading of each cell that needed review: {"1.2:3": "sad", …}.
    choices = models.JSONField(_("valg"), default=dict, blank=True)
    # What the stored data was when the preview was made: another write since makes it stale.
    data_version = models.CharField(_("dataversion"), max_length=400, blank=True)
    title = models.CharField(_("titel"), max_length=500, blank=True)
    initiative_count = models.PositiveIntegerField(_("indsatser"), default=0)
    result = models.JSONField(_("resultat"), null=True, blank=True, editable=False)
    agreement = models.ForeignKey(
        Agreement,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="imports",
        verbose_name=_("aftale"),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploadet af"),
    )
    uploaded_at = models.DateTimeField(_("uploadet"), auto_now_add=True)
    stored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gemt af"),
    )
    stored_at = models.DateTimeField(_("gemt"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("importer")
        ordering = ["-uploaded_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__gte=0) & Q(progress__lte=100),
                name="import_progress_percent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.file_name} · {self.uploaded_at:%Y-%m-%d %H:%M}"


class HeaderMapping(models.Model):
    """Which column of a department's own spreadsheet is which field, remembered by its headers.

    Keyed by the fingerprint of the normalised header row
    (followup.department_sheet.header_fingerprint): the next upload with the same headers is
    read with the same mapping. `columns` is {column index (as text): field key, "" ignored}.
    """

    fingerprint = models.CharField(_("fingeraftryk"), max_length=64, unique=True)
    headers = models.JSONField(_("overskrifter"), default=list)
    columns = models.JSONField(_("kolonner"), default=dict)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ændret af"),
    )
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)

    class Meta:
        verbose_name = _("kolonnekobling")
        verbose_name_plural = _("kolonnekoblinger")

    def __str__(self) -> str:
        return ", ".join(self.headers)
