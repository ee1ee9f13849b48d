# The finances' two first migrations, made side by side (assessed contributions, cost estimates),
# joined: nothing to do but to make them one history.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("finance", "0001_assessments"),
        ("finance", "0001_cost_estimates"),
    ]

    operations = []
