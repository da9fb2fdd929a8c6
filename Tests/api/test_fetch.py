"""`docket fetch` against the loopback stand-in for Regulations.gov and the Federal Register."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
DOCKET = os.environ.get("DOCKET", str(ROOT / ".build" / "debug" / "docket"))
KEY = "test-key-0123456789abcdef0123456789abcdef"

SCENARIO = {
    "docket": {
        "id": "EPA-HQ-OAR-2026-0001",
        "attributes": {"title": "Reconsideration of AI-Assisted Permitting", "agencyId": "EPA", "objectId": "0b0000018a000001", "rin": "2060-AW00", "docketType": "Rulemaking"},
    },
    "documents": [
        {
            "id": "EPA-HQ-OAR-2026-0001-0001",
            "attributes": {
                "documentType": "Proposed Rule",
                "title": "Reconsideration of AI-Assisted Permitting",
                "objectId": "0900006486000001",
                "openForComment": True,
                "commentStartDate": "2026-10-15T04:00:00Z",
                "commentEndDate": "2026-12-16T04:59:59Z",
                "frDocNum": "2026-20001",
                "postedDate": "2026-10-15T04:00:00Z",
                "docketId": "EPA-HQ-OAR-2026-0001",
            },
        }
    ],
    "notice": {
        "title": "Reconsideration of AI-Assisted Permitting",
        "document_number": "2026-20001",
        "citation": "91 FR 70001",
        "publication_date": "2026-10-15",
        "comments_close_on": "2026-12-15",
        "agencies": [{"name": "Environmental Protection Agency"}],
    },
    "notice_text": "III. Request for Comment\n1. Should permits decided with AI be reviewed by a person?\n2. What notice should applicants receive?\n",
}


@pytest.fixture
def api(tmp_path):
    scenario = tmp_path / "scenario.json"
    scenario.write_text(json.dumps(SCENARIO))
    process = subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("mock_api.py")), str(ROOT / "Tests" / "submission" / "regulations-gov-openapi.yaml"), str(scenario)],
        stdout=subprocess.PIPE,
        text=True,
    )
    port = int(re.search(r"listening on (\d+)", process.stdout.readline()).group(1))
    yield {"url": f"http://127.0.0.1:{port}", "scenario": scenario, "tmp": tmp_path}
    process.kill()
    process.wait()


def fetch(api, *args, key=KEY):
    env = dict(os.environ)
    env.pop("REGULATIONS_GOV_API_KEY", None)
    if key is not None:
        env["REGULATIONS_GOV_API_KEY"] = key
    command = [DOCKET, "fetch", *args, "--regulations-gov-url", api["url"] + "/v4", "--federal-register-url", api["url"] + "/api/v1"]
    return subprocess.run(command, cwd=api["tmp"], capture_output=True, text=True, env=env, timeout=120)


def violations(api):
    return requests.get(api["url"] + "/_violations", timeout=10).json()


def test_fetch_writes_each_field_with_its_source_and_check_accepts_it(api):
    (api["tmp"] / "campaign").mkdir()
    run = fetch(api, "EPA-HQ-OAR-2026-0001", "--into", "campaign")
    assert run.returncode == 0, run.stderr
    assert "comments open, closing 2026-12-15T23:59:59-05:00" in run.stdout
    docket = (api["tmp"] / "campaign" / "docket.yml").read_text()
    for line in [
        'id: "EPA-HQ-OAR-2026-0001"',
        'document: "EPA-HQ-OAR-2026-0001-0001"',
        'commentsClose: "2026-12-15T23:59:59-05:00"',
        'commentsOpen: "2026-10-15T00:00:00-04:00"',
        'federalRegister: "91 FR 70001"',
        'frDocument: "2026-20001"',
        'agencyName: "Environmental Protection Agency"',
        '    text: "Should permits decided with AI be reviewed by a person?"',
    ]:
        assert line in docket, line
    assert re.search(r'  commentsClose: \{ from: "http://127\.0\.0\.1:\d+/v4/documents\?filter%5BdocketId%5D=EPA-HQ-OAR-2026-0001", at: "', docket)
    assert KEY not in docket and KEY not in run.stdout + run.stderr
    # The notice's text, for `docket comments campaigns` to strike, beside the docket.
    notice = api["tmp"] / "campaign" / ".docket" / "notice.txt"
    assert notice.read_text(encoding="utf-8") == "III. Request for Comment\n1. Should permits decided with AI be reviewed by a person?\n2. What notice should applicants receive?\n"
    check = subprocess.run([DOCKET, "check", "campaign/docket.yml"], cwd=api["tmp"], capture_output=True, text=True)
    # The fetched identifiers are confirmed: nothing is left "unverified".
    assert "error[" not in check.stdout and "DK102" not in check.stdout, check.stdout
    assert violations(api) == []


def test_a_refetch_shows_an_extended_deadline_and_writes_it_only_when_asked(api):
    (api["tmp"] / "campaign").mkdir()
    assert fetch(api, "EPA-HQ-OAR-2026-0001", "--into", "campaign").returncode == 0
    scenario = json.loads(api["scenario"].read_text())
    scenario["documents"][0]["attributes"]["commentEndDate"] = "2027-01-16T04:59:59Z"
    api["scenario"].write_text(json.dumps(scenario))
    before = (api["tmp"] / "campaign" / "docket.yml").read_text()
    shown = fetch(api, "EPA-HQ-OAR-2026-0001", "--into", "campaign")
    assert shown.returncode == 0, shown.stderr
    assert "commentsClose: 2026-12-15T23:59:59-05:00 → 2027-01-15T23:59:59-05:00" in shown.stdout
    assert "run again with --apply" in shown.stdout
    assert (api["tmp"] / "campaign" / "docket.yml").read_text() == before
    applied = fetch(api, "EPA-HQ-OAR-2026-0001", "--into", "campaign", "--apply")
    assert applied.returncode == 0
    assert 'commentsClose: "2027-01-15T23:59:59-05:00"' in (api["tmp"] / "campaign" / "docket.yml").read_text()


def test_a_429_waits_for_retry_after_and_says_so(api):
    scenario = json.loads(api["scenario"].read_text())
    scenario["rate_limit_once"] = True
    api["scenario"].write_text(json.dumps(scenario))
    run = fetch(api, "EPA-HQ-OAR-2026-0001")
    assert run.returncode == 0, run.stderr
    assert "asked to slow down (429); waiting 1 s" in run.stderr


def test_bad_input_gets_one_clear_message_and_no_file(api):
    missing = fetch(api, "EPA-HQ-OAR-2026-0002")
    assert missing.returncode == 1 and "error[DK619]: Regulations.gov has no docket EPA-HQ-OAR-2026-0002" in missing.stderr and "nothing was written" in missing.stderr
    refused = fetch(api, "EPA-HQ-OAR-2026-0001", key="wrong-key-abcdefgh")
    assert refused.returncode == 1 and "the API key was refused (API_KEY_INVALID)" in refused.stderr
    assert "wrong-key-abcdefgh" not in refused.stderr
    none = fetch(api, "EPA-HQ-OAR-2026-0001", key=None)
    assert none.returncode == 1 and "no Regulations.gov API key" in none.stderr
    shape = fetch(api, "not-a-docket")
    assert shape.returncode == 2 and "is not a Regulations.gov docket ID" in shape.stderr
    assert not (api["tmp"] / "docket.yml").exists()


def init(api, folder, docket_id, key=KEY):
    env = dict(os.environ, REGULATIONS_GOV_API_KEY=key)
    command = [DOCKET, "init", folder, "--docket", docket_id, "--fetch", "--regulations-gov-url", api["url"] + "/v4", "--federal-register-url", api["url"] + "/api/v1"]
    return subprocess.run(command, cwd=api["tmp"], capture_output=True, text=True, env=env, timeout=120)


def test_init_fetch_starts_a_campaign_with_the_fetched_docket(api):
    run = init(api, "permits", "EPA-HQ-OAR-2026-0001")
    assert run.returncode == 0, run.stderr
    docket = (api["tmp"] / "permits" / "docket.yml").read_text()
    assert 'title: "Reconsideration of AI-Assisted Permitting"' in docket and "fetched:" in docket
    assert (api["tmp"] / "permits" / "plan.yml").exists()
    failed = init(api, "nothing", "EPA-HQ-OAR-2026-0002")
    assert failed.returncode == 1 and "has no docket" in failed.stderr
    assert not (api["tmp"] / "nothing").exists()
