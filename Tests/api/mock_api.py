"""A loopback stand-in for Regulations.gov v4 and the Federal Register's documents API, for
tests only. It answers with recorded responses of the documented shapes and checks every
Regulations.gov request it receives against GSA's OpenAPI spec (path, method, query parameters,
the X-Api-Key header); what does not match is kept and served at /_violations.

    python3 mock_api.py SPEC SCENARIO_JSON  -> prints "listening on PORT"

The scenario file is re-read on every request, so a test can change the docket between fetches."""

import hashlib
import json
import re
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

import yaml

SPEC = yaml.safe_load(open(sys.argv[1]))
SCENARIO = sys.argv[2]
KEY = "test-key-0123456789abcdef0123456789abcdef"
violations = []
seen = {"rate_limited": False, "keys": 0, "uploads": {}, "comments": []}
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
            return self.send_json(200, {"keys": seen["keys"], "uploads": seen["uploads"], "comments": seen["comments"]}, "application/json")
        if url.path.startswith("/v4/"):
            path = url.path[3:]
            check(self, "GET", path, query)
            key = self.headers.get("X-Api-Key")
            if key != KEY:
                return self.send_json(403, {"error": {"code": "API_KEY_INVALID", "message": "An invalid api_key was supplied."}}, "application/json")
            if scenario.get("rate_limit_once") and not seen["rate_limited"]:
                seen["rate_limited"] = True
                return self.send_json(429, {"error": {"code": "OVER_RATE_LIMIT", "message": "slow down"}}, "application/json", {"Retry-After": "1"})
            docket = scenario["docket"]
            if path == f"/dockets/{docket['id']}":
                return self.send_json(200, {"id": docket["id"], "type": "dockets", "attributes": docket["attributes"]})
            if path.startswith("/dockets/"):
                return self.send_json(404, {"errors": [{"status": 404, "title": "The docket was not found"}]})
            if path == "/documents" and dict(query).get("filter[docketId]") == docket["id"]:
                items = [{"id": d["id"], "type": "documents", "attributes": d["attributes"]} for d in scenario["documents"]]
                return self.send_json(200, {"data": items, "meta": {"totalElements": len(items), "lastPage": True}})
            if path == "/documents":
                return self.send_json(200, {"data": [], "meta": {"totalElements": 0, "lastPage": True}})
            return self.send_json(404, {"errors": [{"status": 404, "title": "Not found"}]})
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
