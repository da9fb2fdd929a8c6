"""Each security rule of `docket serve`, tried against the running server."""

import json
import re

import requests

from conftest import LEAD_TOKEN, csrf_of, open_page, version_of


def test_every_response_carries_the_security_headers(campaign):
    for path in ["/join", "/lead", campaign.links["harbor"], "/no-such-page"]:
        response = requests.get(campaign.server.url + path, timeout=30)
        csp = response.headers["Content-Security-Policy"]
        assert "default-src 'none'" in csp and "script-src" not in csp and "'unsafe-inline'" not in csp, path
        assert response.headers["Referrer-Policy"] == "no-referrer", path
        assert response.headers["X-Frame-Options"] == "DENY", path


def test_pages_hold_no_script(campaign):
    for path in ["/join", "/lead", campaign.links["harbor"]]:
        page = requests.get(campaign.server.url + path, timeout=30).text
        assert "<script" not in page.lower(), path
        assert not re.search(r"\son[a-z]+=", page), path
        assert 'style="' not in page, path


def test_a_wrong_token_is_not_found_and_guessing_is_limited(campaign):
    real = campaign.links["harbor"]
    wrong = real[:-4] + ("AAAA" if not real.endswith("AAAA") else "BBBB")
    response = requests.get(campaign.server.url + wrong, timeout=30)
    assert response.status_code == 404
    assert "Harbor" not in response.text
    statuses = [requests.get(f"{campaign.server.url}/s/guess{n}", timeout=30).status_code for n in range(25)]
    assert statuses[:19] == [404] * 19
    assert statuses[-1] == 429
    # Once limited, even a real link tells the address nothing.
    assert requests.get(campaign.server.url + real, timeout=30).status_code == 429


def test_a_signer_can_decide_only_for_themselves_and_never_sees_others_contact_data(campaign):
    session = requests.Session()
    response, page = open_page(session, campaign.server.url + campaign.links["harbor"])
    assert response.status_code == 200
    assert "Harbor City Immigrant Rights Network" in page
    for private in ["sam@desert.example.org", "lee@lakes.example.org", "520-555-0102", "Sam Okafor", "rosa@harbor.example.org"]:
        assert private not in page
    # A form that names another signer still decides only for the link's owner.
    form = {"csrf": csrf_of(page), "version": version_of(page), "decision": "approve", "signer": "desert"}
    response = session.post(campaign.server.url + campaign.links["harbor"] + "/decision", data=form, allow_redirects=False, timeout=30)
    assert response.status_code == 303
    entries = [json.loads(line) for line in campaign.server.log()]
    assert [(entry["signer"], entry["decision"]) for entry in entries] == [("harbor", "approve")]


def test_a_state_changing_request_without_the_csrf_value_is_refused(campaign):
    session = requests.Session()
    _, page = open_page(session, campaign.server.url + campaign.links["desert"])
    base = {"version": version_of(page), "decision": "decline", "comment": "No."}
    missing = session.post(campaign.server.url + campaign.links["desert"] + "/decision", data=base, allow_redirects=False, timeout=30)
    assert missing.status_code == 403
    wrong = session.post(campaign.server.url + campaign.links["desert"] + "/decision", data={**base, "csrf": "x" * 43}, allow_redirects=False, timeout=30)
    assert wrong.status_code == 403
    # The right value from another browser (no cookie) is refused too: the cookie must match.
    stranger = requests.post(campaign.server.url + campaign.links["desert"] + "/decision", data={**base, "csrf": csrf_of(page)}, allow_redirects=False, timeout=30)
    assert stranger.status_code == 403
    assert campaign.server.log() == []


def test_an_oversized_body_is_refused_unread(campaign):
    session = requests.Session()
    _, page = open_page(session, campaign.server.url + campaign.links["lakes"])
    form = {"csrf": csrf_of(page), "version": version_of(page), "decision": "request-changes", "comment": "x" * 40_000}
    response = session.post(campaign.server.url + campaign.links["lakes"] + "/decision", data=form, allow_redirects=False, timeout=30)
    assert response.status_code == 413
    assert campaign.server.log() == []


def test_cookies_are_http_only_and_same_site_strict(campaign):
    response = requests.get(campaign.server.url + "/lead", timeout=30)
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    session = requests.Session()
    _, page = open_page(session, campaign.server.url + "/lead")
    login = session.post(campaign.server.url + "/lead/login", data={"csrf": csrf_of(page), "token": LEAD_TOKEN}, allow_redirects=False, timeout=30)
    assert login.status_code == 303
    attributes = [part.strip() for part in login.headers["Set-Cookie"].split(";")]
    assert re.fullmatch(r"docket_lead=[^;]+", attributes[0])
    assert {"Path=/", "HttpOnly", "SameSite=Strict"} <= set(attributes[1:]), attributes


def test_the_dashboard_needs_the_lead_token(campaign):
    session = requests.Session()
    _, page = open_page(session, campaign.server.url + "/lead")
    assert "Lead token" in page and "Harbor" not in page
    wrong = session.post(campaign.server.url + "/lead/login", data={"csrf": csrf_of(page), "token": "guess"}, allow_redirects=False, timeout=30)
    assert wrong.status_code == 401
    publish = session.post(campaign.server.url + "/lead/publish", data={"csrf": csrf_of(page)}, allow_redirects=False, timeout=30)
    assert publish.status_code == 303 and publish.headers["Location"] == "/lead"


def test_user_text_is_escaped(campaign):
    session = requests.Session()
    _, page = open_page(session, campaign.server.url + campaign.links["lakes"])
    comment = '<script>alert(1)</script> & "quoted"'
    session.post(
        campaign.server.url + campaign.links["lakes"] + "/decision",
        data={"csrf": csrf_of(page), "version": version_of(page), "decision": "request-changes", "comment": comment},
        timeout=30,
    )
    _, again = open_page(session, campaign.server.url + campaign.links["lakes"])
    assert "<script>" not in again
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot;" in again
