#!/usr/bin/env python3
"""Cron-check benchmark: cron-check.mode off / verify / due on a WordPress-shaped database.

  bench/cron_check.py          (after ./mvnw package -DskipTests; MariaDB on 127.0.0.1:3306 as root)

10,000 blogs (CRON_BLOGS), each with its own options table holding a `cron` option (three events
due in 2100, as a real site has), 5% of them (every CRON_DUE_EVERY-th) with one more event that
is due. The stand-in (bench/standin/CronStandIn.java) answers wp-cron.php after the latency and
then "runs" the blog's due events (rewrites its cron option without them) after CRON_WORK_MS.
Per mode and latency (0 and 50 ms): run time, requests sent, database queries of the service's
user (MariaDB USER_STATISTICS, switched on for the run and back after), peak RSS. Only 127.0.0.1.
"""

import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402  (its helpers: spawn, stop, free_port, wait_http, to_yaml)

ROOT = Path(__file__).resolve().parent.parent
BLOGS = int(os.environ.get("CRON_BLOGS", "10000"))
DUE_EVERY = int(os.environ.get("CRON_DUE_EVERY", "20"))
WORK_MS = int(os.environ.get("CRON_WORK_MS", "20"))
REPEAT = int(os.environ.get("CRON_REPEAT", "2"))
LATENCIES = [int(x) for x in os.environ.get("CRON_LATENCIES", "0 50").split()]
MODES = os.environ.get("CRON_MODES", "off verify due").split()
POLL = os.environ.get("CRON_POLL_INTERVAL", "250ms")
DB = os.environ.get("CRON_DB", "asc_bench_cron")
USER = "asc_bench_cron"
SCHEMA = (ROOT / "src/test/resources/wordpress-schema.sql").read_text()


def s(text):
    return f's:{len(text.encode())}:"{text}";'


def event(ts, hook):
    return (f"i:{ts};a:1:{{{s(hook)}a:1:{{{s('40cd750bba9870f18aada2478b24840a')}"
            f"a:2:{{{s('schedule')}b:0;{s('args')}a:0:{{}}}}}}}}")


FUTURE = [(4102444800, "wp_version_check"), (4102448400, "wp_scheduled_delete"),
          (4102452000, "delete_expired_transients")]
NOT_DUE = "a:4:{" + "".join(event(t, h) for t, h in FUTURE) + s("version") + "i:2;}"
DUE = ("a:5:{" + event(1000000000, "publish_future_post")
       + "".join(event(t, h) for t, h in FUTURE) + s("version") + "i:2;}")


def mysql(sql, database=None):
    args = ["mysql", "-h127.0.0.1", "-uroot", "-N", "-B"] + ([database] if database else [])
    return subprocess.run(args, input=sql, capture_output=True, text=True, check=True).stdout


def options_table(blog):
    return "wp_options" if blog == 1 else f"wp_{blog}_options"


def due_blogs():
    return [b for b in range(1, BLOGS + 1) if b % DUE_EVERY == 0]


def prepare():
    """The database, built once (10,000 CREATE TABLE take a while) and reused while it fits."""
    have = mysql(f"SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '{DB}'")
    if int(have.strip() or 0) == BLOGS + 1:
        bench.log(f"database {DB} kept ({BLOGS} options tables)")
        return
    start = time.monotonic()
    create = SCHEMA.split(";")
    blogs_ddl = next(c for c in create if "wp_blogs" in c and "CREATE" in c)
    options_ddl = next(c for c in create if "CREATE TABLE wp_options" in c)
    sql = [f"DROP DATABASE IF EXISTS `{DB}`;", f"CREATE DATABASE `{DB}` CHARACTER SET utf8mb4;",
           f"USE `{DB}`;", blogs_ddl + ";",
           f"INSERT INTO wp_blogs (blog_id, site_id, domain, path, public) SELECT seq, 1,"
           f" 'standin', CONCAT('/s', seq, '/'), 1 FROM seq_1_to_{BLOGS};"]
    for blog in range(1, BLOGS + 1):
        table = options_table(blog)
        sql.append(options_ddl.replace("CREATE TABLE wp_options", f"CREATE TABLE `{table}`") + ";")
        sql.append(f"INSERT INTO `{table}` (option_name, option_value, autoload) VALUES"
                   f" ('cron', '{NOT_DUE}', 'yes');")
    mysql("\n".join(sql))
    bench.log(f"database {DB}: {BLOGS} blogs with options tables in {time.monotonic() - start:.0f} s")


def arm(port):
    """Every blog at its not-due cron, the due ones with one due event; URLs on the stand-in."""
    sql = [f"UPDATE wp_blogs SET domain = '127.0.0.1:{port}';"]
    for blog in due_blogs():
        sql.append(f"UPDATE `{options_table(blog)}` SET option_value = '{DUE}'"
                   " WHERE option_name = 'cron';")
    mysql("\n".join(sql), DB)


