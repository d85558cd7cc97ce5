"""A PEP 517 build backend for editjudge-client that needs nothing but the standard library.

pip builds a project in an isolated environment and first installs its build requirements; with PyPI out of reach
that fails for setuptools, hatchling or flit. This backend has no requirements (`requires = []` in pyproject.toml),
so `pip install ./python` works offline. It reads the [project] table, copies the package under src/ into a wheel,
and writes the core metadata (METADATA 2.1), WHEEL and RECORD files the wheel format asks for. It supports what this
one project uses: name, version, description, readme, license, requires-python, dependencies and
optional-dependencies; it builds wheels, editable wheels (a .pth file pointing at src/) and sdists.
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import re
import tarfile
import zipfile
from pathlib import Path
from typing import Any

try:
    import tomllib
except ImportError:  # Python < 3.11
    tomllib = None  # type: ignore[assignment]

ROOT = Path(__file__).resolve().parent.parent
TAG = "py3-none-any"


def _config() -> dict[str, Any]:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    return tomllib.loads(text) if tomllib is not None else parse_simple_toml(text)


def parse_simple_toml(text: str) -> dict[str, Any]:
    """The TOML this project's pyproject.toml uses, for Pythons without tomllib: [tables], comments, and
    `key = "string"` or `key = ["string", …]` on one line. Anything else is an error naming the line."""
    config: dict[str, Any] = {}
    table = config
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        header = re.fullmatch(r"\[([A-Za-z0-9_.-]+)\]", line)
        if header:
            table = config
            for part in header.group(1).split("."):
                table = table.setdefault(part, {})
            continue
        pair = re.fullmatch(r'([A-Za-z0-9_-]+)\s*=\s*(".*?"|\[.*\])\s*(#.*)?', line)
        if not pair:
            raise ValueError(f"pyproject.toml:{number}: the fallback reader (Python < 3.11) cannot read {raw!r}")
        value = pair.group(2)
        if value.startswith('"'):
            table[pair.group(1)] = value[1:-1]
        else:
            table[pair.group(1)] = re.findall(r'"(.*?)"', value)
    return config


def _names(config: dict[str, Any]) -> tuple[str, str, str]:
    project = config["project"]
    dist = re.sub(r"[-_.]+", "_", project["name"]).lower()
    return project["name"], project["version"], dist


def _metadata(config: dict[str, Any]) -> str:
    project = config["project"]
    lines = ["Metadata-Version: 2.1", f"Name: {project['name']}", f"Version: {project['version']}"]
    if "description" in project:
        lines.append(f"Summary: {project['description']}")
    if "license" in project:
        lines.append(f"License: {project['license']}")
    if "requires-python" in project:
        lines.append(f"Requires-Python: {project['requires-python']}")
    for requirement in project.get("dependencies", []):
        lines.append(f"Requires-Dist: {requirement}")
    for extra, requirements in project.get("optional-dependencies", {}).items():
        lines.append(f"Provides-Extra: {extra}")
        lines.extend(f'Requires-Dist: {r}; extra == "{extra}"' for r in requirements)
    readme = project.get("readme")
    body = ""
    if readme:
        lines.append("Description-Content-Type: text/markdown")
        body = "\n" + (ROOT / readme).read_text(encoding="utf-8")
    return "\n".join(lines) + "\n" + body


def _wheel_file() -> str:
    return f"Wheel-Version: 1.0\nGenerator: editjudge_build\nRoot-Is-Purelib: true\nTag: {TAG}\n"


def _package_files(config: dict[str, Any]) -> list[tuple[str, Path]]:
    package = config["tool"]["editjudge-build"]["package"]
    base = ROOT / "src"
    files = []
    for path in sorted((base / package).rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix not in (".pyc", ".pyo"):
            files.append((path.relative_to(base).as_posix(), path))
    return files


def _record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode("ascii")
    return f"{name},sha256={digest},{len(data)}"


def _write_wheel(directory: str, entries: list[tuple[str, bytes]], config: dict[str, Any]) -> str:
    _, version, dist = _names(config)
    info = f"{dist}-{version}.dist-info"
    entries = entries + [(f"{info}/METADATA", _metadata(config).encode("utf-8")),
                         (f"{info}/WHEEL", _wheel_file().encode("utf-8"))]
    record = [_record_line(name, data) for name, data in entries] + [f"{info}/RECORD,,"]
    entries.append((f"{info}/RECORD", ("\n".join(record) + "\n").encode("utf-8")))
    filename = f"{dist}-{version}-{TAG}.whl"
    with zipfile.ZipFile(os.path.join(directory, filename), "w", zipfile.ZIP_DEFLATED) as wheel:
        for name, data in entries:
            info_entry = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info_entry.external_attr = 0o644 << 16
            info_entry.compress_type = zipfile.ZIP_DEFLATED
            wheel.writestr(info_entry, data)
    return filename


# ------------------------------------------------------------------------------------------------ PEP 517 hooks


def get_requires_for_build_wheel(config_settings: dict[str, Any] | None = None) -> list[str]:
    return []


def get_requires_for_build_sdist(config_settings: dict[str, Any] | None = None) -> list[str]:
    return []


def get_requires_for_build_editable(config_settings: dict[str, Any] | None = None) -> list[str]:
    return []


def prepare_metadata_for_build_wheel(metadata_directory: str,
                                     config_settings: dict[str, Any] | None = None) -> str:
    config = _config()
    _, version, dist = _names(config)
    info = Path(metadata_directory) / f"{dist}-{version}.dist-info"
    info.mkdir(parents=True, exist_ok=True)
    (info / "METADATA").write_text(_metadata(config), encoding="utf-8")
    (info / "WHEEL").write_text(_wheel_file(), encoding="utf-8")
    return info.name


def build_wheel(wheel_directory: str, config_settings: dict[str, Any] | None = None,
                metadata_directory: str | None = None) -> str:
    config = _config()
    return _write_wheel(wheel_directory, [(name, path.read_bytes()) for name, path in _package_files(config)], config)


def build_editable(wheel_directory: str, config_settings: dict[str, Any] | None = None,
                   metadata_directory: str | None = None) -> str:
    config = _config()
    _, _, dist = _names(config)
    pth = (str(ROOT / "src") + "\n").encode("utf-8")
    return _write_wheel(wheel_directory, [(f"__editable__.{dist}.pth", pth)], config)


def build_sdist(sdist_directory: str, config_settings: dict[str, Any] | None = None) -> str:
    config = _config()
    _, version, dist = _names(config)
    base = f"{dist}-{version}"
    filename = f"{base}.tar.gz"
    paths = [ROOT / "pyproject.toml", ROOT / "README.md", ROOT / "_build" / "editjudge_build.py"]
    paths += [path for _, path in _package_files(config)]
    paths += sorted(p for p in (ROOT / "tests").rglob("*.py") if "__pycache__" not in p.parts)
    with tarfile.open(os.path.join(sdist_directory, filename), "w:gz", format=tarfile.PAX_FORMAT) as sdist:
        for path in paths:
            sdist.add(path, arcname=f"{base}/{path.relative_to(ROOT).as_posix()}", recursive=False)
        pkg_info = _metadata(config).encode("utf-8")
        entry = tarfile.TarInfo(f"{base}/PKG-INFO")
        entry.size = len(pkg_info)
        sdist.addfile(entry, io.BytesIO(pkg_info))
    return filename
