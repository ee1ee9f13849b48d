"""The client's address behind trusted proxies (plenary.core.clients): pure rules, plain tests."""

from __future__ import annotations

import ipaddress

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plenary.core.clients import client_from, parse_address, parse_proxies

PROXIES = parse_proxies("10.0.0.1, 10.1.0.0/16, fd00::/8")


def test_the_trusted_proxies_are_addresses_and_networks():
    assert parse_proxies(" 10.0.0.1 ,, 10.1.0.0/16,fd00::/8 ") == (
        ipaddress.ip_network("10.0.0.1/32"),
        ipaddress.ip_network("10.1.0.0/16"),
        ipaddress.ip_network("fd00::/8"),
    )
    assert parse_proxies("") == ()
    assert parse_proxies(["127.0.0.1"]) == (ipaddress.ip_network("127.0.0.1/32"),)
    with pytest.raises(ValueError, match=r"TRUSTED_PROXIES: 'proxy\.example\.org' is neither an IP address"):
        parse_proxies("10.0.0.1, proxy.example.org")


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("203.0.113.7", "203.0.113.7"),
        (" 203.0.113.7 ", "203.0.113.7"),
        ("203.0.113.7:5123", "203.0.113.7"),
        ("2001:db8::1", "2001:db8::1"),
        ("2001:DB8:0::1", "2001:db8::1"),
        ("[2001:db8::1]", "2001:db8::1"),
        ("[2001:db8::1]:443", "2001:db8::1"),
        ("::ffff:203.0.113.7", "203.0.113.7"),
        ("fe80::1%eth0", "fe80::1"),
        ("", None),
        ("unknown", None),
        ("203.0.113.256", None),
        ("203.0.113.7:http", None),
        ("203.0.113.7:99999999", None),
        ("[2001:db8::1", None),
        ("[2001:db8::1]x", None),
        ("010.0.0.1", None),
        ("1" * 100, None),
        ("203.0.113.7, 10.0.0.1", None),
    ],
)
def test_an_address_is_read_strictly(text, address):
    parsed = parse_address(text)
    assert (str(parsed) if parsed is not None else None) == address


def test_without_trusted_proxies_the_peer_is_the_client_whatever_the_header_says():
    assert client_from("203.0.113.7", "198.51.100.1", ()) == "203.0.113.7"
    assert client_from("203.0.113.7", None, ()) == "203.0.113.7"
    assert client_from("", "198.51.100.1", ()) is None
    assert client_from(None, None, ()) is None


def test_a_header_from_an_untrusted_peer_is_ignored():
    # A client talking to the server directly, claiming to be someone else.
    assert client_from("203.0.113.7", "198.51.100.1", PROXIES) == "203.0.113.7"
    assert client_from("203.0.113.7", "10.0.0.1", PROXIES) == "203.0.113.7"


def test_behind_a_trusted_proxy_the_client_is_the_right_most_untrusted_entry():
    assert client_from("10.0.0.1", "203.0.113.7", PROXIES) == "203.0.113.7"
    # The client wrote its own header ("spoofed"); the proxy appended the true peer.
    assert client_from("10.0.0.1", "198.51.100.1, 203.0.113.7", PROXIES) == "203.0.113.7"
    assert client_from("10.0.0.1", "1.1.1.1, 2.2.2.2, 203.0.113.7", PROXIES) == "203.0.113.7"
    # Two trusted proxies in a row (the outer one in a trusted network).
    assert client_from("10.0.0.1", "198.51.100.1, 203.0.113.7, 10.1.2.3", PROXIES) == "203.0.113.7"
    assert client_from("fd00::5", "2001:db8::9", PROXIES) == "2001:db8::9"
    assert client_from("10.0.0.1", "[2001:db8::9]:51234", PROXIES) == "2001:db8::9"


def test_a_client_cannot_pass_for_a_trusted_proxy_to_go_further_left():
    # The client (203.0.113.7) prepends a trusted address and a victim's: the walk stops at it.
    assert client_from("10.0.0.1", "198.51.100.1, 10.1.0.9, 203.0.113.7", PROXIES) == "203.0.113.7"


def test_garbage_in_the_header_stops_at_the_nearest_true_hop():
    assert client_from("10.0.0.1", "unknown", PROXIES) == "10.0.0.1"
    assert client_from("10.0.0.1", "203.0.113.7, <script>", PROXIES) == "10.0.0.1"
    assert client_from("10.0.0.1", "203.0.113.7, , 10.1.0.2", PROXIES) == "10.1.0.2"
    assert client_from("10.0.0.1", "", PROXIES) == "10.0.0.1"
    assert client_from("10.0.0.1", None, PROXIES) == "10.0.0.1"


ipv4 = st.ip_addresses(v=4).map(str)
header_text = st.text(alphabet=st.characters(codec="latin-1"), max_size=200)


@settings(deadline=None)  # no timing: the machine may be busy
@given(peer=ipv4, header=header_text)
def test_an_untrusted_peer_is_always_the_client(peer, header):
    if ipaddress.ip_address(peer) not in ipaddress.ip_network("10.0.0.0/8"):
        assert client_from(peer, header, parse_proxies("10.0.0.0/8")) == peer


@settings(deadline=None)  # no timing: the machine may be busy
@given(client=ipv4, spoofed=st.lists(st.one_of(ipv4, header_text), max_size=5))
def test_whatever_a_client_writes_left_of_its_own_entry_does_not_count(client, spoofed):
    proxies = parse_proxies("10.0.0.0/8")
    if ipaddress.ip_address(client) in proxies[0]:
        return
    header = ", ".join([*(s.replace(",", "") for s in spoofed), client])
    assert client_from("10.0.0.1", header, proxies) == client


@settings(deadline=None)  # no timing: the machine may be busy
@given(peer=st.text(max_size=50), header=st.one_of(st.none(), header_text))
def test_the_answer_is_an_address_or_none(peer, header):
    answer = client_from(peer, header, PROXIES)
    assert answer is None or str(ipaddress.ip_address(answer)) == answer
