# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Checks of what users type, run before any request.

Each failure is a HerokuInputError that names the option and what Heroku allows,
so bad input costs no request and changes nothing. The patterns are Heroku's
schema patterns, matched against the whole value (a trailing newline fails).
"""

from __future__ import annotations

import ipaddress
import os
import re
from urllib.parse import urlsplit

from ansible.module_utils.parsing.convert_bool import boolean

from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import HerokuInputError


class OnUse:
    """A regular expression compiled when first used: Ansible forks a worker for each task, which imports this file
    afresh, and compiling every pattern there cost more CPU than a no-change task's own work (see CompiledNames)."""

    every = []  # for compile_all

    def __init__(self, pattern, flags=0):
        self.pattern, self.flags, self._compiled = pattern, flags, None
        OnUse.every.append(self)

    def compiled(self):
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        return self._compiled

    def __getattr__(self, name):
        if name.startswith("_"):  # copy and pickle ask for their own hooks before __init__ has run
            raise AttributeError(name)
        return getattr(self.compiled(), name)


UUID = OnUse(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")

# kind: (pattern, what it allows); hostnames compare case-insensitively, as DNS does.
PATTERNS = {
    "app": (r"[a-z][a-z0-9-]{1,28}[a-z0-9]", "3 to 30 lower case letters, digits and dashes, starting with a letter and not ending with a dash"),
    "pipeline": (r"[a-z][a-z0-9-]{2,29}", "3 to 30 lower case letters, digits and dashes, starting with a letter"),
    "space": (r"[a-z0-9](?:[a-z0-9]|-(?!-))+[a-z0-9]", "lower case letters, digits and single dashes, starting and ending with a letter or digit"),
    "addon": (r"[a-zA-Z][A-Za-z0-9_-]+", "letters, digits, dashes and underscores, starting with a letter"),
    # Heroku's schema gives team names no pattern; these are the characters its team names use.
    "team": (r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}", "letters, digits, dots, dashes and underscores, starting with a letter or digit"),
    "feature": (r"[a-z0-9][a-z0-9._-]{0,99}", "lower case letters, digits, dots, dashes and underscores, like preboot or runtime-dyno-metadata"),
    "process_type": (r"[A-Za-z0-9_-]{1,128}", "1 to 128 letters, digits, dashes and underscores, like web or worker"),
    "config_key": (r"[A-Za-z0-9_]+", "letters, digits and underscores, like DATABASE_URL"),
    # A process type and the dyno's number (web.1, run.1234), or a Fir dyno's type and suffix (web-6b7f9c-x2lq7).
    "dyno": (r"[A-Za-z0-9_-]{1,128}(\.[0-9]{1,10}|-[A-Za-z0-9]{1,64}(-[A-Za-z0-9]{1,64})?)",
             "a dyno name like web.1 or run.1234: a process type, a dot and the dyno's number"),
    "stack": (r"[a-z0-9][a-z0-9.-]{0,99}", "lower case letters, digits, dots and dashes, like heroku-24"),
    "sni_endpoint": (r"[a-z][a-z0-9-]{2,29}", "3 to 30 lower case letters, digits and dashes, starting with a letter, like tokyo-1234"),
    # A wildcard only as the first label.
    "hostname": (r"(?=.{1,253}\Z)(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}",
                 "a DNS name like www.example.com or *.example.com: labels of letters, digits and dashes joined by dots"),
    # Emails reach paths (a team member's): dot-separated words of the characters mail allows but for the ones
    # a URL gives a meaning (? # /), no space or control character, one @ and a dotted domain.
    "email": (r"(?=[^@]{1,64}@)[A-Za-z0-9!$%&'*+=^_`{|}~-]+(\.[A-Za-z0-9!$%&'*+=^_`{|}~-]+)*"
              r"@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}",
              "an email address like someone@example.com: one @, a dotted domain, and no space, ?, # or /"),
    # Heroku's schema lists no space permissions: a name of their form, such as create_apps, and Heroku judges the rest.
    "space_permission": (r"[a-z][a-z_]{0,63}", "lower case letters and underscores, like create_apps"),
    # Slugs have no name: only the id Heroku gave them.
    "slug": (UUID.pattern, "the id Heroku gave the slug, a lower case UUID like 01234567-89ab-cdef-0123-456789abcdef"),
    # Heroku's schema gives a VPN connection's name no pattern; it reaches paths, so: the characters of a team's name.
    "vpn_connection": (r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}", "letters, digits, dots, dashes and underscores, like office"),
    # GitHub's owner/name of a repository (a pipeline's, for review apps): an owner of up to 39 letters, digits and
    # single inner dashes, a slash, and a name of letters, digits, dots, dashes and underscores.
    "github_repo": (r"[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}/[A-Za-z0-9._-]{1,100}",
                    "a GitHub repository as owner/name, like acme/shop"),
}


class CompiledNames(dict):
    """kind -> (its pattern compiled, what it allows), compiled when first checked. Ansible forks a worker process
    for each task, which imports this file afresh: compiling every kind there cost more CPU than a no-change task's
    own work, and a task checks two or three kinds."""

    def __missing__(self, kind):
        pattern, allowed = PATTERNS[kind]
        self[kind] = compiled = (re.compile(pattern, re.IGNORECASE if kind == "hostname" else 0), allowed)
        return compiled

    def compile_all(self):
        for kind in PATTERNS:
            if kind not in self:
                self.__missing__(kind)


NAMES = CompiledNames()


def compile_all():
    """Compile every pattern now: for ansible-playbook's main process, whose forked workers then find them compiled
    (the inventory plugin loads the collection there before the first task)."""
    NAMES.compile_all()
    for pattern in OnUse.every:
        pattern.compiled()


# Heroku refuses an app's config vars once all keys and values together pass 32 kB.
CONFIG_SIZE_LIMIT = 32 * 1024


def check_name(option, value, kind, ids=True):
    """Fail unless ``value`` is a ``kind`` name Heroku accepts (or, with ``ids``, a resource id)."""
    if value is None:
        return
    pattern, allowed = NAMES[kind]
    if not isinstance(value, str) or not (pattern.fullmatch(value) or (ids and UUID.fullmatch(value))):
        what = dict(slug="slug id", github_repo="GitHub repository").get(kind, kind if kind in ("hostname", "email") else "%s name" % kind.replace("_", " "))
        raise HerokuInputError("%s=%r is not a valid %s: use %s%s." % (
            option, value, what, allowed, " (or its id)" if ids else ""), option=option)


def check_names(option, values, kind, ids=True):
    for index, value in enumerate(values or ()):
        check_name("%s[%d]" % (option, index), value, kind, ids=ids)


def check_range(option, value, low, high=None, unit=""):
    """Fail unless ``low <= value <= high``; None passes (the option was not set)."""
    if value is None:
        return
    if value < low or (high is not None and value > high):
        allowed = "from %s to %s" % (low, high) if high is not None else "%s or more" % low
        raise HerokuInputError("%s=%r is out of range: use %s%s." % (option, value, allowed, unit), option=option)


def check_config(option, config, limit=CONFIG_SIZE_LIMIT):
    """Config var names Heroku takes, scalar values, and no more than Heroku's 32 kB an app."""
    for key, value in (config or {}).items():
        if not isinstance(key, str) or not NAMES["config_key"][0].fullmatch(key):
            raise HerokuInputError("%s: the name %r is not a config var name Heroku accepts: use %s." % (
                option, key, NAMES["config_key"][1]), option=option)
        if isinstance(value, (dict, list)):
            raise HerokuInputError("%s.%s must be a string, a number, a boolean or null (to remove it), not a %s." % (
                option, key, type(value).__name__), option=option)
    check_config_size(option, config, limit)


def config_size(config):
    """Bytes Heroku counts against its limit: every key and value, as UTF-8."""
    return sum(len(key.encode("utf-8")) + len(str(value).encode("utf-8"))
               for key, value in (config or {}).items() if value is not None)


def check_config_size(option, config, limit=CONFIG_SIZE_LIMIT, what="these config vars"):
    size = config_size(config)
    if size > limit:
        # The size, never the values: they are secrets.
        raise HerokuInputError("%s: %s hold %d bytes of names and values; Heroku allows %d bytes (32 kB) an app." % (
            option, what, size, limit), option=option)


# What Heroku's log drains take (https://devcenter.heroku.com/articles/log-drains).
DRAIN_SCHEMES = ("syslog", "syslog+tls", "https", "http")
DRAIN_HOST = OnUse(r"[a-z0-9]([a-z0-9.-]*[a-z0-9])?|[0-9a-f:.]+")


def check_drain_url(option, url):
    """Fail unless ``url`` is a log drain URL Heroku takes. Messages show its scheme at most: a drain URL
    often carries credentials."""
    if url is None:
        return
    allowed = ", ".join(scheme + "://" for scheme in DRAIN_SCHEMES)
    scheme = url.split("://", 1)[0] if isinstance(url, str) and "://" in url else ""
    shown = ("the value given starts with %s://" % scheme if re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]{0,19}", scheme)
             else "the value given is not a URL")
    if not isinstance(url, str) or re.search(r"[\s\x00-\x1f\x7f]", url):
        raise HerokuInputError("%s is not a drain URL: it holds whitespace or control characters (the value is "
                               "not shown: drain URLs often carry credentials)." % option, option=option)
    if scheme not in DRAIN_SCHEMES:
        raise HerokuInputError("%s must be a log drain URL starting with %s; %s (the rest is not shown: drain URLs "
                               "often carry credentials)." % (option, allowed, shown), option=option)
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        port = 0
    if not parts.hostname or not DRAIN_HOST.fullmatch(parts.hostname) or port == 0:
        raise HerokuInputError("%s must name the host logs go to, such as %s://logs.example.com:6514, with a port "
                               "from 1 to 65535 if any (the value is not shown: drain URLs often carry credentials)."
                               % (option, scheme), option=option)


