"""The language an offer or a request is written in (one of the six UN languages).

The entries Plenary records before this migration are the demo's, every one written in English
(cooperation/demo.py), so the existing rows are given "en"; an entry a deployment entered by hand
in another language is corrected with cooperation.domain.edit_entry (audited). The model itself
has no default: from now on the domain asks for the language of every entry, and none is taken
for English unasked."""

from django.db import migrations, models

LANGUAGES = [
    ("ar", "Arabic"),
    ("zh", "Chinese"),
    ("en", "English"),
    ("fr", "French"),
    ("ru", "Russian"),
    ("es", "Spanish"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("cooperation", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name=model,
            name="language",
            field=models.CharField(
                choices=LANGUAGES,
                default="en",  # the existing rows only: the demo's entries are English
                help_text="the UN language it is written in",
                max_length=2,
            ),
            preserve_default=False,
        )
        for model in ("offer", "request")
    ]
