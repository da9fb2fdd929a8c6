"""`docket comments pull` against the loopback stand-in for Regulations.gov: the seam past 5,000
rows, resuming after kill -9, incremental pulls, 429s, the request budget, attachments and their
text, and hostile answers; plus `docket fetch` and `docket comments pull` on recorded real
responses."""

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
DOCKET = os.environ.get("DOCKET", str(ROOT / ".build" / "debug" / "docket"))
KEY = "test-key-0123456789abcdef0123456789abcdef"
DOCKET_ID = "DHS-2026-0001"
OBJECT_ID = "0900006486a00001"

SCENARIO = {
    "docket": {"id": DOCKET_ID, "attributes": {"title": "Test docket: AI use in immigration enforcement", "agencyId": "DHS", "objectId": "0b0000018a0000aa"}},
    "documents": [
        {"id": f"{DOCKET_ID}-0001", "attributes": {"documentType": "Notice", "title": "Request for comment", "objectId": OBJECT_ID, "openForComment": True,
                                                   "commentEndDate": "2026-12-31T04:59:59Z", "postedDate": "2026-11-01T04:00:00Z", "docketId": DOCKET_ID}},
        {"id": f"{DOCKET_ID}-0002", "attributes": {"documentType": "Supporting & Related Material", "title": "Inventory extract", "objectId": "0900006486a00002",
                                                   "openForComment": False, "postedDate": "2026-11-01T04:00:00Z", "docketId": DOCKET_ID}},
    ],
    "notice": {"title": "x", "document_number": "2026-00001"},
    "notice_text": "",
}


@pytest.fixture
def api(tmp_path):
    scenario = tmp_path / "scenario.json"
    scenario.write_text(json.dumps(SCENARIO))
    process = subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("mock_api.py")), str(ROOT / "Tests" / "submission" / "regulations-gov-openapi.yaml"), str(scenario)],
        stdout=subprocess.PIPE, text=True)
    port = int(re.search(r"listening on (\d+)", process.stdout.readline()).group(1))
    campaign = tmp_path / "campaign"
    campaign.mkdir()
    yield {"url": f"http://127.0.0.1:{port}", "scenario": scenario, "tmp": tmp_path, "campaign": campaign}
    process.kill()
    process.wait()


def scenario(api, **changes):
    data = json.loads(api["scenario"].read_text())
    data.update(changes)
    api["scenario"].write_text(json.dumps(data))


def command(api, *args, key=KEY):
    env = dict(os.environ, REGULATIONS_GOV_API_KEY=key)
    return [DOCKET, "comments", *args, "--into", str(api["campaign"]), "--regulations-gov-url", api["url"] + "/v4"], env


def pull(api, *args, timeout=600):
    argv, env = command(api, "pull", DOCKET_ID, *args)
    return subprocess.run(argv, capture_output=True, text=True, env=env, timeout=timeout)


def docket(api, *args):
    argv = [DOCKET, "comments", *args, "--into", str(api["campaign"])]
    return subprocess.run(argv, capture_output=True, text=True, timeout=120)


def log(api):
    return requests.get(api["url"] + "/_log", timeout=10).json()


def violations(api):
    return requests.get(api["url"] + "/_violations", timeout=10).json()


def store(api):
    return sqlite3.connect(api["campaign"] / ".docket" / "comments.sqlite")


def generate(count, same_second_every=1):
    return {"docket": DOCKET_ID, "document": f"{DOCKET_ID}-0001", "objectId": OBJECT_ID, "count": count, "start": 1767225600, "same_second_every": same_second_every}