def user_statistics():
    out = mysql("SELECT SELECT_COMMANDS, UPDATE_COMMANDS, OTHER_COMMANDS FROM"
                f" information_schema.USER_STATISTICS WHERE USER = '{USER}'")
    return sum(int(x) for x in out.split()) if out.strip() else 0


def get(url, timeout=900):
    with urllib.request.urlopen(url, timeout=timeout) as answer:
        return answer.status, answer.read().decode()


def main():
    jar = ROOT / "target/quarkus-app/quarkus-run.jar"
    if not jar.exists():
        sys.exit("build first: ./mvnw -B -o -q package -DskipTests")
    prepare()
    mysql(f"CREATE USER IF NOT EXISTS '{USER}'@'localhost';"
          f" CREATE USER IF NOT EXISTS '{USER}'@'127.0.0.1';"
          f" GRANT SELECT ON `{DB}`.* TO '{USER}'@'localhost';"
          f" GRANT SELECT ON `{DB}`.* TO '{USER}'@'127.0.0.1';")
    userstat = mysql("SELECT @@GLOBAL.userstat").strip()
    mysql("SET GLOBAL userstat = 1")
    port = bench.free_port()
    standin = bench.spawn(["java", "-XX:+UseSerialGC", "-cp", bench.LIBS,
                           str(ROOT / "bench/standin/CronStandIn.java"), str(port), DB,
                           str(WORK_MS), NOT_DUE], os.path.join(bench.OUT, "cron-standin.log"))
    bench.wait_http(f"http://127.0.0.1:{port}/__stats", 60, standin)
    results = []
    try:
        for mode in MODES:
            results += measure(mode, port)
    finally:
        bench.stop(standin)
        mysql(f"SET GLOBAL userstat = {1 if userstat in ('1', 'ON') else 0}")
    with open(os.path.join(bench.OUT, "cron-check.json"), "w") as f:
        json.dump(results, f, indent=1)
    print(f"\n{BLOGS} blogs, {len(due_blogs())} due ({100 / DUE_EVERY:.0f}%), stand-in work"
          f" {WORK_MS} ms after the answer, poll-interval {POLL}, concurrency 50, batch-size 50\n")
    print("| mode | latency | run (median s) | requested | cron ran / not_due / still_due |"
          " DB queries per run | peak RSS MiB |")
    print("|---|---|---|---|---|---|---|")
    for r in results:
        print(f"| {r['mode']} | {r['latency_ms']} ms | {r['run_s']:.2f} | {r['requested']} |"
              f" {r['cron']} | {r['queries']} | {r['rss_peak_mb']:.0f} |")


def measure(mode, port):
    bench.log(f"== mode {mode}")
    settings = {"rate-limit-seconds": 0, "number-of-sites": BLOGS, "concurrency": 50,
                "request-timeout": "5s", "use-redis-queue": "false",
                "sites": {"source": "wordpress-db", "wordpress-db": {"scheme": "http"}},
                "cron-check": {"mode": mode, "poll-interval": POLL}}
    db = {"datasource": {"username": USER, "password": "",
                         "reactive": {"url": f"mysql://127.0.0.1:3306/{DB}"}}}
    service = bench.Service(f"cron-{mode}", settings, quarkus=db)
    out = []
    try:
        for ms in LATENCIES:
            get(f"http://127.0.0.1:{port}/__latency/{ms}")
            arm(port)
            service.run()  # warm-up
            samples = []
            for _ in range(REPEAT):
                arm(port)
                get(f"http://127.0.0.1:{port}/__reset")
                mysql("FLUSH USER_STATISTICS")
                wall, answer = service.run()
                queries = user_statistics()
                stats = dict(re.findall(r"(\w+)=(\d+)", get(f"http://127.0.0.1:{port}/__stats")[1]))
                cron = answer.get("cron") or {}
                samples.append({"wall_s": wall, "requested": answer.get("requested"),
                                "standin_requests": int(stats["requests"]), "queries": queries,
                                "cron": f"{cron.get('ran', '-')} / {cron.get('not_due', '-')} /"
                                        f" {cron.get('still_due', '-')}",
                                "duration_ms": answer["duration_ms"]})
                bench.log(f"   {ms} ms: {samples[-1]}")
            samples.sort(key=lambda x: x["wall_s"])
            mid = samples[len(samples) // 2]
            out.append({"mode": mode, "latency_ms": ms, "run_s": mid["duration_ms"] / 1000,
                        "requested": mid["standin_requests"], "cron": mid["cron"],
                        "queries": mid["queries"], "samples": samples})
        rss = service.memory()["rss_peak_mb"]
        for r in out:
            r["rss_peak_mb"] = rss
    finally:
        service.close()
    return out


if __name__ == "__main__":
    main()
