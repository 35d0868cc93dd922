"""Helpers shared by the cooperation models."""


def forum_org_ids(forum) -> set[int]:
    """The organisations a forum spans and its organising area: they own its records."""
    if forum is None:
        return set()
    prefetched = getattr(forum, "_prefetched_objects_cache", {}).get("organisations")
    if prefetched is not None:  # lists prefetch them
        ids = {o.pk for o in prefetched}
    else:
        ids = set(forum.organisations.values_list("pk", flat=True)) if forum.pk else set()
    if forum.area_id:
        ids.add(forum.area_id)
    return ids


class ForumOwned:
    """Records inside a forum (members, meetings, items…) belong to the forum's organisations."""

    forum_attr = "forum"

    def owning_forum(self):
        obj = self
        for part in self.forum_attr.split("."):
            obj = getattr(obj, part, None)
            if obj is None:
                return None
        return obj

    def involved_organisation_ids(self) -> set[int]:
        return forum_org_ids(self.owning_forum())