def test_more_than_5000_comments_on_one_document_cross_the_seam_once_each(api):
    # 6,200 comments, seven to a second: the 5,000th row shares its second with its neighbours,
    # so the second window repeats them; the store must hold each once.
    scenario(api, comments=generate(6200, same_second_every=7))
    run = pull(api, "--budget", "100000")
    assert run.returncode == 0, run.stderr
    assert "6200 comments stored" in run.stdout
    lists = [entry for entry in log(api)["lists"] if entry["objectId"] == OBJECT_ID]
    windows = [entry for entry in lists if entry["since"]]
    assert [entry["page"] for entry in lists if not entry["since"]] == list(range(1, 21))
    assert windows and windows[0]["page"] == 1 and windows[0]["since"] == "2025-12-31 19:11:54"
    # The 5,000th row is index 4,999, seven to a second from 2026-01-01T00:00:00Z: 714 s later,
    # 00:11:54Z, which is 19:11:54 the evening before in Eastern time.
    repeated = sum(entry["rows"] for entry in lists) - 6200
    assert 0 < repeated < 7
    with store(api) as db:
        assert db.execute("SELECT count(*), count(DISTINCT id) FROM comments").fetchone() == (6200, 6200)
        assert db.execute("SELECT count(*) FROM comments WHERE detail = 'done' AND text LIKE 'Comment %'").fetchone()[0] == 6200
    details = log(api)["details"]
    assert len(details) == 6200 and max(details.values()) == 1
    assert violations(api) == []


def test_a_pull_killed_with_kill_9_resumes_and_fetches_nothing_twice(api):
    scenario(api, comments=generate(400, same_second_every=3), detail_delay=0.02)
    argv, env = command(api, "pull", DOCKET_ID, "--budget", "100000")
    process = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.time() + 120
    while len(log(api)["details"]) < 120 and time.time() < deadline:
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    before = log(api)["details"]
    assert 120 <= len(before) < 400
    scenario(api, detail_delay=0)
    run = pull(api, "--budget", "100000")
    assert run.returncode == 0, run.stderr
    details = log(api)["details"]
    assert len(details) == 400
    # Only the comment in flight when the process died may be asked for twice.
    assert sum(count - 1 for count in details.values()) <= 1
    with store(api) as db:
        assert db.execute("SELECT count(*), count(DISTINCT id), sum(detail = 'done') FROM comments").fetchone() == (400, 400, 400)


def test_a_later_pull_asks_only_for_what_changed(api):
    scenario(api, comments=generate(300, same_second_every=2))
    assert pull(api, "--budget", "100000").returncode == 0
    first = log(api)
    # Two new comments and one edited, all changed after the last pull.
    later = 1767225600 + 1000
    extra = [
        {"id": f"{DOCKET_ID}-09001", "document": f"{DOCKET_ID}-0001", "objectId": OBJECT_ID, "modified": later, "posted": later, "organization": "Harbor City Immigrant Rights Network",
         "comment": "A new comment on data fusion.", "attachments": []},
        {"id": f"{DOCKET_ID}-09002", "document": f"{DOCKET_ID}-0001", "objectId": OBJECT_ID, "modified": later + 1, "posted": later + 1, "organization": None,
         "comment": "Another new comment.", "attachments": []},
        {"id": f"{DOCKET_ID}-00002", "document": f"{DOCKET_ID}-0001", "objectId": OBJECT_ID, "modified": later + 2, "posted": 1767225600, "organization": "Organization 0",
         "comment": "Comment 0, edited by the agency after posting.", "attachments": []},
    ]
    scenario(api, extra_comments=extra)
    run = pull(api, "--budget", "100000")
    assert run.returncode == 0, run.stderr
    second = log(api)
    new_lists = [entry for entry in second["lists"][len(first["lists"]):] if entry["objectId"] == OBJECT_ID]
    assert all(entry["since"] for entry in new_lists), new_lists  # only from the last change seen
    asked = {k: v - first["details"].get(k, 0) for k, v in second["details"].items() if v - first["details"].get(k, 0) > 0}
    assert sorted(asked) == sorted(e["id"] for e in extra)
    shown = docket(api, "show", f"{DOCKET_ID}-00002")
    assert "edited by the agency" in shown.stdout


def test_429s_wait_for_retry_after_and_say_so(api):
    scenario(api, comments=generate(30), rate_limit_every=10)
    run = pull(api, "--budget", "100000")
    assert run.returncode == 0, run.stderr
    assert "asked to slow down (429); waiting 1 s" in run.stderr
    with store(api) as db:
        assert db.execute("SELECT count(*) FROM comments WHERE detail = 'done'").fetchone()[0] == 30


