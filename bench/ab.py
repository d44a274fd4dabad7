#!/usr/bin/env python3
"""Compare commands on a noisy host: run them in turn, N rounds, and print
each one's median, 10th percentile and minimum wall time.

Alternating the commands spreads the host's slow and fast moments over
all of them, which back-to-back hyperfine runs do not.

    python3 bench/ab.py 100 'target/release/recap -q build --out /tmp/a' \\
                            '/tmp/recap-old -q build --out /tmp/b'

A command may start with VAR=value words, which are set in its
environment.
"""
import os
import statistics
import subprocess
import sys
import time


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    rounds = int(sys.argv[1])
    commands = sys.argv[2:]
    times = [[] for _ in commands]
    for _ in range(rounds):
        for k, command in enumerate(commands):
            env = dict(os.environ)
            argv = command.split()
            while argv and "=" in argv[0]:
                name, value = argv.pop(0).split("=", 1)
                env[name] = value
            start = time.perf_counter()
            subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL)
            times[k].append(time.perf_counter() - start)
    for command, t in zip(commands, times):
        t.sort()
        print(
            f"{command[:70]:70s} median {statistics.median(t) * 1000:7.1f} ms"
            f"  p10 {t[len(t) // 10] * 1000:7.1f}  min {t[0] * 1000:7.1f}"
        )


if __name__ == "__main__":
    main()
