"""Every check of herokuops.platform, as nox sessions.

``scripts/test`` runs the default sessions (what CI runs); ``scripts/test -l`` lists them all. Sessions marked
``python=False`` run the tools of ``.venv`` (``scripts/bootstrap`` installs them, pinned in tests/requirements.txt);
the ansible-core sessions (``scripts/test -t ansible-cores``) build one venv per ansible-core. Those venvs, docs-check's
and ansible-test's live in SHARED_CACHE, outside the checkout, so that a fresh clone does not build them again.
antsibull-nox.toml adds antsibull-nox's own checks: ``extra-checks`` (action groups, no unwanted files) and
``docs-check`` (antsibull-docs' linter, in a venv of its own at tests/requirements.txt's versions).

Environment variables: ``SKIP_SANITY=1`` and ``SKIP_MOLECULE=1`` leave those sessions out of the default run;
``PYTEST_WORKERS`` (default 2) is the number of pytest processes. Arguments after ``--`` go to pytest.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from functools import wraps
from pathlib import Path

import nox

import antsibull_nox

ROOT = Path(__file__).resolve().parent
CACHE = ROOT / ".cache"
LOGS = CACHE / "logs"
VENV_BIN = ROOT / ".venv" / "bin"
# The directory that holds ansible_collections/herokuops/platform -> ROOT: ansible-playbook, ansible-lint and
# molecule find the collection by its full name there (tests/conftest.py makes the same link for plain pytest).
COLLECTIONS = CACHE / "collections"
ANSIBLE_HOME = CACHE / "ansible-home"
PYTHONS = CACHE / "pythons"
# The docs session's own programs: what it adds to antsibull-docs' Sphinx configuration, the playbooks page.
DOCS_TOOLS = ROOT / "docs" / "tools"
# What does not depend on the checkout and is slow to make: nox's venvs (docs-check's, the ansible-cores'),
# ansible-test's sanity venvs, the Heroku CLI (simulator/tests/test_real_cli.py). Kept between clones on one machine;
# delete it at will, the next run makes it again.
SHARED_CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "herokuops-platform"

# What each claimed ansible-core line runs on: the exact release tested, and the controller Pythons it supports
# in the order we prefer them (3.11 first where it can; 2.20 and later need 3.12). The newest line runs the whole
# pytest suite, the others the unit tests and INTEGRATION_SUBSET. .venv runs tests/requirements.txt's own pin.
ANSIBLE_CORES = {
    "2.16": ("2.16.19", ("3.11", "3.12")),
    "2.17": ("2.17.14", ("3.11", "3.12")),
    "2.18": ("2.18.19", ("3.11", "3.12", "3.13")),
    "2.19": ("2.19.14", ("3.11", "3.12", "3.13")),
    "2.20": ("2.20.10", ("3.12", "3.13", "3.14")),
    "2.21": ("2.21.5", ("3.12", "3.13", "3.14")),
}
NEWEST_CORE = max(ANSIBLE_CORES, key=lambda line: tuple(map(int, line.split("."))))
OLDEST_CORE = min(ANSIBLE_CORES, key=lambda line: tuple(map(int, line.split("."))))
# What changes between ansible-core releases and what the collection leans on: the action plugins running
# modules in Ansible's worker and the module fallback (both paths: app, config), no_log and masking at -vvvv
# (config, security, secrets: what a traceback shows differs before 2.19), the inventory plugin's API and unsafe
# marking (inventory), role argument specs and playbooks run by full name (roles_and_playbooks).
INTEGRATION_SUBSET = [
    "tests/integration/test_secrets.py",
    "tests/integration/test_heroku_app.py",
    "tests/integration/test_heroku_config.py",
    "tests/integration/test_inventory.py",
    "tests/integration/test_security.py",
    "tests/integration/test_roles_and_playbooks.py",
]
# Pinned in tests/requirements.txt; a matrix venv installs these at the same versions.
MATRIX_TOOLS = ("requests", "pytest", "pytest-xdist", "execnet", "jsonschema")

# The oldest claimed ansible-core too: releases before 2.19 mask results and hand over arguments differently, and a
# bug only they show (a boolean config value reported changed on every run) went unseen while only .venv's ran in CI.
DEFAULT_SESSIONS = ["extra-checks", "docs-check", "pytest", "sanity", "molecule", "lint", "ansible-core-" + OLDEST_CORE]
# scripts/test (no arguments, as CI runs it) runs the default sessions in two nox processes at once: the "busy" lane
# holds the sessions that keep both CPUs busy (pytest's two workers, then the oldest core's), the "beside" lane those
# that run one process at a time (antsibull-nox's checks, ansible-test sanity, molecule, ansible-lint), which use
# what the busy lane leaves idle. HEROKUOPS_TEST_LANE names the lane; unset, one process runs them all in order.
BUSY_SESSIONS = ("pytest", "ansible-core-" + OLDEST_CORE)
TEST_LANE = os.environ.get("HEROKUOPS_TEST_LANE", "")


def _environment():
    """What every session runs with: .venv's tools first on PATH, Ansible's state and the collection in .cache."""
    return {
        "PATH": os.pathsep.join([str(VENV_BIN), str(PYTHONS), os.environ.get("PATH", "")]),
        "ANSIBLE_HOME": str(ANSIBLE_HOME),
        "ANSIBLE_LOCAL_TEMP": str(ANSIBLE_HOME / "tmp"),
        "ANSIBLE_REMOTE_TEMP": str(ANSIBLE_HOME / "remote-tmp"),  # default: ~/.ansible/tmp
        "ANSIBLE_COLLECTIONS_PATH": str(COLLECTIONS),
        "ANSIBLE_NOCOLOR": "1", "ANSIBLE_FORCE_COLOR": "0", "PY_COLORS": "0", "NO_COLOR": "1",
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }


def _link_collection():
    link = COLLECTIONS / "ansible_collections" / "herokuops" / "platform"
    link.parent.mkdir(parents=True, exist_ok=True)
    _symlink(link, ROOT)


def _symlink(link, target):
    """``link`` pointing at ``target``, whatever was there; the other lane of scripts/test may make it meanwhile."""
    if link.is_symlink() and link.resolve() == target:
        return
    link.unlink(missing_ok=True)
    try:
        link.symlink_to(target, target_is_directory=target.is_dir())
    except FileExistsError:
        if link.resolve() != target:
            raise


def _python(version):
    """An interpreter of Python ``version`` that runs, linked as .cache/pythons/python<version> so that nox finds it
    by version; None if there is none. pyenv puts shims on PATH for versions it has but does not enable; they fail."""
    found = [shutil.which("python" + version)]
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
    found += sorted(pyenv.glob("versions/%s.*/bin/python%s" % (version, version)), reverse=True)
    for candidate in filter(None, found):
        try:
            out = subprocess.run([str(candidate), "-c", "import sys, venv; print('%d.%d' % sys.version_info[:2])"],
                                 capture_output=True, text=True, timeout=30, check=False).stdout.strip()
        except OSError:
            continue
        if out == version:
            link = PYTHONS / ("python" + version)
            PYTHONS.mkdir(parents=True, exist_ok=True)
            _symlink(link, Path(candidate).resolve())
            return version
    return None


def _logged(session, args, log, show, cwd=ROOT, env=None):
    """Run a tool whose output is mostly noise: all of it to ``log``, the lines matching ``show`` to the console."""
    session.log(" ".join(map(str, args)))
    LOGS.mkdir(parents=True, exist_ok=True)
    with open(log, "w", encoding="utf-8") as out:
        rc = subprocess.run([str(a) for a in args], cwd=cwd, env=dict(os.environ, **(env or {})), stdout=out,
                            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, check=False).returncode
    for line in Path(log).read_text(encoding="utf-8", errors="replace").splitlines():
        if re.match(show, line):
            print(line)
    if rc:
        session.error("exit %d; full log: %s" % (rc, log))


def timed(func):
    """Log how long a session took (nox's summary says only whether it passed)."""
    @wraps(func)
    def run(session):
        started = time.monotonic()
        try:
            func(session)
        finally:
            session.log("%s took %d s" % (session.name, time.monotonic() - started))
    return run


os.environ.update(_environment())
_link_collection()
nox.options.reuse_venv = "yes"
# Outside the checkout (a .nox/ in it would be shipped and linted); a venv holds nothing of the checkout: the
# ansible-cores sessions install the simulator into theirs at each run.
nox.options.envdir = str(SHARED_CACHE / "nox")
nox.options.sessions = [name for name in DEFAULT_SESSIONS
                        if os.environ.get("SKIP_" + re.sub(r"\W", "_", name.upper()), "") != "1"  # SKIP_ANSIBLE_CORE_2_16
                        and (not TEST_LANE or (name in BUSY_SESSIONS) == (TEST_LANE == "busy"))] or ["nothing"]
antsibull_nox.load_antsibull_nox_toml()


@nox.session(python=False, default=False)
def nothing(session):
    """Runs nothing: what the default run is when SKIP_* leaves no session (nox would otherwise run them all)."""
    session.log("every default session of this run is skipped")


# ---- pytest -----------------------------------------------------------------------------------------------

def _pytest(session, *targets):
    # --rootdir: otherwise simulator/pyproject.toml becomes the rootdir and node ids read ../tests/...
    # Two workers: most of the time goes to ansible-playbook processes, and each test has its own simulator on a
    # free port. --dist loadfile keeps a file's tests on one worker (one Heroku CLI set-up, one docs build);
    # --no-loadscope-reorder hands the files out in collection order, which tests/conftest.py makes longest first.
    # pytest's exit 5 (no test collected) fails the session like any other.
    session.run("python", "-m", "pytest", "-p", "no:cacheprovider", "--rootdir", str(ROOT), "-ra", "--durations=10",
                "-n", os.environ.get("PYTEST_WORKERS", "2"), "--dist", "loadfile", "--no-loadscope-reorder",
                *targets, *session.posargs)


@nox.session(python=False)
@timed
def pytest(session):
    """Unit, integration, simulator and packaging tests in one pytest run (the default; see the four below)."""
    _pytest(session, "tests/unit", "tests/integration", "tests/packaging", "simulator/tests")


@nox.session(python=False)
@timed
def unit(session):
    """tests/unit: the API client, the specs, the runners, the plugins."""
    _pytest(session, "tests/unit")


@nox.session(python=False)
@timed
def integration(session):
    """tests/integration: real ansible-playbook runs against the simulator."""
    _pytest(session, "tests/integration")


@nox.session(python=False)
@timed
def simulator(session):
    """simulator/tests: the simulator, its fidelity to Heroku's schema, the real Heroku CLI against it."""
    _pytest(session, "simulator/tests")


@nox.session(python=False)
@timed
def packaging(session):
    """tests/packaging: the Galaxy tarball, galaxy-importer, ansible-doc, the changelog, the EE."""
    _pytest(session, "tests/packaging")


# ---- ansible-test sanity, ansible-lint, molecule ------------------------------------------------------------

def _seed_get_pip(cache):
    """ansible-test downloads get-pip.py from a host outside the package index; seed its cache with
    scripts/get_pip_offline.py for every pip version this ansible-test may ask for."""
    # The ansible-test that runs: .venv's, whatever Python runs nox.
    package = subprocess.run(["python", "-c", "import ansible_test; print(ansible_test.__file__)"], check=True,
                             capture_output=True, text=True).stdout.strip()
    source = Path(package).parent / "_internal" / "python_requirements.py"
    versions = set(re.findall(r"\bpip\s*=\s*['\"]([0-9][0-9.]*)['\"]", source.read_text(encoding="utf-8")))
    if not versions:
        raise RuntimeError("no pip version found in %s; ansible-test changed how it bootstraps pip" % source)
    cache.mkdir(parents=True, exist_ok=True)
    for version in versions:
        shutil.copyfile(ROOT / "scripts" / "get_pip_offline.py", cache / ("get_pip_%s.py" % version.replace(".", "_")))


@nox.session(python=False)
@timed
def sanity(session):
    """ansible-test sanity --local on what the Galaxy tarball ships (antsibull-nox's sanity sessions need docker)."""
    # ansible-test needs the collection at .../ansible_collections/<ns>/<name> and judges every file under it:
    # the built tarball, unpacked, holds exactly what Galaxy ships (galaxy.yml's build_ignore applied by
    # ansible-galaxy itself), with no .venv, .cache, simulator or scripts.
    copy = CACHE / "ansible_collections" / "herokuops" / "platform"
    shutil.rmtree(copy, ignore_errors=True)
    copy.mkdir(parents=True)
    with tempfile.TemporaryDirectory() as out:
        session.run("ansible-galaxy", "collection", "build", "--output-path", out, str(ROOT), silent=True)
        with tarfile.open(next(Path(out).glob("*.tar.gz"))) as tarball:
            tarball.extractall(copy, filter="tar")
    # The copy lies inside this checkout's git-ignored .cache: without a repository of its own, ansible-test
    # would ask the outer git for its files and find none ("All targets skipped").
    subprocess.run(["git", "init", "-q", str(copy)], check=True)
    # ansible-test keeps its venvs (one per sanity test, named by its requirements) and its pip bootstrap cache
    # under ~/.ansible/test: a HOME of its own in SHARED_CACHE keeps them out of the user's home and lets the next
    # clone reuse them (making them is most of a first run's sanity). The pip download cache stays the user's.
    home = SHARED_CACHE / "ansible-test-home"
    _seed_get_pip(home / ".ansible" / "test" / "cache")
    pip_cache = os.environ.get("PIP_CACHE_DIR") or str(Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
                                                       / "pip")
    python = "%d.%d" % sys.version_info[:2]
    # ansible-test does not guard a venv it is making: two checkouts' sanity runs take turns.
    with open(SHARED_CACHE / "ansible-test-home.lock", "w", encoding="utf-8") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        _logged(session, ["ansible-test", "sanity", "--local", "--python", python, "--color", "no"],
                LOGS / "sanity.log", r"(Running sanity test|ERROR|WARNING|See documentation|FATAL)", cwd=copy,
                env={"HOME": str(home), "PIP_CACHE_DIR": pip_cache})


@nox.session(python=False)
@timed
def molecule(session):
    """Molecule scenario of the app role against the simulator, no containers (extensions/molecule/default)."""
    _logged(session, ["molecule", "test"], LOGS / "molecule.log", r"(default > |default  |ERROR)",
            env={"XDG_CACHE_HOME": str(CACHE / "xdg")})


@nox.session(python=False)
@timed
def lint(session):
    """ansible-lint with the production profile over the whole collection (.ansible-lint)."""
    session.run("ansible-lint", "--nocolor", "--profile", "production", env={"XDG_CACHE_HOME": str(CACHE / "xdg")})


# ---- every claimed ansible-core ------------------------------------------------------------------------------

def _requirements_without_ansible_core(directory):
    """tests/requirements.txt with its ansible-core pin left out, for a venv that pins another."""
    lines = (ROOT / "tests" / "requirements.txt").read_text(encoding="utf-8").splitlines()
    path = Path(directory) / "requirements.txt"
    path.write_text("\n".join(line for line in lines if not line.startswith("ansible-core")) + "\n", encoding="utf-8")
    return str(path)


def _pins(names):
    pins = dict(re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)", (ROOT / "tests" / "requirements.txt").read_text(
        encoding="utf-8"), re.MULTILINE))
    return ["%s==%s" % (name, pins[name]) for name in names]


