"""How a form field tells assistive technology about its state: aria-invalid when it has
errors, aria-describedby naming its error text and its hint (ids ``<field id>-error`` and
``<field id>-hint``, as the templates' field macros print them)."""
from wtforms import Field
from wtforms.form import BaseForm

_HIDDEN = ("HiddenField", "CSRFTokenField")


def field_aria(field: Field, hint: bool = False) -> dict[str, str]:
    """The aria attributes to render ``field`` with; ``hint`` says whether a hint is shown."""
    described = ([f"{field.id}-error"] if field.errors else []) + ([f"{field.id}-hint"] if hint else [])
    attributes = {"aria-describedby": " ".join(described)} if described else {}
    if field.errors:
        attributes["aria-invalid"] = "true"
    return attributes


def fields_in_error(form: BaseForm) -> list[Field]:
    """The visible fields of ``form`` that have errors, in the form's order, for its error summary.

    A list of sub-forms (the option rows of a question) counts by the fields of its rows, since
    those are what a link can lead to.
    """
    found = []
    for field in form:
        if field.type == "FieldList":
            for entry in field.entries:
                if entry.type == "FormField":
                    found += fields_in_error(entry.form)
                elif entry.errors:
                    found.append(entry)
        elif field.errors and field.type not in _HIDDEN:
            found.append(field)
    return found
