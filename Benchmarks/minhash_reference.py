"""The references for docket-bench's campaign scenario: rensa and datasketch, each clustering
the same comments the usual way with its own LSH at threshold 0.5 (insert every signature,
query each, keep candidates whose estimated Jaccard is 0.5 or more, union-find), on the same
word 5-shingles DocketKit compares (NFKC, lowercase, letters and digits, apostrophes joined).

usage: minhash_reference.py rensa|datasketch COMMENTS.jsonl LABELS.txt
Prints the seconds from the first signature to the last union (reading the file apart), and
writes one cluster label per input line."""

import json
import re
import sys
import time
import unicodedata

WORD = re.compile(r"[^\W_]+")


def shingles(text):
    text = unicodedata.normalize("NFKC", text).lower().replace("'", "").replace("\u2019", "")
    words = WORD.findall(text)
    if len(words) < 5:
        return [" ".join(words)] if words else []
    return [" ".join(words[i:i + 5]) for i in range(len(words) - 4)]


def find(parent, item):
    while parent[item] != item:
        parent[item] = parent[parent[item]]
        item = parent[item]
    return item


def union(parent, a, b):
    a, b = find(parent, a), find(parent, b)
    if a != b:
        parent[max(a, b)] = min(a, b)


def main():
    tool, source, labels_path = sys.argv[1:4]
    texts = [json.loads(line)["text"] for line in open(source, encoding="utf-8")]
    parent = list(range(len(texts)))
    # Each index is made before the clock starts: datasketch spends about a second choosing
    # its bands for the threshold, whatever the number of comments.
    if tool == "rensa":
        from rensa import RMinHash, RMinHashLSH
        lsh = RMinHashLSH(threshold=0.5, num_perm=128, num_bands=32)
    elif tool == "datasketch":
        from datasketch import MinHash, MinHashLSH
        lsh = MinHashLSH(threshold=0.5, num_perm=128)
    else:
        sys.exit(f"unknown tool {tool}")
    start = time.perf_counter()
    signatures = []
    for text in texts:
        if tool == "rensa":
            m = RMinHash(num_perm=128, seed=1)
            m.update(shingles(text))
        else:
            m = MinHash(num_perm=128, seed=1)
            m.update_batch([s.encode("utf-8") for s in shingles(text)])
        signatures.append(m)
    for key, m in enumerate(signatures):
        lsh.insert(key, m)
    for key, m in enumerate(signatures):
        for other in lsh.query(m):
            if other != key and find(parent, other) != find(parent, key) and m.jaccard(signatures[other]) >= 0.5:
                union(parent, key, other)
    seconds = time.perf_counter() - start
    with open(labels_path, "w") as out:
        out.write("\n".join(str(find(parent, i)) for i in range(len(texts))) + "\n")
    print(f"seconds {seconds:.3f}")


if __name__ == "__main__":
    main()
