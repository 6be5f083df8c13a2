"""The organisation in the app (issue 15): the finance office renames centers and
committees, and merges one into another when the organisation changes.

A rename keeps a committee's short name (its slug), so the addresses of its reports, feeds
and subscriptions keep working. A merge moves every reference of the merged one to the one
it is merged into (initiatives, editors' and readers' memberships, and for committees the
committee reports and subscriptions), then deletes it, all in one transaction; its history
rows stay (simple_history keeps a deleted row's history). Frozen reports are never edited:
those of a merged committee stay as they were frozen, under its old short name. Every write
names the actor and a reason; a refusal is a SetupError and stores nothing.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from .audit import Actor, audited_bulk_update, audited_delete, audited_save, mark
from .models import Center, Committee, CommitteeReport, Initiative, Subscription
from .organisation_selectors import Unit, duplicate_subscriptions, report_conflicts
from .setup_services import SetupError

__all__ = [
    "center_create",
    "center_merge",
    "center_rename",
    "committee_create",
    "committee_merge",
    "committee_rename",
    "merged_in_reason",
    "merged_into_reason",
    "rename_reason",
]

#: The longest name of a center or committee (the models' max_length).
NAME_MAX = 200


def rename_reason(old: str, new: str) -> str:
    """Return the history's words for a rename: "Omdøbt fra X til Y"."""
    return f"Omdøbt fra {old} til {new}"


def merged_into_reason(source: Unit, target: Unit) -> str:
    """Return the history's words on the merged one: "Slået sammen med Y (X er nedlagt)"."""
    return f"Slået sammen med {target.name} ({source.name} er nedlagt)"


def merged_in_reason(source: Unit, target: Unit) -> str:
    """Return the history's words on the one merged into: "X er slået sammen med Y"."""
    return f"{source.name} er slået sammen med {target.name}"


def _what(model: type[Unit]) -> tuple[str, str, str]:
    """Return "et center", "centret", "center" (or the same of "udvalg")."""
    if model is Center:
        return "et center", "centret", "center"
    return "et udvalg", "udvalget", "udvalg"


def _checked_name(
    model: type[Unit], name: str, *, empty: str, taken_hint: str = "", exclude_pk: Any = None
) -> str:
    """Return the name with its spaces tidied; refuse an empty, too long or taken one."""
    an = _what(model)[0]
    cleaned = " ".join(name.split())
    if not cleaned:
        raise SetupError(empty, "name")
    if len(cleaned) > NAME_MAX:
        raise SetupError(
            f"Navnet er {len(cleaned)} tegn; det må højst være {NAME_MAX}. Forkort det.", "name"
        )
    other = model.objects.filter(name__iexact=cleaned).exclude(pk=exclude_pk).first()
    if other is not None:
        raise SetupError(f"Der er allerede {an} ved navn {other.name}.{taken_hint}", "name")
    return cleaned


def _clean_name(model: type[Unit], unit: Unit, name: str) -> str:
    if " ".join(name.split()) == unit.name:
        raise SetupError(f"{unit.name} hedder allerede sådan. Skriv det nye navn.", "name")
    return _checked_name(
        model,
        name,
        empty=f"Skriv {_what(model)[1]}s nye navn.",
        taken_hint=" Vælg et andet navn, eller slå de to sammen.",
        exclude_pk=unit.pk,
    )


def created_reason(name: str) -> str:
    """Return the history's words for a center or committee made in the app."""
    return f"Oprettet som {name}"


def _create(model: type[Unit], actor: Actor, name: str) -> Unit:
    with transaction.atomic():
        cleaned = _checked_name(model, name, empty=f"Skriv navnet på {_what(model)[1]}.")
        unit: Unit
        if model is Committee:
            from .services import _unique_slug  # the slug an import would give it

            unit = Committee(name=cleaned, slug=_unique_slug(cleaned))
        else:
            unit = Center(name=cleaned)
        audited_save(unit, actor, created_reason(cleaned))
    return unit


def center_create(*, actor: Actor, name: str) -> Center:
    """Create a center; refuse an empty or too long name, or one another center has."""
    created = _create(Center, actor, name)
    assert isinstance(created, Center)
    return created


def committee_create(*, actor: Actor, name: str) -> Committee:
    """Create a committee with a short name (slug) for its addresses; refuse a name taken."""
    created = _create(Committee, actor, name)
    assert isinstance(created, Committee)
    return created


def _rename(model: type[Unit], unit: Unit, actor: Actor, name: str) -> Unit:
    with transaction.atomic():
        locked = model.objects.select_for_update().get(pk=unit.pk)
        cleaned = _clean_name(model, locked, name)
        old = locked.name
        locked.name = cleaned
        audited_save(locked, actor, rename_reason(old, cleaned))
    return locked


def center_rename(*, actor: Actor, center: Center, name: str) -> Center:
    """Rename a center; refuse an empty or too long name, or one another center has."""
    renamed = _rename(Center, center, actor, name)
    assert isinstance(renamed, Center)
    return renamed


