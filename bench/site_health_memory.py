#!/usr/bin/env python3
"""Redis memory taken by site health (docs/operations.md, "What is kept per site").

Starts an empty redis-server of its own on a unix socket (no port, nothing shared), writes N
site entries in the service's own format (SiteRecord.encode: `1|http|status|cron|last_ran|
failures|streak|overdue_since|looked_at|level|backoff_until|url|error`, `SET … PX` per site and
`ZADD` into the blog_id index, as lua/site-health-save.lua does) through `redis-cli --pipe`, and
prints `used_memory` after minus before, per site, and `MEMORY USAGE` of one entry.

    python3 bench/site_health_memory.py            # 10,000 and 100,000 sites, both kinds
    python3 bench/site_health_memory.py 50000      # other sizes

Needs redis-server and redis-cli on the PATH.
"""

import os
import subprocess
import sys
import tempfile
import time

PREFIX = "all_sites_cron:"
TTL_MS = str(7 * 24 * 3600 * 1000)
NOW = int(time.time() * 1000)
# 35-character URLs, like https://network.example.org/site123 at 100,000 sites.
URL = "https://network.example.org/s{:06d}"
REASON = "Connection refused: network.example.org/10.0.0.1:443 !!"  # 55 characters


def entry(blog_id, failing):
    url = URL.format(blog_id)
    if failing:
        fields = ["1", "connect_error", "0", "", "0", "4", "4", "0", str(NOW), "2",
                  str(NOW + 120_000), url, REASON]
    else:
        fields = ["1", "ok", "200", "ran", str(NOW), "0", "0", "0", str(NOW), "0", "0", url, ""]
    return "|".join(fields)


def resp(*args):
    out = ["*%d\r\n" % len(args)]
    for arg in args:
        data = arg.encode()
        out.append("$%d\r\n" % len(data))
        out.append(data.decode() + "\r\n")
    return "".join(out)


def cli(sock, *args):
    return subprocess.run(["redis-cli", "-s", sock, *args], check=True, capture_output=True,
                          text=True).stdout


def used_memory(sock):
    for line in cli(sock, "INFO", "memory").splitlines():
        if line.startswith("used_memory:"):
            return int(line.split(":")[1])
    raise RuntimeError("no used_memory in INFO memory")


def measure(sock, sites, failing):
    cli(sock, "FLUSHALL")
    time.sleep(0.2)
    before = used_memory(sock)
    commands = []
    for blog_id in range(1, sites + 1):
        commands.append(resp("SET", PREFIX + "site:%d" % blog_id, entry(blog_id, failing), "PX",
                             TTL_MS))
        commands.append(resp("ZADD", PREFIX + "sites", str(blog_id), str(blog_id)))
    commands.append(resp("PEXPIRE", PREFIX + "sites", TTL_MS))
    subprocess.run(["redis-cli", "-s", sock, "--pipe"], input="".join(commands).encode(),
                   check=True, capture_output=True)
    after = used_memory(sock)
    one = int(cli(sock, "MEMORY", "USAGE", PREFIX + "site:1").strip())
    index = int(cli(sock, "MEMORY", "USAGE", PREFIX + "sites").strip())
    return after - before, one, index


def main():
    sizes = [int(a) for a in sys.argv[1:]] or [10_000, 100_000]
    with tempfile.TemporaryDirectory() as tmp:
        sock = os.path.join(tmp, "redis.sock")
        server = subprocess.Popen(["redis-server", "--port", "0", "--unixsocket", sock,
                                   "--save", "", "--appendonly", "no"],
                                  stdout=subprocess.DEVNULL)
        try:
            for _ in range(50):
                if os.path.exists(sock):
                    break
                time.sleep(0.1)
            print(cli(sock, "INFO", "server").splitlines()[1])
            print("| sites | kind | used_memory | per site | one entry | index |")
            print("|---|---|---|---|---|---|")
            for sites in sizes:
                for failing in (False, True):
                    total, one, index = measure(sock, sites, failing)
                    print("| {:,} | {} | {:.1f} MiB | {} B | {} B | {:.1f} MiB |".format(
                        sites, "failing, backed off" if failing else "ok (ran)",
                        total / 1048576, total // sites, one, index / 1048576))
        finally:
            server.terminate()
            server.wait(10)


if __name__ == "__main__":
    main()
