#!/usr/bin/env python3
"""all-sites-cron benchmark: the service against wrk and xargs+curl on one stand-in network.

Started by bench/run.sh (which builds the runner and checks the tools); every option is an
environment variable, listed in OPTIONS below and in docs/benchmarks.md. Prints the figures as
Markdown tables and writes every raw sample to bench/.out/<stamp>/results.json.

Only 127.0.0.1 is contacted. Every load loop is bounded in count (sites, repeats) and time (wrk
durations, per-request timeouts, an overall deadline per service call).
"""

import json
import os
import re
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RUNNER = os.path.abspath(os.environ.get("BENCH_RUNNER") or "") if os.environ.get("BENCH_RUNNER") else os.path.join(ROOT, "target", "quarkus-app",
                                                         "quarkus-run.jar")
LIBS = os.path.join(ROOT, "target", "quarkus-app", "lib", "main", "*")
STANDIN = os.path.join(ROOT, "bench", "standin", "StandIn.java")


def env_list(name, default):
    return os.environ.get(name, default).split()


def env_int(name, default):
    return int(os.environ.get(name, default))


OPTIONS = {
    "BENCH_SIZES": "1000 10000 100000",
    "BENCH_REPEAT": "3",
    "BENCH_CONCURRENCY": "50 256",
    "BENCH_LATENCIES": "0 50",
    "BENCH_SLOW_CONCURRENCY": "256",
    "BENCH_SOURCES": "static wordpress-db",
    "BENCH_WARMUP_SITES": "200000",
    "BENCH_WRK_SECONDS": "5",
    "BENCH_WRK_THREADS": "2",
    "BENCH_CURL_MAX": "1000",
    "BENCH_DEFER_CLIENTS": "200",
    "BENCH_DEFER_SECONDS": "10",
    "BENCH_DEFER_PACE_MS": "100",
    "BENCH_DEFER_WORKER": "off on",
    "BENCH_STARTS": "5",
    "BENCH_STANDIN_LOOPS": "1",
    "BENCH_REDIS": "redis://127.0.0.1:6379/14",
    "BENCH_REDIS_PREFIX": "asc_bench:",
    "BENCH_DB": "asc_bench",
    "BENCH_JAVA_OPTS": "-XX:+UseSerialGC -Xmx256m -XX:+ExitOnOutOfMemoryError",
    "BENCH_PARTS": "sync defer ready",
    "BENCH_APPCDS": "0",
}
CFG = {key: os.environ.get(key, default) for key, default in OPTIONS.items()}
SIZES = [int(n) for n in CFG["BENCH_SIZES"].split()]
REPEAT = int(CFG["BENCH_REPEAT"])
CONCURRENCIES = [int(c) for c in CFG["BENCH_CONCURRENCY"].split()]
LATENCIES = [int(ms) for ms in CFG["BENCH_LATENCIES"].split()]
SLOW_CONCURRENCY = [int(c) for c in CFG["BENCH_SLOW_CONCURRENCY"].split()]
SOURCES = CFG["BENCH_SOURCES"].split()
PARTS = CFG["BENCH_PARTS"].split()
RUN_DEADLINE_S = 900  # one sync run, whatever N: a hung run fails the bench, it does not hang it

OUT = os.path.join(ROOT, "bench", ".out", time.strftime("%Y%m%d-%H%M%S"))
os.makedirs(OUT, exist_ok=True)
CHILDREN = []


