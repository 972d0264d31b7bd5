"""Add-on attachments: attaching an existing add-on to another app (its config vars set there under the attachment's
name, the namespace kept), every read the schema lists (by app, by add-on, one by id or by the app's name for it),
detaching by id, and what Heroku refuses: a name the app already has (422 invalid_params), an add-on or app it does
not know (404), the add-on's last attachment (destroy the add-on instead)."""
import json

import jsonschema

from schema_file import schema_path


def shared_logs(api, sim):
    sim.seed_app("acme-api")
    sim.seed_app("acme-worker")
    addon = api.post("/apps/acme-api/addons", {"plan": "papertrail:choklad", "name": "acme-logs"})
    assert addon.status == 201 and addon.body["state"] == "provisioned"
    return addon.body


def test_attach_reads_and_detach(api, sim):
    addon = shared_logs(api, sim)
    made = api.post("/addon-attachments", {"addon": "acme-logs", "app": "acme-worker", "name": "shared_logs",
                                           "namespace": "role:analytics", "confirm": "acme-api"})
    assert made.status == 201
    attachment = made.body
    # Heroku keeps the name in upper case, the namespace as given.
    assert attachment["name"] == "SHARED_LOGS" and attachment["namespace"] == "role:analytics"
    assert attachment["addon"] == {"id": addon["id"], "name": "acme-logs", "app": addon["app"]}
    assert attachment["app"]["name"] == "acme-worker"
    assert "SHARED_LOGS_API_TOKEN" in api.get("/apps/acme-worker/config-vars").body

    assert [item["id"] for item in api.get("/apps/acme-worker/addon-attachments").body] == [attachment["id"]]
    by_addon = api.get("/addons/acme-logs/addon-attachments").body
    assert sorted((item["app"]["name"], item["name"]) for item in by_addon) == [
        ("acme-api", "PAPERTRAIL"), ("acme-worker", "SHARED_LOGS")]
    assert api.get("/addon-attachments/%s" % attachment["id"]).body == attachment
    assert api.get("/apps/acme-worker/addon-attachments/SHARED_LOGS").body == attachment
    assert api.get("/apps/acme-api/addon-attachments/SHARED_LOGS").status == 404

    detached = api.delete("/addon-attachments/%s" % attachment["id"])
    assert detached.status == 200 and detached.body["id"] == attachment["id"]
    assert api.get("/apps/acme-worker/addon-attachments").body == []
    assert "SHARED_LOGS_API_TOKEN" not in api.get("/apps/acme-worker/config-vars").body
    assert api.delete("/addon-attachments/%s" % attachment["id"]).status == 404


def test_what_heroku_refuses(api, sim):
    shared_logs(api, sim)
    assert api.post("/addon-attachments", {"addon": "acme-logs", "app": "acme-worker", "name": "LOGS"}).status == 201
    taken = api.post("/addon-attachments", {"addon": "acme-logs", "app": "acme-worker", "name": "logs"})
    assert taken.status == 422 and taken.body["id"] == "invalid_params"
    assert taken.body["message"] == "Name LOGS is already used by another attachment on this app."
    unknown = api.post("/addon-attachments", {"addon": "ghost-logs", "app": "acme-worker", "name": "GHOST"})
    assert unknown.status == 404 and unknown.body["id"] == "not_found"
    assert api.post("/addon-attachments", {"addon": "acme-logs", "app": "nowhere", "name": "X"}).status == 404
    # The schema's types: a name must be a string, the add-on and the app are required.
    assert api.post("/addon-attachments", {"addon": "acme-logs", "app": "acme-worker", "name": 5}).status == 422
    assert api.post("/addon-attachments", {"app": "acme-worker"}).status == 422
    (logs,) = api.get("/apps/acme-worker/addon-attachments").body
    assert api.delete("/addon-attachments/%s" % logs["id"]).status == 200
    (owned,) = api.get("/apps/acme-api/addon-attachments").body
    last = api.delete("/addon-attachments/%s" % owned["id"])
    assert last.status == 422 and "destroy the add-on instead" in last.body["message"]


def test_answers_hold_every_property_of_heroku_schema(api, sim):
    schema = json.loads(schema_path().read_text())
    shared_logs(api, sim)
    answer = api.post("/addon-attachments", {"addon": "acme-logs", "app": "acme-worker", "name": "LOGS"}).body
    properties = schema["definitions"]["add-on-attachment"]["properties"]
    assert set(answer) == set(properties), answer
    jsonschema.Draft4Validator(dict(schema, **{"$ref": "#/definitions/add-on-attachment"})).validate(answer)
