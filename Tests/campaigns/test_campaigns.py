"""`docket comments campaigns` end to end: a docket written here as a GSA bulk-download CSV
(two form-letter campaigns with personal openings, a member with 400 words of its own,
unique comments, stubs), imported with `docket comments import`, grouped, and the HTML report
opened in Chromium and checked with axe. The docket is built here, not by DocketKit, so the
campaigns expected are known by construction."""

import csv
import json
import os
import random
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCKET = os.environ.get("DOCKET", str(ROOT / ".build" / "debug" / "docket"))
HEADER = next(csv.reader(open(ROOT / "Tests/comments/bulk/FWS-HQ-NWRS-2022-0106.csv", encoding="utf-8")))

LETTER_A = (
    "I am writing to urge the Department of Homeland Security to stop using face recognition in immigration enforcement until it has been "
    "tested on the people it is used on. A wrong match can lead to a stop, a detention or a deportation, and the person matched may never learn "
    "that software was involved. Every use of face recognition should be listed in the agency's public inventory with a description of how it "
    "was tested and how often it is wrong. People affected by an automated decision deserve notice, a plain explanation, and a way to appeal to "
    "a person who can change the outcome. Risk scores that decide who is detained or watched should not be hidden from the people they score. "
    "Please require independent testing before deployment and public reporting of error rates. Thank you for considering this comment."
)
LETTER_B = (
    "As a member of my community I ask the Office of Management and Budget to keep the minimum practices for rights-impacting artificial "
    "intelligence and to refuse blanket waivers. An agency that cannot show a system is safe should stop using it, and the public should be told "
    "when a waiver is granted and why. Data gathered for one purpose, such as a benefits application, should not be fused with enforcement "
    "databases without a law that allows it. I ask that every agency publish its inventory on time, in full, with the names of the systems it "
    "uses and the vendors who sell them, so that the people affected can see what is being done in their name."
)
WORDS = ("river budget school harvest engine market winter garden ticket silver forest doctor bridge window letter number signal museum planet "
         "camera pencil island rocket meadow candle saddle hammer pocket violin tunnel ladder mirror parrot cactus barrel lantern compass glacier "
         "harbor orchard pepper quartz ribbon shovel").split()
NAMES = ["Maria Lopez", "James Chen", "Aisha Rahman", "David Okafor", "Sofia Rossi", "Lena Novak", "Omar Haddad", "Grace Kim"]
CITIES = ["Tucson", "El Paso", "Chicago", "Newark", "Fresno", "Miami", "Detroit", "Seattle"]


def prose(rng, words):
    return " ".join(rng.choice(WORDS) for _ in range(words)) + "."


def write_docket(path):
    rng = random.Random(2026)
    # Campaign B's letter is long (about 650 words), so a member that adds 400 words of its
    # own is still near enough (Jaccard about 0.6) to be linked, and then set apart.
    letter_b = LETTER_B + "\n\n" + prose(random.Random(7), 550)
    rows = []

    def add(number, text, organization="", day=1, duplicates=""):
        row = dict.fromkeys(HEADER, "")
        row.update({
            "Document ID": f"DHS-2026-0001-{number:04d}", "Agency ID": "DHS", "Docket ID": "DHS-2026-0001", "Document Type": "Public Submission",
            "Posted Date": f"2026-01-{day:02d}T05:00Z", "Comment on Document ID": "DHS-2026-0001-0001", "Comment": text,
            "Organization Name": organization, "Duplicate Comments": duplicates, "Title": f"Comment {number}",
        })
        rows.append(row)

    number = 2
    for index in range(200):
        opening = f"My name is {NAMES[index % 8]} and I live in {CITIES[(index // 8) % 8]}. {prose(rng, 8)}"
        add(number, opening + "\n\n" + LETTER_A, organization="Tucson Immigrant Alliance" if index < 5 else "", day=1 + index % 20,
            duplicates="25" if index == 0 else "")
        number += 1
    for index in range(30):
        add(number, letter_b + "\n\n" + f"Signed, {NAMES[index % 8]}", day=10 + index % 5)
        number += 1
    add(9000, letter_b + "\n\n" + prose(rng, 400))  # a campaign member that adds 400 words of its own
    for index in range(40):
        add(number, prose(rng, 60 + index * 5), day=3)
        number += 1
    for index in range(10):
        add(number, "See attached file(s).", day=4)
        number += 1
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=HEADER)
        writer.writeheader()
        writer.writerows(rows)


