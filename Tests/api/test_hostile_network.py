"""`docket fetch` against a server that misbehaves on purpose (hostile_api.py): each case ends
in one sentence and exit 1 within its deadline, writes nothing, and never sends the key to a
host the user did not name."""

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
DOCKET = os.environ.get("DOCKET", str(ROOT / ".build" / "debug" / "docket"))
KEY = "test-key-0123456789abcdef0123456789abcdef"


def hostile(mode):
    process = subprocess.Popen([sys.executable, str(Path(__file__).with_name("hostile_api.py")), mode], stdout=subprocess.PIPE, text=True)
    match = re.search(r"listening on (\d+) elsewhere (\d+)", process.stdout.readline())
    return process, int(match.group(1)), int(match.group(2))


@pytest.fixture
def server(request):
    process, port, elsewhere = hostile(request.param)
    yield {"url": f"http://127.0.0.1:{port}", "elsewhere": f"http://127.0.0.1:{elsewhere}"}
    process.kill()
    process.wait()


def fetch(server, tmp_path, *args):
    env = dict(os.environ, REGULATIONS_GOV_API_KEY=KEY)
    started = time.monotonic()
    run = subprocess.run(
        [DOCKET, "fetch", "EPA-HQ-OAR-2026-0001", "--into", str(tmp_path), "--regulations-gov-url", server["url"] + "/v4",
         "--federal-register-url", server["url"] + "/api/v1", *args],
        capture_output=True, text=True, env=env, timeout=120)
    return run, time.monotonic() - started


def one_sentence(text):
    lines = [line for line in text.strip().splitlines() if line.strip()]
    assert all(len(line) < 300 for line in lines), text
    assert "NSError" not in text and "ClientError" not in text and "underlyingError" not in text, text
    assert KEY not in text


def refused(run, tmp_path, saying):
    """The fetch stopped: exit 1, one sentence that says `saying`, and no docket.yml written."""
    assert run.returncode == 1
    assert saying in run.stderr, run.stderr
    one_sentence(run.stderr)
    assert not (tmp_path / "docket.yml").exists()


# "trickle" trickles Regulations.gov's answer; "trickle-notice" answers it and trickles the
# Federal Register's, which is held to the same --timeout.
@pytest.mark.parametrize("server", ["trickle", "trickle-notice"], indirect=True)
def test_an_answer_that_never_ends_stops_at_the_deadline(server, tmp_path):
    run, elapsed = fetch(server, tmp_path, "--timeout", "3")
    assert elapsed < 20, elapsed
    refused(run, tmp_path, "127.0.0.1 did not answer within 3 s")


@pytest.mark.parametrize("server", ["redirect"], indirect=True)
def test_a_redirect_to_another_origin_is_not_followed_and_the_key_goes_nowhere_else(server, tmp_path):
    run, _ = fetch(server, tmp_path)
    refused(run, tmp_path, "redirected the request to another host")
    seen = requests.get(server["elsewhere"] + "/_seen", timeout=10).json()
    assert all("X-Api-Key" not in request["headers"] and KEY not in str(request["headers"]) for request in seen), seen
    assert seen == []


@pytest.mark.parametrize("server", ["retry-after:-5", "retry-after:nan", "retry-after:99999999999999999999"], indirect=True)
def test_a_malformed_retry_after_is_as_if_absent(server, tmp_path):
    run, elapsed = fetch(server, tmp_path)
    # Treated as absent, the wait is the default ten seconds; then the docket is fetched.
    assert run.returncode == 0, run.stderr
    assert "waiting 10 s" in run.stderr, run.stderr
    assert (tmp_path / "docket.yml").exists()


@pytest.mark.parametrize("server", ["short-body"], indirect=True)
def test_a_body_shorter_than_its_length_is_one_sentence(server, tmp_path):
    run, _ = fetch(server, tmp_path, "--timeout", "10")
    refused(run, tmp_path, "127.0.0.1")


def check(tmp_path):
    return subprocess.run([DOCKET, "check", str(tmp_path / "docket.yml")], capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("server", ["control-title"], indirect=True)
def test_control_characters_from_the_api_never_reach_docket_yml(server, tmp_path):
    run, _ = fetch(server, tmp_path)
    assert run.returncode == 0, run.stderr
    assert "warning: the title 127.0.0.1 sent held 2 control characters, each written as a space" in run.stderr, run.stderr
    text = (tmp_path / "docket.yml").read_text()
    assert "\x07" not in text and "\x00" not in text and "\\u0007" not in text
    assert 'title: "A docket with a bell and a NUL"' in text, text
    assert check(tmp_path).returncode == 0, check(tmp_path).stdout


@pytest.mark.parametrize("server", ["huge-title"], indirect=True)
def test_a_megabyte_title_is_cut_and_said_so(server, tmp_path):
    run, _ = fetch(server, tmp_path)
    assert run.returncode == 0, run.stderr
    assert "cut to 2000" in run.stderr, run.stderr
    assert (tmp_path / "docket.yml").stat().st_size < 10_000
    assert check(tmp_path).returncode == 0


@pytest.mark.parametrize("server", ["bad-object-id"], indirect=True)
def test_an_identifier_that_is_not_one_stops_the_fetch(server, tmp_path):
    run, _ = fetch(server, tmp_path)
    refused(run, tmp_path, "sent '../../etc/passwd' as the objectId of EPA-HQ-OAR-2026-0001, which is not one")
