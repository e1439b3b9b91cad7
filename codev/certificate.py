"""The certificate `codev serve --https` presents: made on this laptop at first use (the
`cryptography` library, which Python's own ssl cannot do), kept in the data folder with its key
(0600), and made again only when it has expired. It is self-signed: no authority on the Internet
vouches for a laptop in a meeting room, so each browser warns once, and its SHA-256 fingerprint,
printed at start, is what a careful participant compares with the one their browser shows."""
import datetime
import ipaddress
import os
import socket
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

CERTIFICATE, KEY = "https-certificate.pem", "https-key.pem"
# Apple's browsers refuse a server certificate valid for more than 825 days, even one accepted by hand.
VALID_DAYS = 825


def certificate(data_dir: Path, addresses: list[str],
                now: datetime.datetime | None = None) -> tuple[Path, Path]:
    """The paths of the certificate and its key in `data_dir`, made first if there are none or the
    certificate has expired. It names this machine: its host name, localhost, and `addresses`."""
    now = now or datetime.datetime.now(datetime.timezone.utc)
    cert_path, key_path = data_dir / CERTIFICATE, data_dir / KEY
    if cert_path.exists() and key_path.exists():
        existing = x509.load_pem_x509_certificate(cert_path.read_bytes())
        if existing.not_valid_after_utc > now:
            return cert_path, key_path
    key = ec.generate_private_key(ec.SECP256R1())
    hostname = socket.gethostname()
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"codev-notes on {hostname}"[:64])])
    names = [x509.DNSName(n) for n in dict.fromkeys([hostname, f"{hostname}.local", "localhost"])]
    names += [x509.IPAddress(ipaddress.ip_address(a)) for a in dict.fromkeys(["127.0.0.1", "::1", *addresses])]
    public = key.public_key()
    cert = (x509.CertificateBuilder()
            .subject_name(name).issuer_name(name).public_key(public)
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(minutes=5))  # a clock a little behind still accepts it
            .not_valid_after(now + datetime.timedelta(days=VALID_DAYS))
            .add_extension(x509.SubjectAlternativeName(names), critical=False)
            # Its own authority: a client given this file to trust (as the tests do) can check it.
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, content_commitment=False,
                                         key_encipherment=False, data_encipherment=False, key_agreement=False,
                                         crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(public), critical=False)
            .sign(key, hashes.SHA256()))
    _write_private(key_path, key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                               serialization.NoEncryption()))
    _write_private(cert_path, cert.public_bytes(serialization.Encoding.PEM))
    return cert_path, key_path


def fingerprint(cert_path: Path) -> str:
    """The certificate's SHA-256 fingerprint as browsers show it (AB:CD:...)."""
    cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
    return cert.fingerprint(hashes.SHA256()).hex(":").upper()


def _write_private(path: Path, data: bytes) -> None:
    """Written 0600 from its creation, never readable by others even for a moment."""
    temporary = path.with_suffix(".tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(data)
    os.chmod(temporary, 0o600)  # in case it existed, looser
    os.replace(temporary, path)
