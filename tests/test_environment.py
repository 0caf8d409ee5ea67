"""environment.yml (for conda users) names the same packages and versions as the pip pins."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)\s*={1,2}\s*([A-Za-z0-9_.\-]+)$")


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins_from_requirements() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line:
            match = PIN.match(line)
            assert match, f"requirements.txt: not an exact pin: {line!r}"
            pins[normalise(match[1])] = match[2]
    return pins


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


def test_environment_yml_matches_requirements():
    env_pins, others = pins_from_environment()
    assert env_pins == pins_from_requirements()
    assert sorted(others) == ["-e .", "pip", "python=3.11"]


def test_every_requirement_is_in_the_lock():
    lock = {}
    for line in (ROOT / "requirements-lock.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, version = line.split("==")
            lock[normalise(name)] = version
    for name, version in pins_from_requirements().items():
        assert lock.get(name) == version, name
