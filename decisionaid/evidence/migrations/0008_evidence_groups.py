"""The two roles of evidence work, as Django groups: editors change rows (each change a draft); reviewers also
approve other people's drafts and publish releases. Give a person a role by adding them to the group (README)."""
from django.contrib.auth.management import create_permissions
from django.contrib.contenttypes.management import create_contenttypes
from django.db import migrations

EVIDENCE = ("source", "figure", "caveat", "guideline", "guidelinecriterion", "treatment", "trial")
EDITOR = [f"{action}_{model}" for model in EVIDENCE for action in ("add", "change", "delete", "view")] + [
    "view_evidencerelease"
]
REVIEWER = EDITOR + ["add_evidencerelease", "change_evidencerelease", "approve_evidence"]


def create_groups(apps, schema_editor):
    config = apps.get_app_config("evidence")
    config.models_module = True  # a stub here; without this, permissions would be made only after migrate
    create_contenttypes(config, apps=apps, verbosity=0)
    create_permissions(config, apps=apps, verbosity=0)
    Group, Permission = apps.get_model("auth", "Group"), apps.get_model("auth", "Permission")
    for name, codenames in (("Evidence editor", EDITOR), ("Evidence reviewer", REVIEWER)):
        group, _ = Group.objects.get_or_create(name=name)
        permissions = Permission.objects.filter(content_type__app_label="evidence", codename__in=codenames)
        assert permissions.count() == len(set(codenames)), name
        group.permissions.set(permissions)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Evidence editor", "Evidence reviewer"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("evidence", "0007_review_and_approval"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
