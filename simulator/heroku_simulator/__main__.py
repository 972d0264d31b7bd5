"""Command line: python -m heroku_simulator --port 5555 --api-key KEY ..."""
import argparse
import signal
import sys

from .simulator import Simulator


def main(argv=None):
    parser = argparse.ArgumentParser(prog="heroku_simulator", description="Heroku Platform API simulator")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5555)
    parser.add_argument("--api-key", default=None, help="accepted token (default: accept any token)")
    parser.add_argument("--seed", default=None, help="JSON seed file (see README)")
    parser.add_argument("--state-file", default=None, help="load at start if present, save on exit")
    parser.add_argument("--latency", type=float, default=0.0, help="seconds to sleep before each answer")
    parser.add_argument("--async-delay", type=float, default=0.0,
                        help="seconds before async resources leave their transitional state")
    args = parser.parse_args(argv)

    sim = Simulator(api_key=args.api_key, seed=args.seed, state_file=args.state_file,
                    latency=args.latency, async_delay=args.async_delay)
    server = sim.serve_forever(args.host, args.port)

    def on_term(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_term)
    print(f"Heroku API simulator listening on {sim.url}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        sim._server = None
        sim.stop()  # saves --state-file
    return 0


if __name__ == "__main__":
    sys.exit(main())
