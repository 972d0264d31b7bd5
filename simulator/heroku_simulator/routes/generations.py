"""Heroku's platform generations (schema `generation`): the list, one by name or id, and those a team
may create spaces in; and what Fir refuses, with the 422 Heroku answers, for the families that serve it.

* `GET /generations`, `GET /generations/{generation}` (name or id; unknown: 404),
  `GET /teams/{team}/available-generations` (every team here may use both).
* A Fir space has no Shield, space log drain, trusted IP ranges (inbound ruleset) or NAT; a Fir app
  (one in a Fir space) has no classic buildpacks, stack, internal routing or log drains. Asking for
  one answers 422 `invalid_params` with Heroku's message (spaces.py, apps.py, buildpacks.py, drains.py).
"""
from .. import views
from ..catalogue import FIR, GENERATIONS, generation
from ..core import invalid, not_found
from ..server import Page
from ..world import World

# What Heroku answers when a Fir app or space is asked for what Fir does not have.
FIR_REFUSES = {
    "buildpacks": "This app uses Cloud Native Buildpacks. You must set buildpacks in your `project.toml` file. "
                  "See https://devcenter.heroku.com/articles/managing-buildpacks#set-a-cloud-native-buildpack.",
    "stack": "Fir apps have no stack: Cloud Native Buildpacks choose the base image.",
    "internal_routing": "Internal routing is not available for apps in Fir spaces.",
    "log_drains": "Log drains are not available for Fir apps. Use telemetry drains instead.",
    "shield": "Shield is not available for Fir spaces.",
    "log_drain_url": "Space log drains are not available for Fir spaces. Use telemetry drains instead.",
    "inbound_ruleset": "Trusted IP ranges are not available for Fir spaces.",
    "nat": "Outbound IPs are not available for Fir spaces.",
    "vpn": "VPN connections are not available for Fir spaces.",
    "peering": "VPC peering is not available for Fir spaces.",
    "base_name": "Predictable review app names (base_name) are not available for Fir pipelines.",
}


def refuse_on_fir(generation_name, feature):
    """Heroku's 422 where a Fir app or space is asked for `feature`."""
    if generation_name == FIR:
        raise invalid(FIR_REFUSES[feature])


def app_refuses(w, a, feature):
    refuse_on_fir(views.app_generation(w, a), feature)


def space_refuses(sp, feature):
    refuse_on_fir(views.space_generation(sp), feature)


def known_generation(ident):
    for name in GENERATIONS:
        if ident in (name, generation(name)["id"]):
            return name
    raise not_found("generation")


def list_generations(ctx):
    return Page([generation(name) for name in GENERATIONS], dict, "name")


def get_generation(ctx, generation_id):
    return generation(known_generation(generation_id))


def team_generations(ctx, team):
    World.team(ctx.world, team)
    return Page([generation(name) for name in GENERATIONS], dict, "name")


ROUTES = (
    ("/generations", {"GET": list_generations}),
    ("/generations/{generation_id}", {"GET": get_generation}),
    ("/teams/{team}/available-generations", {"GET": team_generations}),
)
