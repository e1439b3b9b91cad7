"""`codev serve --lan --https`: a real server, reached over TLS by a client that trusts only the
certificate the server made in the data folder; plain HTTP on its port serves nothing."""
import datetime
import os
import socket
import ssl
import stat
import subprocess
import sys
import time

import pytest
import requests
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from codev.certificate import CERTIFICATE, KEY, certificate, fingerprint
from codev.sessions import access_links, create_session


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def https_server(home):
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "codev", "serve", "--lan", "--https", "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=os.environ.copy())
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, server.stdout.read().decode()
                time.sleep(0.2)
        yield f"https://127.0.0.1:{port}", port, server
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_https_with_the_certificate_made_in_the_data_folder(https_server, home, db):
    url, port, server = https_server
    cert_path, key_path = home / CERTIFICATE, home / KEY
    for path in (cert_path, key_path):  # made at first use, the user's alone
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    # The client trusts that file only: the server must present exactly it.
    response = requests.get(f"{url}/", verify=str(cert_path), timeout=10)
    assert response.status_code == 200 and "codev-notes" in response.text
    context = ssl.create_default_context(cafile=str(cert_path))
    with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
        with context.wrap_socket(raw, server_hostname="127.0.0.1") as tls:
            presented = tls.getpeercert(binary_form=True)
    stored = x509.load_pem_x509_certificate(cert_path.read_bytes())
    assert presented == stored.public_bytes(Encoding.DER)
    # A client that trusts the usual authorities is warned: nobody on the Internet vouches for a laptop.
    with pytest.raises(requests.exceptions.SSLError):
        requests.get(f"{url}/", timeout=10)

    # Another computer's link works over it, its cookie kept for HTTPS only.
    session = create_session(db, title="Chiffrée", date=datetime.date.today(), lang="fr")
    token = access_links(db, session)["participant"]
    browser = requests.Session()
    entered = browser.get(f"{url}/s/{token}", verify=str(cert_path), timeout=10, allow_redirects=False)
    assert entered.status_code == 302
    assert "Secure" in entered.headers["Set-Cookie"] and "HttpOnly" in entered.headers["Set-Cookie"]

    # The same port spoken to in clear: no page, no token, nothing of the session.
    with socket.create_connection(("127.0.0.1", port), timeout=10) as plain:
        plain.sendall(f"GET /s/{token} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".encode())
        answer = b""
        try:
            while chunk := plain.recv(4096):
                answer += chunk
        except ConnectionResetError:  # the server may hang up on a client that does not speak TLS
            pass
    assert b" 200 " not in answer.split(b"\r\n")[0] and b" 302 " not in answer.split(b"\r\n")[0]
    assert b"codev-notes" not in answer and b"Set-Cookie" not in answer and "Chiffrée".encode() not in answer

    # The fingerprint printed at start is the stored certificate's, for a participant to compare.
    server.terminate()
    server.wait(timeout=10)
    assert fingerprint(cert_path) in server.stdout.read().decode()


def test_the_certificate_is_kept_and_made_again_once_expired(home):
    home.mkdir(parents=True, exist_ok=True)
    first, key = certificate(home, ["192.0.2.7"])
    made = first.read_bytes()
    assert certificate(home, ["192.0.2.7"])[0].read_bytes() == made  # kept: browsers warn once
    cert = x509.load_pem_x509_certificate(made)
    names = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert {str(a) for a in names.get_values_for_type(x509.IPAddress)} >= {"127.0.0.1", "192.0.2.7"}
    assert "localhost" in names.get_values_for_type(x509.DNSName)
    later = cert.not_valid_after_utc + datetime.timedelta(days=1)
    assert certificate(home, ["192.0.2.7"], now=later)[0].read_bytes() != made
    assert stat.S_IMODE(key.stat().st_mode) == 0o600


@pytest.mark.parametrize("flags", [("--https",), ()])
def test_a_port_taken_is_said_in_one_line(codev, flags):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        result = codev("serve", *flags, "--port", taken.getsockname()[1], ok=False)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "Address already in use" in result.output and "--port" in result.output
