"""A real audio path for the tests: a user PulseAudio daemon of the test run's own, with a null
sink `codev_test`. Speech played into the sink (paplay) is recorded from its monitor source
`codev_test.monitor` through sounddevice, PortAudio, ALSA's pulse plugin and libpulse, as a
microphone would be.

Debian packages: pulseaudio, pulseaudio-utils, libasound2-plugins, libportaudio2.
Use with `pytest_plugins = ["audio_stack"]` in conftest.py."""
import os
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

SINK = "codev_test"
_TOOLS = ("pulseaudio", "pactl", "paplay", "parec")


@dataclass
class AudioStack:
    folder: Path
    env: dict = field(default_factory=dict)  # what a client of this daemon needs in its environment
    sink: str = SINK
    _daemon: subprocess.Popen | None = None
    _awake: subprocess.Popen | None = None
    _module: str = ""
    _players: list = field(default_factory=list)

    @property
    def monitor(self) -> str:
        return f"{self.sink}.monitor"

    def pactl(self, *args: str) -> str:
        return subprocess.run(["pactl", *args], env=self._client_env(), capture_output=True, text=True,
                              timeout=10, check=True).stdout.strip()

    def play(self, wav: Path, wait: bool = True) -> subprocess.Popen:
        """Play `wav` into the sink, in real time; with wait False, return while it plays."""
        player = subprocess.Popen(["paplay", f"--device={self.sink}", str(wav)], env=self._client_env())
        self._players.append(player)
        if wait:
            assert player.wait(timeout=60) == 0, f"paplay failed on {wav}"
        return player

    def unplug(self):
        """Remove the sink, and so its monitor, as if the device were pulled out. No other source
        exists, so PulseAudio cannot move the recording streams elsewhere: it ends them."""
        self.pactl("unload-module", self._module)
        self._awake.wait(timeout=10)

    def plug(self):
        self._module = self.pactl("load-module", "module-null-sink", f"sink_name={self.sink}")
        # A null sink renders in 2-second blocks while no stream asks for less, so a recording
        # opened on its monitor would wait up to 2 s for its first block, unlike a sound card.
        # A low-latency reader keeps it running as a sound card runs, once its first block came.
        awake = self.folder / "awake.raw"
        awake.unlink(missing_ok=True)
        with awake.open("wb") as out:  # 8 kB/s
            self._awake = subprocess.Popen(
                ["parec", f"--device={self.monitor}", "--latency-msec=20", "--raw", "--format=u8",
                 "--rate=8000", "--channels=1"], env=self._client_env(), stdout=out)
        deadline = time.monotonic() + 10
        while not awake.stat().st_size:
            if time.monotonic() > deadline:
                pytest.fail(f"The null sink {self.sink} gives no audio to parec.", pytrace=False)
            time.sleep(0.05)

    def start(self):
        missing = [t for t in _TOOLS if not shutil.which(t)]
        if missing:
            pytest.fail(f"{', '.join(missing)} missing: install the Debian packages pulseaudio and "
                        "pulseaudio-utils (`make test` does)", pytrace=False)
        home, runtime = self.folder / "home", self.folder / "run"
        for folder in (home, runtime):
            folder.mkdir(mode=0o700)
        socket = runtime / "native"
        (self.folder / "client.conf").write_text(
            f"autospawn = no\ndefault-server = unix:{socket}\ncookie-file = {self.folder / 'cookie'}\n")
        self.env = {"PULSE_SERVER": f"unix:{socket}", "PULSE_CLIENTCONFIG": str(self.folder / "client.conf")}
        # Everything the daemon keeps lives in the temporary folder, whoever runs the tests (root too).
        daemon_env = {**os.environ, **self.env, "HOME": str(home), "XDG_RUNTIME_DIR": str(runtime),
                      "XDG_CONFIG_HOME": str(home / ".config"), "PULSE_RUNTIME_PATH": str(runtime / "pulse"),
                      "PULSE_STATE_PATH": str(home / "state")}
        log = (self.folder / "pulseaudio.log").open("w")
        self._daemon = subprocess.Popen(
            ["pulseaudio", "-n", "--daemonize=no", "--exit-idle-time=-1", "--disallow-exit",
             "--use-pid-file=no", "--disable-shm=yes", "--realtime=no", "--high-priority=no",
             "--log-target=stderr", f"--load=module-native-protocol-unix socket={socket} auth-anonymous=1"],
            env=daemon_env, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 15
        while True:
            try:
                self.pactl("info")
                break
            except (subprocess.CalledProcessError, subprocess.TimeoutExpired):
                if self._daemon.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    pytest.fail("PulseAudio did not start for the audio tests:\n"
                                + (self.folder / "pulseaudio.log").read_text()[-3000:], pytrace=False)
                time.sleep(0.1)
        self.plug()

    def stop(self):
        for process in [*self._players, self._awake, self._daemon]:
            if process and process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()

    def _client_env(self) -> dict:
        return {**os.environ, **self.env}


@pytest.fixture(scope="session")
def audio_stack(tmp_path_factory):
    """The running PulseAudio, its null sink, and this process's environment pointed at it."""
    stack = AudioStack(tmp_path_factory.mktemp("pulse"), {})
    stack.start()
    before = {name: os.environ.get(name) for name in stack.env}
    os.environ.update(stack.env)
    yield stack
    for name, value in before.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    stack.stop()
