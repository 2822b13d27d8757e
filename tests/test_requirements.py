"""The lock files: every package pinned with hashes, the dev lock a superset of the runtime one, and each top-level
pin of requirements*.in the version that was locked (README, "Installs that are the same everywhere")."""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def locked(filename: str) -> dict[str, tuple[str, frozenset[str]]]:
    """name -> (version, hashes), from a pip-compile --generate-hashes output."""
    text = (ROOT / filename).read_text()
    packages = {}
    for block in re.split(r"\n(?=[A-Za-z0-9])", text):
        if not re.match(r"[A-Za-z0-9]", block):
            continue
        requirement = block.split()[0]
        name, version = requirement.split("==")
        hashes = frozenset(re.findall(r"--hash=sha256:([0-9a-f]{64})", block))
        packages[normal(name)] = (version, hashes)
    return packages


def top_level(filename: str) -> dict[str, str]:
    pins = {}
    for line in (ROOT / filename).read_text().splitlines():
        line = line.split("#")[0].strip()
        if line and not line.startswith("-"):
            name, version = line.split("==")
            pins[normal(re.sub(r"\[.*\]", "", name))] = version
    return pins


def test_every_locked_package_has_a_version_and_hashes():
    for filename in ("requirements.txt", "requirements-dev.txt"):
        packages = locked(filename)
        assert len(packages) > 20, filename
        unhashed = [name for name, (_, hashes) in packages.items() if not hashes]
        assert unhashed == [], f"{filename}: no hashes for {unhashed}"


def test_the_dev_lock_holds_the_runtime_lock_exactly():
    runtime, dev = locked("requirements.txt"), locked("requirements-dev.txt")
    assert {name: dev.get(name) for name in runtime} == runtime


def test_the_top_level_pins_are_what_was_locked():
    for source, lock in (("requirements.in", "requirements.txt"), ("requirements-dev.in", "requirements-dev.txt")):
        packages = locked(lock)
        pins = top_level(source)
        assert "django" in pins or source.endswith("dev.in")
        assert {name: packages.get(name, ("missing",))[0] for name in pins} == pins, source


def test_no_local_paths_or_indexes_in_the_lock_files():
    for filename in ("requirements.txt", "requirements-dev.txt"):
        text = (ROOT / filename).read_text()
        assert "file://" not in text and "--index-url" not in text and "--find-links" not in text, filename
