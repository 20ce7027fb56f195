from django import template

register = template.Library()


@register.filter
def input_type(kind: str) -> str:
    """GOV.UK component family for a question kind."""
    return "checkboxes" if kind == "multiple" else "radios"


@register.filter
def input_element(family: str) -> str:
    return "checkbox" if family == "checkboxes" else "radio"
