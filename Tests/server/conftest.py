"""The review server under test: a copy of the small campaign beside this file, invited with
`docket invite`, served by the real `docket serve` on a free loopback port.

DOCKET is the built CLI (default .build/debug/docket). Every server a test starts is stopped
when the test ends."""

import csv
import os
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
DOCKET = os.environ.get("DOCKET", str(ROOT / ".build" / "debug" / "docket"))
LEAD_TOKEN = "lead-token-for-tests-0123456789abcdef"


def docket(*args, cwd, check=True):
    run = subprocess.run([DOCKET, *args], cwd=cwd, capture_output=True, text=True, timeout=120)
    if check and run.returncode != 0:
        raise AssertionError(f"docket {' '.join(args)} exited {run.returncode}:\n{run.stdout}\n{run.stderr}")
    return run


class Server:
    """One `docket serve` process over a campaign folder."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.process = None
        self.url = None

    def start(self):
        env = dict(os.environ, DOCKET_LEAD_TOKEN=LEAD_TOKEN)
        self.process = subprocess.Popen(
            [DOCKET, "serve", "campaign/plan.yml", "--port", "0"], cwd=self.folder, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        line = self.process.stdout.readline()
        match = re.search(r"at (http://127\.0\.0\.1:\d+)/", line)
        if not match:
            self.process.kill()
            raise AssertionError(f"docket serve did not start: {line!r} {self.process.stderr.read()}")
        self.url = match.group(1)
        return self

    def kill(self, sig=signal.SIGKILL):
        if self.process and self.process.poll() is None:
            self.process.send_signal(sig)
            self.process.wait(timeout=30)

    def log(self):
        path = self.folder / "campaign" / "approvals.jsonl"
        return path.read_text().splitlines() if path.exists() else []


class Campaign:
    """A scratch copy of the campaign with its invitation links."""

    def __init__(self, tmp: Path, signers=None):
        self.tmp = tmp
        shutil.copytree(ROOT / "Tests" / "server" / "campaign", tmp / "campaign")
        # The library the plan layers over, read in place.
        (tmp / "library").symlink_to(ROOT)
        if signers:
            rows = ["id,organization,city,state,contact_name,contact_email,contact_phone"]
            rows += [f"org-{n},Organization {n},Springfield,IL,Contact {n},contact{n}@org{n}.example.org," for n in range(signers)]
            (tmp / "campaign" / "signatories.csv").write_text("\n".join(rows) + "\n")
        docket("invite", "campaign/plan.yml", "--base-url", "http://127.0.0.1:1", cwd=tmp)
        with open(tmp / "out" / "campaign" / "invitations" / "invitations.csv", newline="") as file:
            # The links name a placeholder host; tests join each link's path to the real port.
            self.links = {row["id"]: "/" + row["link"].split("/", 3)[3] for row in csv.DictReader(file)}
        self.server = Server(tmp)

    def serve(self):
        return self.server.start()


@pytest.fixture
def campaign(tmp_path):
    made = Campaign(tmp_path)
    made.serve()
    yield made
    made.server.kill(signal.SIGTERM)


def csrf_of(page: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', page)
    assert match, "the page carries no CSRF field"
    return match.group(1)


def version_of(page: str) -> str:
    match = re.search(r'name="version" value="(sha256:[0-9a-f]{64})"', page)
    assert match, "the page carries no version"
    return match.group(1)


def open_page(session: requests.Session, url: str):
    response = session.get(url, allow_redirects=False, timeout=30)
    return response, response.text


def wait_for(predicate, seconds=10):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False
