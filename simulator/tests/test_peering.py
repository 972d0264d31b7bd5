"""A Private Space's VPC peering: peering info, the peerings a customer's AWS account requested, accepting one
(pending-acceptance -> provisioning -> active, on the simulator's transitions), rejecting or destroying one, the 422
for accepting a peering that is not pending, and Fir spaces, which have no peering."""
import json

import jsonschema

from heroku_simulator.routes.peering import add_peering
from schema_file import schema_path

PCX = "pcx-0123456789abcdef0"


def cedar_space(api, name="peered"):
    assert api.post("/spaces", {"name": name, "team": "acme", "region": "virginia"}).status == 201


def test_peering_info_gives_what_the_aws_side_needs(api):
    cedar_space(api)
    info = api.get("/spaces/peered/peering-info")
    assert info.status == 200
    body = info.body
    assert set(body) == {"aws_account_id", "aws_region", "vpc_id", "vpc_cidr", "dyno_cidr_blocks",
                         "space_cidr_blocks", "unavailable_cidr_blocks"}
    assert len(body["aws_account_id"]) == 12 and body["aws_account_id"].isdigit()
    assert body["aws_region"] == "us-east-1" and body["vpc_id"].startswith("vpc-")
    assert body["vpc_cidr"] == "10.0.0.0/16" and body["unavailable_cidr_blocks"] == ["10.1.0.0/16"]
    assert body["dyno_cidr_blocks"] == ["10.0.128.0/20", "10.0.144.0/20", "10.0.0.0/20", "10.0.16.0/20"]
    assert api.get("/spaces/nowhere/peering-info").status == 404


def test_accept_moves_a_pending_peering_to_active_through_provisioning(api, sim):
    cedar_space(api)
    add_peering(sim.world, "peered", PCX)
    listed = api.get("/spaces/peered/peerings").body
    assert [(p["pcx_id"], p["status"]) for p in listed] == [(PCX, "pending-acceptance")]
    assert set(listed[0]) == {"type", "pcx_id", "cidr_blocks", "status", "aws_vpc_id", "aws_region",
                              "aws_account_id", "expires"}
    sim.set_async_reads(2)
    accepted = api.post("/spaces/peered/peerings/%s/actions/accept" % PCX, None)
    assert accepted.status == 200 and accepted.body["status"] == "provisioning"
    assert api.get("/spaces/peered/peerings/%s" % PCX).body["status"] == "provisioning"
    assert api.get("/spaces/peered/peerings/%s" % PCX).body["status"] == "active"
    # Accepting again is refused: the peering is no longer pending.
    again = api.post("/spaces/peered/peerings/%s/actions/accept" % PCX, None)
    assert again.status == 422 and again.body["id"] == "invalid_params" and "active" in again.body["message"]
    assert api.get("/spaces/peered/peerings/pcx-00000000000000000").status == 404


def test_accepting_an_expired_peering_is_refused(api, sim):
    cedar_space(api)
    add_peering(sim.world, "peered", PCX, status="expired")
    refused = api.post("/spaces/peered/peerings/%s/actions/accept" % PCX, None)
    assert refused.status == 422 and "expired" in refused.body["message"]
    assert api.get("/spaces/peered/peerings/%s" % PCX).body["status"] == "expired"


def test_destroy_rejects_a_pending_peering_and_destroys_an_active_one(api, sim):
    cedar_space(api)
    add_peering(sim.world, "peered", PCX)
    add_peering(sim.world, "peered", "pcx-0fedcba9876543210", status="active")
    rejected = api.delete("/spaces/peered/peerings/%s" % PCX)
    assert rejected.status == 200 and rejected.body["status"] == "rejected"
    destroyed = api.delete("/spaces/peered/peerings/pcx-0fedcba9876543210")
    assert destroyed.status == 200 and destroyed.body["status"] == "deleted"
    assert api.get("/spaces/peered/peerings").body == []
    assert api.get("/spaces/peered/peerings/%s" % PCX).status == 404
    assert api.delete("/spaces/peered/peerings/%s" % PCX).status == 404


def test_a_fir_space_has_no_peering(api, sim):
    assert api.post("/spaces", {"name": "fir-space", "team": "acme", "generation": "fir"}).status == 201
    refused = [api.get("/spaces/fir-space/peering-info"), api.get("/spaces/fir-space/peerings"),
               api.post("/spaces/fir-space/peerings/%s/actions/accept" % PCX, None),
               api.delete("/spaces/fir-space/peerings/%s" % PCX)]
    for answer in refused:
        assert answer.status == 422 and answer.body["id"] == "invalid_params", answer.body
        assert answer.body["message"] == "VPC peering is not available for Fir spaces."
    assert api.get("/spaces/fir-space/peerings/%s" % PCX).status == 404


def test_the_cli_accepts_by_a_body_naming_the_peering(api, sim):
    cedar_space(api)
    add_peering(sim.world, "peered", PCX)
    accepted = api.post("/spaces/peered/peerings", {"pcx_id": PCX})
    assert accepted.status == 200 and accepted.body["status"] == "provisioning"
    assert api.post("/spaces/peered/peerings", {}).status == 422


def test_answers_hold_every_property_of_heroku_schema(api, sim):
    schema = json.loads(schema_path().read_text())

    def check(answer, definition):
        properties = schema["definitions"][definition]["properties"]
        assert set(answer) == set(properties), (definition, answer)
        jsonschema.Draft4Validator(dict(schema, **{"$ref": "#/definitions/%s" % definition})).validate(answer)

    cedar_space(api)
    add_peering(sim.world, "peered", PCX)
    check(api.get("/spaces/peered/peering-info").body, "peering-info")
    check(api.get("/spaces/peered/peerings").body[0], "peering")
    check(api.get("/spaces/peered/peerings/%s" % PCX).body, "peering")
    check(api.post("/spaces/peered/peerings/%s/actions/accept" % PCX, None).body, "peering")
    check(api.delete("/spaces/peered/peerings/%s" % PCX).body, "peering")
