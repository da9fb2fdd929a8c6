"""A loopback stand-in for Regulations.gov v4 and the Federal Register's documents API, for
tests only. It answers with recorded responses of the documented shapes and checks every
Regulations.gov request it receives against GSA's OpenAPI spec (path, method, query parameters,
the X-Api-Key header); what does not match is kept and served at /_violations.

    python3 mock_api.py SPEC SCENARIO_JSON  -> prints "listening on PORT"

The scenario file is re-read on every request, so a test can change the docket between fetches.

Comments (`docket comments pull`) behave as the live API does: a list query returns at most
page[size] <= 250 rows of page[number] <= 20, sorted by lastModifiedDate then id; past that,
the client must start a new window with filter[lastModifiedDate][ge] in Eastern time, which
repeats the rows of the boundary second. A scenario's "comments" entry generates them:
{"document": ID, "objectId": OID, "count": N, "start": EPOCH, "same_second_every": K}. Each
comment's detail comes in the JSON:API envelope, with attachments in "included" and files
served from /files/. "recorded" serves the real responses in recorded/ instead."""

import hashlib
import json
import os
import re
import sys
import threading
import time
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, unquote, urlsplit
from zoneinfo import ZoneInfo

import yaml

SPEC = yaml.safe_load(open(sys.argv[1]))
SCENARIO = sys.argv[2]
KEY = "test-key-0123456789abcdef0123456789abcdef"
violations = []
seen = {"rate_limited": False, "keys": 0, "uploads": {}, "comments": [], "requests": 0, "lists": [], "details": {}, "files": {}}
RECORDED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "recorded")
EASTERN = ZoneInfo("America/New_York")
generated = {}


