#!/usr/bin/env python3
"""What a reader of `recap serve` waits for the photos of a page after an edit.

Writes N recaps that each show a 12-megapixel phone photo
(examples/photo_site.rs), starts `recap serve --port 0` on them with no built
site beside them, and asks for the 640-pixel copy of every photo (what a
phone loads), as a browser would after opening the pages; then edits one
recap, waits for the reload, and asks for them all again. Prints the time
each round of requests took, and the server's CPU time.

    cargo build --release --example photo_site
    python3 bench/serve_photos.py                  # N = 20
    python3 bench/serve_photos.py --n 40 --recap /tmp/other/recap

Standard library only (and bench/reload.py beside it).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from reload import ROOT, Events, copy_site, edit, fetch, serving_address  # noqa: E402


def cpu_seconds(pid: int) -> tuple[float, float]:
    """User and system CPU seconds of process `pid` so far."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    tick = os.sysconf("SC_CLK_TCK")
    return int(fields[11]) / tick, int(fields[12]) / tick


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=20)
    ap.add_argument("--recap", default=os.path.join(ROOT, "target/release/recap"))
    ap.add_argument("--photo-site", default=os.path.join(ROOT, "target/release/examples/photo_site"))
    ap.add_argument("--edits", type=int, default=3)
    ap.add_argument("--timeout", type=float, default=600.0)
    args = ap.parse_args(argv)

    seeds = tempfile.mkdtemp(prefix="recap-photos-")
    subprocess.run([args.photo_site, seeds, str(args.n)], check=True, stderr=subprocess.DEVNULL)
    site = copy_site(seeds, os.path.join(ROOT, "content"), os.path.join(ROOT, "themes"))
    shutil.rmtree(seeds)
    proc = subprocess.Popen(
        [args.recap, "serve", "--port", "0"],
        cwd=site,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        addr = serving_address(proc)
        if not addr:
            print("recap serve did not start", file=sys.stderr)
            return 1
        events = Events(addr, args.timeout)
        generation = events.next()["generation"]
        copies = [f"/media/640w/recaps/slides/{i:03}.jpg" for i in range(args.n)]

        def ask_all() -> str:
            user, system = cpu_seconds(proc.pid)
            t0 = time.perf_counter()
            # Six at a time, as a browser asks one server.
            with concurrent.futures.ThreadPoolExecutor(6) as pool:
                sizes = list(pool.map(lambda u: len(fetch(addr, u, args.timeout)), copies))
            if min(sizes) == 0:
                raise RuntimeError("an empty copy")
            wall = time.perf_counter() - t0
            user2, system2 = cpu_seconds(proc.pid)
            return f"{wall:6.2f} s wall; server {user2 - user:5.2f} s user, {system2 - system:5.2f} s sys"

        print(f"{args.n} copies, first asked for: {ask_all()}", flush=True)
        for i in range(args.edits):
            edit(os.path.join(site, "seeds", f"{i % args.n:03}.txt"), i)
            while events.next()["generation"] <= generation:
                pass
            generation += 1
            print(f"{args.n} copies, after edit {i + 1}:      {ask_all()}", flush=True)
    finally:
        proc.terminate()
        proc.wait()
        shutil.rmtree(site, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
