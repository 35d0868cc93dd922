"""The search behind record pickers (core/pickers.py): matches the user may view, as JSON."""

from django.http import JsonResponse

from yhdyspinta.core import pickers
from yhdyspinta.core.audit import log_internal_reads


def picker_search(request):
    """GET ?model=<signed token>&q=<text>[&scope=all] → {"results": [{"value", "text"}]} (at most 20).

    The token is the one the form's widget carries, so only models that some form offers can be
    searched; the records are those `restrict(user, "view")` gives, as on every page."""
    try:
        model = pickers.model_from_token(request.GET.get("model", ""))
    except LookupError:
        return JsonResponse({"results": [], "error": "unknown list"}, status=400)
    found = pickers.search(model, request.user, request.GET.get("q", "")[:100],
                           everywhere=request.GET.get("scope") == "all")
    log_internal_reads(request, model, found, detail=f"picker {model._meta.label_lower}")
    return JsonResponse({"results": [{"value": str(o.pk), "text": pickers.label(o)} for o in found]})