def test_the_request_budget_holds_across_runs(api):
    scenario(api, comments=generate(40))
    run = pull(api, "--budget", "20", "--no-wait")
    assert run.returncode == 1
    assert "error[DK704]" in run.stderr and "the budget of 20" in run.stderr and "run the pull again after" in run.stderr
    made = log(api)["requests"]
    assert made == 20
    with store(api) as db:
        done = db.execute("SELECT count(*) FROM comments WHERE detail = 'done'").fetchone()[0]
    assert done > 0
    again = pull(api, "--budget", "20", "--no-wait")
    assert again.returncode == 1 and "error[DK704]" in again.stderr
    assert log(api)["requests"] == made  # the second run made no request: the budget was kept
    with store(api) as db:
        assert db.execute("SELECT count(*) FROM comments WHERE detail = 'done'").fetchone()[0] == done


def pdf(text):
    """A one-page PDF; with text, its words in a content stream pdftotext reads."""
    stream = f"BT /F1 18 Tf 72 700 Td ({text}) Tj ET".encode() if text else b""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


def docx(path, paragraphs):
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                         '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
                         'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        archive.writestr("word/document.xml", '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                         f"<w:body>{body}</w:body></w:document>")


def test_attachments_are_downloaded_and_their_text_read_whatever_their_names_say(api):
    files = api["tmp"] / "files"
    files.mkdir()
    (files / "letter.pdf").write_bytes(pdf("Coalition letter on Mobile Fortify face recognition"))
    (files / "scan.pdf").write_bytes(pdf(""))
    (files / "broken.pdf").write_bytes(b"%PDF-1.7\n" + os.urandom(2000))
    (files / "notreally.pdf").write_bytes(b"<html><body><p>Testimony on the Hurricane Score</p></body></html>")
    docx(files / "brief.docx", ["Brief on ImmigrationOS targeting", "Second paragraph"])
    base = api["url"] + "/files/"
    attachments = [
        {"url": base + "letter.pdf", "format": "pdf"},
        {"url": base + "scan.pdf", "format": "pdf"},
        {"url": base + "broken.pdf", "format": "pdf"},
        {"url": base + "notreally.pdf", "format": "pdf"},
        {"url": base + "brief.docx", "format": "docx"},
        {"url": base + "huge.pdf", "format": "pdf", "size": 150_000_000},
        {"url": base + "gone.pdf", "format": "pdf", "size": 1000},
    ]
    row = {"id": f"{DOCKET_ID}-00777", "document": f"{DOCKET_ID}-0001", "objectId": OBJECT_ID, "modified": 1767225600, "posted": 1767225600,
           "organization": "Coalition for Accountable Immigration Technology", "comment": "See attached file(s)", "attachments": attachments}
    scenario(api, comments=generate(2), extra_comments=[row], files_folder=str(files))
    run = pull(api, "--attachments", "--budget", "100000")
    assert run.returncode == 0, run.stderr
    assert "attachments: 3 with text, 4 without" in run.stdout
    shown = json.loads(docket(api, "show", row["id"], "--format", "json").stdout)
    by = {a["position"]: a for a in shown["attachments"]}
    assert by[1]["status"] == "text" and "Mobile Fortify" in by[1]["text"]
    assert by[2]["status"] == "no text" and "no text layer" in by[2]["note"]
    assert by[3]["status"] == "no text" and "pdftotext cannot read" in by[3]["note"]
    assert by[4]["status"] == "text" and "Hurricane Score" in by[4]["text"] and "named .pdf but is HTML" in by[4]["note"]
    assert by[5]["status"] == "text" and by[5]["text"].startswith("Brief on ImmigrationOS targeting\nSecond paragraph")
    assert by[6]["status"] == "skipped" and "over 100 MB" in by[6]["note"]
    assert by[7]["status"] == "no text" and "404" in by[7]["note"]
    assert "huge.pdf" not in log(api)["files"]
    saved = api["campaign"] / ".docket" / "comment-files" / row["id"]
    assert (saved / "1-letter.pdf").read_bytes() == (files / "letter.pdf").read_bytes()
    found = docket(api, "search", "ImmigrationOS")
    assert row["id"] in found.stdout and "[attachment 5]" in found.stdout and "«ImmigrationOS»" in found.stdout
    assert violations(api) == []  # the key never went to the file host