def check_https_url(option, value, why=""):
    """Fail unless ``value`` is an absolute https:// URL with a host, and no credentials, fragment or whitespace.

    A URL with credentials is refused without being echoed: the message would show them.
    """
    if value is None:
        return
    try:
        parts = urlsplit(value) if isinstance(value, str) else None
        host = parts and parts.hostname
    except ValueError:
        parts = host = None
    if parts is not None and "@" in parts.netloc:
        raise HerokuInputError("%s must not hold credentials (user:password@host): the URL is shown in results and "
                               "logs.%s" % (option, why and " " + why), option=option)
    if (parts is None or parts.scheme != "https" or not host or parts.fragment
            or re.search(r"[\s\x00-\x1f\x7f]", value)):
        raise HerokuInputError("%s=%r is not an https:// URL: use an absolute URL such as https://example.com/hooks, "
                               "without spaces or #fragment.%s" % (option, value, why and " " + why), option=option)


# A Buildpack Registry name (heroku/nodejs), or where to fetch a buildpack from (a URL or Heroku's urn).
BUILDPACK = OnUse(r"[a-z0-9][a-z0-9_-]*/[a-z0-9][a-z0-9._-]*|(https?|urn):\S+", re.IGNORECASE)


def check_buildpacks(option, values):
    """Fail unless each value names a buildpack: a registry name like heroku/nodejs, or a URL."""
    for index, value in enumerate(values or ()):
        if not isinstance(value, str) or not BUILDPACK.fullmatch(value):
            raise HerokuInputError("%s[%d]=%r is not a buildpack: use a registry name like heroku/nodejs or a URL "
                                   "such as https://github.com/heroku/heroku-buildpack-nodejs, without spaces."
                                   % (option, index, value), option=option)


