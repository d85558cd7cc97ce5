"""The standard-library build backend: a wheel pip can install offline, with the metadata pyproject.toml declares."""

from __future__ import annotations

import base64
import hashlib
import sys
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "_build"))

import editjudge_build  # noqa: E402


def test_fallback_toml_reader_reads_pyproject_like_tomllib():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert editjudge_build.parse_simple_toml(text) == tomllib.loads(text)


def test_wheel_holds_the_package_typed_with_its_dependencies(tmp_path):
    name = editjudge_build.build_wheel(str(tmp_path))
    assert name == "editjudge_client-0.1.0-py3-none-any.whl"
    with zipfile.ZipFile(tmp_path / name) as wheel:
        names = set(wheel.namelist())
        assert {"editjudge_client/__init__.py", "editjudge_client/py.typed", "editjudge_client/trl.py"} <= names
        assert not any("__pycache__" in n for n in names)
        metadata = wheel.read("editjudge_client-0.1.0.dist-info/METADATA").decode()
        assert "Requires-Dist: requests>=2.25\n" in metadata
        assert 'Requires-Dist: aiohttp>=3.8; extra == "aiohttp"' in metadata
        assert "Provides-Extra: httpx" in metadata
        record = wheel.read("editjudge_client-0.1.0.dist-info/RECORD").decode().splitlines()
        for line in record:
            path, digest, size = line.rsplit(",", 2)
            if not digest:
                continue
            data = wheel.read(path)
            expected = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            assert digest == f"sha256={expected}" and int(size) == len(data)


def test_no_build_requirements():
    assert editjudge_build.get_requires_for_build_wheel() == []
    assert tomllib.loads((ROOT / "pyproject.toml").read_text())["build-system"]["requires"] == []
