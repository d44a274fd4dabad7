#!/usr/bin/env python3
"""Time from saving a recap to the updated page in `recap serve`.

Copies a site (seeds, content, themes) into a temporary folder, starts
`recap serve --port 0` there, listens to its event stream like a browser
does, then edits recaps one at a time and measures, for each edit, the time
from the moment the file is written to the moment the reload event (a new
build generation) arrives, and then to the moment the edited session's page
has been fetched again, as the reloading browser does. That is what a
person waits for: the debounce, the rebuild, the push and the page.

    cargo build --release
    python3 bench/reload.py                                  # the sample site
    python3 bench/gen_corpus.py --n 1000 --seed 42 --out /tmp/corpus1k
    python3 bench/reload.py --seeds /tmp/corpus1k            # 1,000 sessions
    python3 bench/gen_corpus.py --n 10000 --seed 42 --out /tmp/corpus10k
    python3 bench/reload.py --seeds /tmp/corpus10k           # 10,000 sessions

Prints every edit, then the median, min and max of `--edits` edits (10 by
default) for both, and the server's own "rebuilt in" lines.

With `--catalog-edit`, it then edits the catalog once (every session is
enriched again, seconds on a big site) and fetches a session page over and
over until the reload event arrives: how long a request waits while such a
rebuild runs. With `--search-edit`, it asks for the search index (seconds to
make on a big site) and edits a recap while the index is being made. Copying a
10,000-session corpus and its first build take a minute or so. Standard
library only.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class Events:
    """The server-sent event stream of `recap serve`, read line by line."""

    def __init__(self, addr: str, timeout: float):
        host, port = addr.rsplit(":", 1)
        self.sock = socket.create_connection((host, int(port)), timeout=timeout)
        self.sock.sendall(
            f"GET /__recap/events HTTP/1.0\r\nHost: {addr}\r\n"
            "Accept: text/event-stream\r\n\r\n".encode()
        )
        self.buf = b""
        while self._line().strip():  # the response head
            pass

    def _line(self) -> str:
        while b"\n" not in self.buf:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise EOFError("the event stream closed")
            self.buf += chunk
        line, self.buf = self.buf.split(b"\n", 1)
        return line.decode()

    def next(self) -> dict:
        while True:
            line = self._line()
            if line.startswith("data:"):
                return json.loads(line[5:].strip())


def fetch(addr: str, path: str, timeout: float) -> bytes:
    """GET `path` with HTTP/1.0 and return the body (standard library only)."""
    host, port = addr.rsplit(":", 1)
    with socket.create_connection((host, int(port)), timeout=timeout) as sock:
        sock.sendall(f"GET {path} HTTP/1.0\r\nHost: {addr}\r\n\r\n".encode())
        chunks = []
        while True:
            chunk = sock.recv(1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
        data = b"".join(chunks)
    head, _, body = data.partition(b"\r\n\r\n")
    if not head.startswith(b"HTTP/1.1 200") and not head.startswith(b"HTTP/1.0 200"):
        raise RuntimeError(f"GET {path}: {head.splitlines()[0].decode() if head else 'no answer'}")
    return body


def serving_address(proc: subprocess.Popen) -> str | None:
    """`host:port` from the line `recap serve` prints once it serves, read
    from its standard output; `None` if it stopped first."""
    for line in proc.stdout:
        if line.startswith("serving at http://"):
            return line.strip()[len("serving at http://"):].rstrip("/")
    return None


def copy_site(seeds: str, content: str, themes: str) -> str:
    tmp = tempfile.mkdtemp(prefix="recap-reload-")
    for src, name in ((seeds, "seeds"), (content, "content"), (themes, "themes")):
        shutil.copytree(src, os.path.join(tmp, name))
    for d, _, files in os.walk(tmp):
        for f in files:
            os.chmod(os.path.join(d, f), 0o644)
    return tmp


def edit(path: str, n: int) -> None:
    """Add a bullet under the first timeline entry (a real content change)."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    at = text.find("\n- ")
    bullet = f"\n- 基准测试的第 {n} 次修改"
    text = text + bullet + "\n" if at < 0 else text[:at] + bullet + text[at:]
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def memory_of(pid: int) -> str:
    """The server's resident memory now and at its peak (Linux only)."""
    try:
        with open(f"/proc/{pid}/status") as f:
            fields = dict(line.split(":", 1) for line in f if ":" in line)
    except OSError:
        return ""
    mib = lambda k: int(fields[k].split()[0]) / 1024  # noqa: E731
    return f"{mib('VmRSS'):.0f} MiB resident, peak {mib('VmHWM'):.0f} MiB"


