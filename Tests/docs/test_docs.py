"""The documentation cannot drift from the code: every `sh` block of the README and the guides
runs, in order, one bash session per document, from the repository's root, with `set -euo
pipefail`; the commands that need Regulations.gov or the Federal Register reach a loopback
stand-in (`Tests/api/mock_api.py`, checked against GSA's spec) through REGULATIONS_GOV_URL and
FEDERAL_REGISTER_URL. A block marked `<!-- doc-test: ci-runs-this -->` is a command `.ci/run`
runs as one of its own steps (the test suite itself), and must appear there word for word.

Every repository path a document names exists; every relative link resolves; and the generated
references are what the code generates now."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
KEY = "test-key-0123456789abcdef0123456789abcdef"
GUIDES = ["README.md", *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "docs").glob("*.md"))]
BLOCK = re.compile(r"(<!-- doc-test: ci-runs-this -->\n)?^```sh\n(.*?)^```$", re.M | re.S)


def blocks(document):
    text = (ROOT / document).read_text()
    for match in BLOCK.finditer(text):
        line = text[: match.start(2)].count("\n") + 1
        yield line, match.group(2), bool(match.group(1))


@pytest.fixture
def stand_in(tmp_path):
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "Tests/api/mock_api.py"), str(ROOT / "Tests/submission/regulations-gov-openapi.yaml"), str(ROOT / "Tests/docs/scenario.json")],
        stdout=subprocess.PIPE, text=True)
    port = int(re.search(r"listening on (\d+)", process.stdout.readline()).group(1))
    yield f"http://127.0.0.1:{port}"
    process.kill()
    process.wait()


def modified():
    listed = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return set(listed.splitlines())


@pytest.mark.parametrize("document", [g for g in GUIDES if any(True for _ in blocks(g))])
def test_every_shell_block_runs(document, stand_in, tmp_path):
    script = ["set -euo pipefail"]
    for line, body, ci_runs_it in blocks(document):
        if ci_runs_it:
            ci = (ROOT / ".ci/run").read_text().splitlines()
            for command in body.strip().splitlines():
                assert command in ci, f"{document}:{line}: '{command}' is marked as run by .ci/run but is not there"
            continue
        script.append(f"echo '>>> {document}:{line}' >&2")
        script.append(body)
    env = dict(os.environ, REGULATIONS_GOV_URL=stand_in + "/v4", FEDERAL_REGISTER_URL=stand_in + "/api/v1", REGULATIONS_GOV_API_KEY=KEY, NO_COLOR="1")
    before_modified = modified()
    (tmp_path / "script.sh").write_text("\n".join(script) + "\n")
    run = subprocess.run(["bash", str(tmp_path / "script.sh")], cwd=ROOT, env=env, capture_output=True, text=True, timeout=1200)
    where = [line for line in run.stderr.splitlines() if line.startswith(">>> ")]
    assert run.returncode == 0, f"the block at {where[-1][4:] if where else document} failed (exit {run.returncode}):\n{run.stdout[-3000:]}\n{run.stderr[-3000:]}"
    # The documents' commands write into out/ or into folders they make; they never change a
    # tracked file.
    assert modified() == before_modified, f"{document} changed tracked files: {sorted(modified() - before_modified)}"


PATH_LIKE = re.compile(r"`((?:Sources|Tests|Tools|Examples|Recommendations|Templates|Benchmarks|docs|\.ci)/[^`\s*<>…{}]*)`")
LINK = re.compile(r"\]\((?!https?:|mailto:|#)([^)\s#]+)(#[^)]*)?\)")


@pytest.mark.parametrize("document", GUIDES + ["docs/reference/cli.md", "docs/reference/formats.md", "docs/diagnostics.md"])
def test_every_named_path_exists(document):
    text = (ROOT / document).read_text()
    missing = []
    for match in PATH_LIKE.finditer(text):
        path = match.group(1).rstrip(".,;:")
        # A command's output folder, named before it is written.
        if "/out/" in path or path.endswith("/out"):
            continue
        if not (ROOT / path).exists():
            missing.append(path)
    for match in LINK.finditer(text):
        target = (ROOT / document).parent / match.group(1)
        if not target.exists():
            missing.append(match.group(1))
    assert not missing, f"{document} names paths that do not exist: {missing}"


@pytest.mark.parametrize("reference, generator", [
    ("docs/reference/cli.md", ["Tools/generate-cli-reference"]),
    ("docs/reference/formats.md", ["Tools/generate-format-reference"]),
])
def test_the_generated_references_are_what_the_code_generates(reference, generator):
    generated = subprocess.run(generator, cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert generated == (ROOT / reference).read_text(), f"{reference} differs from the code: run '{' '.join(generator)} > {reference}'"


def test_the_readme_is_short_and_opens_with_the_two_commands():
    text = (ROOT / "README.md").read_text()
    assert len(text.splitlines()) <= 200, "the README is longer than 200 lines: move detail into a guide"
    first, second = [body.strip() for _, body, _ in list(blocks("README.md"))[:2]]
    assert first.endswith("swift run docket compose Examples/omb-2023-0020/plan.yml"), first
    assert second == "Tests/run", second