def log(*args):
    print(*args, file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_get(url, timeout=5.0):
    """(status, body) of a GET; HTTP errors are answers too."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def wait_http(url, seconds, proc=None):
    """Polls url every 5 ms until it answers 200; returns the time it took (s)."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"process exited with {proc.returncode} before {url} was ready")
        try:
            if http_get(url, timeout=1.0)[0] == 200:
                return time.monotonic() - start
        except (urllib.error.URLError, ConnectionError, socket.timeout):
            pass
        time.sleep(0.005)
    raise RuntimeError(f"{url} not ready within {seconds}s")


def spawn(args, logfile, cwd=None):
    handle = open(logfile, "w")
    proc = subprocess.Popen(args, stdout=handle, stderr=subprocess.STDOUT, cwd=cwd,
                            start_new_session=True)
    CHILDREN.append(proc)
    return proc


def stop(proc, grace=20):
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(grace)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    if proc in CHILDREN:
        CHILDREN.remove(proc)


def cpu_seconds(pid):
    """utime + stime of a process so far, in seconds."""
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def summary(values, digits=0):
    """'median (min–max)' of the samples."""
    if not values:
        return "–"
    fmt = "{:,.%df}" % digits
    med = statistics.median(values)
    if len(values) == 1:
        return fmt.format(med)
    return f"{fmt.format(med)} ({fmt.format(min(values))}–{fmt.format(max(values))})"


def med(values):
    return statistics.median(values) if values else None


# ---------------------------------------------------------------- stand-in network


class StandIn:
    def __init__(self):
        self.port = free_port()
        self.proc = spawn(["java", "-XX:+UseSerialGC", "-cp", LIBS, STANDIN, str(self.port), "0",
                           CFG["BENCH_STANDIN_LOOPS"]], os.path.join(OUT, "standin.log"))
        wait_http(self.url("/__stats"), 60, self.proc)

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def site(self, i):
        return f"http://127.0.0.1:{self.port}/s{i}"

    def latency(self, ms):
        http_get(self.url(f"/__latency/{ms}"))

    def reset(self):
        http_get(self.url("/__reset"))

    def stats(self):
        body = http_get(self.url("/__stats"))[1]
        return {k: int(v) for k, v in re.findall(r"(\w+)=(\d+)", body)}


# ---------------------------------------------------------------- WordPress database


def mysql(sql):
    subprocess.run(["mysql", "-h127.0.0.1", "-uroot", "-e", sql], check=True)


SCHEMA = (Path(__file__).resolve().parent.parent / "src/test/resources/wordpress-schema.sql").read_text()


def prepare_database(standin, size):
    """wp_blogs with `size` public blogs on the stand-in; only blog 1 has an options table, the
    others fall back to http://<domain><path> (100k option tables would be a test of MariaDB)."""
    db = CFG["BENCH_DB"]
    domain = f"127.0.0.1:{standin.port}"
    mysql(f"""
DROP DATABASE IF EXISTS `{db}`;
CREATE DATABASE `{db}` CHARACTER SET utf8mb4;
USE `{db}`;
{SCHEMA}
INSERT INTO wp_blogs (blog_id, site_id, domain, path, public)
  SELECT seq, 1, '{domain}', CONCAT('/s', seq, '/'), 1 FROM seq_1_to_{size};
INSERT INTO wp_options (option_name, option_value) VALUES ('siteurl', 'http://{domain}/s1');
""")


# ---------------------------------------------------------------- the service


def to_yaml(value, indent=0):
    """A small YAML writer for the generated config: nested dicts, lists, scalars."""
    pad = "  " * indent
    out = []
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, (dict, list)):
                out.append(f"{pad}{key}:\n{to_yaml(item, indent + 1)}")
            else:
                out.append(f"{pad}{key}: {json.dumps(item)}\n")
    else:
        out.extend(f"{pad}- {json.dumps(item)}\n" for item in value)
    return "".join(out)