def catalog_edit(site: str, addr: str, url: str, events: Events, generation: int,
                 timeout: float) -> int:
    """Edit the catalog; fetch `url` in a loop until the rebuild is done."""
    path = os.path.join(site, "content", "catalog.toml")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    at = text.find('description = "')
    if at < 0:
        raise RuntimeError("the catalog has no description to edit")
    at += len('description = "')
    with open(path, "w", encoding="utf-8") as f:
        f.write(text[:at] + "（基准测试改过）" + text[at:])
    t0 = time.perf_counter()
    done = threading.Event()
    waits = []

    def keep_asking():
        while not done.is_set():
            t = time.perf_counter()
            fetch(addr, url, timeout)
            waits.append((time.perf_counter() - t) * 1000)
            time.sleep(0.05)

    asker = threading.Thread(target=keep_asking)
    asker.start()
    while True:
        status = events.next()
        if status["generation"] > generation or not status["ok"]:
            break
    rebuilt = (time.perf_counter() - t0) * 1000
    done.set()
    asker.join()
    print(
        f"catalog edit: reload event after {rebuilt:.0f} ms; {len(waits)} requests meanwhile, "
        f"median {statistics.median(waits):.1f} ms, max {max(waits):.1f} ms"
    )
    return status["generation"]


def search_edit(site: str, addr: str, name: str, url: str, events: Events, generation: int,
                timeout: float) -> int:
    """Ask for the search index (seconds to make on a big site) and, while
    it is being made, edit a recap: how long the edited page takes then."""
    done = {}

    def ask_index():
        t = time.perf_counter()
        fetch(addr, "/search/search-index.js", timeout)
        done["index"] = (time.perf_counter() - t) * 1000

    asker = threading.Thread(target=ask_index)
    asker.start()
    time.sleep(1.0)
    t0 = time.perf_counter()
    edit(os.path.join(site, "seeds", name), 1000)
    while True:
        status = events.next()
        if status["generation"] > generation or not status["ok"]:
            break
    reload_ms = (time.perf_counter() - t0) * 1000
    page = fetch(addr, url, timeout)
    page_ms = (time.perf_counter() - t0) * 1000
    if "基准测试的第 1000 次修改".encode() not in page:
        raise RuntimeError(f"{url} does not show the edit")
    index_running = "index" not in done
    asker.join()
    print(
        f"edit during the search index: reload event after {reload_ms:.0f} ms, page after "
        f"{page_ms:.0f} ms (index {'still' if index_running else 'no longer'} being made then); "
        f"the index request took {done['index']:.0f} ms"
    )
    return status["generation"]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seeds", default=os.path.join(ROOT, "seeds"))
    ap.add_argument("--content", default=os.path.join(ROOT, "content"))
    ap.add_argument("--themes", default=os.path.join(ROOT, "themes"))
    ap.add_argument("--recap", default=os.path.join(ROOT, "target/release/recap"))
    ap.add_argument("--edits", type=int, default=10)
    ap.add_argument("--pause", type=float, default=0.5, help="seconds between edits")
    ap.add_argument("--timeout", type=float, default=600.0)
    ap.add_argument("--catalog-edit", action="store_true",
                    help="then edit the catalog and time requests made while it rebuilds")
    ap.add_argument("--search-edit", action="store_true",
                    help="then edit a recap while the search index is being made")
    ap.add_argument("-v", "--verbose", action="store_true", help="show each rebuild's stage times")
    args = ap.parse_args(argv)

    site = copy_site(args.seeds, args.content, args.themes)
    recaps = sorted(
        f for f in os.listdir(os.path.join(site, "seeds")) if f.endswith((".txt", ".md"))
    )
    log_path = os.path.join(site, "serve.log")
    log = open(log_path, "w")
    t_start = time.perf_counter()
    proc = subprocess.Popen(
        [args.recap] + (["-v"] if args.verbose else []) + ["serve", "--port", "0"],
        cwd=site,
        stdout=subprocess.PIPE,
        stderr=log,
        text=True,
    )
    latencies = []
    try:
        addr = serving_address(proc)
        if not addr:
            print("recap serve did not start; see " + log_path, file=sys.stderr)
            return 1
        print(f"{len(recaps)} recaps; first build and start: {time.perf_counter() - t_start:.2f} s")
        events = Events(addr, args.timeout)
        status = events.next()
        generation = status["generation"]
        if not status["ok"]:
            print("the first build failed; see " + log_path, file=sys.stderr)
            return 1

        t0 = time.perf_counter()
        urls = {
            s["source"]: s["url"]
            for s in json.loads(fetch(addr, "/data/site.json", args.timeout))["sessions"]
        }
        print(f"session URLs from /data/site.json in {time.perf_counter() - t0:.2f} s")
        pages = []
        for i in range(args.edits):
            name = recaps[(i * max(1, len(recaps) // args.edits)) % len(recaps)]
            t0 = time.perf_counter()
            edit(os.path.join(site, "seeds", name), i)
            while True:
                status = events.next()
                if not status["ok"]:
                    err = status["errors"][0] if status["errors"] else {}
                    print(f"the build failed: {err.get('file')}:{err.get('line')}: {err.get('message')}",
                          file=sys.stderr)
                    return 1
                if status["generation"] > generation:
                    break
            ms = (time.perf_counter() - t0) * 1000
            generation = status["generation"]
            marker = f"基准测试的第 {i} 次修改".encode()
            page = fetch(addr, urls[name], args.timeout)
            page_ms = (time.perf_counter() - t0) * 1000
            if marker not in page:
                print(f"{urls[name]} does not show edit {i}", file=sys.stderr)
                return 1
            latencies.append(ms)
            pages.append(page_ms)
            print(f"edit {i + 1:2}: {name}: reload event after {ms:7.1f} ms, page after {page_ms:7.1f} ms")
            time.sleep(args.pause)

        print(
            f"save → reload, {len(latencies)} edits: median {statistics.median(latencies):.1f} ms, "
            f"min {min(latencies):.1f} ms, max {max(latencies):.1f} ms"
        )
        print(
            f"save → updated page, {len(pages)} edits: median {statistics.median(pages):.1f} ms, "
            f"min {min(pages):.1f} ms, max {max(pages):.1f} ms"
        )
        if args.search_edit:
            generation = search_edit(site, addr, recaps[1], urls[recaps[1]], events, generation,
                                     args.timeout)
        if args.catalog_edit:
            generation = catalog_edit(site, addr, urls[recaps[0]], events, generation, args.timeout)
        memory = memory_of(proc.pid)
        if memory:
            print(f"server memory: {memory}")
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
    print("server log:")
    with open(log_path) as f:
        for line in f:
            stage = args.verbose and line.startswith("  ") and line.rstrip().endswith(" ms")
            if "rebuilt" in line or line.startswith("built") or stage:
                print("  " + line.rstrip())
    shutil.rmtree(site, ignore_errors=True)
    return 0 if len(latencies) == args.edits else 1


if __name__ == "__main__":
    sys.exit(main())
