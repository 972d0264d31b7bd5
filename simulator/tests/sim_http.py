"""A tiny stdlib HTTP client for the simulator's tests. A module of its own, not conftest.py: a test that imports
``conftest`` gets whichever conftest.py pytest imported first when it collects several test trees in one run."""
import base64
import json
import urllib.error
import urllib.request

ACCEPT = "application/vnd.heroku+json; version=3"


class Response:
    def __init__(self, status, body, headers):
        self.status = status
        self.body = body
        self.headers = headers


class Client:
    def __init__(self, url, token="test-api-key", accept=ACCEPT, basic=False):
        self.url = url
        self.token = token
        self.accept = accept
        self.basic = basic

    def __call__(self, method, path, body=None, headers=None, auth=True):
        hdrs = {"Accept": self.accept} if self.accept else {}
        if auth and self.token is not None:
            if self.basic:
                hdrs["Authorization"] = "Basic " + base64.b64encode(f":{self.token}".encode()).decode()
            else:
                hdrs["Authorization"] = f"Bearer {self.token}"
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            hdrs["Content-Type"] = "application/json"
        hdrs.update(headers or {})
        req = urllib.request.Request(self.url + path, data=data, method=method, headers=hdrs)
        try:
            with urllib.request.urlopen(req, timeout=10) as resp:
                raw = resp.read()
                return Response(resp.status, json.loads(raw) if raw else None, resp.headers)
        except urllib.error.HTTPError as err:
            raw = err.read()
            return Response(err.code, json.loads(raw) if raw else None, err.headers)

    def get(self, path, **kw):
        return self("GET", path, **kw)

    def post(self, path, body=None, **kw):
        return self("POST", path, body if body is not None else {}, **kw)

    def patch(self, path, body=None, **kw):
        return self("PATCH", path, body if body is not None else {}, **kw)

    def put(self, path, body=None, **kw):
        return self("PUT", path, body if body is not None else {}, **kw)

    def delete(self, path, **kw):
        return self("DELETE", path, **kw)

    def list_all(self, path, range_header="id ..; max=1000"):
        """Follow Next-Range like a real client; returns (items, pages)."""
        items, pages, rng = [], 0, range_header
        while True:
            r = self.get(path, headers={"Range": rng})
            assert r.status in (200, 206), r.body
            items.extend(r.body)
            pages += 1
            if r.status == 200:
                return items, pages
            rng = r.headers["Next-Range"]
