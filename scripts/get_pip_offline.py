#!/usr/bin/env python
"""Stand-in for the get-pip.py script that ansible-test downloads.

ansible-test bootstraps pip into each fresh sanity-test virtual environment
(created with --without-pip) by running a cached copy of get-pip.py:

    python get_pip_<version>.py --disable-pip-version-check pip==<version> --no-setuptools --no-wheel

and downloads that copy from a host outside the package index when it is not
cached. noxfile.py's sanity session seeds the cache with this file instead: it installs the
pip bundled with the interpreter (ensurepip, no network), then asks that pip
for exactly the packages ansible-test requested, from the ordinary package
index. It works for whatever pip version ansible-test asks for.
"""

import subprocess
import sys

# get-pip.py's own switches; plain pip does not know them.
GET_PIP_ONLY = {"--no-setuptools", "--no-wheel"}


def main(argv):
    pip_args = [arg for arg in argv if arg not in GET_PIP_ONLY]
    subprocess.check_call([sys.executable, "-m", "ensurepip", "--default-pip"],
                          stdout=subprocess.DEVNULL)
    subprocess.check_call([sys.executable, "-m", "pip", "install", "--quiet"] + pip_args)
    # ensurepip brings setuptools on Python < 3.12; get-pip.py would not have
    # installed it when told --no-setuptools, so take it away again.
    unwanted = [name for flag, name in (("--no-setuptools", "setuptools"), ("--no-wheel", "wheel"))
                if flag in argv and not any(a.lower().startswith(name) for a in pip_args)]
    if unwanted:
        subprocess.call([sys.executable, "-m", "pip", "uninstall", "--quiet", "--yes"] + unwanted,
                        stderr=subprocess.DEVNULL)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
