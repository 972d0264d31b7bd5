# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Heroku's platform generations, Cedar and Fir, and what each refuses: the one table every module checks.

A space is Cedar or Fir, chosen when it is created; its apps share its generation, and an app outside a space is
Cedar. Heroku answers a request for what a generation does not have with a 422 in the middle of a run (or ignores
it), so each module looks here before any write and fails naming the option, the app or space, its generation and
what to use instead.

Checked against the Terraform provider's ``heroku/heroku_supported_features.go`` (its feature matrix, "from the
unsupported features data of the Platform API's Generation endpoints"): on Fir a space has no shield, trusted IP
ranges (inbound ruleset), private VPN or VPN connections, outbound rules, space logging (log drains of the space),
outbound IPs or peering; builds take no classic buildpacks; an app no buildpacks, stack or internal routing, and no
log drains; a pipeline's review apps no predictable names (``base_name``). Heroku's 2025 schema says no more: its
``/generations`` answers carry a generation's id and name only.
"""

from __future__ import annotations

CEDAR = "cedar"
FIR = "fir"
GENERATIONS = (CEDAR, FIR)

CNB = "Fir builds with Cloud Native Buildpacks, named in the app's project.toml (see Heroku's managing-buildpacks article)"
TELEMETRY = "Fir has OpenTelemetry drains instead: use herokuops.platform.heroku_telemetry_drain"
FIR_SPACE = "a Fir space has no %s; keep it on a Cedar space (a space cannot change generation)"

# generation -> kind of thing (app, space, log_drain, telemetry_drain) -> what it refuses -> what to use instead.
# The keys of "app" and "space" are the options of heroku_app and heroku_space, and those later modules (VPN,
# peering, outbound rules) will take; a module names its option in Generations.refused when it differs.
REFUSED = {
    FIR: {
        "app": {
            "buildpacks": CNB,
            "stack": "a Fir app has no stack: its Cloud Native Buildpacks choose the base image (project.toml)",
            "build_stack": "a Fir app has no stack: its Cloud Native Buildpacks choose the base image (project.toml)",
            "internal_routing": "Fir routes every app of a space the same way; keep internal routing on a Cedar space",
        },
        "log_drain": {"url": TELEMETRY + " with app"},
        "space": {
            "shield": FIR_SPACE % "Shield; create a Cedar space with shield",
            "trusted_ips": FIR_SPACE % "trusted IP ranges",
            "inbound_rules": FIR_SPACE % "trusted IP ranges (inbound rules)",
            "outbound_rules": FIR_SPACE % "outbound rules",
            "log_drain_url": TELEMETRY + " with space",
            "vpn": FIR_SPACE % "VPN connections",
            "peering": FIR_SPACE % "peering",
            "outbound_ips": FIR_SPACE % "stable outbound IPs",
        },
        "release": {"slug": "a Fir app runs OCI images, not slugs: release an OCI image of the app with oci_image"},
        # A pipeline is of the generation of its apps (heroku_review_app_config).
        "pipeline": {"base_name": "a Fir pipeline's review apps have no predictable names; leave base_name out"},
    },
    CEDAR: {
        "telemetry_drain": {"app": "Cedar apps drain logs with herokuops.platform.heroku_drain",
                            "space": "a Cedar space's logs go to its apps' log drains: use herokuops.platform.heroku_drain"},
        "release": {"oci_image": "a Cedar app runs slugs, not OCI images: release a slug of the app with slug"},
    },
}


def name_of(rep):
    """The generation of an app or space as Heroku represents it (``{"generation": {"name": "fir"}}``); Cedar where
    Heroku says nothing (its team-apps answers, older records)."""
    generation = (rep or {}).get("generation")
    if isinstance(generation, dict):
        return generation.get("name") or CEDAR
    return generation or CEDAR


def instead(generation, kind, feature):
    """What to use instead of ``feature`` of a ``kind`` on ``generation``, or None where that generation has it."""
    return REFUSED.get(generation, {}).get(kind, {}).get(feature)


def has(kind, feature, **holds):
    """A ``Detail.when``: the representation's generation has ``feature`` (a Fir space's NAT is never read), and it
    holds each of ``holds`` at its value (``state="allocated"``)."""
    def applies(rep):
        return instead(name_of(rep), kind, feature) is None and all(rep.get(key) == value for key, value in holds.items())
    return applies