def committee_rename(*, actor: Actor, committee: Committee, name: str) -> Committee:
    """Rename a committee, keeping its short name (slug) so its addresses keep working;
    refuse an empty or too long name, or one another committee has."""
    renamed = _rename(Committee, committee, actor, name)
    assert isinstance(renamed, Committee)
    return renamed


def _lock_pair(model: type[Unit], source: Unit, target: Unit) -> tuple[Unit, Unit]:
    _an, the, word = _what(model)
    if source.pk == target.pk:
        raise SetupError(
            f"{source.name} kan ikke slås sammen med sig selv. Vælg et andet {word}.", "into"
        )
    locked = {
        u.pk: u for u in model.objects.select_for_update().filter(pk__in=[source.pk, target.pk])
    }
    if source.pk not in locked or target.pk not in locked:
        raise SetupError(
            f"{the.capitalize()} findes ikke længere; måske har en anden lige slået det sammen. "
            "Gå tilbage til oversigten.",
            "into",
        )
    return locked[source.pk], locked[target.pk]


def _move_initiatives(field: str, source: Unit, target: Unit, actor: Actor) -> None:
    initiatives = list(Initiative.objects.filter(**{field: source}).order_by("pk"))
    for initiative in initiatives:
        setattr(initiative, field, target)
    if initiatives:
        audited_bulk_update(
            initiatives, Initiative, [field], actor, merged_in_reason(source, target)
        )


def _finish(source: Unit, target: Unit, actor: Actor) -> None:
    # A history row on each: the one merged into says what came in, the merged one why it
    # is gone (its rows stay after the delete).
    audited_save(target, actor, merged_in_reason(source, target))
    audited_delete(source, actor, merged_into_reason(source, target))


def center_merge(*, actor: Actor, center: Center, into: Center) -> Center:
    """Merge `center` into `into`: its initiatives and its editors move there, then it is
    deleted (its history stays). All or nothing; refuse merging a center into itself."""
    with transaction.atomic():
        source, target = _lock_pair(Center, center, into)
        assert isinstance(source, Center) and isinstance(target, Center)
        _move_initiatives("center", source, target, actor)
        for profile in source.editors.all():
            mark(profile, actor, merged_in_reason(source, target))
            profile.centers.remove(source)
            profile.centers.add(target)
        _finish(source, target, actor)
    return target


def committee_merge(
    *, actor: Actor, committee: Committee, into: Committee, keep_target_reports: bool = False
) -> Committee:
    """Merge `committee` into `into`: its initiatives, readers, committee reports and
    subscriptions move there, then it is deleted (its history stays).

    Where both have a committee report for the same round (one report per committee and
    round), the merge is refused unless `keep_target_reports`: then the target's report is
    kept and the merged committee's is deleted (its history stays). A subscription the same
    address has on the target already is removed instead of doubled. All or nothing.
    """
    with transaction.atomic():
        source, target = _lock_pair(Committee, committee, into)
        assert isinstance(source, Committee) and isinstance(target, Committee)
        reason = merged_in_reason(source, target)
        conflicts = report_conflicts(source, target)
        if conflicts and not keep_target_reports:
            rounds = "; ".join(f"{r.agreement.name}, {r}" for r in conflicts)
            raise SetupError(
                f"Både {source.name} og {target.name} har en udvalgsrapport ved {rounds}, og "
                "et udvalg har én rapport pr. opfølgning. Sæt flueben i »Behold "
                f"{target.name}s udvalgsrapporter«, hvis {target.name}s oplysninger (titel, "
                f"kontakt, sagsid) skal gælde; {source.name}s slettes, men står fortsat i "
                "historikken.",
                "keep_target_reports",
            )
        _move_initiatives("committee", source, target, actor)
        reports = list(CommitteeReport.objects.filter(committee=source).order_by("pk"))
        conflict_ids = {r.pk for r in conflicts}
        for report in reports:
            if report.round_id in conflict_ids:
                # The reason names what stays; the merge itself is in the committees' history.
                audited_delete(
                    report, actor, f"Sammenlægning: {target.name}s udvalgsrapport er beholdt"
                )
        moving = [r for r in reports if r.round_id not in conflict_ids]
        for report in moving:
            report.committee = target
        if moving:
            audited_bulk_update(moving, CommitteeReport, ["committee"], actor, reason)
        # Subscriptions keep no history: a doubled one goes, the others follow the target.
        duplicates = [s.pk for s in duplicate_subscriptions(source, target)]
        Subscription.objects.filter(pk__in=duplicates).delete()
        Subscription.objects.filter(committee=source).update(committee=target)
        for profile in source.readers.all():
            mark(profile, actor, reason)
            profile.committees.remove(source)
            profile.committees.add(target)
        _finish(source, target, actor)
    return target
