from django import template

register = template.Library()


@register.filter
def manages_members(user, organisation) -> bool:
    """{% if user|manages_members:organisation %}: may the user manage its memberships (accounts.actions)?"""
    from yhdyspinta.accounts.actions import may_manage_members

    return organisation is not None and may_manage_members(user, organisation)
