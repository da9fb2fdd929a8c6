"""`docket submit` against the loopback stand-in: the documented flow, limits, a failed upload,
and runs that die between upload and comment or while the comment is sent."""

import json
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
import requests

from test_fetch import DOCKET, KEY, ROOT, api  # noqa: F401  (the fixture)


@pytest.fixture
def filing(api):  # noqa: F811
    """A copy of the individual comment plan, packaged with its DOCX."""
    tmp = api["tmp"]
    (tmp / "Examples").symlink_to(ROOT / "Examples")
    for name in ["Recommendations", "Templates"]:
        shutil.copytree(ROOT / name, tmp / name)
    shutil.copytree(ROOT / "Tests" / "submission" / "individual", tmp / "Tests" / "submission" / "individual")
    run = subprocess.run([DOCKET, "package", "Tests/submission/individual/plan.yml", "--allow-late", "--attach", "docx"], cwd=tmp, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return api


def submit(api, *args, key=KEY, wait=True, late=True):
    env = dict(os.environ, REGULATIONS_GOV_API_KEY=key)
    # The example docket closed in 2023: filing on it is late.
    command = [DOCKET, "submit", "Tests/submission/individual/plan.yml", "--regulations-gov-url", api["url"] + "/v4", *args] + (["--allow-late"] if late else [])
    if not wait:
        return subprocess.Popen(command, cwd=api["tmp"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    return subprocess.run(command, cwd=api["tmp"], capture_output=True, text=True, env=env, timeout=120)


def log(api):
    return requests.get(api["url"] + "/_log", timeout=10).json()


def scenario(api, **changes):
    data = json.loads(api["scenario"].read_text())
    data.update(changes)
    api["scenario"].write_text(json.dumps(data))


def receipts(api):
    path = api["tmp"] / "Tests" / "submission" / "individual" / "submissions.jsonl"
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def test_a_dry_run_prints_every_request_with_the_key_masked_and_sends_nothing(filing):
    run = submit(filing, "--dry-run")
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0].startswith(f"POST {filing['url']}/v4/submission-keys")
    assert any("file-upload-urls" in line and ".docx" in line for line in lines)
    assert any(line.startswith("PUT ") for line in lines)
    assert any(line.startswith(f"POST {filing['url']}/v4/comments") for line in lines)
    assert KEY not in run.stdout + run.stderr and "X-Api-Key: ****" in run.stdout
    assert log(filing) == {"keys": 0, "uploads": {}, "comments": [], "requests": 0, "lists": [], "details": {}, "files": {}}


def test_the_documented_flow_files_once_and_records_the_tracking_number(filing):
    run = submit(filing, "--yes")
    assert run.returncode == 0, run.stderr
    assert "tracking number lz1-abcd-1234" in run.stdout
    docx = next((filing["tmp"] / "out" / "individual" / "submission").glob("*.docx"))
    import hashlib

    assert list(log(filing)["uploads"].values()) == [hashlib.sha256(docx.read_bytes()).hexdigest()]
    assert [r["trackingNumber"] for r in receipts(filing)] == ["lz1-abcd-1234"]
    assert requests.get(filing["url"] + "/_violations", timeout=10).json() == []
    again = submit(filing, "--yes")
    assert again.returncode == 1 and "was filed at" in again.stderr and "--again" in again.stderr
    assert len(log(filing)["comments"]) == 1
    assert submit(filing, "--yes", "--again").returncode == 0
    assert len(log(filing)["comments"]) == 2


def test_a_package_changed_after_packaging_is_refused(filing):
    docx = next((filing["tmp"] / "out" / "individual" / "submission").glob("*.docx"))
    docx.write_bytes(docx.read_bytes() + b"\0")
    run = submit(filing, "--yes")
    assert run.returncode == 1 and "changed after it was packaged" in run.stderr and "nothing was sent" in run.stderr
    assert log(filing)["keys"] == 0


def test_a_429_waits_and_a_failed_upload_files_nothing_until_run_again(filing):
    scenario(filing, rate_limit_once=True, fail_upload=True)
    failed = submit(filing, "--yes")
    assert "asked to slow down (429); waiting 1 s" in failed.stderr
    assert failed.returncode == 1 and "not filed: the upload was refused (500)" in failed.stderr
    assert log(filing)["comments"] == [] and receipts(filing) == []
    scenario(filing, fail_upload=False)
    run = submit(filing, "--yes")
    assert run.returncode == 0, run.stderr
    comments = log(filing)["comments"]
    assert len(comments) == 1 and comments[0]["key"] == "KEY-2"


def test_a_run_killed_while_uploading_is_started_again(filing):
    scenario(filing, hang_on="upload")
    process = submit(filing, "--yes", wait=False)
    time.sleep(3)
    process.send_signal(signal.SIGKILL)
    process.wait()
    scenario(filing, hang_on=None)
    run = submit(filing, "--yes")
    assert run.returncode == 0, run.stderr
    assert len(log(filing)["comments"]) == 1 and len(receipts(filing)) == 1


def test_a_run_killed_while_the_comment_was_sent_is_not_sent_again_unasked(filing):
    scenario(filing, hang_on="comments")
    process = submit(filing, "--yes", wait=False)
    time.sleep(3)
    process.send_signal(signal.SIGKILL)
    process.wait()
    scenario(filing, hang_on=None)
    run = submit(filing, "--yes")
    assert run.returncode == 1 and "stopped before its answer was recorded" in run.stderr
    assert submit(filing, "--yes", "--again").returncode == 0


def test_a_closed_period_is_refused_unless_late_filing_is_asked_for(filing):
    run = submit(filing, "--yes", late=False)
    assert run.returncode == 1 and "the comment period closed December 5, 2023" in run.stderr and "--allow-late" in run.stderr
    assert log(filing)["keys"] == 0
