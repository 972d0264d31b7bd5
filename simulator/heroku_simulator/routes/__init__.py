"""Route modules, one per resource group; each exposes register(router)."""
from ..server import Router
from . import addons, apps, dynos, enterprise, pipelines, platform, releases, spaces


def build_router():
    router = Router()
    for module in (platform, enterprise, apps, releases, dynos, addons, pipelines, spaces):
        module.register(router)
    return router
