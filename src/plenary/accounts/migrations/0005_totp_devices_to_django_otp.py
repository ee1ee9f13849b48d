"""Plenary's own TOTP devices become django-otp's: the base32 secret as a hex key, confirmed as
they were, and the last time step used (so that no code is accepted twice across the move). The
parameters are those the old devices had: SHA-1, 6 digits, 30 s steps, one step either side."""

import base64

from django.db import migrations


def _hex(secret: str) -> str:
    padded = secret.strip().upper() + "=" * (-len(secret.strip()) % 8)
    return base64.b32decode(padded).hex()


def forward(apps, schema_editor):
    Old = apps.get_model("accounts", "TotpDevice")
    New = apps.get_model("otp_totp", "TOTPDevice")
    for old in Old.objects.all():
        New.objects.create(
            user_id=old.user_id,
            name="authenticator",
            confirmed=old.confirmed,
            key=_hex(old.secret),
            step=30,
            t0=0,
            digits=6,
            tolerance=1,
            drift=0,
            last_t=old.last_step,
        )


def backward(apps, schema_editor):
    Old = apps.get_model("accounts", "TotpDevice")
    New = apps.get_model("otp_totp", "TOTPDevice")
    for new in New.objects.order_by("-confirmed", "-id"):
        if Old.objects.filter(user_id=new.user_id).exists():
            continue  # the old model kept one device a person
        secret = base64.b32encode(bytes.fromhex(new.key)).decode("ascii").rstrip("=")
        Old.objects.create(user_id=new.user_id, secret=secret, confirmed=new.confirmed, last_step=new.last_t)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_enrolment_ticket"),
        ("otp_totp", "0003_add_timestamps"),
    ]

    operations = [migrations.RunPython(forward, backward)]
