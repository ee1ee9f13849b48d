"""The S3 test bucket and the AWS variables that reach moto's server (the `s3_endpoint` fixture in
tests/conftest.py)."""

from __future__ import annotations

BUCKET = "plenary-test"
AWS_ENV = {
    "AWS_ACCESS_KEY_ID": "plenary-test",
    "AWS_SECRET_ACCESS_KEY": "plenary-test",
    "AWS_DEFAULT_REGION": "us-east-1",
}
