"""A hostile corpus built apart from the hand-written reproductions: each case is the bundled
2024 DHS campaign (its library, plan, roster and approvals) with one file damaged by a seeded
random mutation of a kind people and tools really produce (a stray byte, a cut file, a YAML
alias bomb, a line repeated or lost, a file swapped for a folder or a link). `docket check` and
`docket compose` run on every case; the test holds each run to what DocketKit promises:

- no crash (no signal, no Swift runtime trap) and no hang (each run within 30 s);
- a failure is located diagnostics with stable codes, exit 1 or 2, and leaves the output
  folder exactly as it was;
- a success writes one version's files only, and no contact data from the roster reaches them.

A second test kills `docket compose` at random moments and checks the output folder never
holds files of two versions, and that the next run leaves no temporary file behind.

DOCKET_HOSTILE_CASES sets the number of cases (default 150); DOCKET_HOSTILE_SEED the seed."""

import hashlib
import os
import random
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCKET = os.environ.get("DOCKET", str(ROOT / ".build" / "debug" / "docket"))
CASES = int(os.environ.get("DOCKET_HOSTILE_CASES", "150"))
SEED = int(os.environ.get("DOCKET_HOSTILE_SEED", "20261207"))
CAMPAIGN = "Examples/dhs-ai-compliance-2024"
LOCATED = re.compile(r"^.+:\d+:\d+: (error|warning|note)\[DK\d{3}\]: ", re.M)
WHOLE_FILE = re.compile(r"^[^:\n]+: (error|warning)\[DK\d{3}\]: ", re.M)
VERSION = re.compile(r"\b[0-9a-f]{64}\b")


def seed_tree(into: Path) -> Path:
    """The repository's library and the DHS campaign, as the campaign finds them (`library: ../..`)."""
    for folder in ["Recommendations", "Templates"]:
        shutil.copytree(ROOT / folder, into / folder)
    shutil.copytree(ROOT / CAMPAIGN, into / CAMPAIGN, ignore=shutil.ignore_patterns("expected"))
    return into / CAMPAIGN


def contact_data(campaign: Path) -> list[str]:
    lines = (campaign / "signatories.csv").read_text().splitlines()
    header = lines[0].split(",")
    wanted = [header.index(name) for name in ("contact_email", "contact_phone") if name in header]
    values = []
    for line in lines[1:]:
        cells = line.split(",")
        values += [cells[i] for i in wanted if i < len(cells) and cells[i]]
    return values


