"""Nothing may reach the network at run time: the suite runs with outbound sockets blocked."""
import os
import socket
import subprocess
import sys
import time

import pytest
from pytest_socket import SocketConnectBlockedError


@pytest.mark.filterwarnings("ignore::UserWarning")
def test_outbound_connections_are_blocked():
    with pytest.raises(SocketConnectBlockedError):
        socket.create_connection(("192.0.2.1", 80), timeout=1)  # TEST-NET address, never reached


def listening_addresses(port: int) -> set[str]:
    """The IPv4 addresses a socket listens on at `port`, from the kernel's own table."""
    found = set()
    for line in open("/proc/net/tcp").read().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        address, hex_port = local.split(":")
        if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
            found.add(socket.inet_ntoa(bytes.fromhex(address)[::-1]))
    return found


@pytest.mark.parametrize("flags, expected", [((), "127.0.0.1"), (("--lan",), "0.0.0.0")])
def test_serve_listens_on_loopback_unless_told(home, flags, expected):
    port = 5151 if not flags else 5152
    server = subprocess.Popen([sys.executable, "-m", "codev", "serve", "--port", str(port), *flags],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=os.environ.copy())
    try:
        deadline = time.monotonic() + 30
        while not listening_addresses(port):
            assert server.poll() is None and time.monotonic() < deadline, server.stdout.read().decode()
            time.sleep(0.1)
        assert listening_addresses(port) == {expected}
        with socket.create_connection(("127.0.0.1", port), timeout=5) as connection:
            connection.sendall(b"GET / HTTP/1.0\r\n\r\n")
            assert b" 200 " in connection.recv(100).split(b"\r\n")[0]
    finally:
        server.terminate()
        server.wait(timeout=10)
