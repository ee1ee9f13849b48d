"""The deployment recipe of the README ("several app servers"), run as written: two production
servers, each with a folder of its own, against one database (PostgreSQL when DATABASE_URL names
it, as in CI's second run), files in S3-compatible storage (moto's server on 127.0.0.1) and the
shared cache in the database (CACHE_URL=db). A write made beside one server shows at once on
both; an issued file stored by one is downloaded, byte for byte, from the other."""

from __future__ import annotations

import hashlib
import urllib.request
import uuid

import boto3

from tests.live_server import database_env, plenary, running_server
from tests.s3_support import BUCKET


def s3(endpoint: str):
    return boto3.client("s3", endpoint_url=endpoint)  # credentials: the fixture's AWS variables


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=60) as answer:
        assert answer.status == 200
        return answer.read()


RENAME = """
from plenary.core.actor import Actor
from plenary.meetings.domain import MEETING_FIELDS, update_meeting
from plenary.meetings.models import Meeting
m = Meeting.objects.get(series="BWC/MSP/2018")
values = {f: getattr(m, f) for f in MEETING_FIELDS}
values["venue"] = "Salle XX, Palais des Nations, Geneva"
assert update_meeting(m, by=Actor.system("test"), **values)
"""


def test_two_app_servers_share_the_database_the_files_and_the_cache(tmp_path, s3_endpoint):
    prefix = f"t-{uuid.uuid4().hex[:12]}"
    with database_env(tmp_path) as base:
        shared = {
            **base,
            "SECRET_KEY": "the same key on every app server " + uuid.uuid4().hex,
            "STORAGE_URL": f"s3://{BUCKET}/{prefix}",
            "CACHE_URL": "db",
        }
        envs = []
        for name in ("a", "b"):
            var = tmp_path / name
            var.mkdir()
            envs.append({**shared, "PLENARY_VAR_DIR": str(var)})
        plenary("demo", env=envs[0])
        # The demo's issued files went to the bucket, not to a server's folder.
        keys = [
            o["Key"]
            for o in s3(s3_endpoint)
            .list_objects_v2(Bucket=BUCKET, Prefix=f"{prefix}/issued/")
            .get("Contents", [])
        ]
        assert f"{prefix}/issued/BWC_MSP_2017_6-ZH.txt" in keys
        assert not (tmp_path / "a" / "media" / "issued").exists()

        with (
            running_server(tmp_path / "a", envs[0], workers=1) as a,
            running_server(tmp_path / "b", envs[1], workers=1) as b,
        ):
            page = "/meetings/BWC/MSP/2018/"
            for server in (a, b, a, b):  # built once, then served from the shared cache
                assert b"Salle XX" not in fetch(server + page)
            plenary("manage", "shell", "-c", RENAME, env=envs[0])
            for server in (a, b):
                assert b"Salle XX, Palais des Nations, Geneva" in fetch(server + page)

            report = "/api/reports/BWC/MSP/2017/6.txt?lang=zh"
            from_a, from_b = fetch(a + report), fetch(b + report)
            assert from_a == from_b
            assert "缔约国会议" in from_b.decode("utf-8")
            stored = (
                s3(s3_endpoint)
                .get_object(Bucket=BUCKET, Key=f"{prefix}/issued/BWC_MSP_2017_6-ZH.txt")["Body"]
                .read()
            )
            assert hashlib.sha256(from_b).hexdigest() == hashlib.sha256(stored).hexdigest()
