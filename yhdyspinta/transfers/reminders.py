"""Inventory items coming due: one rule for the daily e-mail (notifications.producers.transfer_items_due).

An item that is not done is "due soon" from REMIND_DAYS before its due date until the day itself;
the "my work" panel (mywork.py) shows items from 30 days before and keeps overdue ones.
"""

from datetime import date, timedelta

from .models import InventoryItem, ItemStatus

REMIND_DAYS = 14


def due_soon(today: date, *, ahead: int = REMIND_DAYS):
    """Items not done whose due date is between today and `ahead` days from now (a queryset)."""
    return (InventoryItem.objects.filter(due_date__gte=today, due_date__lte=today + timedelta(days=ahead))
            .exclude(status=ItemStatus.DONE).order_by("due_date", "pk"))
