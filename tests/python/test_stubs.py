"""The shipped stubs (_core.pyi) describe the built module: mypy.stubtest
fails on anything missing, extra or of the wrong kind on either side."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import taizhang

from conftest import ROOT


def test_stubtest(tmp_path: Path) -> None:
    pytest.importorskip("mypy")
    # Stubs from the source tree (what the wheel ships), module from the
    # installed package; run elsewhere so ./python does not shadow it.
    env = dict(os.environ, MYPYPATH=str(ROOT / "python"))
    result = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "taizhang._core",
         "--mypy-config-file", str(ROOT / "pyproject.toml")],
        cwd=tmp_path, env=env, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_stubs_are_shipped_with_the_package() -> None:
    package = Path(taizhang.__file__).parent
    assert (package / "py.typed").exists()
    assert (package / "_core.pyi").exists()


def test_package_type_checks(tmp_path: Path) -> None:
    """The pure-Python part passes mypy --strict against the stubs."""
    pytest.importorskip("mypy")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path),
         "--config-file", str(ROOT / "pyproject.toml"), str(ROOT / "python" / "taizhang")],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
