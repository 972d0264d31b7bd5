"""Fixed catalogue of the starting world: regions, stacks, dyno sizes, add-ons, features."""
from .core import stable_id

CREATED = "2023-01-01T00:00:00Z"

# name, description, country, locale, private_capable, provider region
REGIONS = [
    ("us", "United States", "United States", "Virginia", False, "us-east-1"),
    ("eu", "Europe", "Ireland", "Dublin", False, "eu-west-1"),
    ("virginia", "Virginia, United States", "United States", "Virginia", True, "us-east-1"),
    ("oregon", "Oregon, United States", "United States", "Oregon", True, "us-west-2"),
    ("frankfurt", "Frankfurt, Germany", "Germany", "Frankfurt", True, "eu-central-1"),
    ("dublin", "Dublin, Ireland", "Ireland", "Dublin", True, "eu-west-1"),
    ("tokyo", "Tokyo, Japan", "Japan", "Tokyo", True, "ap-northeast-1"),
    ("sydney", "Sydney, Australia", "Australia", "Sydney", True, "ap-southeast-2"),
]

STACKS = [("heroku-22", False), ("heroku-24", True)]
# What `/stacks` answers in `state` for a stack apps may use: the schema's "public" (its description names "beta",
# "deprecated" and "public"); "deprecated" once its end of life is announced: tests move a stack there with
# Simulator.set_stack_state.
STACK_STATE = "public"

# Heroku's platform generations since 2025: Cedar (buildpacks, slugs) and Fir (Cloud Native Buildpacks,
# OCI images, telemetry drains). A space is created Cedar or Fir and its apps share it; an app outside a
# space, a pipeline and a dyno size are Cedar here.
CEDAR = "cedar"
FIR = "fir"
GENERATIONS = (CEDAR, FIR)
GENERATIONS_CREATED = "2024-12-01T00:00:00Z"


def generation_ref(name=CEDAR):
    """The {id, name} an app, a space, a pipeline or a dyno size carries for its generation."""
    return {"id": stable_id("generation:" + name), "name": name}


def generation(name):
    """A generation as `/generations` answers it (the schema's `generation`: id, name and timestamps)."""
    return dict(generation_ref(name), created_at=GENERATIONS_CREATED, updated_at=GENERATIONS_CREATED)


# name, compute, dedicated, dyno units (Heroku's precise_dyno_units), memory (GB), private_space_only, cents/month
DYNO_SIZES = [
    ("Eco", 1, False, 0.0, 0.5, False, 0),
    ("Basic", 1, False, 1.0, 0.5, False, 700),
    ("Standard-1X", 1, False, 1.0, 0.5, False, 2500),
    ("Standard-2X", 4, False, 2.0, 1.0, False, 5000),
    ("Performance-M", 11, True, 8.0, 2.5, False, 25000),
    ("Performance-L", 46, True, 16.0, 14.0, False, 50000),
] + [
    # Shield dynos are Private ones with Shield's compliance controls: the same sizes.
    (f"{kind}-{size}", compute, False, units, memory, True, 0)
    for kind in ("Private", "Shield")
    for size, compute, units, memory in [("S", 4, 1.0, 1.0), ("M", 11, 2.0, 2.5), ("L", 46, 4.0, 14.0)]
]

# Sizes Heroku retired when it ended its free tier (November 2022: Eco and Basic replaced them). No longer in
# `/dyno-sizes` nor taken by a formation update, a formation that has them still names them: a free app scaled
# to 0 then keeps its Free process types. Simulator.seed_app puts them on a formation; they cost nothing.
LEGACY_DYNO_SIZES = [("Free", 1, False, 0.0, 0.5, False, 0), ("Hobby", 1, False, 0.0, 0.5, False, 700)]

# Add-on services: name -> human name, default attachment name, config var
# suffixes, plans (name, cents, default), whether provisioning is asynchronous
# and how many async delays it takes (Kafka is slow).
ADDON_SERVICES = {
    "heroku-postgresql": {
        "human_name": "Heroku Postgres", "short": "postgresql", "attachment": "DATABASE",
        "vars": ["URL"], "async": True, "slowness": 1,
        "plans": [("essential-0", 500, True), ("essential-1", 900, False), ("standard-0", 5000, False)],
    },
    "heroku-redis": {
        "human_name": "Heroku Data for Redis", "short": "redis", "attachment": "REDIS",
        "vars": ["URL"], "async": True, "slowness": 1,
        "plans": [("mini", 300, True), ("premium-0", 1500, False)],
    },
    "papertrail": {
        "human_name": "Papertrail", "short": "papertrail", "attachment": "PAPERTRAIL",
        "vars": ["API_TOKEN"], "async": False, "slowness": 0,
        "plans": [("choklad", 0, True), ("fixa", 700, False)],
        # Provisioning adds a drain the add-on manages (a Papertrail log destination).
        "drain": "syslog+tls://logs.papertrailapp.com:{port}",
    },
    "scheduler": {
        "human_name": "Heroku Scheduler", "short": "scheduler", "attachment": "SCHEDULER",
        "vars": [], "async": False, "slowness": 0,
        "plans": [("standard", 0, True)],
    },
    "heroku-kafka": {
        "human_name": "Apache Kafka on Heroku", "short": "kafka", "attachment": "KAFKA",
        "vars": ["URL"], "async": True, "slowness": 5,
        "plans": [("basic-0", 10000, True)],
    },
}

