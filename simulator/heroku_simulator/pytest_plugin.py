"""pytest plugin: the `heroku_simulator` fixture (a started Simulator per test)."""
import pytest

from .simulator import Simulator

API_KEY = "test-api-key"


@pytest.fixture
def heroku_simulator():
    sim = Simulator(api_key=API_KEY).start()
    try:
        yield sim
    finally:
        sim.stop()