ALIAS_BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
ODD_TEXT = ["\x00", "\x1b[31m", "\x07", "\ufeff", "\u202e", "\ud7ff", "\uffff", "{{", "}}", "{{> ", "*a", "&a ", ": ", "- ", "\t", "\r", "\r\n", "'", '"', "\\", "../", "%00", "\u00a0", "２０２-５５５-０１００"]
ODD_BYTES = [b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\x80"]


def mutate(path: Path, rng: random.Random) -> str:
    """Damages `path` one way, chosen by `rng`; returns what was done, for the failure message."""
    data = path.read_bytes()
    kind = rng.choice(["insert", "insert", "bytes", "truncate", "delete-line", "repeat-line", "swap-lines", "alias-bomb", "huge-line", "empty", "folder", "link", "indent", "number"])
    position = rng.randrange(len(data) + 1) if data else 0
    lines = data.split(b"\n")
    line = rng.randrange(len(lines))
    if kind == "insert":
        text = rng.choice(ODD_TEXT)
        path.write_bytes(data[:position] + text.encode("utf-8", "surrogatepass") + data[position:])
        return f"inserted {text!r} at byte {position}"
    if kind == "bytes":
        raw = rng.choice(ODD_BYTES)
        path.write_bytes(data[:position] + raw + data[position:])
        return f"inserted bytes {raw!r} at {position}"
    if kind == "truncate":
        path.write_bytes(data[:position])
        return f"cut at byte {position}"
    if kind == "delete-line":
        del lines[line]
        path.write_bytes(b"\n".join(lines))
        return f"deleted line {line + 1}"
    if kind == "repeat-line":
        lines.insert(line, lines[line])
        path.write_bytes(b"\n".join(lines))
        return f"repeated line {line + 1}"
    if kind == "swap-lines":
        other = rng.randrange(len(lines))
        lines[line], lines[other] = lines[other], lines[line]
        path.write_bytes(b"\n".join(lines))
        return f"swapped lines {line + 1} and {other + 1}"
    if kind == "alias-bomb":
        if path.suffix == ".md" and data.startswith(b"---\n"):
            path.write_bytes(b"---\n" + ALIAS_BOMB.encode() + data[4:])
        else:
            path.write_bytes(ALIAS_BOMB.encode() + data)
        return "alias bomb at the start of the YAML"
    if kind == "huge-line":
        lines.insert(line, b"x" * rng.choice([70_000, 1_000_000]))
        path.write_bytes(b"\n".join(lines))
        return f"a huge line before line {line + 1}"
    if kind == "empty":
        path.write_bytes(b"")
        return "emptied"
    if kind == "folder":
        path.unlink()
        path.mkdir()
        return "replaced by a folder"
    if kind == "link":
        path.unlink()
        target = rng.choice(["/dev/zero", "/etc/passwd", str(path.parent), "missing-target"])
        path.symlink_to(target)
        return f"replaced by a link to {target}"
    if kind == "indent":
        lines[line] = rng.choice([b"  ", b"\t", b"    - "]) + lines[line]
        path.write_bytes(b"\n".join(lines))
        return f"indented line {line + 1}"
    numbers = list(re.finditer(rb"\d+", data))
    if not numbers:
        path.write_bytes(data + b"\n99999999999999999999999\n")
        return "appended a huge number"
    match = rng.choice(numbers)
    replacement = rng.choice([b"99999999999999999999999", b"-1", b"0", b"2023-02-30", b"1e309", b"NaN"])
    path.write_bytes(data[: match.start()] + replacement + data[match.end():])
    return f"replaced the number at byte {match.start()} by {replacement!r}"


def files_to_damage(tree: Path, campaign: Path) -> tuple[list[Path], list[Path]]:
    """The files the plan's compose reads (its own, and the library files its stored versions
    name as sources), and every other Markdown file of the library."""
    used = {campaign / name for name in ("plan.yml", "signatories.csv", "approvals.jsonl")}
    for sources in (campaign / "versions").glob("*.sources.json"):
        for path in re.findall(r"\(([^()]+\.md):\d+\)", sources.read_text().replace("\\/", "/")):
            used.add(tree / path)
    others = sorted(p for p in tree.rglob("*.md") if "versions" not in p.parts and p not in used)
    return sorted(p for p in used if p.exists()), others


def snapshot(folder: Path) -> dict[str, str]:
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def run(*args, cwd):
    started = time.monotonic()
    try:
        done = subprocess.run([DOCKET, *args], cwd=cwd, capture_output=True, timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail(f"docket {' '.join(args)} ran past 30 s")
    return done, time.monotonic() - started


def judge_failure(done, what):
    # `check` reports on standard output, the other commands on standard error.
    stderr = done.stderr.decode("utf-8", "replace") + done.stdout.decode("utf-8", "replace")
    assert done.returncode in (1, 2), f"{what}: exit {done.returncode}\n{stderr[-2000:]}"
    assert "Fatal error" not in stderr and "Stack dump" not in stderr, f"{what}: a trap\n{stderr[-2000:]}"
    assert LOCATED.search(stderr) or WHOLE_FILE.search(stderr) or stderr.startswith("Error: "), f"{what}: no located diagnostic\n{stderr[-2000:]}"


def test_damaged_campaigns_never_crash_hang_lose_or_leak(tmp_path):
    rng = random.Random(SEED)
    pristine = tmp_path / "pristine"
    pristine_campaign = seed_tree(pristine)
    contacts = contact_data(pristine_campaign)
    assert len(contacts) > 100
    used, others = files_to_damage(pristine, pristine_campaign)
    assert len(used) > 10, used
    outcomes = {"composed": 0, "refused": 0}
    for number in range(CASES):
        tree = tmp_path / f"case-{number}"
        shutil.copytree(pristine, tree, symlinks=True)
        campaign = tree / CAMPAIGN
        target = tree / rng.choice(used if rng.random() < 0.75 else others).relative_to(pristine)
        what = f"case {number} (seed {SEED}): {target.relative_to(tree)} {mutate(target, rng)}"
        out = tree / "out"
        # A good earlier compose is in the folder, as it is in a campaign, so a failed run that
        # touched it would show.
        good, _ = run("compose", str(pristine_campaign / "plan.yml"), "--out", str(out), cwd=pristine)
        assert good.returncode == 0, good.stderr.decode()
        before = snapshot(out)

        checked, _ = run("check", "plan.yml", cwd=campaign)
        assert checked.returncode in (0, 1, 2), f"{what}: check exit {checked.returncode}\n{checked.stderr.decode('utf-8', 'replace')[-2000:]}"
        if checked.returncode != 0:
            judge_failure(checked, what + " (check)")

        composed, _ = run("compose", "plan.yml", "--out", str(out), cwd=campaign)
        after = snapshot(out)
        if composed.returncode == 0:
            outcomes["composed"] += 1
            versions = set()
            for name in after:
                text = (out / name).read_text(errors="replace")
                versions |= set(VERSION.findall(text))
                for contact in contacts:
                    assert contact not in text, f"{what}: {contact} reached {name}"
            assert len(versions) == 1, f"{what}: the outputs carry versions {versions}"
        else:
            outcomes["refused"] += 1
            judge_failure(composed, what + " (compose)")
            assert after == before, f"{what}: a failed compose changed the output folder"
        shutil.rmtree(tree)
    print(f"{CASES} cases: {outcomes}")
    # Both sides were exercised: the corpus is neither all harmless nor all fatal.
    assert outcomes["composed"] > CASES // 10 and outcomes["refused"] > CASES // 10, outcomes


def test_a_compose_killed_at_any_moment_leaves_one_version(tmp_path):
    rng = random.Random(SEED + 1)
    campaign = seed_tree(tmp_path)
    plan = campaign / "plan.yml"
    out = tmp_path / "out"
    done, _ = run("compose", str(plan), "--out", str(out), "--format", "md,html,docx,txt", cwd=tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    clause = tmp_path / "Templates" / "clauses" / "closing-coalition.md"
    original = clause.read_text()
    for attempt in range(25):
        # Each attempt changes the text, so the killed run and the one before it differ.
        clause.write_text(original.replace("We thank you", f"We thank you ({attempt})"))
        process = subprocess.Popen([DOCKET, "compose", str(plan), "--out", str(out), "--format", "md,html,docx,txt"], cwd=tmp_path,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.0, 0.6))
        process.send_signal(signal.SIGKILL)
        process.wait()
        letter = out / campaign.name
        versions = set()
        for name in ["md", "html"]:
            path = letter / f"{campaign.name}.{name}"
            if path.exists():
                versions |= set(VERSION.findall(path.read_text()))
        assert len(versions) <= 1, f"attempt {attempt}: files of two versions: {versions}"
    done, _ = run("compose", str(plan), "--out", str(out), "--format", "md,html,docx,txt", cwd=tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    left = [p.name for p in out.rglob(".docket-*")]
    assert left == [], f"temporary files left after the next run: {left}"
