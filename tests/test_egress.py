"""Nothing leaves the machine, proved below Python. The real commands run under strace, which
sees every connect, sendto, sendmsg and sendmmsg of a process, its threads and its children,
native libraries included (pytest-socket only sees Python's own sockets). Any attempt to reach
an address that is not loopback, or a DNS query even to a resolver on this machine, fails."""
import datetime
import ipaddress
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

from codev.sessions import create_session

CODEV = (sys.executable, "-m", "codev")
SPOKEN = "I will send the budget to my manager before Friday."
DEVICE = "codev_test.monitor"
# A library that phones home may do it from a background timer rather than at once: onnxruntime
# 1.29 to 1.32 looked up its telemetry server about 8 s after its first inference session. The
# server is kept that long after its transcription (the other commands run meanwhile).
SETTLE = 15

ADDRESS = re.compile(r"\{sa_family=(AF_\w+)(.*?)\}")  # a socket address as strace prints it
PORT = re.compile(r"sin6?_port=htons\((\d+)\)")
IP = re.compile(r'inet_addr\("([^"]+)"\)|inet_pton\(AF_INET6, "([^"]+)"')
# Sockets that reach nothing beyond this machine: local (unix) sockets, the kernel (netlink, which
# glibc asks for the interfaces' addresses), and AF_UNSPEC (which dissolves a UDP association).
# A name asked of a caching daemon (nscd) would go through a unix socket, but Debian runs none by
# default, and glibc then asks the DNS server itself, on port 53, which is seen here.
LOCAL_FAMILIES = {"AF_UNIX", "AF_NETLINK", "AF_UNSPEC"}


def beyond_this_machine(family: str, fields: str) -> bool:
    if family in LOCAL_FAMILIES:
        return False
    ip, port = IP.search(fields), PORT.search(fields)
    if family not in ("AF_INET", "AF_INET6") or not (ip and port):
        return True  # any other way out (raw packets, Bluetooth, ...), or an address not understood
    address = ipaddress.ip_address(ip[1] or ip[2])
    address = getattr(address, "ipv4_mapped", None) or address
    return not address.is_loopback or int(port[1]) == 53  # DNS, even to a resolver on 127.0.0.53


def attempts_beyond(log: Path) -> list[str]:
    """The lines of an strace log where a process tried to reach beyond this machine."""
    return [line for line in log.read_text().splitlines()
            if any(beyond_this_machine(*found) for found in ADDRESS.findall(line))]


class Watch:
    """Runs commands under strace, a log each, and tells which of them tried to leave."""

    def __init__(self, folder: Path):
        assert shutil.which("strace"), "strace is missing: `make test` installs it"
        self.folder = folder
        self.logs: dict[str, Path] = {}

    def start(self, name: str, *command) -> subprocess.Popen:
        self.logs[name] = self.folder / f"{name}.strace"
        # --seccomp-bpf stops the process only at the traced calls, so it runs at full speed.
        with (self.folder / f"{name}.out").open("w") as out:
            return subprocess.Popen(
                ["strace", "-f", "-qq", "--seccomp-bpf", "-e", "trace=connect,sendto,sendmsg,sendmmsg",
                 "-e", "signal=none", "-o", str(self.logs[name]), *map(str, command)],
                stdout=out, stderr=subprocess.STDOUT, env=os.environ.copy())

    def run(self, name: str, *command) -> str:
        assert self.start(name, *command).wait(timeout=120) == 0, self.output(name)
        return self.output(name)

    def output(self, name: str) -> str:
        return (self.folder / f"{name}.out").read_text()

    @staticmethod
    def terminate(process: subprocess.Popen) -> None:
        """SIGTERM to the command itself: strace does not pass it on, it waits for the command."""
        command = int(Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()[0])
        os.kill(command, signal.SIGTERM)
        process.wait(timeout=30)

    def attempts(self) -> dict[str, list[str]]:
        return {name: lines for name, log in self.logs.items() if (lines := attempts_beyond(log))}


def wait_for(condition, what: str, timeout: float = 90.0):
    deadline = time.monotonic() + timeout
    while not (found := condition()):
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.2)
    return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# A UDP connect sends no packet, so these attempts are seen by strace while nothing leaves.
