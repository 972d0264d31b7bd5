"""What an execution environment that lists herokuops.platform installs for it: ansible-builder reads the
installed collection's dependencies the way an EE build does (`introspect`). The collection needs no Python
package beyond the standard library, so it declares none."""

from __future__ import annotations

import yaml

from packaging_helpers import FQCN, base_env, run, tool


def test_an_execution_environment_installs_no_python_package_for_the_collection(installed, tmp_path):
    result = run([tool("ansible-builder"), "introspect", "--sanitize", installed["path"]],
                 env=base_env(tmp_path), cwd=tmp_path)
    assert result.rc == 0, result
    data = yaml.safe_load(result.output[result.output.index("---"):]) if "---" in result.output else {}
    wanted = [line for key in ("python", "system") for line in (data or {}).get(key) or [] if FQCN in line]
    assert wanted == [], f"an EE with {FQCN} would install {wanted}"
