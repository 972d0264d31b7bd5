"""Route handlers, one module per resource family. Each module ends with ROUTES, its routing
table as data: (path pattern, {method: handler}) rows, a path once with every method it serves,
`{name}` matching one path segment that is passed to the handler as a keyword argument. What many
families serve alike (a collection, the records under a parent, one record, a rename) is made in the
table by common.py. A handler takes the request Context first and answers a JSON value, a (status,
value) pair or a Page; it raises core.ApiError for Heroku's errors. A handler runs once its
request's body is what Heroku's schema takes (../validation.py)."""
from ..server import Router
from ..validation import validated
from . import (acm, addons, apps, buildpacks, builds, collaborators, config, domains, drains, dynos,
               enterprise, features, formation, generations, pipelines, platform, releases, spaces, teams, webhooks)
from . import telemetry
from . import usage
from . import oci_images
from . import vpn
from . import peering
from . import review_apps

# The first route matching both path and method answers, so the order stays as it was when these
# lived in fewer modules (e.g. /teams/{team}/members is tried before /teams/apps/{app}), and
# collaborators' /teams/permissions before platform's /teams/{team}.
FAMILIES = (collaborators, platform, teams, enterprise, apps, acm, features, buildpacks, domains, drains,
            config, releases, builds, formation, dynos, addons, pipelines, spaces, webhooks, generations,
            telemetry, usage, oci_images, vpn, peering, review_apps)


def served():
    """(method, path pattern, handler) of every route, in the order the router tries them."""
    for family in FAMILIES:
        for pattern, handlers in family.ROUTES:
            for method, handler in handlers.items():
                yield method, pattern, handler


def build_router():
    router = Router()
    for method, pattern, handler in served():
        router.add(method, pattern, validated(method, pattern, handler))
    return router