def test_hostile_answers_are_one_sentence_and_lose_nothing_stored(api):
    scenario(api, comments=generate(10))
    assert pull(api, "--budget", "100000").returncode == 0
    for kind in ["html", "truncated"]:
        scenario(api, broken={"path": "/comments", "kind": kind}, extra_comments=[{"id": f"{DOCKET_ID}-09009", "document": f"{DOCKET_ID}-0001", "objectId": OBJECT_ID,
                                                                                  "modified": 1767300000, "posted": 1767300000, "comment": "new", "attachments": []}])
        run = pull(api, "--budget", "100000")
        assert run.returncode == 1
        lines = [line for line in run.stderr.splitlines() if "error[" in line]
        assert len(lines) == 1 and "error[DK619]" in lines[0], run.stderr
        assert "127.0.0.1" in lines[0] and "NSError" not in run.stderr and "OpenAPIRuntime" not in run.stderr
        with store(api) as db:
            assert db.execute("SELECT count(*) FROM comments WHERE detail = 'done'").fetchone()[0] == 10


def test_a_server_that_does_not_answer_is_one_sentence(api):
    run = subprocess.run([DOCKET, "comments", "pull", DOCKET_ID, "--into", str(api["campaign"]), "--regulations-gov-url", "http://127.0.0.1:9/v4"],
                         capture_output=True, text=True, env=dict(os.environ, REGULATIONS_GOV_API_KEY=KEY), timeout=120)
    assert run.returncode == 1
    assert "could not reach 127.0.0.1: the connection was refused" in run.stderr
    for line in run.stderr.strip().splitlines():
        assert len(line) < 260 and "Domain=" not in line and "OpenAPIRuntime" not in line and "ClientError" not in line, line
    postgres = subprocess.run([DOCKET, "comments", "list", "--store", "postgres://analyst:s3cret-pw@127.0.0.1:9/comments"], capture_output=True, text=True, timeout=60)
    assert postgres.returncode == 1
    assert "error[DK703]" in postgres.stderr and "PostgreSQL at 127.0.0.1:9/comments does not answer" in postgres.stderr
    assert "s3cret-pw" not in postgres.stderr


def test_fetch_and_pull_read_recorded_real_responses(api):
    scenario(api, recorded=True, notice={"document_number": "2015-19523", "title": "Request for comments concerning China's compliance with WTO commitments",
                                         "citation": "80 FR 47985", "publication_date": "2015-08-10", "agencies": [{"name": "Office of the United States Trade Representative"}]})
    env = dict(os.environ, REGULATIONS_GOV_API_KEY=KEY)
    fetched = subprocess.run([DOCKET, "fetch", "USTR-2015-0010", "--into", str(api["campaign"]), "--regulations-gov-url", api["url"] + "/v4",
                              "--federal-register-url", api["url"] + "/api/v1"], capture_output=True, text=True, env=env, timeout=120)
    assert fetched.returncode == 0, fetched.stderr
    written = (api["campaign"] / "docket.yml").read_text()
    assert 'document: "USTR-2015-0010-0001"' in written and 'objectId: "0900006481bce624"' in written
    assert 'commentsClose: "2015-09-23T23:59:59-04:00"' in written
    pulled = subprocess.run([DOCKET, "comments", "pull", "USTR-2015-0010", "--into", str(api["campaign"]), "--regulations-gov-url", api["url"] + "/v4"],
                            capture_output=True, text=True, env=env, timeout=120)
    assert pulled.returncode == 0, pulled.stderr
    listed = docket(api, "list", "--organization", "steel")
    assert "USTR-2015-0010-0005  2015-09-30  American Iron and Steel Institute" in listed.stdout
    assert "China's failure" in docket(api, "show", "USTR-2015-0010-0005").stdout  # &#39; read as an apostrophe
