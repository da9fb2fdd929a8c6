"""The review server as signers and leads use it, in a real browser: the signer's page reads in a
signer's order, a changed list item is one changed item, the dashboard puts who needs the lead
first and filters, and `docket remind` writes drafts for those who have not decided."""

import csv
import email
import email.policy
import re

import requests
from selenium.webdriver.common.by import By

from conftest import LEAD_TOKEN, csrf_of, docket, open_page, version_of
from test_browser import browser, serious_violations, shows  # noqa: F401  (the fixture)
from test_versions import lead_session


def decide(campaign, signer, decision, comment=""):
    session = requests.Session()
    url = campaign.server.url + campaign.links[signer]
    _, page = open_page(session, url)
    sent = session.post(url + "/decision", data={"csrf": csrf_of(page), "version": version_of(page), "decision": decision, "comment": comment}, allow_redirects=False, timeout=30)
    assert sent.status_code == 303, sent.text


def publish(campaign, old, new):
    ask = campaign.tmp / "campaign" / "Templates" / "clauses" / "ask.md"
    text = ask.read_text()
    assert old in text
    ask.write_text(text.replace(old, new))
    lead, csrf = lead_session(campaign.server.url)
    preview = lead.post(campaign.server.url + "/lead/publish", data={"csrf": csrf}, timeout=30).text
    confirmed = lead.post(campaign.server.url + "/lead/publish/confirm", data={"csrf": csrf, "version": version_of(preview)}, allow_redirects=False, timeout=30)
    assert confirmed.status_code == 303


def position(driver, css):
    """Where an element stands in document order."""
    return driver.execute_script(
        "const all = Array.from(document.querySelectorAll('*')); return all.indexOf(document.querySelector(arguments[0]));", css)


def test_the_signer_page_reads_in_a_signers_order(campaign, browser):
    decide(campaign, "harbor", "approve")
    publish(campaign, "test each system for disparities across demographic groups;", "test each system for disparities across demographic groups before it is used, and publish the results;")
    decide(campaign, "desert", "approve")

    browser.get(campaign.server.url + campaign.links["harbor"])
    assert browser.find_element(By.TAG_NAME, "h1").text == "Halt DHS uses of AI that do not meet the federal minimum practices"
    asker = browser.find_element(By.CSS_SELECTOR, ".asker").text
    assert "Coalition for Accountable Immigration Technology asks Harbor City Immigrant Rights Network" in asker and "DHS-2026-0001" in asker
    asked = browser.find_element(By.CSS_SELECTOR, "ul.asked").text
    assert "Please answer by February 1, 2026." in asked
    assert "The comment period closes February 1, 2026, 11:59 PM EST." in asked
    assert "The text has changed since in 1 paragraph" in browser.find_element(By.CSS_SELECTOR, ".since").text

    # Title, the ask, what changed, the text, then the decision, then who signed.
    order = [position(browser, css) for css in ["h1", "ul.asked", ".since", "details.changes", "details.whole-letter", "form[action$='/decision']", "details.signed"]]
    assert order == sorted(order), order
    assert browser.find_element(By.CSS_SELECTOR, "details.changes").get_attribute("open") is not None
    # The whole letter is one click away, closed; the signers' list is collapsed behind its count.
    assert browser.find_element(By.CSS_SELECTOR, "details.whole-letter").get_attribute("open") is None
    signed = browser.find_element(By.CSS_SELECTOR, "details.signed")
    assert signed.get_attribute("open") is None
    assert signed.find_element(By.TAG_NAME, "summary").text == "1 organization has approved this version"
    assert not signed.find_element(By.TAG_NAME, "li").is_displayed()
    signed.find_element(By.TAG_NAME, "summary").click()
    assert signed.get_attribute("open") is not None
    assert signed.find_element(By.TAG_NAME, "li").text == "Desert Rights Collective"

    # One list item changed: one change, holding that item alone, diffed inside itself.
    changes = browser.find_elements(By.CSS_SELECTOR, ".redline .change")
    assert len(changes) == 1, [change.text for change in changes]
    item = changes[0].find_element(By.CSS_SELECTOR, "ul.item li")
    assert "before it is used, and publish the results" in " ".join(element.text for element in item.find_elements(By.TAG_NAME, "ins"))
    assert "impact assessment" not in changes[0].text and "appeal" not in changes[0].text
    source = changes[0].find_element(By.CSS_SELECTOR, ".source").text
    assert source == "Changed · from clause server-test.ask v1", source
    assert ".md" not in browser.find_element(By.CSS_SELECTOR, ".redline").text

    assert serious_violations(browser) == []
    browser.get(campaign.server.url + "/join")
    assert serious_violations(browser) == []


def rows_of(browser):
    return [(row.find_elements(By.TAG_NAME, "td")[0].text, row.get_attribute("data-status")) for row in browser.find_elements(By.CSS_SELECTOR, "table.signers tbody tr")]