def iso(epoch):
    return datetime.fromtimestamp(epoch, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def comments_of(scenario):
    """The scenario's comments, generated once per distinct specification, plus any it lists."""
    spec = scenario.get("comments")
    if not spec:
        return []
    key = json.dumps(spec, sort_keys=True)
    if key not in generated:
        rows = []
        start = spec.get("start", 1767225600)
        every = spec.get("same_second_every", 1)
        for index in range(spec["count"]):
            rows.append({
                "id": f"{spec['docket']}-{index + 2:05d}",
                "document": spec["document"],
                "objectId": spec["objectId"],
                # Several comments share each second, as a campaign's batch does.
                "modified": start + index // every,
                "posted": start + index // every,
                "organization": f"Organization {index % 97}" if index % 3 == 0 else None,
                "comment": f"Comment {index} on the proposed guidance. " + ("We ask for notice and appeal. " if index % 2 else "Face recognition needs limits. "),
                "attachments": [],
            })
        generated[key] = rows
    rows = [dict(row) for row in generated[key]]
    # Changes a test makes after a first pull: new comments, and edits to existing ones.
    for extra in scenario.get("extra_comments", []):
        rows = [row for row in rows if row["id"] != extra["id"]] + [extra]
    return rows


def comment_detail(row):
    attributes = {
        "agencyId": row["id"].split("-")[0], "docketId": "-".join(row["id"].split("-")[:-1]), "documentType": "Public Submission",
        "commentOn": row["objectId"], "commentOnDocumentId": row["document"], "comment": row["comment"], "title": f"Comment from {row.get('organization') or 'Anonymous'}",
        "organization": row.get("organization"), "firstName": None if row.get("organization") else "Anonymous", "lastName": None,
        "postedDate": iso(row["posted"]), "receiveDate": iso(row["posted"] - 86400), "modifyDate": iso(row["modified"]), "duplicateComments": row.get("duplicates", 0),
        "trackingNbr": "t" + hashlib.sha256(row["id"].encode()).hexdigest()[:10], "withdrawn": False, "pageCount": 1, "displayProperties": None, "fileFormats": None,
        "category": row.get("category"), "govAgency": None, "govAgencyType": None, "restrictReason": None, "openForComment": False,
    }
    included = [
        {"id": f"0900006{index}", "type": "attachments", "attributes": {"title": a.get("title", f"Attachment {index + 1}"), "docOrder": index + 1,
         "fileFormats": [{"fileUrl": a["url"], "format": a.get("format"), "size": a.get("size")}], "restrictReason": None, "modifyDate": iso(row["modified"])},
         "links": {"self": f"https://api.regulations.gov/v4/attachments/0900006{index}"}}
        for index, a in enumerate(row.get("attachments", []))
    ]
    body = {"data": {"id": row["id"], "type": "comments", "attributes": attributes, "links": {"self": f"https://api.regulations.gov/v4/comments/{row['id']}"},
                     "relationships": {"attachments": {"data": [{"type": "attachments", "id": i["id"]} for i in included],
                                                       "links": {"self": f"https://api.regulations.gov/v4/comments/{row['id']}/relationships/attachments",
                                                                 "related": f"https://api.regulations.gov/v4/comments/{row['id']}/attachments"}}}}}
    if included:
        body["included"] = included
    return body


def eastern(epoch):
    return datetime.fromtimestamp(epoch, EASTERN).strftime("%Y-%m-%d %H:%M:%S")


def from_eastern(text):
    return datetime.strptime(text, "%Y-%m-%d %H:%M:%S").replace(tzinfo=EASTERN).timestamp()

lock = threading.Lock()


def operation(method, path):
    """The spec's operation for a request to /v4/<path>, with its path parameters."""
    for template, item in SPEC["paths"].items():
        pattern = "^" + re.sub(r"\{[^}]+\}", "[^/]+", template) + "$"
        if re.match(pattern, path) and method.lower() in item:
            return item[method.lower()]
    return None


def check(handler, method, path, query):
    op = operation(method, path)
    problems = []
    if op is None:
        problems.append(f"{method} {path} is not in the spec")
    else:
        declared = {p["name"] for p in op.get("parameters", []) if p.get("in") == "query"}
        problems += [f"{method} {path}: query parameter {name!r} is not declared" for name, _ in query if name not in declared]
    if not handler.headers.get("X-Api-Key"):
        problems.append(f"{method} {path}: no X-Api-Key header")
    if "api_key" in dict(query):
        problems.append(f"{method} {path}: the key was sent in the URL")
    with lock:
        violations.extend(problems)


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send_json(self, status, body, content_type="application/vnd.api+json", headers=None):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        scenario = json.load(open(SCENARIO))
        url = urlsplit(self.path)
        query = parse_qsl(url.query)
        base = f"http://127.0.0.1:{self.server.server_port}"
        if url.path == "/_violations":
            return self.send_json(200, violations, "application/json")
        if url.path == "/_log":
            return self.send_json(200, {"keys": seen["keys"], "uploads": seen["uploads"], "comments": seen["comments"], "requests": seen["requests"],
                                        "lists": seen["lists"], "details": seen["details"], "files": seen["files"]}, "application/json")
        if url.path.startswith("/v4/"):
            path = url.path[3:]
            check(self, "GET", path, query)
            key = self.headers.get("X-Api-Key")
            if key != KEY:
                return self.send_json(403, {"error": {"code": "API_KEY_INVALID", "message": "An invalid api_key was supplied."}}, "application/json")
            if scenario.get("rate_limit_once") and not seen["rate_limited"]:
                seen["rate_limited"] = True
                return self.send_json(429, {"error": {"code": "OVER_RATE_LIMIT", "message": "slow down"}}, "application/json", {"Retry-After": "1"})
            with lock:
                seen["requests"] += 1
                number = seen["requests"]
            every = scenario.get("rate_limit_every")
            if every and number % every == 0:
                return self.send_json(429, {"error": {"code": "OVER_RATE_LIMIT", "message": "slow down"}}, "application/json", {"Retry-After": "1"})
            broken = scenario.get("broken")
            if broken and path.startswith(broken.get("path", "/")):
                if broken["kind"] == "html":
                    body = b"<html><body><h1>Service Unavailable</h1><p>Regulations.gov is down for maintenance.</p></body></html>"
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html")
                else:
                    body = b'{"data": [{"id": "X-1", "type": "comments", "attributes": {"title": "trunc'
                    self.send_response(200)
                    self.send_header("Content-Type", "application/vnd.api+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                return self.wfile.write(body)
            if scenario.get("recorded"):
                return self.recorded(path, query)
            if path == "/comments":
                return self.comments_list(scenario, dict(query))
            match = re.match(r"^/comments/([^/]+)$", path)
            if match:
                return self.comment(scenario, match.group(1))
            docket = scenario["docket"]
            if path == f"/dockets/{docket['id']}":
                return self.send_json(200, {"data": {"id": docket["id"], "type": "dockets", "attributes": docket["attributes"], "links": {"self": f"https://api.regulations.gov/v4/dockets/{docket['id']}"}}})
            if path.startswith("/dockets/"):
                return self.send_json(404, {"errors": [{"status": 404, "title": "The docket was not found"}]})
            if path == "/documents" and dict(query).get("filter[docketId]") == docket["id"]:
                items = [{"id": d["id"], "type": "documents", "attributes": d["attributes"], "links": {"self": f"https://api.regulations.gov/v4/documents/{d['id']}"}} for d in scenario["documents"]]
                return self.send_json(200, {"data": items, "meta": {"totalElements": len(items), "lastPage": True, "hasNextPage": False, "pageNumber": 1}})
            if path == "/documents":
                return self.send_json(200, {"data": [], "meta": {"totalElements": 0, "lastPage": True}})
            return self.send_json(404, {"errors": [{"status": 404, "title": "Not found"}]})
        if url.path.startswith("/files/"):
            return self.file(scenario, unquote(url.path[len("/files/"):]))
        match = re.match(r"^/api/v1/documents/([0-9-]+)\.json$", url.path)
        if match and match.group(1) == scenario["notice"]["document_number"]:
            notice = dict(scenario["notice"], raw_text_url=f"{base}/raw/{match.group(1)}.txt")
            return self.send_json(200, notice, "application/json")
        if url.path.startswith("/raw/"):
            text = scenario["notice_text"].encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(text)))
            self.end_headers()
            return self.wfile.write(text)
        self.send_json(404, {"errors": [{"title": "Not found"}]}, "application/json")


    def comments_list(self, scenario, query):
        size = int(query.get("page[size]", "25"))
        page = int(query.get("page[number]", "1"))
        if not 5 <= size <= 250 or not 1 <= page <= 20:
            return self.send_json(400, {"errors": [{"status": 400, "title": "page[size] must be 5 to 250 and page[number] 1 to 20"}]})
        if query.get("sort") != "lastModifiedDate,documentId":
            violations.append(f"GET /comments sorted by {query.get('sort')!r}, not lastModifiedDate,documentId: the seam would lose rows")
        rows = [r for r in comments_of(scenario) if r["objectId"] == query.get("filter[commentOnId]")]
        since = query.get("filter[lastModifiedDate][ge]")
        if since:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}", since):
                return self.send_json(400, {"errors": [{"status": 400, "title": f"lastModifiedDate {since!r} is not yyyy-MM-dd HH:mm:ss"}]})
            rows = [r for r in rows if r["modified"] >= from_eastern(since)]
        rows.sort(key=lambda r: (r["modified"], r["id"]))
        chunk = rows[(page - 1) * size: page * size]
        with lock:
            seen["lists"].append({"objectId": query.get("filter[commentOnId]"), "since": since, "page": page, "rows": len(chunk)})
        total_pages = (len(rows) + size - 1) // size
        data = [{"id": r["id"], "type": "comments", "attributes": {"agencyId": r["id"].split("-")[0], "documentType": "Public Submission", "highlightedContent": None,
                 "lastModifiedDate": iso(r["modified"]), "objectId": "09" + hashlib.sha256(r["id"].encode()).hexdigest()[:14], "postedDate": iso(r["posted"]),
                 "title": f"Comment from {r.get('organization') or 'Anonymous'}", "withdrawn": False},
                 "links": {"self": f"https://api.regulations.gov/v4/comments/{r['id']}"}} for r in chunk]
        meta = {"hasNextPage": page < total_pages, "hasPreviousPage": page > 1, "numberOfElements": len(chunk), "pageNumber": page, "pageSize": size,
                "totalElements": len(rows), "totalPages": total_pages, "firstPage": page == 1, "lastPage": page >= total_pages}
        if scenario.get("list_delay"):
            time.sleep(scenario["list_delay"])
        return self.send_json(200, {"data": data, "meta": meta})

    def comment(self, scenario, comment_id):
        with lock:
            seen["details"][comment_id] = seen["details"].get(comment_id, 0) + 1
        if scenario.get("detail_delay"):
            time.sleep(scenario["detail_delay"])
        for row in comments_of(scenario):
            if row["id"] == comment_id:
                return self.send_json(200, comment_detail(row))
        return self.send_json(404, {"errors": [{"status": 404, "title": "The comment was not found"}]})

    def file(self, scenario, name):
        with lock:
            seen["files"][name] = seen["files"].get(name, 0) + 1
        if self.headers.get("X-Api-Key"):
            violations.append(f"GET /files/{name} carried the API key")
        path = os.path.join(scenario.get("files_folder", "."), name)
        if not os.path.isfile(path):
            return self.send_json(404, {"errors": [{"title": "Not found"}]}, "application/json")
        data = open(path, "rb").read()
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def recorded(self, path, query):
        """The real responses Mirrulations recorded (recorded/README.md says which is which)."""
        load = lambda name: json.load(open(os.path.join(RECORDED, name)))
        if path == "/dockets/USTR-2015-0010":
            listing = load("dockets_listing.json")
            # A real docket record, in the envelope every real single-resource response has.
            return self.send_json(200, {"data": dict(listing["data"][0], id="USTR-2015-0010")})
        if path == "/documents" and query and dict(query).get("filter[docketId]") == "USTR-2015-0010":
            document = load("USTR-2015-0010-0001.json")["data"]
            listing = load("dockets_listing.json")
            fields = ["agencyId", "commentEndDate", "commentStartDate", "docketId", "documentType", "frDocNum", "objectId", "openForComment", "postedDate", "subtype", "title", "withdrawn"]
            item = {"id": document["id"], "type": "documents", "attributes": {k: document["attributes"].get(k) for k in fields}, "links": document["links"]}
            item["attributes"]["lastModifiedDate"] = document["attributes"]["modifyDate"]
            meta = dict(listing["meta"], numberOfElements=1, totalElements=1, totalPages=1, hasNextPage=False, lastPage=True)
            return self.send_json(200, {"data": [item], "meta": meta})
        match = re.match(r"^/comments/(USTR-2015-0010-000[2-5])$", path)
        if match:
            return self.send_json(200, load(f"{match.group(1)}.json"))
        if path == "/comments":
            rows = [load(f"USTR-2015-0010-000{n}.json")["data"] for n in range(2, 6)]
            data = [{"id": r["id"], "type": "comments", "links": r["links"], "attributes": {"agencyId": "USTR", "documentType": "Public Submission",
                     "highlightedContent": None, "lastModifiedDate": r["attributes"]["modifyDate"], "objectId": r["attributes"]["objectId"],
                     "postedDate": r["attributes"]["postedDate"], "title": r["attributes"]["title"], "withdrawn": False}} for r in rows]
            meta = dict(load("dockets_listing.json")["meta"], numberOfElements=4, totalElements=4, totalPages=1, hasNextPage=False, lastPage=True, pageSize=250)
            return self.send_json(200, {"data": data, "meta": meta})
        return self.send_json(404, {"errors": [{"status": 404, "title": "Not recorded"}]})

    def body(self):
        length = int(self.headers.get("Content-Length", "0"))
        return self.rfile.read(length)

    def do_POST(self):
        scenario = json.load(open(SCENARIO))
        url = urlsplit(self.path)
        path = url.path[3:] if url.path.startswith("/v4/") else url.path
        check(self, "POST", path, parse_qsl(url.query))
        raw = self.body()
        if self.headers.get("X-Api-Key") != KEY:
            return self.send_json(403, {"error": {"code": "API_KEY_INVALID", "message": "An invalid api_key was supplied."}}, "application/json")
        try:
            body = json.loads(raw or b"{}")
        except ValueError:
            with lock:
                violations.append(f"POST {path}: the body is not JSON")
            return self.send_json(400, {"errors": [{"status": 400, "title": "Bad JSON"}]})
        if path == "/submission-keys":
            if scenario.get("rate_limit_once") and not seen["rate_limited"]:
                seen["rate_limited"] = True
                return self.send_json(429, {"error": {"code": "OVER_RATE_LIMIT", "message": "slow down"}}, "application/json", {"Retry-After": "1"})
            seen["keys"] += 1
            return self.send_json(201, {"data": {"id": f"KEY-{seen['keys']}", "type": "submission-keys"}})
        if path == "/file-upload-urls":
            attributes = body.get("data", {}).get("attributes", {})
            for field in ["submissionKey", "fileName", "contentType"]:
                if not attributes.get(field):
                    violations.append(f"POST /file-upload-urls: no {field}")
            token = f"{attributes.get('submissionKey')}/{attributes.get('fileName')}"
            upload = f"http://127.0.0.1:{self.server.server_port}/upload/{token}"
            return self.send_json(201, {"data": {"id": upload, "type": "file-upload-urls", "attributes": attributes}})
        if path == "/comments":
            if scenario.get("hang_on") == "comments":
                time.sleep(60)
            attributes = body.get("data", {}).get("attributes", {})
            key = attributes.get("submissionKey")
            uploaded = sorted(name for token, name in ((t, t.split("/", 1)[1]) for t in seen["uploads"]) if token.startswith(f"{key}/"))
            if sorted(attributes.get("files") or []) != uploaded:
                violations.append(f"POST /comments: files {attributes.get('files')} are not the ones uploaded with {key}: {uploaded}")
            for field in ["commentOnDocumentId", "comment", "submissionType", "submitterType"]:
                if not attributes.get(field):
                    violations.append(f"POST /comments: no {field}")
            seen["comments"].append({"key": key, "files": attributes.get("files")})
            return self.send_json(201, {"data": {"id": f"lz{len(seen['comments'])}-abcd-1234", "type": "comments", "attributes": {"receiveDate": "2026-11-29"}}})
        self.send_json(404, {"errors": [{"status": 404, "title": "Not found"}]})

    def do_PUT(self):
        scenario = json.load(open(SCENARIO))
        url = urlsplit(self.path)
        data = self.body()
        if not url.path.startswith("/upload/"):
            return self.send_json(404, {}, "application/json")
        if self.headers.get("X-Api-Key"):
            violations.append("PUT to the upload address carried the API key")
        if scenario.get("hang_on") == "upload":
            time.sleep(60)
        if scenario.get("fail_upload"):
            self.send_response(500)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        seen["uploads"][url.path[len("/upload/"):]] = hashlib.sha256(data).hexdigest()
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(f"listening on {server.server_port}", flush=True)
server.serve_forever()
