"""Asynchronous transitions counted in reads (set_async_reads), the clock tests use instead of seconds."""
import time


def test_an_addon_is_provisioned_on_the_second_read_of_it_however_long_it_takes(api, sim):
    sim.seed_app("addon-app")
    sim.set_async_delay(3600)  # a clock in seconds would never get there in this test
    sim.set_async_reads(2)
    created = api.post("/apps/addon-app/addons", {"plan": {"name": "heroku-postgresql:essential-0"}}).body
    assert created["state"] == "provisioning"
    # Requests that do not name the add-on are not reads of it.
    assert "DATABASE_URL" not in api.get("/apps/addon-app/config-vars").body
    api.get("/apps/addon-app")
    assert api.get("/apps/addon-app/addons/%s" % created["name"]).body["state"] == "provisioning"
    assert api.get("/apps/addon-app/addons/%s" % created["id"]).body["state"] == "provisioned"
    assert api.get("/apps/addon-app/config-vars").body["DATABASE_URL"].startswith("postgres://")


def test_reads_do_not_count_while_frozen_and_seconds_come_back(api, sim):
    sim.seed_app("addon-app")
    sim.set_async_reads(1)
    sim.freeze_async(True)
    first = api.post("/apps/addon-app/addons", {"plan": {"name": "heroku-postgresql:essential-0"}}).body
    for _ in range(3):
        assert api.get("/addons/%s" % first["id"]).body["state"] == "provisioning"
    sim.freeze_async(False)
    assert api.get("/addons/%s" % first["id"]).body["state"] == "provisioned"
    # set_async_delay goes back to time: reads no longer end anything.
    sim.set_async_delay(3600)
    second = api.post("/apps/addon-app/addons", {"plan": {"name": "heroku-postgresql:essential-0"}}).body
    for _ in range(3):
        assert api.get("/addons/%s" % second["id"]).body["state"] == "provisioning"


def test_the_control_api_sets_reads_and_refuses_what_is_not_a_count(api, sim):
    answer = api.post("/__simulator/async", {"reads": 2})
    assert answer.status == 200 and answer.body["reads"] == 2
    assert api.post("/__simulator/async", {"reads": 0}).status == 400
    assert api.post("/__simulator/async", {"reads": "2"}).status == 400
    status = api.post("/spaces", {"name": "acme-eu", "team": "acme", "region": "frankfurt"})
    assert status.body["state"] == "allocating"
    assert api.get("/spaces/acme-eu").body["state"] == "allocating"
    assert api.get("/spaces/acme-eu").body["state"] == "allocated"
    assert "reads" not in api.post("/__simulator/async", {"delay": 0}).body


def test_a_domain_and_a_build_end_on_their_reads(api, sim):
    sim.seed_app("acme-web")
    sim.set_async_reads(2)
    assert api.post("/apps/acme-web/acm").status in (200, 201)
    domain = api.post("/apps/acme-web/domains", {"hostname": "shop.example.com", "sni_endpoint": None}).body
    assert api.get("/apps/acme-web/domains/shop.example.com").body["acm_status"] == "pending"
    assert api.get("/apps/acme-web/domains/%s" % domain["id"]).body["acm_status"] == "cert issued"
    build = api.post("/apps/acme-web/builds", {"source_blob": {"url": "https://x.test/app.tgz"}}).body
    assert api.get("/apps/acme-web/builds/%s" % build["id"]).body["status"] == "pending"
    assert api.get("/apps/acme-web/builds/%s" % build["id"]).body["status"] == "succeeded"


def test_dynos_move_one_step_per_counted_read_of_the_apps_dynos(api, sim):
    sim.seed_app("acme-web", formation={"web": 1})
    sim.set_async_delay(3600)
    sim.set_async_reads(2)
    started = time.time()
    assert api.get("/apps/acme-web/dynos").body[0]["state"] == "up"
    assert api.delete("/apps/acme-web/dynos/web.1").status == 202
    assert api.get("/apps/acme-web/dynos/web.1").body["state"] == "starting"
    assert api.get("/apps/acme-web/dynos").body[0]["state"] == "up"
    one_off = api.post("/apps/acme-web/dynos", {"command": "rake db:migrate"}).body
    states = [{d["name"]: d["state"] for d in api.get("/apps/acme-web/dynos").body}.get(one_off["name"])
              for _ in range(6)]
    # starting (1 read), up after the 2nd, ended two async "delays" (4 reads) later.
    assert states == ["starting", "up", "up", "up", "up", None]
    assert time.time() - started < 5


def test_the_clock_a_test_sets_dates_what_is_made_and_the_usage_reports_today(api, sim):
    """A test that reads dates holds the simulator's clock, so that a run crossing midnight sees one day."""
    sim.set_clock("2031-02-03T23:59:59Z")
    assert api.post("/apps", {"name": "clock-app"}).body["created_at"] == "2031-02-03T23:59:59Z"
    days = api.get("/teams/acme/usage/daily?start=2031-02-01").body
    assert [day["date"] for day in days] == ["2031-02-01", "2031-02-02", "2031-02-03"]
    # reset() (and stop()) give the real time back.
    sim.reset()
    assert not api.post("/apps", {"name": "clock-app"}).body["created_at"].startswith("2031")