def _add_core_session(line, release, pythons):
    name = "ansible-core-" + line
    python = next(filter(None, map(_python, pythons)), None)
    full = line == NEWEST_CORE
    what = "the whole pytest suite" if full else "tests/unit and the integration subset"
    if python is None:
        def missing(session):
            session.skip("ansible-core %s needs Python %s; none of them runs here (install one, e.g. with pyenv)"
                         % (line, " or ".join(pythons)))
        missing.__doc__ = "ansible-core %s: skipped, no Python %s here." % (line, " or ".join(pythons))
        nox.session(name=name, python=False, tags=["ansible-cores"])(missing)
        return

    def run(session):
        with tempfile.TemporaryDirectory() as tmp:
            if full:
                session.install("-r", _requirements_without_ansible_core(tmp), "ansible-core==" + release)
            else:
                session.install("ansible-core==" + release, *_pins(MATRIX_TOOLS))
        session.install(str(ROOT / "simulator"))
        session.run("python", "-c", "import ansible.release; print('ansible-core', ansible.release.__version__)")
        if full:
            _pytest(session, "tests/unit", "tests/integration", "tests/packaging", "simulator/tests")
        else:
            _pytest(session, "tests/unit", *INTEGRATION_SUBSET)

    run.__doc__ = "ansible-core %s on Python %s: %s." % (release, python, what)
    nox.session(name=name, python=python, venv_backend="venv", tags=["ansible-cores"])(timed(run))