def check_choices(option, values, argument):
    """Fail unless each value of the list is one of ``allowed``; ``argument`` is ``(what a value is, allowed)``,
    such as ``("team app permission", ("view", "deploy"))``, so the message names the option, the item and the choices."""
    what, allowed = argument
    for index, value in enumerate(values or ()):
        if value not in allowed:
            raise HerokuInputError("%s[%d]=%r is not a %s: use any of %s." % (
                option, index, value, what, ", ".join(allowed)), option=option)


# What a spec's ``names`` may say an option holds besides a kind of name: a check of its own.
CHECKS = dict(config=check_config, drain_url=check_drain_url, https_url=check_https_url, buildpacks=check_buildpacks)
# A list of values from a fixed set, named in the message: ``("choices", (what a value is, the values allowed))``.
CHECKS["choices"] = check_choices
# A number of days, 0 or more (how soon a certificate expires).
CHECKS["days"] = lambda option, value: check_range(option, value, 0, unit=" days")
# A whole config within Heroku's 32 kB, with what it is: ``("config_size", "the app's config vars after this change")``.
CHECKS["config_size"] = lambda option, config, what="these config vars": check_config_size(option, config, what=what)


def check_option(option, value, kind):
    """Fail unless ``value`` is what ``kind`` says: a kind of Heroku name (or ``(kind, ids allowed)``; a list
    holds such names), or a check of CHECKS (or ``(check, its argument)``)."""
    kind, argument = kind if isinstance(kind, tuple) else (kind, None)
    if kind in CHECKS:
        CHECKS[kind](option, value, *(() if argument is None else (argument,)))
    elif isinstance(value, list):
        check_names(option, value, kind, ids=True if argument is None else argument)
    else:
        check_name(option, value, kind, ids=True if argument is None else argument)


