"""pyproject.toml is the one list of dependencies; requirements.txt, the lock and environment.yml (for conda
users) repeat its pins exactly, and the environment in use has them installed."""

from __future__ import annotations

import re
import tomllib
from importlib.metadata import version
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)\s*={1,2}\s*([A-Za-z0-9_.\-]+)$")
PORT = "to add a dependency, pin it in pyproject.toml, then repeat the pin in requirements.txt, requirements-lock.txt and environment.yml"


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins_of(lines: list[str], source: str) -> dict[str, str]:
    pins = {}
    for line in lines:
        line = line.split("#")[0].strip()
        if line:
            match = PIN.match(line)
            assert match, f"{source}: not an exact pin: {line!r}"
            pins[normalise(match[1])] = match[2]
    return pins


def pins_from_pyproject() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lines = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        lines += extra
    return pins_of(lines, "pyproject.toml")


def pins_from_requirements() -> dict[str, str]:
    return pins_of((ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines(), "requirements.txt")


def pins_from_environment() -> tuple[dict[str, str], list[str]]:
    spec = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pins, others = {}, []
    for entry in spec["dependencies"]:
        items = entry["pip"] if isinstance(entry, dict) else [entry]
        for item in items:
            match = PIN.match(item)
            if match and normalise(match[1]) != "python":
                pins[normalise(match[1])] = match[2]
            else:
                others.append(item)
    return pins, others


def differences(source: dict[str, str], copy: dict[str, str]) -> list[str]:
    return sorted(
        f"{name}: {source.get(name, 'not in pyproject.toml')} != {copy.get(name, 'missing')}"
        for name in source.keys() | copy.keys()
        if source.get(name) != copy.get(name)
    )


def test_requirements_repeat_the_pins_of_pyproject():
    assert differences(pins_from_pyproject(), pins_from_requirements()) == [], f"requirements.txt; {PORT}"


def test_environment_yml_repeats_the_pins_of_pyproject():
    env_pins, others = pins_from_environment()
    assert differences(pins_from_pyproject(), env_pins) == [], f"environment.yml; {PORT}"
    assert sorted(others) == ["-e .[notebooks,dev,ocr]", "pip", "python=3.11"]


def test_every_pin_is_in_the_lock():
    lock = {}
    for line in (ROOT / "requirements-lock.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, pinned = line.split("==")
            lock[normalise(name)] = pinned
    wrong = {name: (pinned, lock.get(name)) for name, pinned in pins_from_pyproject().items() if lock.get(name) != pinned}
    assert wrong == {}, f"requirements-lock.txt; {PORT}"


def test_the_environment_has_the_pins():
    installed = {name: version(name) for name in pins_from_pyproject()}
    assert installed == pins_from_pyproject()
