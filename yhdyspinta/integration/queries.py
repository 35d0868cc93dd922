"""Reads of the integration study that pages share (writes are in actions.py)."""

from .models import Respondent, hash_token


def respondent_for_token(token: str):
    """The respondent of a link, or None (unknown link)."""
    if not token or len(token) > 100:
        return None
    return Respondent.objects.select_related("study").filter(token_hash=hash_token(token)).first()