class Service:
    """The built runner with a generated config (quarkus.config.locations), in its own temp dir."""

    def __init__(self, name, settings, quarkus=None, static=None):
        # The embedded mode still needs quarkus.redis.hosts at this commit (the Redis client is
        # injected eagerly, see docs/benchmarks.md); with use-redis-queue=false it is never used.
        quarkus = {"redis": {"hosts": CFG["BENCH_REDIS"]}, **(quarkus or {})}
        self.dir = tempfile.mkdtemp(prefix=f"asc-{name}-", dir=OUT)
        self.port = free_port()
        config = os.path.join(self.dir, "application.yaml")
        with open(config, "w") as f:
            f.write(to_yaml({"quarkus": {"http": {"port": self.port}, **quarkus},
                             "all-sites-cron": settings}))
        locations = [config]
        if static is not None:
            # SnakeYAML refuses documents over 3 Mi code points (about 90k site URLs), so the
            # static list goes in a properties file next to it, as one comma-separated value.
            sites = os.path.join(self.dir, "static-sites.properties")
            with open(sites, "w") as f:
                f.write("all-sites-cron.sites.static=" + ",".join(static) + "\n")
            locations.append(sites)
        self.gc_log = os.path.join(self.dir, "gc.log")
        self.log_file = os.path.join(self.dir, "service.log")
        args = ["java", *CFG["BENCH_JAVA_OPTS"].split(), f"-Xlog:gc:file={self.gc_log}",
                f"-Dquarkus.config.locations={','.join(locations)}"]
        cwd = self.dir
        if CFG["BENCH_APPCDS"] == "1":
            # The archive (quarkus.package.jar.appcds.enabled) records relative class paths.
            cwd = os.path.dirname(RUNNER)
            args.append("-XX:SharedArchiveFile=app-cds.jsa")
        self.proc = spawn(args + ["-jar", RUNNER if cwd == self.dir else "quarkus-run.jar"],
                          self.log_file, cwd=cwd)
        self.ready_s = wait_http(self.url("/q/health/ready"), 120, self.proc)
        self.ready_cpu_s = cpu_seconds(self.proc.pid)

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def started_in(self):
        """The 'started in X.XXXs' Quarkus logs, in seconds."""
        with open(self.log_file) as f:
            found = re.search(r"started in ([0-9.]+)s", f.read())
        return float(found.group(1)) if found else None

    def run(self):
        """One synchronous run: (wall seconds, JSON answer)."""
        start = time.monotonic()
        status, body = http_get(self.url("/all-sites-cron/v1/run"), timeout=RUN_DEADLINE_S)
        wall = time.monotonic() - start
        if status != 200:
            raise RuntimeError(f"run answered {status}: {body[:300]}")
        return wall, json.loads(body)

    def memory(self):
        """Peak and current RSS (MiB), heap used now and after a full GC, and the most heap that
        any GC of this process left behind (from -Xlog:gc), all in MiB."""
        status = open(f"/proc/{self.proc.pid}/status").read()
        kib = lambda key: int(re.search(rf"{key}:\s+(\d+) kB", status).group(1))
        heap_now = heap_used(self.proc.pid)
        subprocess.run(["jcmd", str(self.proc.pid), "GC.run"], capture_output=True, check=True)
        heap_live = heap_used(self.proc.pid)
        after = [int(m) for m in re.findall(r"->(\d+)M\(", open(self.gc_log).read())]
        return {"rss_peak_mb": kib("VmHWM") / 1024, "rss_mb": kib("VmRSS") / 1024,
                "heap_used_mb": heap_now, "heap_live_mb": heap_live,
                "heap_after_gc_max_mb": max(after) if after else None, "gcs": len(after)}

    def close(self):
        stop(self.proc)


def heap_used(pid):
    out = subprocess.run(["jcmd", str(pid), "GC.heap_info"], capture_output=True, text=True,
                         check=True).stdout
    used = 0
    for line in out.splitlines():
        if "Metaspace" in line or "class space" in line:
            continue
        m = re.search(r"total \d+K, used (\d+)K", line)
        if m and not line.startswith("  "):
            used += int(m.group(1))
        elif m and "generation" in line:
            used += int(m.group(1))
    return used / 1024


# ---------------------------------------------------------------- the baselines


def wrk_script(size):
    path = os.path.join(OUT, f"paths-{size}.lua")
    if not os.path.exists(path):
        with open(path, "w") as f:
            f.write(f"""-- cycles through /s1 .. /s{size}; each wrk thread keeps its own counter
local n, i = {size}, 0
init = function(args) i = tonumber(offset or 0) end
setup = function(thread) thread:set("offset", tostring(_G.offset_next or 0));
  _G.offset_next = (_G.offset_next or 0) + math.floor(n / {CFG["BENCH_WRK_THREADS"]}) end
request = function()
  i = i + 1
  if i > n then i = 1 end
  return wrk.format("GET", "/s" .. i .. "/wp-cron.php")
end
""")
    return path


