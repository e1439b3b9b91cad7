"""Nothing may reach the network at run time: the suite runs with outbound sockets blocked."""
import socket

import pytest
from pytest_socket import SocketConnectBlockedError


@pytest.mark.filterwarnings("ignore::UserWarning")
def test_outbound_connections_are_blocked():
    with pytest.raises(SocketConnectBlockedError):
        socket.create_connection(("192.0.2.1", 80), timeout=1)  # TEST-NET address, never reached


def test_serve_listens_on_loopback_by_default():
    from codev.cli import serve
    host = next(p for p in serve.params if p.name == "host")
    assert host.default == "127.0.0.1"
