"""An authenticator app, as the tests hold one: RFC 6238 (HMAC-SHA1, six digits, 30-second steps)
written here from the RFC, apart from django-otp, so that a test that signs in with it checks the
server's codes against an independent computation. Pure: no Django."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import struct
import time

STEP = 30


def code_at(key: bytes, step: int) -> str:
    mac = hmac.new(key, struct.pack(">Q", step), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    return str((struct.unpack(">I", mac[offset : offset + 4])[0] & 0x7FFFFFFF) % 10**6).zfill(6)


def key_of(secret: str) -> bytes:
    """The key of a base32 secret, as the set-up page shows it."""
    secret = secret.strip().upper()
    return base64.b32decode(secret + "=" * (-len(secret) % 8))


class Authenticator:
    """One person's app. `code()` gives the code of a step not used yet (the server accepts one
    step ahead of its clock and never the same step twice), waiting for the clock when needed."""

    def __init__(self, secret: str):
        self.key = key_of(secret)
        self.last = -1

    @classmethod
    def from_page(cls, html: str) -> Authenticator:
        return cls(re.search(r'<code id="totp-secret">([A-Z2-7]+)</code>', html).group(1))

    def code(self) -> str:
        now = int(time.time() // STEP)
        step = max(now, self.last + 1)
        if step > now + 1:
            time.sleep((step - 1) * STEP - time.time() + 0.5)
        self.last = step
        return code_at(self.key, step)
