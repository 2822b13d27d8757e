"""More evidence rows than the fixtures have, to show that what a page costs does not grow with the evidence.

`multiply_evidence(factor=10)` adds nine copies of every source (with its figures), guideline (with its
criteria), treatment, trial and passage, each under a new key. The copies are valid rows: they are copies of rows
that passed validation, and the database's constraints check them again. They are bulk-inserted, so they
have no history rows: they are a measuring device, never a site's evidence. Releases are not copied (there is
one current release whatever the amount of evidence).
"""
from django.db import transaction

from decisionaid.evidence.models import Figure, Guideline, GuidelineCriterion, Passage, Source, Treatment, Trial

MODELS = (Source, Figure, Guideline, GuidelineCriterion, Treatment, Trial, Passage)


def _clone(row, **changes):
    values = {f.attname: getattr(row, f.attname) for f in row._meta.concrete_fields if not f.primary_key}
    values.update(changes)
    return type(row)(**values)


def row_counts() -> dict[str, int]:
    return {model._meta.verbose_name_plural: model.objects.count() for model in MODELS}


@transaction.atomic
def multiply_evidence(*, factor: int) -> dict[str, int]:
    """Make the evidence `factor` times as large; returns the row counts afterwards."""
    if factor < 1:
        raise ValueError("factor must be 1 or more")
    sources, figures = list(Source.objects.all()), list(Figure.objects.all())
    guidelines, criteria = list(Guideline.objects.all()), list(GuidelineCriterion.objects.all())
    treatments, trials = list(Treatment.objects.all()), list(Trial.objects.all())
    passages = list(Passage.objects.all())
    for n in range(1, factor):
        suffix = f"-x{n}"
        new_sources = Source.objects.bulk_create(
            [_clone(s, key=s.key + suffix, short_name=f"{s.short_name} (copy {n})") for s in sources]
        )
        source_id = {old.pk: new.pk for old, new in zip(sources, new_sources)}
        Figure.objects.bulk_create(
            [_clone(f, key=f.key + suffix, source_id=source_id[f.source_id]) for f in figures]
        )
        new_guidelines = Guideline.objects.bulk_create(
            [_clone(g, key=g.key + suffix, source_id=source_id[g.source_id]) for g in guidelines]
        )
        guideline_id = {old.pk: new.pk for old, new in zip(guidelines, new_guidelines)}
        GuidelineCriterion.objects.bulk_create(
            [_clone(c, guideline_id=guideline_id[c.guideline_id]) for c in criteria]
        )
        Treatment.objects.bulk_create(
            [_clone(t, slug=t.slug + suffix, name=f"{t.name} (copy {n})") for t in treatments]
        )
        Trial.objects.bulk_create(
            [_clone(t, key=t.key + suffix, source_id=source_id.get(t.source_id)) for t in trials]
        )
        Passage.objects.bulk_create(
            [_clone(p, key=p.key + suffix, source_id=source_id[p.source_id]) for p in passages]
        )
    return row_counts()
