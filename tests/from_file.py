"""A script that is not a package (a benchmark, ../shared/eval/score.py), loaded as a module."""
import importlib.util
from pathlib import Path


def module_from_file(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
