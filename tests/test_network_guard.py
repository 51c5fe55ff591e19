"""The guard itself: an outbound connection fails the test, loopback works."""

import socket

import pytest

from tests.conftest import NetworkAccessError


def test_outbound_connection_is_refused() -> None:
    with socket.socket() as s, pytest.raises(NetworkAccessError):
        s.connect(("192.0.2.1", 80))  # TEST-NET-1: never routable


def test_loopback_is_allowed() -> None:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        with socket.socket() as client:
            client.connect(server.getsockname())
