"""A whole sign-on round in a real browser: two signers decide, a newcomer signs through the
open form, the lead accepts them and publishes a changed version, and the first signer sees
what changed. The CLI then reports what the dashboard showed."""

import json
import shutil

import pytest
from axe_selenium_python import Axe
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import LEAD_TOKEN, docket


@pytest.fixture
def browser():
    options = Options()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1200,1600"]:
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)
    yield driver
    driver.quit()


def serious_violations(driver):
    axe = Axe(driver)
    axe.inject()
    results = axe.run()
    return [(v["id"], v["impact"], v["help"]) for v in results["violations"] if v["impact"] in ("serious", "critical")]


def shows(driver, text):
    """Waits for a navigation a click started to land on a page holding `text`."""
    WebDriverWait(driver, 20).until(lambda d: text in d.page_source)
    return True


def decide(driver, url, decision, comment=None):
    driver.get(url)
    driver.find_element(By.ID, decision).click()
    if comment:
        driver.find_element(By.ID, "comment").send_keys(comment)
    driver.find_element(By.CSS_SELECTOR, "form[action$='/decision'] button[type=submit]").click()
    shows(driver, 'role="status"')
    return driver.find_element(By.CSS_SELECTOR, "[role=status]").text


def test_a_sign_on_round_in_the_browser(campaign, browser):
    url = campaign.server.url
    harbor = url + campaign.links["harbor"]

    browser.get(harbor)
    assert serious_violations(browser) == []
    assert decide(browser, harbor, "approve") == "Your decision is saved."
    assert "You approved this version" in browser.page_source
    assert decide(browser, url + campaign.links["desert"], "decline", "We do not sign letters to this office.") == "Your decision is saved."

    browser.get(url + "/join")
    for field, value in [("organization", "Prairie Legal Aid"), ("city", "Omaha"), ("state", "NE"), ("contact_name", "Jo Lin"), ("contact_email", "jo@prairie.example.org")]:
        browser.find_element(By.ID, field).send_keys(value)
    browser.find_element(By.CSS_SELECTOR, "form[action='/join'] button").click()
    assert shows(browser, "your request is saved")

    browser.get(url + "/lead")
    browser.find_element(By.ID, "token").send_keys(LEAD_TOKEN)
    browser.find_element(By.CSS_SELECTOR, "form[action='/lead/login'] button").click()
    assert shows(browser, "1 approved, 0 approved an older version, 0 requested changes, 1 declined, 1 pending")
    assert "We do not sign letters to this office." in browser.page_source
    assert serious_violations(browser) == []
    browser.find_element(By.XPATH, "//button[text()='Accept Prairie Legal Aid']").click()
    assert shows(browser, "2 approved, 0 approved an older version, 0 requested changes, 1 declined, 1 pending")

    # The lead changes the letter on disk, previews, and publishes.
    ask = campaign.tmp / "campaign" / "Templates" / "clauses" / "ask.md"
    ask.write_text(ask.read_text().replace("before it is used", "before it is used, and be published"))
    browser.find_element(By.XPATH, "//button[text()='Preview publishing the current files']").click()
    assert shows(browser, "makes 2 approvals of the current version stale")
    browser.find_element(By.CSS_SELECTOR, "form[action='/lead/publish/confirm'] button").click()
    assert shows(browser, "is now the one signers see")
    assert "0 approved, 2 approved an older version" in browser.page_source

    browser.get(harbor)
    assert "You approved version" in browser.page_source and "The text has changed since" in browser.page_source
    ins = browser.find_elements(By.CSS_SELECTOR, ".redline ins")
    assert any("be published" in element.text for element in ins), [element.text for element in ins]
    assert "##" not in browser.find_element(By.CSS_SELECTOR, ".redline").text
    assert decide(browser, harbor, "approve") == "Your decision is saved."

    # The CLI reads the same log: its statuses are the dashboard's.
    browser.get(url + "/lead")
    dashboard = {
        cells[0].text: cells[1].text
        for cells in (row.find_elements(By.TAG_NAME, "td") for row in browser.find_elements(By.CSS_SELECTOR, "tbody tr"))
    }
    signers = json.loads(docket("signers", "campaign/plan.yml", "--format", "json", cwd=campaign.tmp).stdout)["signers"]
    # JSON carries stable keys; the dashboard shows the words people read.
    labels = {"approved": "approved", "approved-older-version": "approved an older version", "requested-changes": "requested changes", "declined": "declined", "pending": "pending"}
    assert {row["organization"]: labels[row["status"]] for row in signers} == dashboard
    assert dashboard == {
        "Harbor City Immigrant Rights Network": "approved",
        "Desert Rights Collective": "declined",
        "Great Lakes Asylum Support Center": "pending",
        "Prairie Legal Aid": "approved an older version",
    }
    packaged = docket("package", "campaign/plan.yml", "--allow-unapproved", "--allow-late", "--attach", "docx", cwd=campaign.tmp)
    box = (campaign.tmp / "out" / "campaign" / "submission" / "comment-box.txt").read_text()
    assert "Harbor City Immigrant Rights Network" in box
    assert "Desert Rights Collective" not in box and "Prairie Legal Aid" not in box
    checklist = (campaign.tmp / "out" / "campaign" / "submission" / "checklist.md").read_text()
    assert "not approved" in checklist.splitlines()[0].lower() or "unapproved" in checklist.splitlines()[0].lower(), checklist.splitlines()[0]
    assert packaged.returncode == 0
