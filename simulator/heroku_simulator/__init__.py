"""A local, dependency-free simulator of the Heroku Platform API."""
from .simulator import Simulator

__all__ = ["Simulator"]
__version__ = "0.1.0"
