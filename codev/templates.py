"""Session templates: which steps, in which order, for how long. They are data files (TOML)."""
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from codev.errors import NotFound

DEFAULT_TEMPLATE = "standard"


@dataclass(frozen=True)
class StepDefinition:
    id: str
    label: dict[str, str]
    objective: dict[str, str]
    speakers: dict[str, str]
    rules: dict[str, str]
    timebox: int  # minutes


@dataclass(frozen=True)
class Template:
    id: str
    label: dict[str, str]
    steps: tuple[StepDefinition, ...]


def _load(name: str) -> dict:
    return tomllib.loads(resources.files("codev.step_templates").joinpath(name).read_text("utf-8"))


@cache
def step_definitions() -> dict[str, StepDefinition]:
    return {key: StepDefinition(id=key, **value) for key, value in _load("steps.toml").items()}


def step_definition(step_id: str) -> StepDefinition:
    try:
        return step_definitions()[step_id]
    except KeyError:
        raise NotFound(f"Unknown step '{step_id}'. Known steps: {', '.join(step_definitions())}.") from None


def template_ids() -> list[str]:
    return sorted(p.name.removesuffix(".toml") for p in resources.files("codev.step_templates").iterdir()
                  if p.name.endswith(".toml") and p.name != "steps.toml")


@cache
def template(template_id: str) -> Template:
    if template_id not in template_ids():
        raise NotFound(f"Unknown template '{template_id}'. Known templates: {', '.join(template_ids())}.")
    data = _load(f"{template_id}.toml")
    timeboxes = data.get("timebox", {})
    steps = []
    for step_id in data["steps"]:
        step = step_definition(step_id)
        if step_id in timeboxes:
            step = StepDefinition(**{**step.__dict__, "timebox": timeboxes[step_id]})
        steps.append(step)
    return Template(id=template_id, label=data["label"], steps=tuple(steps))
