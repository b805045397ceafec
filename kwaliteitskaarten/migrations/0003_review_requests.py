from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("kwaliteitskaarten", "0002_review_reason"),
    ]

    operations = [
        migrations.AddField(
            model_name="cardversion",
            name="review_requests",
            field=models.JSONField(blank=True, default=list),
        ),
    ]
