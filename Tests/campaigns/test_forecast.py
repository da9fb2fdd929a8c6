"""`docket comments forecast` and `docket compose --each`'s collapse line, on the bundled
OMB-2023-0020 example and on a write-in plan, against dockets of posted comments written
here: the campaigns, the matches and the organizations expected are known by construction."""

import csv
import json
import random
import shutil
import subprocess
from pathlib import Path

import yaml

from test_campaigns import DOCKET, HEADER, NAMES, CITIES, WORDS, prose, docket

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "Examples/omb-2023-0020"


def rows_to_csv(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=HEADER)
        writer.writeheader()
        for number, (text, organization) in enumerate(rows, start=2):
            row = dict.fromkeys(HEADER, "")
            row.update({
                "Document ID": f"OMB-2023-0020-{number:04d}", "Agency ID": "OMB", "Docket ID": "OMB-2023-0020", "Document Type": "Public Submission",
                "Posted Date": "2023-12-01T05:00Z", "Comment on Document ID": "OMB-2023-0020-0001", "Comment": text, "Organization Name": organization,
            })
            writer.writerow(row)


def front_matter(path):
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])


def test_the_example_joins_a_posted_campaign_and_each_recommendation_finds_its_allies(tmp_path):
    campaign = tmp_path / "omb-2023-0020"
    shutil.copytree(EXAMPLE, campaign)
    # The example's own library sits two folders up; point the copy back at it.
    plan = (campaign / "plan.yml").read_text(encoding="utf-8").replace("library: ../..", f"library: {ROOT}")
    (campaign / "plan.yml").write_text(plan, encoding="utf-8")
    box = docket("compose", "plan.yml", "--stdout", "txt", cwd=campaign).stdout
    rng = random.Random(5)
    rows = []
    # 40 supporters already filed the coalition's text with a line of their own.
    for index in range(40):
        rows.append((f"I am {NAMES[index % 8]} of {CITIES[index % 8]}.\n\n" + box, ""))
    # Two organizations argue one recommendation in their own words around its title and summary.
    evaluation = front_matter(campaign / "Recommendations/independent-evaluation-and-monitoring.md")
    for organization in ["Fresno Tenants Union", "Detroit Digital Rights Lab"]:
        rows.append((prose(rng, 80) + " " + evaluation["title"] + ". " + evaluation["summary"] + " " + prose(rng, 60), organization))
    # Comments on other things.
    for index in range(30):
        rows.append((prose(rng, 120), ""))
    rows_to_csv(campaign / "posted.csv", rows)
    docket("comments", "import", "posted.csv", cwd=campaign)

    forecast = json.loads(docket("comments", "forecast", "plan.yml", "--format", "json", cwd=campaign).stdout)
    assert forecast["posted"] == 72
    assert forecast["drafts"] == 1
    [placement] = forecast["placements"]
    assert placement["lands"] == "posted"
    assert placement["postedInCampaign"] == 40
    assert forecast["countedAs"] == 0
    assert 1 <= placement["wordsToStandApart"] <= 300

    by_id = {point["id"]: point for point in forecast["recommendations"]}
    titles = [front_matter(campaign / f"Recommendations/{name}.md")["title"] for name in yaml.safe_load(plan)["sections"][4]["recommendations"]]
    assert [point["title"] for point in forecast["recommendations"]] == titles
    allies = by_id["independent-evaluation-and-monitoring"]
    assert allies["organizations"] == ["Detroit Digital Rights Lab", "Fresno Tenants Union"]
    assert all(match["link"].startswith("https://www.regulations.gov/comment/OMB-2023-0020-") for match in allies["comments"])
    # The 40 copies of the coalition's own letter make every point; besides them, only the two
    # organizations' comments make the evaluation point.
    copies = {f"OMB-2023-0020-{n:04d}" for n in range(2, 42)}
    assert {m["id"] for m in allies["comments"]} - copies == {"OMB-2023-0020-0042", "OMB-2023-0020-0043"}
    for point in forecast["recommendations"]:
        if point["id"] != "independent-evaluation-and-monitoring":
            assert point["organizations"] == [] and {m["id"] for m in point["comments"]} <= copies

    # Without the copies, the draft stands alone, and the other four points are the coalition's own.
    rows_to_csv(campaign / "others.csv", rows[40:])
    docket("comments", "import", "others.csv", "--store", "others.sqlite", cwd=campaign)
    alone = json.loads(docket("comments", "forecast", "plan.yml", "--store", "others.sqlite", "--format", "json", cwd=campaign).stdout)
    assert alone["posted"] == 32 and alone["countedAs"] == 1 and alone["placements"][0]["lands"] == "alone"
    made = {point["id"]: point for point in alone["recommendations"]}
    assert made["independent-evaluation-and-monitoring"]["organizations"] == ["Detroit Digital Rights Lab", "Fresno Tenants Union"]
    assert sorted(id for id, point in made.items() if point["comments"] == []) == sorted(set(by_id) - {"independent-evaluation-and-monitoring"})
    lonely = docket("comments", "forecast", "plan.yml", "--store", "others.sqlite", cwd=campaign).stdout
    assert lonely.count("no posted comment makes this point") == 4

    text = docket("comments", "forecast", "plan.yml", cwd=campaign).stdout
    assert "against 72 posted comments on OMB-2023-0020" in text
    assert "1 draft: an agency that collapses near-duplicates would count it as 0 new (each joins a campaign already posted)" in text
    assert "potential allies: Detroit Digital Rights Lab, Fresno Tenants Union" in text