for _line, (_release, _pythons) in ANSIBLE_CORES.items():
    _add_core_session(_line, _release, _pythons)


# ---- the documentation site ----------------------------------------------------------------------------------

@nox.session(python=False)
@timed
def docs(session):
    """The HTML documentation site with antsibull-docs and Sphinx, offline, failing on any warning (scripts/docs).
    Into .cache/docsite/html, or DIR/html with ``-- DIR`` (the Sphinx sources antsibull-docs writes go to DIR/src)."""
    # nox runs sessions in the noxfile's directory: a relative DIR is the caller's.
    dest = (Path(session.invoked_from) / session.posargs[0] if session.posargs else CACHE / "docsite").resolve()
    src, html = dest / "src", dest / "html"
    # Fresh each time: antsibull-docs wants its directories owned by us and writable by nobody else.
    shutil.rmtree(src, ignore_errors=True)
    shutil.rmtree(html, ignore_errors=True)
    src.mkdir(mode=0o700, parents=True)
    env = {"ANSIBLE_COLLECTIONS_SCAN_SYS_PATH": "0"}
    session.run("antsibull-docs", "sphinx-init", "--use-current", "--squash-hierarchy", "--fail-on-error",
                "--dest-dir", str(src), "--project", "herokuops.platform", "--title", "herokuops.platform",
                "--copyright", "herokuops.platform contributors", "herokuops.platform", env=env, silent=True)
    # Offline intersphinx, the theme's top bar, and links into Ansible's docs (a Sphinx extension's setup()).
    with open(src / "conf.py", "a", encoding="utf-8") as conf:
        conf.write("\n" + (DOCS_TOOLS / "sphinx_conf.py").read_text(encoding="utf-8"))
    session.run("antsibull-docs", "--config-file", str(src / "antsibull-docs.cfg"), "collection", "--use-current",
                "--squash-hierarchy", "--fail-on-error", "--cleanup", "everything", "--dest-dir", str(src / "rst"),
                "herokuops.platform", env=env, silent=True)
    session.run("python", str(DOCS_TOOLS / "playbooks_page.py"), str(ROOT / "playbooks"), str(src / "rst"))
    # -W: a warning (a broken reference, bad markup in a DOCUMENTATION string) fails the build.
    # One process: on two CPUs, -j auto was slower.
    session.run("sphinx-build", "-q", "-W", "--keep-going", "-b", "html", "-c", str(src), str(src / "rst"), str(html),
                env=env)
    print("docs: %s" % (html / "index.html"))


# ---- the demo and the benchmark -----------------------------------------------------------------------------

@nox.session(python=False)
@timed
def demo(session):
    """playbooks/demo.yml twice against the simulator; the second run must change nothing (scripts/demo)."""
    session.run("python", str(ROOT / "scripts" / "demo.py"), *session.posargs)


@nox.session(python=False)
@timed
def benchmark(session):
    """The reference estate in the simulator, about 50 minutes on 2 CPUs (scripts/benchmark; args: estate.py's)."""
    readme = [] if session.posargs else ["--readme", str(ROOT / "README.md")]
    session.run("python", str(ROOT / "tests" / "benchmarks" / "estate.py"),
                "--out", str(ROOT / "tests" / "benchmarks" / "RESULTS.md"), *readme, *session.posargs)
