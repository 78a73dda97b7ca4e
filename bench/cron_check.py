#!/usr/bin/env python3
"""Cron-check benchmark: cron-check.mode off / verify / due on a WordPress-shaped database.

  python3 bench/cron_check.py  (after ./mvnw package -DskipTests; MariaDB on 127.0.0.1:3306 as root)

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
# 0: the server's table caches as they are; N: table_open_cache and table_definition_cache set to N
# for the measurement (so that 10,000 options tables stay open between runs), restored after.
TABLE_CACHE = int(os.environ.get("CRON_TABLE_CACHE", "0"))
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


BUILD = "3"  # the database's layout version: a kept database of another version is rebuilt


def marker():
    return f"blogs={BLOGS} build={BUILD} not_due={len(NOT_DUE)}"


def prepare():
    """The database, kept across runs: rebuilt only when its marker row (written last, so a build
    cut short is rebuilt) does not match CRON_BLOGS and this layout. The build is one SQL script
    fed to one `mysql` client: wp_blogs from MariaDB's sequence engine, `wp_options` from the
    schema and every other `CREATE TABLE wp_<id>_options LIKE wp_options`, then every table's
    `cron` row in one transaction (one commit instead of 10,000), binary log off for the session.
    No server-wide setting is changed."""
    try:
        have = mysql("SELECT info FROM asc_bench_meta", DB).strip()
    except subprocess.CalledProcessError:
        have = ""
    if have == marker():
        bench.log(f"database {DB} kept ({have})")
        return
    start = time.monotonic()
    create = SCHEMA.split(";")
    blogs_ddl = next(c for c in create if "wp_blogs" in c and "CREATE" in c)
    options_ddl = next(c for c in create if "CREATE TABLE wp_options" in c)
    sql = ["SET SESSION sql_log_bin = 0;", f"DROP DATABASE IF EXISTS `{DB}`;",
           f"CREATE DATABASE `{DB}` CHARACTER SET utf8mb4;", f"USE `{DB}`;", blogs_ddl + ";",
           f"INSERT INTO wp_blogs (blog_id, site_id, domain, path, public) SELECT seq, 1,"
           f" 'standin', CONCAT('/s', seq, '/'), 1 FROM seq_1_to_{BLOGS};",
           options_ddl + ";"]
    sql += [f"CREATE TABLE `{options_table(b)}` LIKE wp_options;" for b in range(2, BLOGS + 1)]
    sql.append("START TRANSACTION;")
    sql += [f"INSERT INTO `{options_table(b)}` (option_name, option_value, autoload) VALUES"
            f" ('cron', '{NOT_DUE}', 'yes');" for b in range(1, BLOGS + 1)]
    sql += ["COMMIT;", "CREATE TABLE asc_bench_meta (info varchar(200) NOT NULL);",
            f"INSERT INTO asc_bench_meta VALUES ('{marker()}');"]
    script = os.path.join(bench.OUT, "cron-db.sql")
    with open(script, "w") as f:
        f.write("\n".join(sql) + "\n")
    with open(script) as f:
        subprocess.run(["mysql", "-h127.0.0.1", "-uroot"], stdin=f, check=True)
    bench.log(f"database {DB}: {BLOGS} blogs with options tables built in"
              f" {time.monotonic() - start:.0f} s (one script, {script})")


def arm(port):
    """The due blogs with one due event again (the stand-in took it away); URLs on the stand-in.
    One transaction."""
    sql = ["START TRANSACTION;", f"UPDATE wp_blogs SET domain = '127.0.0.1:{port}';"]
    for blog in due_blogs():
        sql.append(f"UPDATE `{options_table(blog)}` SET option_value = '{DUE}'"
                   " WHERE option_name = 'cron';")
    sql.append("COMMIT;")
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
    caches = mysql("SELECT @@GLOBAL.table_open_cache, @@GLOBAL.table_definition_cache").split()
    if TABLE_CACHE:
        mysql(f"SET GLOBAL table_open_cache = {TABLE_CACHE};"
              f" SET GLOBAL table_definition_cache = {TABLE_CACHE}")
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
        if TABLE_CACHE:
            mysql(f"SET GLOBAL table_open_cache = {caches[0]};"
                  f" SET GLOBAL table_definition_cache = {caches[1]}")
    with open(os.path.join(bench.OUT, "cron-check.json"), "w") as f:
        json.dump(results, f, indent=1)
    cache = (f"table caches set to {TABLE_CACHE}" if TABLE_CACHE else
             f"table_open_cache {caches[0]}, table_definition_cache {caches[1]} (as found)")
    print(f"\n{BLOGS} blogs, {len(due_blogs())} due ({100 / DUE_EVERY:.0f}%), stand-in work"
          f" {WORK_MS} ms after the answer, poll-interval {POLL}, concurrency 50, per-host 50"
          f" (one host), batch-size 50, {REPEAT} runs per cell after a warm-up; MariaDB {cache};"
          f" {os.cpu_count()} cores\n")
    print("| mode | latency | run s, median (min–max) | requested | cron ran / not_due / still_due |"
          " DB statements per run | peak RSS MiB | load avg (1 min) during |")
    print("|---|---|---|---|---|---|---|---|")
    for r in results:
        runs = sorted(x["duration_ms"] / 1000 for x in r["samples"])
        loads = sorted(x["load"] for x in r["samples"])
        print(f"| {r['mode']} | {r['latency_ms']} ms | {r['run_s']:.2f} ({runs[0]:.2f}–{runs[-1]:.2f})"
              f" | {r['requested']} | {r['cron']} | {r['queries']} | {r['rss_peak_mb']:.0f} |"
              f" {loads[0]:.1f}–{loads[-1]:.1f} |")


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
            time.sleep(max(1.0, 3 * WORK_MS / 1000))
            samples = []
            for _ in range(REPEAT):
                arm(port)
                get(f"http://127.0.0.1:{port}/__reset")
                mysql("FLUSH USER_STATISTICS")
                wall, answer = service.run()
                queries = user_statistics()
                time.sleep(max(1.0, 3 * WORK_MS / 1000))  # the stand-in's last cron writes land
                stats = dict(re.findall(r"(\w+)=(\d+)", get(f"http://127.0.0.1:{port}/__stats")[1]))
                cron = answer.get("cron") or {}
                samples.append({"wall_s": wall, "requested": answer.get("requested"),
                                "standin_requests": int(stats["requests"]), "queries": queries,
                                "cron": f"{cron.get('ran', '-')} / {cron.get('not_due', '-')} /"
                                        f" {cron.get('still_due', '-')}",
                                "duration_ms": answer["duration_ms"],
                                "load": os.getloadavg()[0]})
                bench.log(f"   {ms} ms: {samples[-1]}")
            samples.sort(key=lambda x: x["duration_ms"])
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
