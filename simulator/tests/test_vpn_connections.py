"""VPN connections of a Private Space: created pending, active through the world's completion with two tunnels and
their pre-shared keys, found by id or name, routable CIDRs changed in place, deleted; a Fir space refused with 422
`invalid_params`; a frozen world keeps a connection pending."""
import pytest

BODY = {"name": "office", "public_ip": "35.161.69.30", "routable_cidrs": ["172.16.0.0/16"]}


@pytest.fixture
def space(api):
    return api.post("/spaces", {"name": "acme-eu", "team": "acme", "region": "frankfurt"}).body


def test_lifecycle(api, sim, space):
    sim.set_async_reads(2)
    created = api.post("/spaces/acme-eu/vpn-connections", BODY)
    assert created.status == 201
    vpn = created.body
    assert vpn["name"] == "office" and vpn["public_ip"] == "35.161.69.30" and vpn["routable_cidrs"] == ["172.16.0.0/16"]
    assert vpn["status"] == "pending" and vpn["tunnels"] == [] and vpn["space_cidr_block"] == space["cidr"]
    assert set(vpn) == {"id", "name", "public_ip", "routable_cidrs", "space_cidr_block", "tunnels", "ike_version",
                        "status", "status_message"}
    assert api.get("/spaces/acme-eu/vpn-connections/office").body["status"] == "pending"
    # The second read of the connection ends its provisioning.
    active = api.get("/spaces/%s/vpn-connections/%s" % (space["id"], vpn["id"])).body
    assert active["status"] == "active"
    assert len(active["tunnels"]) == 2
    for tunnel in active["tunnels"]:
        assert tunnel["customer_ip"] == "35.161.69.30" and tunnel["status"] == "UP"
        assert tunnel["ip"].startswith("52.") and len(tunnel["pre_shared_key"]) == 32
        assert set(tunnel) == {"ip", "customer_ip", "pre_shared_key", "status", "status_message", "last_status_change"}
    assert api.get("/spaces/acme-eu/vpn-connections").body == [active]

    changed = api.patch("/spaces/acme-eu/vpn-connections/office", {"routable_cidrs": ["172.16.0.0/16", "192.168.4.0/24"]})
    assert changed.status == 200 and changed.body["routable_cidrs"] == ["172.16.0.0/16", "192.168.4.0/24"]
    assert changed.body["tunnels"] == active["tunnels"]

    assert api.delete("/spaces/acme-eu/vpn-connections/office").body["id"] == vpn["id"]
    assert api.get("/spaces/acme-eu/vpn-connections/office").status == 404
    assert api.get("/spaces/acme-eu/vpn-connections").body == []
    # The name is free again at once.
    assert api.post("/spaces/acme-eu/vpn-connections", BODY).status == 201


def test_what_heroku_refuses(api, space):
    assert api.post("/spaces/acme-eu/vpn-connections", BODY).status == 201
    for body, message in [
        (BODY, "Name is already taken"),
        (dict(BODY, name="lab", public_ip="35.161.69"), "public_ip must be an IPv4 address"),
        (dict(BODY, name="lab", public_ip="2001:db8::1"), "public_ip must be an IPv4 address"),
        (dict(BODY, name="lab", routable_cidrs=["172.16.0.0/33"]), "is not a CIDR block"),
        (dict(BODY, name="lab", routable_cidrs=[]), "at least one CIDR block"),
        (dict(BODY, name="lab", routable_cidrs=["10.0.4.0/24"]), "overlaps the space's network 10.0.0.0/16"),
    ]:
        r = api.post("/spaces/acme-eu/vpn-connections", body)
        assert r.status == 422 and r.body["id"] == "invalid_params" and message in r.body["message"], (body, r.body)
    missing = api.post("/spaces/acme-eu/vpn-connections", {"name": "lab", "public_ip": "35.161.69.31"})
    assert missing.status == 422 and "routable_cidrs" in missing.body["message"]
    # Heroku's update takes the routable CIDRs and nothing else.
    r = api.patch("/spaces/acme-eu/vpn-connections/office", {"public_ip": "35.161.69.31"})
    assert r.status == 422 and r.body["id"] == "invalid_params"
    assert api.get("/spaces/acme-eu/vpn-connections/office").body["public_ip"] == "35.161.69.30"
    assert api.get("/spaces/acme-eu/vpn-connections/nowhere").status == 404
    assert api.get("/spaces/nowhere/vpn-connections").status == 404


def test_a_fir_space_has_none(api, sim):
    api.post("/spaces", {"name": "fir-space", "team": "acme", "generation": "fir"})
    r = api.post("/spaces/fir-space/vpn-connections", BODY)
    assert r.status == 422 and r.body["id"] == "invalid_params"
    assert r.body["message"] == "VPN connections are not available for Fir spaces."
    assert api.get("/spaces/fir-space/vpn-connections").body == []
    assert api.get("/spaces/fir-space/vpn-connections/office").status == 404


def test_a_frozen_world_keeps_it_pending(api, sim, space):
    sim.freeze_async(True)
    api.post("/spaces/acme-eu/vpn-connections", BODY)
    for _ in range(3):
        assert api.get("/spaces/acme-eu/vpn-connections/office").body["status"] == "pending"
    sim.freeze_async(False)
    assert api.get("/spaces/acme-eu/vpn-connections/office").body["status"] == "active"