def parse_wrk(out):
    rps = float(re.search(r"Requests/sec:\s+([0-9.]+)", out).group(1))
    lat = {}
    for pct, value, unit in re.findall(r"^\s+(50|75|90|99)%\s+([0-9.]+)(us|ms|s)\s*$", out, re.M):
        lat[pct] = float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    total = re.search(r"(\d+) requests in", out)
    errors = re.search(r"Socket errors: (.*)", out)
    return {"rps": rps, "latency_ms": lat, "non_2xx": int(non2xx.group(1)) if non2xx else 0,
            "requests": int(total.group(1)), "socket_errors": errors.group(1) if errors else None}


def paced_script(pace_ms):
    """Each connection waits pace_ms between its requests: an offered load below capacity, so
    the latency is the admission's own and not the queue of a saturated server."""
    path = os.path.join(OUT, f"paced-{pace_ms}.lua")
    with open(path, "w") as f:
        f.write(f"delay = function() return {pace_ms} end\n")
    return path


def wrk(url, connections, seconds, script=None, latency=False):
    threads = min(int(CFG["BENCH_WRK_THREADS"]), connections)
    args = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s"]
    if script:
        args += ["-s", script]
    if latency:
        args.append("--latency")
    out = subprocess.run(args + [url], capture_output=True, text=True, check=True,
                         timeout=seconds + 60).stdout
    return parse_wrk(out)


def curl_xargs(standin, size, concurrency):
    """One curl process per URL, `xargs -P concurrency`, over at most BENCH_CURL_MAX sites."""
    count = min(size, int(CFG["BENCH_CURL_MAX"]))
    urls = "".join(f"{standin.site(i)}/wp-cron.php\n" for i in range(1, count + 1))
    start = time.monotonic()
    done = subprocess.run(
        ["xargs", "-P", str(concurrency), "-n", "1", "curl", "-s", "-o", "/dev/null",
         "--max-time", "5", "-w", "%{http_code}\n"],
        input=urls, capture_output=True, text=True, timeout=600)
    wall = time.monotonic() - start
    ok = done.stdout.split().count("200")
    return {"sites": count, "ok": ok, "wall_s": wall, "rps": count / wall}


# ---------------------------------------------------------------- parts


def sync_part(standin, results):
    for source in SOURCES:
        if source == "wordpress-db":
            prepare_database(standin, max(SIZES))
        try:
            for concurrency in CONCURRENCIES:
                for size in SIZES:
                    sync_case(standin, source, concurrency, size, results)
        finally:
            if source == "wordpress-db":
                mysql(f"DROP DATABASE IF EXISTS `{CFG['BENCH_DB']}`")


def static_sites(standin, size):
    return [standin.site(i) for i in range(1, size + 1)]


def service_for(standin, source, concurrency, size):
    settings = {"rate-limit-seconds": 0, "number-of-sites": size, "concurrency": concurrency,
                "request-timeout": "5s", "use-redis-queue": "false"}
    name = f"{source}-{concurrency}-{size}"
    if source == "static":
        return Service(name, {**settings, "sites": {"source": "static"}},
                       static=static_sites(standin, size))
    sites = {"source": "wordpress-db", "wordpress-db": {"scheme": "http"}}
    db = {"datasource": {"username": "root",
                         "reactive": {"url": f"mysql://127.0.0.1:3306/{CFG['BENCH_DB']}"}}}
    return Service(name, {**settings, "sites": sites}, quarkus=db)