# Private Spaces' network blocks: a space's own is a private /16.
PRIVATE_16 = [ipaddress.ip_network(block) for block in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16")]


def cidr_problem(value, private_16=False):
    """Why ``value`` is not an IPv4 CIDR block (or, with ``private_16``, not a private /16 one), or None."""
    try:
        # Not strict: Heroku's own examples (172.20.20.30/16, 1.1.1.1/1) have host bits set.
        network = ipaddress.ip_network(value, strict=False)
    except ValueError as exc:
        return str(exc)
    if network.version != 4:
        return "Heroku takes IPv4 blocks only"
    if private_16 and (network.prefixlen != 16 or not any(network.subnet_of(block) for block in PRIVATE_16)):
        return "Heroku needs a private /16 block in 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16"
    return None


def check_cidr(option, value, private_16=False):
    """Fail unless ``value`` is an IPv4 CIDR block (with ``private_16``: a private /16, as a space's network)."""
    problem = value is not None and cidr_problem(value, private_16=private_16)
    if problem:
        raise HerokuInputError("%s=%r is not usable: %s." % (option, value, problem), option=option)


def check_inbound_rules(option, rules):
    """Fail unless each rule's source is an IPv4 CIDR block (a bare address is one)."""
    for index, rule in enumerate(rules or []):
        problem = cidr_problem(rule["source"])
        if problem:
            raise HerokuInputError("%s[%d].source=%r is not an IPv4 CIDR block like 203.0.113.0/24: %s." % (
                option, index, rule["source"], problem), option=option)


# Far above any limit Heroku grants without a request, so that only a typo (100000) is refused here.
MAX_QUANTITY = 1000

# Heroku's dyno sizes, lower case -> Heroku's spelling. Listed here so that a wrong size
# fails before any request; Heroku treats sizes case-insensitively.
DYNO_SIZES = dict((name.lower(), name) for name in (
    "Eco", "Basic", "Standard-1X", "Standard-2X",
    "Performance-M", "Performance-L", "Performance-L-RAM", "Performance-XL", "Performance-2XL",
    "Private-S", "Private-M", "Private-L", "Private-L-RAM", "Private-XL", "Private-2XL",
    "Shield-S", "Shield-M", "Shield-L", "Shield-L-RAM", "Shield-XL", "Shield-2XL",
))


def check_processes(option, processes):
    """Fail unless each process of a formation names its type once, a quantity in range and a dyno size."""
    seen = set()
    for index, process in enumerate(processes or []):
        where = "%s[%d]" % (option, index)
        check_name(where + ".type", process["type"], "process_type", ids=False)
        where += " (type %s)" % process["type"]
        if process["type"] in seen:
            raise HerokuInputError("%s: the type is listed twice; list each process type once." % where, option=option)
        seen.add(process["type"])
        check_range(where + ": quantity", process["quantity"], 0, MAX_QUANTITY,
                    unit=" (Heroku's default limits are 100 dynos an app, 255 a Fir process type)")
        if process["size"] is not None and process["size"].lower() not in DYNO_SIZES:
            raise HerokuInputError("%s: size %r is not a Heroku dyno size. Use one of: %s." % (
                where, process["size"], ", ".join(DYNO_SIZES.values())), option=option)


def check_ip_ranges(option, values):
    """Fail unless each value is an IPv4 block (a bare address being that one address), as Heroku's ruleset takes:
    four decimal numbers, and a prefix length from 0 to 32 when written."""
    for index, value in enumerate(values or []):
        problem = (None if isinstance(value, str) and re.fullmatch(r"\d{1,3}(\.\d{1,3}){3}(/\d{1,2})?", value)
                   else "write four numbers from 0 to 255 and, for a block, its prefix length")
        problem = problem or cidr_problem(value)
        if problem:
            raise HerokuInputError("%s[%d]=%r is not an IPv4 address or CIDR block like 203.0.113.0/24: %s." % (
                option, index, value, problem), option=option)


def check_space_drain_url(option, url):
    """Fail unless ``url`` is a log drain URL (the value never shown) that uses HTTPS, as a space's drain must."""
    check_drain_url(option, url)
    if url is not None and not url.startswith("https://"):
        raise HerokuInputError("%s must be an https:// URL: Heroku sends a space's logs over HTTPS only (the value "
                               "is not shown: drain URLs often carry credentials)." % option, option=option)


CHECKS.update(cidr=check_cidr, inbound_rules=check_inbound_rules, processes=check_processes, ip_ranges=check_ip_ranges,
              space_drain_url=check_space_drain_url)


# -- checks of the operations' options (heroku_build, heroku_drain, heroku_dyno, ...) ----------------------------

def check_bounds(option, value, bounds):
    """check_range with its bounds as one argument: ``(low,)``, ``(low, high)`` or ``(low, high, unit)``."""
    check_range(option, value, *bounds)


def check_one_of(option, value, what_and_allowed):
    """Fail unless ``value``, in any case, is a key of ``allowed`` (lower case -> Heroku's spelling); ``what``
    names what it must be (``a Heroku dyno size``)."""
    what, allowed = what_and_allowed
    if value is not None and (not isinstance(value, str) or value.lower() not in allowed):
        raise HerokuInputError("%s=%r is not %s. Use one of: %s." % (option, value, what, ", ".join(allowed.values())),
                               option=option)


def check_env(option, env):
    """Environment variable names Heroku takes, and scalar values. Never a value in a message: they are secrets."""
    pattern, allowed = NAMES["config_key"]
    for key, value in (env or {}).items():
        if not isinstance(key, str) or not pattern.fullmatch(key):
            raise HerokuInputError("%s: the name %r is not an environment variable name Heroku accepts: use %s." % (
                option, key, allowed), option=option)
        if value is None or isinstance(value, (dict, list)):
            raise HerokuInputError("%s.%s must be a string, a number or a boolean." % (option, key), option=option)


# A log drain's token: how Heroku names a drain without its URL.
DRAIN_TOKEN = OnUse(r"d\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def check_drain(option, value):
    """A drain named by its URL or its token (d.<uuid>)."""
    if value is not None and not (isinstance(value, str) and DRAIN_TOKEN.fullmatch(value)):
        check_drain_url(option, value)


CHECKSUM = OnUse(r"SHA256:[0-9a-fA-F]{64}")
ARCHIVE_SUFFIXES = (".tar.gz", ".tgz")


def check_checksum(option, value):
    if value is not None and not (isinstance(value, str) and CHECKSUM.fullmatch(value)):
        raise HerokuInputError("%s=%r is not a checksum Heroku takes: use SHA256: followed by the 64 hex digits of the "
                               "archive's SHA-256." % (option, value), option=option)


def check_archive_url(option, url):
    """An http:// or https:// URL of a gzip'd tarball. Never echoed: such a URL often carries a token."""
    if url is None:
        return
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except (TypeError, ValueError, AttributeError):
        parts = host = None
    if parts is None or parts.scheme not in ("http", "https") or not host or re.search(r"[\s\x00-\x1f\x7f]", url):
        raise HerokuInputError("%s must be an http:// or https:// URL of a gzip'd tarball, such as "
                               "https://example.com/acme-web-v1.2.tgz (the value is not shown: it may carry a "
                               "token)." % option, option=option)


def check_archive_path(option, path):
    """A directory this user can read, or a readable .tar.gz or .tgz file."""
    if path is None:
        return
    if not os.path.exists(path):
        raise HerokuInputError("%s %s does not exist." % (option, path), option=option)
    if os.path.isdir(path):
        if not os.access(path, os.R_OK | os.X_OK):
            raise HerokuInputError("%s %s is a directory this user cannot read." % (option, path), option=option)
    elif not (os.path.isfile(path) and path.endswith(ARCHIVE_SUFFIXES)):
        raise HerokuInputError("%s %s is neither a directory nor a .tar.gz or .tgz file." % (option, path), option=option)
    elif not os.access(path, os.R_OK):
        raise HerokuInputError("%s %s is a file this user cannot read." % (option, path), option=option)


CHECKS.update(range=check_bounds, one_of=check_one_of, env=check_env, drain=check_drain, checksum=check_checksum,
              archive_url=check_archive_url, archive_path=check_archive_path)


# -- checks of add-ons' options, of a list of members by email, and of a mapping of switches ------------------------

# An add-on plan: a service and its plan (heroku-postgresql:essential-0), or a service alone for its default plan.
ADDON_PLAN = OnUse(r"[a-z0-9][a-z0-9-]*(:[a-z0-9][a-z0-9-]*)?")
# The config var prefix of an add-on's attachment (DATABASE gives DATABASE_URL).
ATTACHMENT_NAME = OnUse(r"[A-Za-z][A-Za-z0-9_]*")


def check_addon_plan(option, value):
    if value is not None and not (isinstance(value, str) and ADDON_PLAN.fullmatch(value)):
        raise HerokuInputError("%s=%r is not an add-on plan: use service:plan (heroku-postgresql:essential-0) or a "
                               "service (heroku-redis)." % (option, value), option=option)


def check_attachment_name(option, value):
    if value is not None and not (isinstance(value, str) and ATTACHMENT_NAME.fullmatch(value)):
        raise HerokuInputError("%s=%r must start with a letter and hold only letters, digits and underscores, like "
                               "DATABASE." % (option, value), option=option)


def check_scalar_values(option, mapping):
    """Each value a string, a number or a boolean: Heroku takes strings only, and null has no string to stand for. The
    value itself is never shown: an add-on's provider config can hold credentials (a fork's URL)."""
    for key, value in (mapping or {}).items():
        if value is None or isinstance(value, (dict, list)):
            raise HerokuInputError("%s.%s must be a string, a number or a boolean, not %s." % (
                option, key, "null" if value is None else "a " + type(value).__name__), option=option)


def check_unique_emails(option, items, key_and_noun):
    """A list of objects (a team's members), each named by an email under ``key`` that Heroku takes, none twice
    (Heroku compares emails without case); ``noun`` is what each item is, for the message: ``("email", "member")``."""
    key, noun = key_and_noun
    seen = {}
    for index, item in enumerate(items or ()):
        email = item[key]
        check_name("%s[%d].%s" % (option, index, key), email, "email", ids=False)
        if email.lower() in seen:
            raise HerokuInputError("%s lists %s twice (%s[%d] and %s[%d]; emails compare without case): list each %s "
                                   "once." % (option, email, option, seen[email.lower()], option, index, noun),
                                   option=option)
        seen[email.lower()] = index


def check_switches(option, switches, kind):
    """A mapping of ``kind`` names (an app's features) to on/off: each name checked, each value a boolean as
    Ansible reads them (true, "yes", "on", 1); heroku_spec.SWITCHES then turns it into one."""
    for name, value in (switches or {}).items():
        label = "%s.%s" % (option, name)
        check_name(label, name, kind, ids=False)
        try:
            boolean(value, strict=True)
        except TypeError:
            raise HerokuInputError("%s=%r is not a boolean: use true to enable the %s, false to disable it." % (
                label, value, kind.replace("_", " ")), option=option)


CHECKS.update(addon_plan=check_addon_plan, attachment_name=check_attachment_name, scalar_values=check_scalar_values,
              unique_emails=check_unique_emails, switches=check_switches)


# -- a list of one value or more from a fixed set (a webhook's event types) -------------------------------------------

def check_one_or_more(option, values, argument):
    """Fail unless the list holds a value or more, each one of ``allowed``; ``argument`` is ``(what a value is,
    allowed)``, such as ``("Heroku webhook event type", ("api:app", "api:release"))``. Unlike ``choices``, an empty
    list fails (Ansible's argument spec has no minimum length), and one message names every value not allowed."""
    what, allowed = argument
    if values is None:
        return
    if not values:
        raise HerokuInputError("%s is empty: name at least one %s (any of %s)." % (option, what, ", ".join(allowed)),
                               option=option)
    unknown = [value for value in values if value not in allowed]
    if unknown:
        raise HerokuInputError("%s: %s %s not a %s: use %s." % (
            option, ", ".join(repr(value) for value in unknown), "is" if len(unknown) == 1 else "are", what,
            ", ".join(allowed)), option=option)


CHECKS["one_or_more"] = check_one_or_more


# -- a name, or "" for none (a domain's SNI endpoint) ---------------------------------------------------------------

def check_name_or_none(option, value, kind):
    """Fail unless ``value`` is a ``kind`` name (not an id: Heroku shows the name, so an id would never compare
    equal) or ``""``, which asks for none."""
    if value != "":
        check_name(option, value, kind, ids=False)


CHECKS["name_or_none"] = check_name_or_none


# -- the headers of a telemetry drain's exporter (a vendor's API key lives there) ---------------------------------

TELEMETRY_HEADER = OnUse(r"[A-Za-z0-9_-]{1,100}")


def check_telemetry_headers(option, headers):
    """Heroku's limits on an OpenTelemetry exporter's headers: at most 20, each name 1 to 100 letters, digits, dashes
    and underscores, each value a string (a number or boolean is sent as one) of at most 1000 characters. A value is
    never shown: it holds the vendor's API key."""
    if headers is None:
        return
    if len(headers) > 20:
        raise HerokuInputError("%s holds %d headers: Heroku takes at most 20." % (option, len(headers)), option=option)
    for name, value in headers.items():
        if not isinstance(name, str) or not TELEMETRY_HEADER.fullmatch(name):
            raise HerokuInputError("%s: header name %r is not 1 to 100 letters, digits, dashes and underscores, like "
                                   "x-api-key." % (option, name), option=option)
        if value is None or isinstance(value, (dict, list)) or len(str(value)) > 1000:
            raise HerokuInputError("%s.%s must be a string of at most 1000 characters (its value is not shown)." % (
                option, name), option=option)


CHECKS["telemetry_headers"] = check_telemetry_headers


# -- a VPN connection's customer gateway and routable networks --------------------------------------------------

def check_public_ipv4(option, value):
    """Fail unless ``value`` is a public IPv4 address (a VPN's customer gateway: Heroku's tunnels reach it over the
    internet, so a private, loopback, documentation or other reserved address can never work)."""
    if value is None:
        return
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        raise HerokuInputError("%s=%r is not an IPv4 address like 35.161.69.30." % (option, value), option=option)
    if address.version != 4:
        raise HerokuInputError("%s=%r is not an IPv4 address: Heroku's VPN gateways take IPv4 only." % (option, value),
                               option=option)
    if not address.is_global:
        raise HerokuInputError("%s=%r is not a public address: give the customer gateway's address on the internet "
                               "(not a private, loopback, documentation or reserved one)." % (option, value), option=option)


def check_cidr_blocks(option, values):
    """Fail unless the list holds one IPv4 CIDR block or more, each written with its prefix length."""
    if values is None:
        return
    if not values:
        raise HerokuInputError("%s is empty: name at least one IPv4 CIDR block like 172.16.0.0/16." % option, option=option)
    for index, value in enumerate(values):
        problem = "write its prefix length" if isinstance(value, str) and "/" not in value else cidr_problem(value)
        if problem:
            raise HerokuInputError("%s[%d]=%r is not an IPv4 CIDR block like 172.16.0.0/16: %s." % (
                option, index, value, problem), option=option)


CHECKS.update(public_ipv4=check_public_ipv4, cidr_blocks=check_cidr_blocks)


# The id AWS gives a VPC peering connection (a Private Space's peering): pcx- and 8 to 17 hexadecimal digits.
PATTERNS["pcx_id"] = (r"pcx-[0-9a-f]{8,17}", "pcx- followed by 8 to 17 lower case hexadecimal digits, like pcx-0123456789abcdef0")


# -- two different names of one kind (the apps heroku_diff compares) ----------------------------------------------

def check_pair(option, values, kind):
    """Fail unless the list holds exactly two ``kind`` names (or ids), not the same one twice."""
    if values is None:
        return
    if len(values) != 2:
        raise HerokuInputError("%s must name two %ss to compare, not %d." % (option, kind, len(values)), option=option)
    check_names(option, values, kind)
    if values[0] == values[1]:
        raise HerokuInputError("%s names %s twice: name two different %ss." % (option, values[0], kind), option=option)


CHECKS["pair"] = check_pair
