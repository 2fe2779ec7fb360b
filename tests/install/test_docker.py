"""The Dockerfile: two stages with the compiler only in the first, an image that runs
`comitatus check /data/FILE`; built and run where a container engine runs."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import uuid

import pytest

from tests.conftest import ROOT

COMPILERS = ("gcc", "g++", "clang", "build-essential", "libc6-dev", "python3-dev")


def stages() -> list[str]:
    with open(os.path.join(ROOT, "Dockerfile"), encoding="utf-8") as handle:
        lines = [line for line in handle.read().splitlines() if not line.lstrip().startswith("#")]
    text = "\n".join(lines)
    return re.split(r"^FROM\s", text, flags=re.M)[1:]


def test_the_compiler_is_only_in_the_build_stage():
    build, runtime = stages()
    assert " AS build" in build.splitlines()[0]
    assert "gcc" in build and "tools/build_durable.py" in build
    assert not any(word in runtime for word in COMPILERS), runtime
    assert "--no-index" in runtime and "COPY --from=build" in runtime
    assert 'ENTRYPOINT ["comitatus"]' in runtime and "WORKDIR /data" in runtime


def test_the_build_context_leaves_local_state_out():
    with open(os.path.join(ROOT, ".dockerignore"), encoding="utf-8") as handle:
        ignored = set(handle.read().split())
    assert {".git", ".venv", "wheels", "build", "dist"} <= ignored


def container_engine() -> str:
    """The path of a docker or podman that answers `info`, else skip saying why not."""
    reasons = []
    for tool in ("docker", "podman"):
        path = shutil.which(tool)
        if not path:
            reasons.append(f"{tool} is not installed")
            continue
        try:
            done = subprocess.run([path, "info"], capture_output=True, text=True, timeout=60)
        except (OSError, subprocess.TimeoutExpired) as exc:
            reasons.append(f"`{tool} info` failed: {exc}")
            continue
        if done.returncode == 0:
            return path
        said = (done.stderr.strip().splitlines() or ["no message"])[-1]
        reasons.append(f"{tool} is installed but no engine answers `{tool} info` ({said})")
    pytest.skip("no container engine runs here, the image is not built: " + "; ".join(reasons))


def test_the_image_checks_a_mounted_scenario():
    engine = container_engine()
    tag = f"comitatus-test-{uuid.uuid4().hex[:12]}"
    built = subprocess.run([engine, "build", "-t", tag, ROOT], capture_output=True, text=True,
                           timeout=1800)
    assert built.returncode == 0, built.stdout[-4000:] + built.stderr[-4000:]
    try:
        ran = subprocess.run([engine, "run", "--rm", "-v", f"{os.path.join(ROOT, 'scenarios')}:/data:ro",
                              tag, "check", "/data/jtf-north-2025.yaml"],
                             capture_output=True, text=True, timeout=300)
        assert ran.returncode == 1, ran.stderr        # two tasks are unlawful: exit 1
        assert "12 tasks: 7 permitted, 2 prohibited, 3 conditional" in ran.stdout
        no_compiler = subprocess.run([engine, "run", "--rm", "--entrypoint", "sh", tag, "-c",
                                      "command -v gcc cc || echo none"],
                                     capture_output=True, text=True, timeout=300)
        assert no_compiler.stdout.strip() == "none"
    finally:
        subprocess.run([engine, "rmi", "-f", tag], capture_output=True, timeout=300)
