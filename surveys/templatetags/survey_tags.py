from django import template

register = template.Library()


@register.filter
def input_type(kind: str) -> str:
    """GOV.UK component family for a question kind."""
    return "checkboxes" if kind == "multiple" else "radios"


@register.filter
def input_element(family: str) -> str:
    return "checkbox" if family == "checkboxes" else "radio"


@register.filter
def in_language(obj, language: str) -> str:
    """A version's or step's title in the given language, falling back to English."""
    return obj.title_in(language)
