"""The address of the client a request comes from, for throttling and the audit trail.

Without a reverse proxy, the client is the peer of the connection (REMOTE_ADDR). Behind one, every
request comes from the proxy, and the client is in X-Forwarded-For, which each proxy extends with
the address of its own peer ("client, proxy1, proxy2"). Anyone can send that header, so it is read
only when the peer is a proxy the operator named (TRUSTED_PROXIES), and then only from the right:
the entries a trusted proxy appended are true, those left of the first untrusted one are whatever
the client wrote. The client is therefore the right-most entry that is not a trusted proxy.
A header from an untrusted peer is ignored, and so is everything left of an entry that is not an
address (a mangled header): the answer is then the nearest hop known to be true.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def parse_proxies(text: str | Iterable[str]) -> tuple[Network, ...]:
    """The trusted proxies from "10.0.0.1, 10.1.0.0/16, fd00::/8" (or a list of such items).
    Raises ValueError naming the first item that is neither an address nor a network."""
    items = text.split(",") if isinstance(text, str) else list(text)
    networks = []
    for item in (i.strip() for i in items):
        if not item:
            continue
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise ValueError(
                f"TRUSTED_PROXIES: {item!r} is neither an IP address nor a network (10.0.0.1, 10.0.0.0/8)"
            ) from None
    return tuple(networks)


def parse_address(text: str) -> Address | None:
    """An address as REMOTE_ADDR or an X-Forwarded-For entry gives it ("203.0.113.7",
    "2001:db8::1", "[2001:db8::1]:443", "203.0.113.7:5123"), or None if it is not one. IPv4
    addresses mapped into IPv6 ("::ffff:203.0.113.7") are the IPv4 address; a zone (fe80::1%eth0)
    is dropped."""
    text = text.strip()
    if not text or len(text) > 64:
        return None
    if text.startswith("["):
        end = text.find("]")
        if end < 0 or (text[end + 1 :] and not _is_port(text[end + 1 :])):
            return None
        text = text[1:end]
    elif text.count(":") == 1:  # IPv4 with a port; an IPv6 address has at least two colons
        text, port = text.split(":")
        if not _is_port(":" + port):
            return None
    text = text.split("%", 1)[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _is_port(text: str) -> bool:
    return len(text) in range(2, 7) and text[0] == ":" and text[1:].isascii() and text[1:].isdigit()


def _trusted(address: Address, proxies: Sequence[Network]) -> bool:
    return any(address.version == net.version and address in net for net in proxies)


def client_from(remote_addr: str | None, forwarded_for: str | None, proxies: Sequence[Network]) -> str | None:
    """The client's address (as text), from the peer's address and the X-Forwarded-For header
    (several headers joined by commas, as the WSGI server gives them); None when the peer's
    address is not an address."""
    current = parse_address(remote_addr or "")
    if current is None:
        return None
    hops = (forwarded_for or "").split(",") if proxies else []
    while _trusted(current, proxies) and hops:
        entry = parse_address(hops.pop())
        if entry is None:
            break  # a mangled header: what lies left of it cannot be trusted either
        current = entry
    return str(current)


@lru_cache(maxsize=8)
def _proxies(setting: tuple[str, ...] | str) -> tuple[Network, ...]:
    return parse_proxies(setting)


def client_address(request: Any) -> str | None:
    """The address of the client of a Django request (see the module's docstring), with the
    trusted proxies of settings.TRUSTED_PROXIES."""
    from django.conf import settings

    setting = getattr(settings, "TRUSTED_PROXIES", ())
    proxies = _proxies(setting if isinstance(setting, str) else tuple(setting))
    return client_from(request.META.get("REMOTE_ADDR"), request.META.get("HTTP_X_FORWARDED_FOR"), proxies)
