"""A decision the page reports as saved is on disk, and many signers deciding at once lose
nothing."""

import json
import signal
import threading

import requests

from conftest import Campaign, csrf_of, docket, open_page, version_of


def test_a_saved_decision_survives_kill_9(tmp_path):
    campaign = Campaign(tmp_path)
    server = campaign.serve()
    session = requests.Session()
    _, page = open_page(session, server.url + campaign.links["desert"])
    form = {"csrf": csrf_of(page), "version": version_of(page), "decision": "decline", "comment": "We cannot sign this version."}
    saved = session.post(server.url + campaign.links["desert"] + "/decision", data=form, allow_redirects=False, timeout=30)
    assert saved.status_code == 303 and saved.headers["Location"].endswith("?saved=1")
    # The instant the page says saved, the server dies without a chance to flush anything.
    server.kill(signal.SIGKILL)
    assert [json.loads(line)["signer"] for line in server.log()] == ["desert"]

    restarted = campaign.serve()
    try:
        _, again = open_page(requests.Session(), restarted.url + campaign.links["desert"])
        assert "You declined" in again
        signers = docket("signers", "campaign/plan.yml", "--format", "json", cwd=tmp_path)
        statuses = {row["id"]: row["status"] for row in json.loads(signers.stdout)["signers"]}
        assert statuses == {"harbor": "pending", "desert": "declined", "lakes": "pending"}
    finally:
        restarted.kill(signal.SIGTERM)


def test_two_hundred_signers_deciding_at_once_lose_nothing_and_duplicate_nothing(tmp_path):
    campaign = Campaign(tmp_path, signers=200)
    server = campaign.serve()
    try:
        prepared = []
        for signer, link in campaign.links.items():
            session = requests.Session()
            _, page = open_page(session, server.url + link)
            prepared.append((signer, session, link, {"csrf": csrf_of(page), "version": version_of(page), "decision": "approve"}))
        start = threading.Barrier(len(prepared))
        statuses = {}

        def decide(signer, session, link, form):
            start.wait()
            statuses[signer] = session.post(server.url + link + "/decision", data=form, allow_redirects=False, timeout=120).status_code

        threads = [threading.Thread(target=decide, args=entry) for entry in prepared]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert list(statuses.values()).count(303) == 200
        entries = [json.loads(line) for line in server.log()]
        assert len(entries) == 200
        assert sorted(entry["signer"] for entry in entries) == sorted(campaign.links)
    finally:
        server.kill(signal.SIGTERM)
