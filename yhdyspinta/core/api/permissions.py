from rest_framework.permissions import SAFE_METHODS, BasePermission

from yhdyspinta.core.policy import can


class RestrictedPermission(BasePermission):
    """Reads follow restrict(user, "view") in get_queryset; writes need a login and the object right."""

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        return bool(request.user and request.user.is_authenticated)

    def has_object_permission(self, request, view, obj):
        if request.method in SAFE_METHODS:
            return True
        action = "delete" if request.method == "DELETE" else "change"
        return can(request.user, obj, action)
