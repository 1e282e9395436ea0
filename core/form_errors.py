"""Errors for the GOV.UK error summary: every message, linked to its field."""


def error_summary(*forms):
    """[(anchor, message)] over forms and formsets, in page order."""
    items = []
    for form in forms:
        if hasattr(form, "forms"):  # a formset
            items.extend(error_summary(*form.forms))
            items.extend(("#" + form.prefix + "-table", e) for e in form.non_form_errors())
            continue
        first = next(iter(form.visible_fields()), None)
        # A form whose non-field errors all concern one group of fields names it.
        anchor = getattr(form, "non_field_anchor", None)
        for message in form.non_field_errors():
            default = "#" + first.id_for_label if first else "#main-content"
            items.append((anchor or default, message))
        for field in form:
            for message in field.errors:
                anchor = _anchor(field) if field.is_hidden is False else None
                if anchor is None and first is not None:
                    anchor = first.id_for_label
                items.append(("#" + (anchor or "main-content"), message))
    return items


def _anchor(field):
    """The element an error links to. Radios and checkboxes have no single input, so
    Django gives them no label id (for screen readers' sake): the first option's is used."""
    if field.id_for_label:
        return field.id_for_label
    return f"{field.auto_id}_0" if field.auto_id else None


def add_model_errors(form, error):
    """A model's or a service's ValidationError on the form: each message on its field
    when the form has one, else above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages)
