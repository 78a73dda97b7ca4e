// The status page: reads /status, /runs and /sites with the token kept in this tab's
// sessionStorage, and renders them with textContent only (site URLs and errors are never HTML).
"use strict";

(function () {
  var API = "/all-sites-cron/v1";
  var KEY = "all-sites-cron.token";
  var REFRESH_MS = 5000;
  var LISTED = 50;
  var timer = null;

  function $(id) { return document.getElementById(id); }

  function token() { return sessionStorage.getItem(KEY); }

  function get(path, bearer) {
    return fetch(API + path, {
      headers: { "Authorization": "Bearer " + bearer, "Accept": "application/json" },
      cache: "no-store",
      credentials: "omit"
    }).then(function (response) {
      if (response.status === 401 || response.status === 403) {
        var refused = new Error("The token was refused.");
        refused.auth = true;
        throw refused;
      }
      return response.json().then(function (body) {
        if (!response.ok) {
          throw new Error((body && body.message) || ("HTTP " + response.status));
        }
        return body;
      });
    });
  }

  function showLogin(message) {
    clearTimeout(timer);
    sessionStorage.removeItem(KEY);
    $("dashboard").hidden = true;
    $("sign-out").hidden = true;
    $("login").hidden = false;
    $("login-error").textContent = message || "";
    $("token").value = "";
    $("token").focus();
  }

  function showDashboard() {
    $("login").hidden = true;
    $("dashboard").hidden = false;
    $("sign-out").hidden = false;
  }

  function when(iso) {
    if (!iso) { return "–"; }
    var d = new Date(iso);
    return isNaN(d) ? iso : d.toLocaleString();
  }

  function age(seconds) {
    if (seconds === undefined || seconds === null) { return "–"; }
    if (seconds < 90) { return seconds + " s"; }
    if (seconds < 5400) { return Math.round(seconds / 60) + " min"; }
    if (seconds < 172800) { return Math.round(seconds / 3600) + " h"; }
    return Math.round(seconds / 86400) + " d";
  }

  function cell(row, text, className) {
    var td = document.createElement("td");
    td.textContent = text === undefined || text === null ? "–" : String(text);
    if (className) { td.className = className; }
    row.appendChild(td);
    return td;
  }

  function badgeCell(row, label) {
    var td = document.createElement("td");
    var span = document.createElement("span");
    span.className = "badge " + label;
    span.textContent = label;
    td.appendChild(span);
    row.appendChild(td);
  }

  function renderStatus(status) {
    $("coordination").textContent = status.coordination;
    $("queue").textContent = status.queue.length + " waiting, " + status.queue.dead + " dead";
    $("lock").textContent = status.lock.held
      ? "held, " + Math.ceil(status.lock.ttl_ms / 1000) + " s left" : "free";
    $("cooldown").textContent = status.cooldown.remaining_s > 0
      ? status.cooldown.remaining_s + " s left" : "none";
    var run = status.current_run;
    $("run-idle").hidden = !!run;
    $("run-busy").hidden = !run;
    if (run) {
      var total = Math.max(run.total, 1);
      $("run-progress").max = total;
      $("run-progress").value = Math.min(run.done, total);
      $("run-label").textContent = "Run " + run.run_id.slice(0, 8) + " (" + run.trigger + "): sites done";
      $("run-text").textContent = run.done + " of " + run.total + " sites done, " + run.errors
        + " errors so far; started " + when(run.started_at) + ".";
    }
  }

  function renderRuns(runs) {
    var body = $("runs").tBodies[0];
    body.replaceChildren();
    runs.forEach(function (r) {
      var row = document.createElement("tr");
      cell(row, when(r.started_at));
      cell(row, r.trigger);
      badgeCell(row, r.state);
      cell(row, (r.duration_ms / 1000).toFixed(1) + " s");
      cell(row, r.count + " / " + r.total);
      cell(row, r.ok);
      cell(row, r.errors);
      cell(row, r.timeouts);
      cell(row, r.backoff || 0);
      body.appendChild(row);
    });
  }

  function renderHealth(pages) {
    var summary = pages[0].summary;
    ["backoff", "behind", "failing", "ok"].forEach(function (state) {
      $("count-" + state).textContent = summary[state];
    });
    $("health-note").textContent = summary.as_of
      ? "As of the last full run, " + when(summary.as_of) + ": " + summary.sites + " sites."
        + (summary.oldest_overdue_s > 0 ? " Oldest overdue cron event: " + age(summary.oldest_overdue_s) + "." : "")
      : "No full run yet.";
    var body = $("attention").tBodies[0];
    body.replaceChildren();
    var listed = 0;
    pages.forEach(function (page) {
      page.sites.forEach(function (site) {
        var row = document.createElement("tr");
        cell(row, site.url, "url");
        badgeCell(row, site.state);
        cell(row, site.reason || site.cron_outcome || site.http_outcome);
        cell(row, site.consecutive_failures);
        cell(row, when(site.last_ran));
        cell(row, site.overdue_s === undefined ? "–" : age(site.overdue_s));
        cell(row, site.backoff_until ? when(site.backoff_until) : "–");
        body.appendChild(row);
        listed++;
      });
      if (page.next_cursor) {
        var more = document.createElement("tr");
        var td = cell(more, "More " + page.state + " sites: GET " + API + "/sites?state=" + page.state);
        td.colSpan = 7;
        body.appendChild(more);
      }
    });
    $("attention-empty").hidden = listed > 0;
  }

  function refresh() {
    var bearer = token();
    if (!bearer) { showLogin(); return; }
    Promise.all([
      get("/status", bearer),
      get("/runs?limit=10", bearer),
      Promise.all(["backoff", "behind", "failing"].map(function (state) {
        return get("/sites?state=" + state + "&limit=" + LISTED, bearer);
      }))
    ]).then(function (all) {
      renderStatus(all[0]);
      renderRuns(all[1].runs);
      renderHealth(all[2]);
      $("problem").hidden = true;
      $("updated").textContent = "Updated " + new Date().toLocaleTimeString() + "; refreshed every 5 s.";
      schedule();
    }).catch(function (e) {
      if (e.auth) { showLogin("The token was refused. Sign in again."); return; }
      $("problem").hidden = false;
      $("problem").textContent = "Could not refresh: " + e.message;
      schedule();
    });
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(function () {
      if (document.hidden) { schedule(); } else { refresh(); }
    }, REFRESH_MS);
  }

  function signIn(event) {
    event.preventDefault();
    var entered = $("token").value.trim();
    if (!entered) { $("login-error").textContent = "Enter the token."; return; }
    get("/status", entered).then(function () {
      sessionStorage.setItem(KEY, entered);
      $("login-error").textContent = "";
      showDashboard();
      refresh();
    }).catch(function (e) {
      $("login-error").textContent = e.auth ? "The token was refused." : "Could not check the token: " + e.message;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    $("login-form").addEventListener("submit", signIn);
    $("sign-out").addEventListener("click", function () { showLogin("Signed out."); });
    if (token()) { showDashboard(); refresh(); } else { showLogin(); }
  });
})();
