"""Shared fixtures of the simulator's tests."""
import pytest

from sim_http import Client


@pytest.fixture
def sim(heroku_simulator):
    return heroku_simulator


@pytest.fixture
def api(heroku_simulator):
    return Client(heroku_simulator.url)