def warmup_runs(size):
    """Runs before measuring: about BENCH_WARMUP_SITES sites in all, 1 to 100 runs."""
    return max(1, min(100, -(-int(CFG["BENCH_WARMUP_SITES"]) // size)))


def sync_case(standin, source, concurrency, size, results):
    latencies = [ms for ms in LATENCIES if ms == 0 or concurrency in SLOW_CONCURRENCY]
    log(f"== sync {source} concurrency={concurrency} N={size} latencies={latencies}")
    service = service_for(standin, source, concurrency, size)
    try:
        for ms in latencies:
            standin.latency(ms)
            case = {"part": "sync", "source": source, "concurrency": concurrency, "size": size,
                    "latency_ms": ms, "service": [], "wrk": [], "curl": []}
            if ms == latencies[0]:
                # JIT warm-up: a cron service runs every minute, steady state is what counts;
                # the first (cold) run after start is kept apart.
                case["cold"] = service.run()[1]
                for _ in range(warmup_runs(size) - 1):
                    service.run()
            for rep in range(REPEAT):
                standin.reset()
                cpu = (cpu_seconds(service.proc.pid), cpu_seconds(standin.proc.pid))
                wall, answer = service.run()
                cpu = (cpu_seconds(service.proc.pid) - cpu[0],
                       cpu_seconds(standin.proc.pid) - cpu[1])
                hits = standin.stats()
                sample = {"wall_s": wall, "count": answer["count"], "ok": answer["ok"],
                          "errors": answer["errors"], "timeouts": answer["timeouts"],
                          "duration_ms": answer["duration_ms"],
                          "sites_per_s": answer["count"] / max(answer["duration_ms"], 1) * 1000,
                          "standin": hits, "cpu_s": cpu[0], "standin_cpu_s": cpu[1],
                          "load1": float(loadavg()[0])}
                if answer["ok"] != size or hits["distinct"] != size or hits["max_hits"] != 1:
                    log(f"   !! not every site exactly once: {sample}")
                case["service"].append(sample)
                # The baselines right after, on the same stand-in, same connections.
                if source == "static":
                    before = (children_cpu(), cpu_seconds(standin.proc.pid))
                    base = wrk(standin.url("/"), concurrency, int(CFG["BENCH_WRK_SECONDS"]),
                               wrk_script(size))
                    base["cpu_s"] = children_cpu() - before[0]
                    base["standin_cpu_s"] = cpu_seconds(standin.proc.pid) - before[1]
                    case["wrk"].append(base)
                    if int(CFG["BENCH_CURL_MAX"]) > 0:
                        case["curl"].append(curl_xargs(standin, size, concurrency))
                log(f"   {ms} ms rep {rep + 1}: service {sample['sites_per_s']:.0f}/s "
                    f"({sample['duration_ms']} ms, {sample['cpu_s'] / size * 1e6:.0f} µs CPU/site, {hits['connections']} new / {hits['open']} open connections, "
                    f"{hits['max_in_flight']} max in flight)"
                    + (f", wrk {case['wrk'][-1]['rps']:.0f}/s" if case["wrk"] else "")
                    + (f", curl {case['curl'][-1]['rps']:.0f}/s" if case["curl"] else ""))
            results.append(case)
        mem = service.memory()
        mem.update({"part": "memory", "source": source, "concurrency": concurrency, "size": size,
                    "runs": warmup_runs(size) + REPEAT * len(latencies)})
        log(f"   memory {mem}")
        results.append(mem)
    finally:
        service.close()


def defer_part(standin, results):
    prefix = CFG["BENCH_REDIS_PREFIX"]
    for worker in CFG["BENCH_DEFER_WORKER"].split():
        standin.latency(0)
        settings = {"rate-limit-seconds": 0, "number-of-sites": 1000, "use-redis-queue": "true",
                    "redis": {"key-prefix": prefix}, "worker": {"enabled": worker == "on"},
                    "sites": {"source": "static"}}
        log(f"== defer=1 under {CFG['BENCH_DEFER_CLIENTS']} clients, worker {worker}")
        service = Service(f"defer-{worker}", settings, static=static_sites(standin, 1000))
        try:
            # Warm the admission path up (JIT, Redis connections) before measuring.
            wrk(service.url("/all-sites-cron/v1/run?defer=1"), 50, 3)
            pace = int(CFG["BENCH_DEFER_PACE_MS"])
            for mode, script in (("saturated", None), (f"paced {pace} ms", paced_script(pace))):
                case = {"part": "defer", "worker": worker, "mode": mode, "samples": []}
                for rep in range(REPEAT):
                    sample = wrk(service.url("/all-sites-cron/v1/run?defer=1"),
                                 int(CFG["BENCH_DEFER_CLIENTS"]), int(CFG["BENCH_DEFER_SECONDS"]),
                                 script=script, latency=True)
                    status = json.loads(http_get(service.url("/all-sites-cron/v1/status"))[1])
                    sample["runs_seen"] = len(status.get("recent_runs") or [])
                    case["samples"].append(sample)
                    log(f"   {mode} rep {rep + 1}: {sample['rps']:.0f}/s p50 "
                        f"{sample['latency_ms'].get('50')} p99 {sample['latency_ms'].get('99')} ms"
                        f" non-2xx {sample['non_2xx']} of {sample['requests']}, "
                        f"{sample['runs_seen']} runs in /status")
                results.append(case)
        finally:
            service.close()
            redis_cleanup(prefix)


def redis_cleanup(prefix):
    """Deletes this bench's keys in its own Redis db (SCAN, never KEYS, never FLUSHDB)."""
    m = re.match(r"redis://([^:/]+):(\d+)/(\d+)", CFG["BENCH_REDIS"])
    host, port, db = m.groups()
    cli = ["redis-cli", "-h", host, "-p", port, "-n", db]
    keys = subprocess.run(cli + ["--scan", "--pattern", prefix + "*"], capture_output=True,
                          text=True, check=True).stdout.split()
    for i in range(0, len(keys), 500):
        subprocess.run(cli + ["del", *keys[i:i + 500]], capture_output=True, check=True)


def ready_part(standin, results):
    case = {"part": "ready", "external_s": [], "started_in_s": [], "cpu_s": []}
    settings = {"rate-limit-seconds": 0, "use-redis-queue": "false",
                "sites": {"source": "static"}}
    for rep in range(int(CFG["BENCH_STARTS"])):
        service = Service("ready", settings, static=static_sites(standin, 1000))
        case["external_s"].append(service.ready_s)
        case["cpu_s"].append(service.ready_cpu_s)
        service.close()
        case["started_in_s"].append(service.started_in())
        log(f"   start {rep + 1}: ready after {service.ready_s:.3f}s, "
            f"{service.ready_cpu_s:.2f} s CPU "
            f"(log: started in {case['started_in_s'][-1]}s)")
    results.append(case)


# ---------------------------------------------------------------- report


def machine():
    cpu = re.search(r"model name\s*:\s*(.*)", open("/proc/cpuinfo").read()).group(1)
    mem = int(re.search(r"MemTotal:\s+(\d+)", open("/proc/meminfo").read()).group(1))
    return {"nproc": os.cpu_count(), "cpu": cpu, "mem_gib": round(mem / 1024 / 1024, 1),
            "java": subprocess.run(["java", "-version"], capture_output=True,
                                   text=True).stderr.splitlines()[0],
            "java_opts": CFG["BENCH_JAVA_OPTS"]}


def loadavg():
    return open("/proc/loadavg").read().split()[:3]


def report(results, meta):
    lines = []
    p = lines.append
    p(f"Machine: {meta['machine']['nproc']} cores ({meta['machine']['cpu']}), "
      f"{meta['machine']['mem_gib']} GiB; {meta['machine']['java']}; "
      f"service JVM: `{meta['machine']['java_opts']}`")
    p(f"Load average (1/5/15 min) before: {' '.join(meta['load_before'])}, "
      f"after: {' '.join(meta['load_after'])}; {REPEAT} repeats, figures are median (min–max).")
    p("")
    sync = [r for r in results if r["part"] == "sync"]
    if sync:
        p("| source | conc. | N | latency | service sites/s | service run s | wrk req/s |"
          " service / wrk | xargs+curl sites/s (sites) | ideal s (N×lat/conc.) |"
          " service CPU µs/site | wrk CPU µs/req | stand-in CPU µs/req (service; wrk) |"
          " cold first run sites/s |")
        p("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
        for c in sync:
            rates = [s["sites_per_s"] for s in c["service"]]
            walls = [s["duration_ms"] / 1000 for s in c["service"]]
            wrk_rps = [w["rps"] for w in c["wrk"]]
            ratios = [s["sites_per_s"] / w["rps"] for s, w in zip(c["service"], c["wrk"])]
            curl = c["curl"]
            ideal = c["size"] * c["latency_ms"] / 1000 / c["concurrency"]
            curl_text = (f"{summary([x['rps'] for x in curl])} ({curl[0]['sites']:,})"
                         if curl else "–")
            ideal_text = f"{ideal:.2f}" if ideal else "–"
            p(f"| {c['source']} | {c['concurrency']} | {c['size']:,} | {c['latency_ms']} ms | "
              f"{summary(rates)} | {summary(walls, 2)} | {summary(wrk_rps)} | "
              f"{summary(ratios, 2) if ratios else '–'} | {curl_text} | {ideal_text} | "
              f"{summary([x['cpu_s'] / x['count'] * 1e6 for x in c['service']])} | "
              f"{summary([w['cpu_s'] / w['requests'] * 1e6 for w in c['wrk']])} | "
              f"{summary([x['standin_cpu_s'] / x['count'] * 1e6 for x in c['service']])}; "
              f"{summary([w['standin_cpu_s'] / w['requests'] * 1e6 for w in c['wrk']])} | "
              + (f"{c['cold']['count'] / max(c['cold']['duration_ms'], 1) * 1000:,.0f} |"
                 if "cold" in c else "– |"))
        p("")
    memory = [r for r in results if r["part"] == "memory"]
    if memory:
        p("| source | conc. | N | peak RSS MiB (VmHWM) | RSS now MiB | heap used MiB |"
          " heap live after full GC MiB | max heap after any GC MiB | GCs |")
        p("|---|---|---|---|---|---|---|---|---|")
        for m in memory:
            p(f"| {m['source']} | {m['concurrency']} | {m['size']:,} | {m['rss_peak_mb']:.0f} | "
              f"{m['rss_mb']:.0f} | {m['heap_used_mb']:.0f} | {m['heap_live_mb']:.0f} | "
              f"{m['heap_after_gc_max_mb']} | {m['gcs']} |")
        p("")
    if any(r["part"] == "defer" for r in results):
        p("defer=1:")
        p("")
    for d in [r for r in results if r["part"] == "defer"]:
        s = d["samples"]
        p(f"- {CFG['BENCH_DEFER_CLIENTS']} clients, {d['mode']}, worker {d['worker']}: "
          f"{summary([x['rps'] for x in s])} req/s, "
          f"p50 {summary([x['latency_ms']['50'] for x in s], 2)} ms, "
          f"p90 {summary([x['latency_ms']['90'] for x in s], 2)} ms, "
          f"p99 {summary([x['latency_ms']['99'] for x in s], 2)} ms; "
          f"non-2xx (409) per run {summary([x['non_2xx'] for x in s])} of "
          f"{summary([x['requests'] for x in s])}; socket errors "
          f"{[x['socket_errors'] for x in s if x['socket_errors']] or 'none'}")
    for r in [r for r in results if r["part"] == "ready"]:
        p("")
        p(f"- Start to ready (first 200 of /q/health/ready, measured outside): "
          f"{summary(r['external_s'], 3)} s; Quarkus 'started in': "
          f"{summary([x for x in r['started_in_s'] if x], 3)} s; CPU used by then "
          f"{summary(r['cpu_s'], 2)} s; {len(r['external_s'])} starts")
    return "\n".join(lines)


def main():
    meta = {"machine": machine(), "options": CFG, "load_before": loadavg()}
    log(f"bench output in {OUT}; load {meta['load_before']}")
    results = []
    standin = StandIn()
    try:
        if "sync" in PARTS:
            sync_part(standin, results)
        if "defer" in PARTS:
            defer_part(standin, results)
        if "ready" in PARTS:
            ready_part(standin, results)
    finally:
        meta["load_after"] = loadavg()
        for proc in list(CHILDREN):
            stop(proc)
        with open(os.path.join(OUT, "results.json"), "w") as f:
            json.dump({"meta": meta, "results": results}, f, indent=1)
    text = report(results, meta)
    with open(os.path.join(OUT, "report.md"), "w") as f:
        f.write(text + "\n")
    print(text)


if __name__ == "__main__":
    main()
