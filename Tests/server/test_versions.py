"""Decisions bind to the version a page showed; listings change only when the lead confirms."""

import re

import requests

from conftest import LEAD_TOKEN, csrf_of, open_page, version_of


def lead_session(url):
    session = requests.Session()
    _, page = open_page(session, url + "/lead")
    assert session.post(url + "/lead/login", data={"csrf": csrf_of(page), "token": LEAD_TOKEN}, allow_redirects=False, timeout=30).status_code == 303
    _, dashboard = open_page(session, url + "/lead")
    return session, csrf_of(dashboard)


def test_a_decision_on_a_version_no_longer_current_is_refused_with_the_new_redline(campaign):
    url = campaign.server.url
    signer = requests.Session()
    _, page = open_page(signer, url + campaign.links["harbor"])
    shown = version_of(page)

    ask = campaign.tmp / "campaign" / "Templates" / "clauses" / "ask.md"
    ask.write_text(ask.read_text().replace("stop when it does not", "stop at once when it does not"))
    lead, csrf = lead_session(url)
    preview = lead.post(url + "/lead/publish", data={"csrf": csrf}, timeout=30).text
    published = lead.post(url + "/lead/publish/confirm", data={"csrf": csrf, "version": version_of(preview)}, allow_redirects=False, timeout=30)
    assert published.status_code == 303

    refused = signer.post(url + campaign.links["harbor"] + "/decision", data={"csrf": csrf_of(page), "version": shown, "decision": "approve"}, timeout=30)
    assert refused.status_code == 409
    assert "The letter changed while you were reading it: nothing was recorded." in refused.text
    assert re.search(r"<ins>[^<]*at once[^<]*</ins>", refused.text), re.findall(r"<ins>.*?</ins>", refused.text)
    assert version_of(refused.text) != shown
    assert campaign.server.log() == []


def test_a_publish_whose_files_changed_since_the_preview_is_refused(campaign):
    url = campaign.server.url
    ask = campaign.tmp / "campaign" / "Templates" / "clauses" / "ask.md"
    ask.write_text(ask.read_text().replace("person's liberty", "person's freedom"))
    lead, csrf = lead_session(url)
    preview = lead.post(url + "/lead/publish", data={"csrf": csrf}, timeout=30).text
    ask.write_text(ask.read_text().replace("person's freedom", "person's liberty or freedom"))
    again = lead.post(url + "/lead/publish/confirm", data={"csrf": csrf, "version": version_of(preview)}, timeout=30)
    assert again.status_code == 409
    assert "changed again since the preview" in again.text


def test_a_listing_changes_only_when_the_lead_confirms_it(campaign):
    url = campaign.server.url
    roster = campaign.tmp / "campaign" / "signatories.csv"
    before = roster.read_text()
    signer = requests.Session()
    _, page = open_page(signer, url + campaign.links["lakes"])
    proposed = signer.post(
        url + campaign.links["lakes"] + "/listing",
        data={"csrf": csrf_of(page), "organization": "Great Lakes Asylum Support Center, Inc.", "city": "Ann Arbor", "state": "MI"},
        allow_redirects=False,
        timeout=30,
    )
    assert proposed.status_code == 303
    assert roster.read_text() == before

    lead, csrf = lead_session(url)
    dashboard = lead.get(url + "/lead", timeout=30).text
    assert "Great Lakes Asylum Support Center, Inc., Ann Arbor, MI" in dashboard
    confirmed = lead.post(url + "/lead/corrections/1", data={"csrf": csrf, "action": "accept"}, allow_redirects=False, timeout=30)
    assert confirmed.status_code == 303
    after = roster.read_text()
    assert 'lakes,"Great Lakes Asylum Support Center, Inc.",Ann Arbor,MI,Lee Park,lee@lakes.example.org,313-555-0103' in after
    assert "Great Lakes Asylum Support Center, Inc." in lead.get(url + "/lead", timeout=30).text


def test_a_plan_that_does_not_compose_is_not_served_and_nothing_is_written(tmp_path):
    from conftest import ROOT, docket
    import shutil

    shutil.copytree(ROOT / "Tests" / "server" / "campaign", tmp_path / "campaign")
    (tmp_path / "library").symlink_to(ROOT)
    plan = tmp_path / "campaign" / "plan.yml"
    plan.write_text(plan.read_text().replace("  salutation: Dear Secretary Doe\n", ""))
    run = docket("serve", "campaign/plan.yml", "--port", "0", cwd=tmp_path, check=False)
    assert run.returncode == 1
    assert "campaign/plan.yml:" in run.stdout + run.stderr and "error[DK305]" in run.stdout + run.stderr
    assert not (tmp_path / "campaign" / ".docket").exists()
