"""The handlers many families serve alike: every record of a collection, the records under the
record a path names, the record a path names (or an app's record), a rename. A family's ROUTES
makes one of these from what differs (the collection, the finder, the view) where it would
otherwise write the same few lines again; a handler that does more stays a function of its own.

A finder is find(world, ident) (World.app, World.team, ... or a family's own) and raises Heroku's
404; a view is view(world, record) (views.app, views.team, ...). record_of_app is the finder of the
records Heroku finds only by id under their app."""
from functools import partial

from ..core import not_found, now, require_object
from ..server import Page


def every(collection, view):
    """`GET /pipelines`: every record of `collection`."""
    def handler(ctx):
        w = ctx.world
        return Page(w.s[collection].values(), partial(view, w))
    return handler


def under(find_parent, collection, field, view):
    """`GET /teams/{team}/spaces`: the records of `collection` whose `field` holds the id of the record
    the path names."""
    def handler(ctx, **path):
        w = ctx.world
        (ident,) = path.values()
        parent = find_parent(w, ident)
        return Page([r for r in w.s[collection].values() if r[field] == parent["id"]], partial(view, w))
    return handler


def one(find, view):
    """`GET /pipelines/{pipeline}`: the record the path names."""
    def handler(ctx, **path):
        w = ctx.world
        (ident,) = path.values()
        return view(w, find(w, ident))
    return handler


def one_of_app(find, view):
    """`GET /apps/{app}/log-drains/{drain}`: the record of the app that the path names, found by
    find(world, app record, ident) once the app is (so an unknown app's 404 comes first)."""
    def handler(ctx, app, **path):
        w = ctx.world
        (ident,) = path.values()
        return view(w, find(w, w.app(app), ident))
    return handler


def removed(find, collection, view, key="id"):
    """`DELETE /telemetry-drains/{telemetry_drain}`: the record the path names, found by find(world, ident),
    deleted from `collection`, where it is held under its `key`; Heroku answers with it as it was."""
    def handler(ctx, **path):
        w = ctx.world
        (ident,) = path.values()
        record = find(w, ident)
        del w.s[collection][record[key]]
        return view(w, record)
    return handler


def removed_under(find_parent, find, collection, view):
    """`DELETE /apps/{app}/webhooks/{webhook}`: the record of its parent that the path names, found by
    find(world, parent record, ident), deleted; Heroku answers with it as it was."""
    def handler(ctx, **path):
        w = ctx.world
        parent, ident = path.values()
        record = find(w, find_parent(w, parent), ident)
        del w.s[collection][record["id"]]
        return view(w, record)
    return handler


def record_by_id(collection, what):
    """The finder of the records Heroku finds by id alone (couplings, promotions, telemetry drains):
    find(world, ident), raising Heroku's 404 naming `what`."""
    def find(w, ident):
        rec = w.s[collection].get(ident)
        if rec is None:
            raise not_found(what)
        return rec
    return find


def record_of_app(w, collection, a, ident, what):
    """The record of `collection` with id `ident` (Heroku finds slugs, builds, webhooks and their events
    and deliveries by id only) if it belongs to app `a`; another app's is not found."""
    rec = w.s[collection].get(ident)
    if rec is None or rec["app_id"] != a["id"]:
        raise not_found(what)
    return rec


def renamed(find, new_name, view):
    """`PATCH /pipelines/{pipeline}`: a new name for the record the path names, checked by
    new_name(world, name), which raises Heroku's 422; the same name, or none, changes nothing."""
    def handler(ctx, **path):
        w = ctx.world
        (ident,) = path.values()
        record = find(w, ident)
        name = require_object(ctx.body).get("name")
        if name is not None and name != record["name"]:
            record["name"] = new_name(w, name)
            record["updated_at"] = now()
        return view(w, record)
    return handler
