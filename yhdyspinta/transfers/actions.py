"""All writes of transfers: projects, inventory items (one path for pages, API and import),
checklists. Each runs inside `core.actions.audited`."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from yhdyspinta.core.actions import audited, create_record, require, save_form, update_record

from .models import ChecklistItem, ChecklistTemplateItem, InventoryItem, TransferProject


def validate_parties(parties) -> None:
    if len({p.pk for p in parties}) < 2:
        raise ValidationError({"parties": _("A transfer project has at least two parties: "
                                            "the one giving and the one receiving the tasks.")})


def _check_parties_kept(project, parties) -> None:
    """A party that items still name cannot leave the project."""
    keep = {p.pk for p in parties}
    used = project.items.exclude(from_party__in=keep, to_party__in=keep, owner__in=keep)
    if project.pk and used.exists():
        raise ValidationError({"parties": _("Items of the inventory still name a party you removed: "
                                            "change those items first.")})


def save_project(form, *, actor, action):
    """Page save of a project: at least two parties, none removed while items name it."""
    parties = list(form.cleaned_data.get("parties") or [])
    validate_parties(parties)
    with audited(actor):
        if action == "change":
            _check_parties_kept(form.instance, parties)
        return save_form(form, actor=actor, action=action)


def create_project(*, acting_user, **data):
    validate_parties(data.get("parties") or [])
    return create_record(TransferProject, acting_user=acting_user, **data)


def update_project(project, *, acting_user, **data):
    with audited(acting_user):
        if "parties" in data:
            validate_parties(data["parties"])
            _check_parties_kept(project, data["parties"])
        return update_record(project, acting_user=acting_user, **data)


def copy_checklist(item) -> int:
    """Copies the checklist of the item's kind (the national lines and its owner's own) to it."""
    lines = ChecklistTemplateItem.objects.filter(kind=item.kind).filter(
        owner__isnull=True) | ChecklistTemplateItem.objects.filter(kind=item.kind, owner_id=item.owner_id)
    checks = [ChecklistItem(item=item, text=line.text, order=line.order) for line in lines.order_by("order", "pk")]
    ChecklistItem.objects.bulk_create(checks)
    return len(checks)


def save_item(form, *, actor, action):
    """Page save of an inventory item; a new one gets its kind's checklist."""
    with audited(actor):
        item = save_form(form, actor=actor, action=action)
        if action == "add":
            copy_checklist(item)
        return item


def create_item(*, acting_user, **data):
    """API and import create: the model's rules (parties of the project), the right to add for
    the owner and parties, the checklist copied."""
    with audited(acting_user):
        project = data.get("project")
        if project is not None:
            require(acting_user, project, "view")
        item = create_record(InventoryItem, acting_user=acting_user, **data)
        copy_checklist(item)
        return item


def update_item(item, *, acting_user, **data):
    return update_record(item, acting_user=acting_user, **data)


def check(checklist_item: ChecklistItem, *, acting_user, done: bool) -> ChecklistItem:
    """Marks one due-diligence check done or not done (editors of the item's organisations)."""
    with audited(acting_user):
        require(acting_user, checklist_item.item, "change")
        checklist_item.done = done
        checklist_item.done_at = timezone.now() if done else None
        checklist_item.done_by = acting_user if done else None
        checklist_item.save()
        return checklist_item
