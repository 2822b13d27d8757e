from django.db import migrations, models


class Migration(migrations.Migration):
    """A trial's status holds as of a time the source states in words; an exact date only when one is given."""

    dependencies = [("evidence", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="trial",
            name="status_as_of",
            field=models.CharField(
                default="not recorded",
                help_text='When the status was true, in words as exact as the source allows, e.g. "25 June 2025".',
                max_length=120,
            ),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="trial",
            name="status_read_on",
            field=models.DateField(
                blank=True, null=True,
                help_text="The exact date of the record the status was read from, when the source gives one.",
            ),
        ),
        migrations.AddField(
            model_name="historicaltrial",
            name="status_as_of",
            field=models.CharField(
                default="not recorded",
                help_text='When the status was true, in words as exact as the source allows, e.g. "25 June 2025".',
                max_length=120,
            ),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="historicaltrial",
            name="status_read_on",
            field=models.DateField(
                blank=True, null=True,
                help_text="The exact date of the record the status was read from, when the source gives one.",
            ),
        ),
    ]
