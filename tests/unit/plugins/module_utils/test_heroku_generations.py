# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The generations table and the Generations word: what Fir refuses, and which options a run checks."""

from ansible_collections.herokuops.platform.plugins.module_utils import heroku_generations as generations
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_spec import Generations

# The Terraform provider's heroku_supported_features.go: what its feature matrix says Fir spaces lack, by the
# names this collection's options (and later modules') use.
TERRAFORM_FIR_SPACE = {
    "shield": "shield", "trusted_ip_ranges": "inbound_rules", "inbound_ruleset": "inbound_rules",
    "private_vpn": "vpn", "vpn_connection": "vpn", "outbound_rules": "outbound_rules",
    "private_space_logging": "log_drain_url", "outbound_ips": "outbound_ips", "peering_connection": "peering",
}


def test_fir_refuses_what_the_terraform_provider_lists_and_cedar_refuses_none_of_it():
    for ours in TERRAFORM_FIR_SPACE.values():
        assert generations.instead("fir", "space", ours), ours
        assert generations.instead("cedar", "space", ours) is None
    for option in ("buildpacks", "stack", "build_stack", "internal_routing"):
        assert generations.instead("fir", "app", option) and generations.instead("cedar", "app", option) is None
    assert "heroku_telemetry_drain" in generations.instead("fir", "log_drain", "url")
    assert "heroku_drain" in generations.instead("cedar", "telemetry_drain", "app")


def test_a_representation_names_its_generation_and_cedar_is_the_default():
    assert generations.name_of({"generation": {"id": "x", "name": "fir"}}) == "fir"
    assert generations.name_of({"generation": None}) == "cedar" and generations.name_of({}) == "cedar"
    allocated_nat = generations.has("space", "outbound_ips", state="allocated")
    assert allocated_nat({"state": "allocated", "generation": {"name": "cedar"}})
    assert not allocated_nat({"state": "allocated", "generation": {"name": "fir"}})
    assert not allocated_nat({"state": "allocating", "generation": {"name": "cedar"}})


def test_only_options_set_to_something_are_checked():
    word = Generations("app", "app")
    params = dict(name="web", buildpacks=None, stack="heroku-24", internal_routing=False, region="us")
    assert word.refused_options(params, generations.REFUSED) == ["stack"]
    assert word.refused_options(dict(params, buildpacks=[]), generations.REFUSED) == ["buildpacks", "stack"]
    drain = Generations("log_drain", "app", only_with=("state", ("present",)))
    assert drain.refused_options(dict(url="https://x", state="present"), generations.REFUSED) == ["url"]
    assert drain.refused_options(dict(url="https://x", state="absent"), generations.REFUSED) == []