def docket(*args, cwd):
    run = subprocess.run([DOCKET, *args], cwd=cwd, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, f"docket {' '.join(args)} exited {run.returncode}:\n{run.stdout}\n{run.stderr}"
    return run


@pytest.fixture(scope="module")
def grouped(tmp_path_factory):
    folder = tmp_path_factory.mktemp("campaign")
    write_docket(folder / "comments.csv")
    docket("comments", "import", "comments.csv", cwd=folder)
    result = json.loads(docket("comments", "campaigns", "--format", "json", "--html", "report.html", cwd=folder).stdout)
    return folder, result


def test_the_two_campaigns_are_found_whole(grouped):
    _, result = grouped
    assert result["comments"] == 281
    sizes = sorted(campaign["size"] for campaign in result["campaigns"])
    assert sizes == [30, 200]
    a = next(c for c in result["campaigns"] if c["size"] == 200)
    assert set(a["members"]) == {f"DHS-2026-0001-{n:04d}" for n in range(2, 202)}
    assert a["represents"] == 225  # the agency's 25 duplicates on one member
    assert a["organizations"] == [{"name": "Tucson Immigrant Alliance", "comments": 5}]
    assert (a["firstPosted"], a["lastPosted"]) == ("2026-01-01", "2026-01-20")
    assert "face recognition" in a["medoidText"]
    b = next(c for c in result["campaigns"] if c["size"] == 30)
    assert "DHS-2026-0001-9000" not in b["members"]
    assert result["setApartForOwnWords"] == ["DHS-2026-0001-9000"]
    assert len(result["stubs"]) == 10
    assert result["standAlone"] == 41
    assert result["inCampaigns"] == 230


def test_text_output_names_the_count_an_agency_would_make(grouped):
    folder, _ = grouped
    text = docket("comments", "campaigns", cwd=folder).stdout
    assert text.startswith("281 comments: 230 (81.9%) in 2 campaigns, 41 standing alone, 10 stubs under 40 words, 0 empty")
    assert "an agency that counts each campaign once counts 53" in text
    assert "1. 200 comments (standing for 225 with the agency's duplicate counts), 2026-01-01 to 2026-01-20, 1 organization" in text


def test_a_bad_threshold_and_an_unreadable_notice_are_one_line_each(grouped):
    folder, _ = grouped
    run = subprocess.run([DOCKET, "comments", "campaigns", "--threshold", "1.5"], cwd=folder, capture_output=True, text=True)
    assert run.returncode != 0 and "--threshold must be between 0.2 and 0.95" in run.stderr
    run = subprocess.run([DOCKET, "comments", "campaigns", "--notice", "missing.txt"], cwd=folder, capture_output=True, text=True)
    assert run.returncode == 1 and "missing.txt" in run.stderr and "cannot read the notice" in run.stderr


def test_the_notice_docket_fetch_wrote_is_struck_by_default(tmp_path):
    # Commenters who quote a long passage of the notice (400 words), each with an argument of
    # their own (100): two share two thirds of their phrases until the notice's are struck.
    rng = random.Random(11)
    notice = prose(rng, 400)
    rows = []
    for number in range(6):
        row = dict.fromkeys(HEADER, "")
        row.update({"Document ID": f"DHS-2026-0001-{number + 2:04d}", "Docket ID": "DHS-2026-0001", "Document Type": "Public Submission",
                    "Posted Date": "2026-01-05T05:00Z", "Comment": notice + " " + prose(rng, 100)})
        rows.append(row)
    with open(tmp_path / "quoting.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=HEADER)
        writer.writeheader()
        writer.writerows(rows)
    docket("comments", "import", "quoting.csv", cwd=tmp_path)
    before = json.loads(docket("comments", "campaigns", "--format", "json", cwd=tmp_path).stdout)
    assert before["inCampaigns"] == 6 and not before["noticeStruck"]
    (tmp_path / ".docket" / "notice.txt").write_text(notice, encoding="utf-8")
    after = json.loads(docket("comments", "campaigns", "--format", "json", cwd=tmp_path).stdout)
    assert after["noticeStruck"] and after["campaigns"] == [] and after["standAlone"] == 6
    assert "the notice's own phrases were struck before comparing" in docket("comments", "campaigns", cwd=tmp_path).stdout


def test_an_empty_docket_is_a_sensible_report(tmp_path):
    run = docket("comments", "campaigns", "--format", "json", cwd=tmp_path)
    result = json.loads(run.stdout)
    assert result["comments"] == 0 and result["campaigns"] == []


def test_the_html_report_opens_in_chromium_with_no_serious_axe_violation(grouped, tmp_path):
    from axe_selenium_python import Axe
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    folder, _ = grouped
    page = (folder / "report.html").read_text(encoding="utf-8")
    assert "<script" not in page and "http://" not in page and "https://" not in page
    options = Options()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1100,1800"]:
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)
    try:
        driver.get((folder / "report.html").as_uri())
        assert driver.find_element(By.TAG_NAME, "h1").text == "Campaigns among 281 comments"
        assert len(driver.find_elements(By.CSS_SELECTOR, "svg[role=img]")) == 3
        driver.save_screenshot(str(Path(os.environ.get("DOCKET_SCREENSHOTS", tmp_path)) / "campaigns-report.png"))
        axe = Axe(driver)
        axe.inject()
        results = axe.run()
        serious = [(v["id"], v["impact"], v["help"]) for v in results["violations"] if v["impact"] in ("serious", "critical")]
        assert serious == []
    finally:
        driver.quit()
