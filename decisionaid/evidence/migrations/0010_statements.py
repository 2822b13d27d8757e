"""Dated statements of one source (where aHSCT should be done, where it is offered in Norway, people who went
abroad), edited like every evidence row: both roles may add, change and delete them, with history."""

import decisionaid.evidence.models
import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.contrib.contenttypes.management import create_contenttypes
from django.db import migrations, models

STATEMENT = [f"{action}_statement" for action in ("add", "change", "delete", "view")]


def grant_to_roles(apps, schema_editor):
    config = apps.get_app_config("evidence")
    config.models_module = True  # as in 0008: make the new model's permissions now, not after migrate
    create_contenttypes(config, apps=apps, verbosity=0)
    create_permissions(config, apps=apps, verbosity=0)
    Group, Permission = apps.get_model("auth", "Group"), apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="evidence", codename__in=STATEMENT)
    for group in Group.objects.filter(name__in=["Evidence editor", "Evidence reviewer"]):
        group.permissions.add(*permissions)


class Migration(migrations.Migration):

    dependencies = [
        ('evidence', '0009_release_snapshot'),
        ('auth', '0012_alter_user_first_name_max_length'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='HistoricalStatement',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('last_reviewed', models.DateField(blank=True, help_text='When this row was last checked against its source.', null=True)),
                ('is_draft', models.BooleanField(default=False, help_text='Changed since a reviewer last approved it: no release can be published until it is approved.', verbose_name='Draft')),
                ('approved_on', models.DateTimeField(blank=True, null=True)),
                ('key', models.SlugField(help_text='Stable identifier used by the fixtures.', max_length=80)),
                ('topic', models.CharField(choices=[('centres', 'Where aHSCT should be done (guidelines and registry studies)'), ('norway', 'Where aHSCT is offered in Norway'), ('abroad', 'People who went abroad for aHSCT')], max_length=20)),
                ('text_plain', models.TextField(help_text='One to three plain sentences. An [S] statement must name its source and date in the text itself, e.g. "The Norwegian review of 2024 estimates ...".')),
                ('stated_on', models.DateField(help_text="When the source said it: the page's or article's date, or the first day of the month or year it gives. A statement older than 12 months is due for review like every row.")),
                ('stated_on_words', models.CharField(help_text='As exact as the source allows, e.g. "March 2024" or "14 March 2016".', max_length=80, verbose_name='Date in words')),
                ('provenance', models.CharField(choices=[('C', '[C] confirmed in a primary source'), ('S=C', '[S=C] in a source article and confirmed'), ('S', '[S] only in a source article'), ('S!=C', '[S≠C] source article was wrong; corrected value'), ('NC', '[NC] not confirmed')], max_length=4)),
                ('is_published', models.BooleanField(default=True, help_text='Shown to people. [NC] statements can never be published.')),
                ('display_order', models.PositiveSmallIntegerField(default=100)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('approved_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('changed_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='last changed by')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('reviewed_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('source', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='evidence.source')),
            ],
            options={
                'verbose_name': 'historical statement',
                'verbose_name_plural': 'historical statements',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='Statement',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('last_reviewed', models.DateField(blank=True, help_text='When this row was last checked against its source.', null=True)),
                ('is_draft', models.BooleanField(default=False, help_text='Changed since a reviewer last approved it: no release can be published until it is approved.', verbose_name='Draft')),
                ('approved_on', models.DateTimeField(blank=True, null=True)),
                ('key', models.SlugField(help_text='Stable identifier used by the fixtures.', max_length=80, unique=True)),
                ('topic', models.CharField(choices=[('centres', 'Where aHSCT should be done (guidelines and registry studies)'), ('norway', 'Where aHSCT is offered in Norway'), ('abroad', 'People who went abroad for aHSCT')], max_length=20)),
                ('text_plain', models.TextField(help_text='One to three plain sentences. An [S] statement must name its source and date in the text itself, e.g. "The Norwegian review of 2024 estimates ...".')),
                ('stated_on', models.DateField(help_text="When the source said it: the page's or article's date, or the first day of the month or year it gives. A statement older than 12 months is due for review like every row.")),
                ('stated_on_words', models.CharField(help_text='As exact as the source allows, e.g. "March 2024" or "14 March 2016".', max_length=80, verbose_name='Date in words')),
                ('provenance', models.CharField(choices=[('C', '[C] confirmed in a primary source'), ('S=C', '[S=C] in a source article and confirmed'), ('S', '[S] only in a source article'), ('S!=C', '[S≠C] source article was wrong; corrected value'), ('NC', '[NC] not confirmed')], max_length=4)),
                ('is_published', models.BooleanField(default=True, help_text='Shown to people. [NC] statements can never be published.')),
                ('display_order', models.PositiveSmallIntegerField(default=100)),
                ('approved_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('changed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='last changed by')),
                ('reviewed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('source', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='statements', to='evidence.source')),
            ],
            options={
                'ordering': ['topic', 'display_order', 'key'],
                'constraints': [models.CheckConstraint(condition=models.Q(('is_published', True), ('provenance', 'NC'), _negated=True), name='statement_not_confirmed_never_published')],
            },
            bases=(decisionaid.evidence.models.CleanReportsConstraints, models.Model),
        ),
        migrations.RunPython(grant_to_roles, migrations.RunPython.noop),
    ]
