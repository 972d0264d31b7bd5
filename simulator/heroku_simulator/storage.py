"""What Heroku keeps outside its API: source uploads (S3 presigned URLs) and output streams.

`POST /sources` hands out a `put_url` and a `get_url` on this server's own port, under
`/__storage/`. They carry a signature instead of the API key, as S3's do: a client that sends
its Heroku key there leaks it to the storage provider, so the request log records whether an
Authorization header came along. Build and release output streams are served as `text/plain`
(the whole text so far; Heroku streams it while the process runs).
"""
import base64
import gzip
import hashlib
import io
import secrets
import tarfile

from .core import invalid, new_id, now


def source_urls(w, rec):
    base = f"{w.base_url}/__storage/sources/{rec['id']}?signature={rec['signature']}"
    return {"get_url": base + "&method=get", "put_url": base + "&method=put"}


def create_source(w):
    rec = {"id": new_id(), "signature": secrets.token_hex(16), "data": None, "created_at": now()}
    w.s["sources"][rec["id"]] = rec
    return rec


def source_of_url(w, url):
    """The source record a get_url names, or None for any other URL (one Heroku would fetch itself)."""
    prefix = f"{w.base_url}/__storage/sources/"
    if not w.base_url or not url.startswith(prefix):
        return None
    ident, _, query = url[len(prefix):].partition("?")
    rec = w.s["sources"].get(ident)
    if rec is None or f"signature={rec['signature']}" not in query:
        return {"missing": True}
    return rec


def source_bytes(rec):
    return base64.b64decode(rec["data"]) if rec and rec.get("data") is not None else None


def read_procfile(data):
    """The process types of a gzip'd tarball's Procfile (at its root or in its one top directory),
    {} when it has none; ValueError when the bytes are not a gzip'd tar."""
    try:
        with tarfile.open(fileobj=io.BytesIO(gzip.decompress(data)), mode="r:") as tar:
            members = [m for m in tar.getmembers() if m.isfile()]
            tops = {m.name.lstrip("./").split("/", 1)[0] for m in tar.getmembers() if m.name.lstrip("./")}
            wanted = ["Procfile"] + [f"{top}/Procfile" for top in tops if len(tops) == 1]
            for m in members:
                if m.name.lstrip("./") in wanted:
                    text = tar.extractfile(m).read().decode("utf-8", "replace")
                    break
            else:
                return {}
    except (OSError, EOFError, tarfile.TarError) as err:
        raise ValueError(str(err))
    types = {}
    for line in text.splitlines():
        name, sep, command = line.partition(":")
        if sep and name.strip() and not name.strip().startswith("#"):
            types[name.strip()] = command.strip()
    return types


def checksum_of(data):
    return "SHA256:" + hashlib.sha256(data).hexdigest()


def stream_url(w, kind, ident):
    return f"{w.base_url}/__storage/streams/{kind}/{ident}"


def handle(sim, method, path, query, raw):
    """Answer a /__storage request: (status, bytes, content type)."""
    w = sim.world
    parts = path.split("/")[2:]   # ["sources", id] or ["streams", kind, id]
    if parts[:1] == ["sources"] and len(parts) == 2:
        rec = w.s["sources"].get(parts[1])
        signature = (query.get("signature") or [""])[0]
        if rec is None or not secrets.compare_digest(signature, rec["signature"]):
            return 403, b"<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>", "application/xml"
        if method == "PUT":
            rec["data"] = base64.b64encode(raw).decode()
            return 200, b"", "text/plain"
        if method == "GET":
            data = source_bytes(rec)
            if data is None:
                return 404, b"<Error><Code>NoSuchKey</Code></Error>", "application/xml"
            return 200, data, "application/octet-stream"
    if parts[:1] == ["streams"] and len(parts) == 3 and method == "GET":
        lines = w.s["outputs"].get(f"{parts[1]}:{parts[2]}")
        if lines is not None:
            return 200, "".join(line + "\n" for line in lines).encode(), "text/plain; charset=utf-8"
    return 404, b"Not Found", "text/plain"


def check_blob_url(url):
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        raise invalid("Invalid params: source_blob.url must be an http(s) URL.")