# (name, display name, description, state). Heroku's states are "general" (managed with `heroku features`)
# and "beta" or "alpha" (Heroku Labs: `heroku labs` lists only those).
APP_FEATURES = [
    ("runtime-dyno-metadata", "Runtime Dyno Metadata", "Provide metadata about the app and release as environment variables.", "beta"),
    ("log-runtime-metrics", "Log runtime metrics", "Emit dyno resource usage information into app logs.", "beta"),
    ("preboot", "Preboot", "Provide seamless web dyno deploys.", "general"),
    ("http-session-affinity", "Session affinity", "Route requests from a client to the same dyno.", "general"),
    ("spaces-dns-discovery", "DNS service discovery", "DNS service discovery for apps in Private Spaces.", "general"),
]

# Features of the account itself (`heroku labs` without an app); none shares a name with an app feature,
# which is how the CLI's labs:enable tells the two apart.
ACCOUNT_FEATURES = [
    ("app-overview", "App overview", "An overview page for an app", "beta"),
    ("metrics-request-volume", "Request volume in Heroku Metrics", "Show the request volume of web dynos in Heroku Metrics.", "beta"),
    ("access-token-v2", "Access tokens v2", "Show a new OAuth token only once, when it is created.", "beta"),
    # With it on, the Heroku CLI's reviewapps:* read a pipeline's repository from the Platform API
    # (GET /pipelines/{id}/repo) instead of from a service the simulator does not stand in for.
    ("dashboard-repositories-api", "Repositories API", "Read a pipeline's GitHub repository from the Platform API.",
     "beta"),
]

ADDON_COLORS = ["AMBER", "BLUE", "COBALT", "CRIMSON", "GOLD", "GRAY", "GREEN", "IVORY",
                "JADE", "MAROON", "NAVY", "OLIVE", "ONYX", "ORANGE", "PINK", "PURPLE",
                "RED", "ROSE", "SILVER", "TEAL", "WHITE", "YELLOW"]

WORDS = ["agile", "bright", "calm", "daring", "eager", "fancy", "gentle", "happy", "icy",
         "jolly", "keen", "lively", "mellow", "nimble", "proud", "quiet", "rapid", "shiny",
         "tidy", "vast", "warm", "young", "zesty"]
NOUNS = ["river", "meadow", "forest", "harbor", "island", "canyon", "summit", "valley",
         "lake", "comet", "ember", "garden", "falls", "ridge", "beach", "brook"]


def region_records():
    out = {}
    for name, desc, country, locale, private, provider in REGIONS:
        rid = stable_id("region:" + name)
        out[rid] = {"country": country, "created_at": CREATED, "description": desc, "id": rid,
                    "locale": locale, "name": name, "private_capable": private,
                    "provider": {"name": "amazon-web-services", "region": provider},
                    "updated_at": CREATED}
    return out


def stack_records():
    out = {}
    for name, default in STACKS:
        sid = stable_id("stack:" + name)
        out[sid] = {"default": default, "created_at": CREATED, "id": sid, "name": name,
                    "state": STACK_STATE, "updated_at": CREATED}
    return out


def dyno_size_records(sizes=None):
    """The sizes `/dyno-sizes` lists, or `sizes` (LEGACY_DYNO_SIZES) in the same shape."""
    out = {}
    for name, compute, dedicated, units, memory, private, cents in DYNO_SIZES if sizes is None else sizes:
        did = stable_id("dyno-size:" + name)
        cost = None if private else {"cents": cents, "unit": "month"}
        out[did] = {"architecture": "amd64", "compute": compute, "cost": cost, "dedicated": dedicated,
                    "generation": generation_ref(), "id": did, "memory": memory, "name": name,
                    "precise_dyno_units": units, "private_space_only": private}
    return out


def service_records():
    services, plans = {}, {}
    for name, spec in ADDON_SERVICES.items():
        sid = stable_id("addon-service:" + name)
        services[sid] = {"cli_plugin_name": None, "created_at": CREATED, "human_name": spec["human_name"],
                         "id": sid, "name": name, "state": "ga", "supported_generations": [generation_ref()],
                         "supports_multiple_installations": True, "supports_sharing": True,
                         "updated_at": CREATED}
        for plan, cents, default in spec["plans"]:
            pid = stable_id("plan:" + name + ":" + plan)
            plans[pid] = {"addon_service": {"id": sid, "name": name}, "created_at": CREATED,
                          "compliance": None, "default": default,
                          "description": f"{spec['human_name']} {plan}",
                          "human_name": plan.replace("-", " ").title(), "id": pid,
                          "installable_inside_private_network": True,
                          "installable_outside_private_network": True,
                          "name": f"{name}:{plan}",
                          "price": {"cents": cents, "contract": False, "unit": "month"},
                          "space_default": default, "state": "public", "updated_at": CREATED,
                          "visible": True}
    return services, plans