def test_the_dashboard_puts_who_needs_the_lead_first(campaign, browser):
    url = campaign.server.url
    decide(campaign, "harbor", "approve")
    decide(campaign, "lakes", "request-changes", "Name the systems.")
    # A newcomer whose name is an organization already on the roster, punctuated differently.
    join = requests.Session()
    _, page = open_page(join, url + "/join")
    form = {"csrf": csrf_of(page), "version": version_of(page), "organization": "Harbor City Immigrant-Rights Network", "city": "Oakland", "state": "CA",
            "contact_name": "Ana", "contact_email": "ana@harbor2.example.org"}
    assert join.post(url + "/join", data=form, allow_redirects=False, timeout=30).status_code == 303

    browser.get(url + "/lead")
    browser.find_element(By.ID, "token").send_keys(LEAD_TOKEN)
    browser.find_element(By.CSS_SELECTOR, "form[action='/lead/login'] button").click()
    assert shows(browser, '<table class="signers">')
    assert rows_of(browser) == [
        ("Great Lakes Asylum Support Center", "requested-changes"),
        ("Desert Rights Collective", "pending"),
        ("Harbor City Immigrant Rights Network", "approved"),
    ]
    progress = browser.find_element(By.ID, "progress")
    assert (progress.get_attribute("value"), progress.get_attribute("max")) == ("1", "3")
    assert "1 of 3 approved" in browser.find_element(By.CSS_SELECTOR, "label[for=progress]").text
    assert "1 of 3 approved by" in browser.find_element(By.CSS_SELECTOR, "figure.timeline svg").get_attribute("aria-label")
    similar = browser.find_element(By.CSS_SELECTOR, ".similar").text
    assert "Close to Harbor City Immigrant Rights Network" in similar
    assert serious_violations(browser) == []

    browser.find_element(By.LINK_TEXT, "Pending (1)").click()
    assert shows(browser, "Showing 1 signer,")
    assert rows_of(browser) == [("Desert Rights Collective", "pending")]
    browser.find_element(By.LINK_TEXT, "All (3)").click()
    assert shows(browser, "Showing 3 signers,")
    browser.find_element(By.ID, "q").send_keys("lakes")
    browser.find_element(By.CSS_SELECTOR, "form[role=search] button").click()
    assert shows(browser, 'value="lakes"')
    assert rows_of(browser) == [("Great Lakes Asylum Support Center", "requested-changes")]

    lead, _ = lead_session(url)
    exported = lead.get(url + "/lead/signers.csv", timeout=30)
    assert exported.headers["Content-Type"].startswith("text/csv")
    table = list(csv.DictReader(exported.text.splitlines()))
    assert [(row["organization"], row["status"]) for row in table] == [(name, status) for name, status in [
        ("Great Lakes Asylum Support Center", "requested-changes"), ("Desert Rights Collective", "pending"), ("Harbor City Immigrant Rights Network", "approved")]]
    assert table[0]["comment"] == "Name the systems."
    assert "@" not in exported.text and "555" not in exported.text
    # Only the lead gets the table.
    assert requests.get(url + "/lead/signers.csv", allow_redirects=False, timeout=30).status_code == 303


def test_remind_writes_drafts_for_those_who_have_not_decided(campaign):
    url = campaign.server.url
    decide(campaign, "harbor", "approve")
    publish(campaign, "give each person an appeal to a human.", "give each person an appeal to a human, within 30 days.")
    decide(campaign, "desert", "request-changes", "Say which office.")

    reminded = docket("remind", "campaign/plan.yml", "--base-url", "http://127.0.0.1:1", cwd=campaign.tmp)
    assert "wrote 2 reminders" in reminded.stdout, reminded.stdout
    folder = campaign.tmp / "out" / "campaign" / "reminders"
    rows = {row["id"]: row for row in csv.DictReader(open(folder / "reminders.csv", newline=""))}
    # Desert decided on the current version; harbor's approval is of the old one; lakes never answered.
    assert set(rows) == {"harbor", "lakes"}
    assert (rows["harbor"]["status"], rows["lakes"]["status"]) == ("approved-older-version", "pending")
    assert sorted(path.name for path in folder.glob("*.eml")) == ["harbor.eml", "lakes.eml"]

    raw = (folder / "harbor.eml").read_bytes()
    assert b"\r\n" in raw and b"\n\n" not in raw.replace(b"\r\n", b"")
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert message["To"] == "Rosa Díaz <rosa@harbor.example.org>"
    assert message["Subject"] == "Reminder: please review and sign: Halt DHS uses of AI that do not meet the federal minimum practices"
    body = message.get_content()
    assert "approved version" in body and "by February 1, 2026" in body
    link = re.search(r"http://127\.0\.0\.1:1(/s/\S+)", body).group(1)
    assert link == "/" + rows["harbor"]["link"].split("/", 3)[3]
    # The reminder's link works; the one sent before no longer does.
    assert requests.get(url + link, timeout=30).status_code == 200
    assert requests.get(url + campaign.links["harbor"], timeout=30).status_code == 404
    assert "desert" not in (folder / "lakes.eml").read_text()

    only = docket("remind", "campaign/plan.yml", "--status", "pending", "--out", "pending-only", cwd=campaign.tmp)
    assert "wrote 1 reminder" in only.stdout
    assert [path.name for path in (campaign.tmp / "pending-only").glob("*.eml")] == ["lakes.eml"]
    refused = docket("remind", "campaign/plan.yml", "--status", "approved", cwd=campaign.tmp, check=False)
    assert refused.returncode != 0 and "--status takes" in refused.stderr