PROBE = """
import socket, sys
closed = int(sys.argv[1])
for family, kind, address in [
        (socket.AF_INET, socket.SOCK_DGRAM, ("192.0.2.1", 53)),       # a resolver elsewhere
        (socket.AF_INET6, socket.SOCK_DGRAM, ("2001:db8::1", 443)),   # a server elsewhere
        (socket.AF_INET, socket.SOCK_DGRAM, ("127.0.0.53", 53)),      # a resolver on this machine
        (socket.AF_INET, socket.SOCK_STREAM, ("127.0.0.1", closed)),  # this machine
        (socket.AF_INET6, socket.SOCK_DGRAM, ("::1", closed)),
        (socket.AF_UNIX, socket.SOCK_STREAM, "/nonexistent/socket")]:
    with socket.socket(family, kind) as s:
        try:
            s.connect(address)
        except OSError:
            pass
"""


def test_the_watch_sees_native_attempts_and_lets_this_machine_be(tmp_path):
    watch = Watch(tmp_path)
    watch.run("probe", sys.executable, "-c", PROBE, free_port())
    seen = " ".join(watch.attempts().get("probe", []))
    assert all(address in seen for address in ('"192.0.2.1"', '"2001:db8::1"', '"127.0.0.53"'))
    assert '"127.0.0.1"' not in seen and '"::1"' not in seen and "nonexistent" not in seen


def test_transcribing_reaches_nothing_beyond_this_machine(db, home, speak, audio_stack, tmp_path, codev):
    """import, transcribe, record, and serve with an upload and its transcription."""
    session = create_session(db, title="Confidential", date=datetime.date(2026, 10, 7), lang="en")
    speech = speak(SPOKEN)
    watch = Watch(tmp_path)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = watch.start("serve", *CODEV, "serve", "--port", port)
    try:
        browser = requests.Session()
        browser.trust_env = False  # straight to this machine, whatever proxy the environment names

        def console():
            assert server.poll() is None, watch.output("serve")
            try:
                return browser.get(f"{base}/sessions/{session.id}/console", timeout=10).text
            except requests.ConnectionError:
                return None  # not listening yet

        token = re.search(r'<meta name="csrf-token" content="([^"]+)"', wait_for(console, "the server")).group(1)
        uploaded = browser.post(f"{base}/sessions/{session.id}/steps/synthesis/upload", data={"csrf_token": token},
                                files={"audio": ("synthesis.wav", speech.read_bytes())}, allow_redirects=False)
        assert uploaded.status_code == 302, uploaded.text
        status = f"{base}/sessions/{session.id}/console/status?step=synthesis"

        def transcribed_take():
            take = browser.get(status, timeout=10).json()["step"]["takes"][0]
            return take if take["state"] in ("done", "failed") else None

        assert wait_for(transcribed_take, "the upload's transcription")["state"] == "done"
        transcribed = time.monotonic()

        watch.run("import", *CODEV, "import", session.id, "presentation", speech)
        assert "budget" in watch.run("transcribe", *CODEV, "transcribe", speech, "--lang", "en").lower()
        stored = set((home / "sessions").rglob("*"))
        recording = watch.start("record", *CODEV, "record", session.id, "learnings", "--consent", "--device", DEVICE)
        wait_for(lambda: set((home / "sessions").rglob("*.wav")) - stored, "the recording's file")
        audio_stack.play(speech)
        watch.terminate(recording)
        assert recording.returncode == 0, watch.output("record")

        time.sleep(max(0.0, SETTLE - (time.monotonic() - transcribed)))
    finally:
        if server.poll() is None:
            watch.terminate(server)

    steps = json.loads(codev("export", session.id, "--format", "json").stdout)["steps"]
    transcripts = {step["id"]: step["transcript"].lower() for step in steps}
    assert all("budget" in transcripts[key] for key in ("synthesis", "presentation", "learnings")), transcripts
    attempts = watch.attempts()
    assert not attempts, "Tried to reach beyond this machine:\n" + "\n".join(
        f"{name}: {line}" for name, lines in attempts.items() for line in lines[:5])
