"""Settings for `make bench` only: Plenary's own settings (the same middleware, database and
server), with one more URL, /__bench__/bare/<name>, a bare Django view returning bytes captured
from a real page. Never in the product's URLs."""

import os

from plenary.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.bench_urls"
# Where the captured pages are: <name>.body (the bytes) and <name>.type (the Content-Type).
BENCH_BARE_DIR = os.environ.get("BENCH_BARE_DIR", "")
