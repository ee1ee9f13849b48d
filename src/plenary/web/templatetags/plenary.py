from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """{{ names|get_item:code }}: a dict's value in a template."""
    return (mapping or {}).get(key)
