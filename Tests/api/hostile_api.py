"""A stand-in for Regulations.gov that misbehaves on purpose, one way per run, as a broken proxy
or a hostile server would: `python3 hostile_api.py MODE`. It prints "listening on PORT" and, for
the redirect, also runs the other origin the redirect points at, which records every request's
headers at /_seen."""

import json
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MODE = sys.argv[1]
DOCKET = {"data": {"id": "EPA-HQ-OAR-2026-0001", "type": "dockets", "attributes": {"title": "A docket", "agencyId": "EPA", "objectId": "0b0000018a000001"}}}
DOCUMENTS = {
    "data": [{"id": "EPA-HQ-OAR-2026-0001-0001", "type": "documents", "attributes": {
        "documentType": "Proposed Rule", "title": "A proposed rule", "objectId": "0900006486000001", "openForComment": True,
        "commentStartDate": "2026-10-15T04:00:00Z", "commentEndDate": "2027-12-16T04:59:59Z", "postedDate": "2026-10-15T04:00:00Z",
        "docketId": "EPA-HQ-OAR-2026-0001"}}],
    "meta": {"totalElements": 1, "lastPage": True, "hasNextPage": False},
}
seen = []
state = {"refused": 0}


class Elsewhere(BaseHTTPRequestHandler):
    """The other origin a redirect points at."""

    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path == "/_seen":
            body = json.dumps(seen).encode()
        else:
            seen.append({"path": self.path, "headers": dict(self.headers)})
            body = json.dumps(DOCKET).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/vnd.api+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class Hostile(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        if MODE == "trickle" or (MODE == "trickle-notice" and self.path.startswith("/api/v1/")):
            # Headers at once, then a byte every half second, for ever.
            self.send_response(200)
            self.send_header("Content-Type", "application/vnd.api+json")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            try:
                while True:
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(0.5)
            except OSError:
                return
        if MODE == "redirect":
            self.send_response(302)
            self.send_header("Location", f"http://localhost:{ELSEWHERE}{self.path}")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if MODE.startswith("retry-after:") and state["refused"] == 0:
            state["refused"] += 1
            self.send_response(429)
            self.send_header("Retry-After", MODE.split(":", 1)[1])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if MODE == "short-body":
            self.send_response(200)
            self.send_header("Content-Type", "application/vnd.api+json")
            self.send_header("Content-Length", "5000")
            self.end_headers()
            self.wfile.write(b'{"data": {"id": ')
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        # Otherwise (and after one refusal) an ordinary answer, its title as the mode asks.
        docket = json.loads(json.dumps(DOCKET))
        if MODE == "control-title":
            docket["data"]["attributes"]["title"] = "A docket\u0007 with a bell\u0000 and a NUL"
        if MODE == "huge-title":
            docket["data"]["attributes"]["title"] = "Long " * 200_000
        if MODE == "trickle-notice":
            DOCUMENTS["data"][0]["attributes"]["frDocNum"] = "2026-12345"
        if MODE == "bad-object-id":
            DOCUMENTS["data"][0]["attributes"]["objectId"] = "../../etc/passwd"
        body = json.dumps(docket if "/dockets/" in self.path else DOCUMENTS).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/vnd.api+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


elsewhere = ThreadingHTTPServer(("127.0.0.1", 0), Elsewhere)
ELSEWHERE = elsewhere.server_address[1]
threading.Thread(target=elsewhere.serve_forever, daemon=True).start()
server = ThreadingHTTPServer(("127.0.0.1", 0), Hostile)
print(f"listening on {server.server_address[1]} elsewhere {ELSEWHERE}", flush=True)
server.serve_forever()