def test_supporters_drafts_form_one_campaign_and_compose_each_says_so(tmp_path):
    campaign = tmp_path / "write-in"
    (campaign / "Templates/clauses").mkdir(parents=True)
    letter = (
        "I ask the Department of Homeland Security to stop using face recognition in immigration enforcement until it has been tested on the "
        "people it is used on, to list every use in its public inventory with how it was tested and how often it is wrong, to tell every person "
        "affected by an automated decision that a model was involved, to explain the decision in plain words, and to offer an appeal to a person "
        "who can change the outcome. Risk scores that decide who is detained or watched should not be hidden from the people they score, and "
        "no system should be used after its waiver has lapsed. Please require independent testing before deployment, ongoing monitoring after "
        "it, and public reporting of error rates by race, sex and age, so that the people affected can see what is done in their name."
    )
    (campaign / "Templates/clauses/personal.md").write_text(
        "---\nid: personal\nversion: 1\ntitle: A supporter's own words\nvariables:\n  name: { type: string, required: true }\n  city: { type: string, default: \"our town\" }\n---\n"
        "I am {{name}}, from {{city}}. " + letter + "\n", encoding="utf-8")
    (campaign / "plan.yml").write_text(
        "name: write-in\nkind: letter\nsubmitter: { type: anonymous }\nvariables:\n  name: A supporter\nsections:\n  - clause: personal\n", encoding="utf-8")
    supporters = ["id,name,city"] + [f"s{index},{NAMES[index % 8]} {index},{CITIES[index % 8]}" for index in range(30)]
    (campaign / "supporters.csv").write_text("\n".join(supporters) + "\n", encoding="utf-8")
    rng = random.Random(9)
    rows_to_csv(campaign / "posted.csv", [(prose(rng, 150), "") for _ in range(20)])
    docket("comments", "import", "posted.csv", cwd=campaign)

    forecast = json.loads(docket("comments", "forecast", "plan.yml", "--each", "supporters.csv", "--docket", "OMB-2023-0020", "--format", "json", cwd=campaign).stdout)
    assert forecast["drafts"] == 30
    assert forecast["countedAs"] == 1
    assert {p["lands"] for p in forecast["placements"]} == {"drafts"}
    assert {p["campaignSize"] for p in forecast["placements"]} == {30}
    # About 140 words shared; a draft stands apart with enough of its own to halve its
    # similarity, far under the own-words rule's 300.
    assert 100 <= forecast["medianWordsToStandApart"] <= 300
    assert forecast["recommendations"] == []

    # compose --each prints the same forecast once the docket's comments are in the store. The
    # plan names no docket, so it is compared with every stored comment.
    run = docket("compose", "plan.yml", "--each", "supporters.csv", "--out", "out", cwd=campaign)
    assert "wrote 30 drafts" in run.stdout
    assert "against 20 posted comments in .docket/comments.sqlite: 30 drafts: an agency that collapses near-duplicates would count them as 1" in run.stdout
