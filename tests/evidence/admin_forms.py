"""What an admin change form posts for a row, so that tests can change one field and submit the rest as they are."""
from django.db import models

from decisionaid.evidence import languages

# Fields admin shows read-only (set by actions, never typed in).
READ_ONLY = {"id", "reviewed_by", "last_reviewed", "is_draft", "changed_by", "approved_by", "approved_on"}
REASON = "Checked against the article's table 2"


def form_data(obj: models.Model, *, inlines: dict[str, list[dict]] | None = None, **changes) -> dict:
    """A translated text is posted per language (population_en_gb, population_nb), as the form shows it; a
    change named by the field ("population") is its English text."""
    translated = languages.translated_fields(type(obj))
    changes = {languages.column(name, languages.DEFAULT) if name in translated else name: v for name, v in changes.items()}
    data = {"change_reason": REASON}
    for field in obj._meta.concrete_fields:
        if field.name in READ_ONLY or not field.editable or field.name in translated:
            continue
        value = getattr(obj, field.attname)
        if isinstance(value, bool):
            if value:
                data[field.name] = "on"
            continue
        data[field.name] = "" if value is None else str(value)
    for name, value in changes.items():
        if isinstance(value, bool):
            data.pop(name, None)
            if value:
                data[name] = "on"
        else:
            data[name] = "" if value is None else str(value)
    for prefix, rows in (inlines or {}).items():
        data.update({
            f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000",
        })
        for number, row in enumerate(rows):
            for name, value in row.items():
                if value is True:
                    data[f"{prefix}-{number}-{name}"] = "on"
                elif value is not False:
                    data[f"{prefix}-{number}-{name}"] = str(value)
    return data


def form_errors(response) -> dict[str, list[str]]:
    assert response.status_code == 200, f"expected the form back with errors, got {response.status_code}"
    return response.context["adminform"].form.errors
