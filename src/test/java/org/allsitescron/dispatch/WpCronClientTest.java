package org.allsitescron.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.allsitescron.dispatch.SiteResponse.Result;
import org.allsitescron.support.SiteServer;
import org.allsitescron.support.SiteServer.Behavior;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The outgoing requests against real stand-in sites: one deadline that frees the connection, bodies
 * never kept, stale kept-alive connections, large headers, redirects, credentials, and host names
 * {@link java.net.URI} rejects.
 */
class WpCronClientTest {

  private static final String HOST = SiteServer.HOSTS.get(0);

  private static SiteServer sites;
  private static SiteServer elsewhere;

  @BeforeAll
  static void startSites() {
    sites = SiteServer.start(0);
    elsewhere = SiteServer.start(0);
  }

  @AfterAll
  static void stopSites() throws Exception {
    sites.close();
    elsewhere.close();
  }

  @BeforeEach
  void reset() {
    sites.reset();
    elsewhere.reset();
  }

  @Test
  void tricklingEndlessAndHugeBodiesNeverHoldTheHostsOtherSites() throws Exception {
    sites.behave("trickle-1", Behavior.TRICKLE);
    sites.behave("trickle-2", Behavior.TRICKLE);
    sites.behave("endless", Behavior.ENDLESS);
    sites.behave("huge", Behavior.HUGE_BODY);
    List<String> slow = List.of("trickle-1", "trickle-2", "endless", "huge");
    List<String> fine = List.of("ok-1", "ok-2", "ok-3", "ok-4", "ok-5", "ok-6");
    List<String> urls = new ArrayList<>();
    slow.forEach(site -> urls.add(sites.url(HOST, site)));
    fine.forEach(site -> urls.add(sites.url(HOST, site)));

    try (DispatchRig rig =
        DispatchRig.with(
                "request-timeout", "1s",
                "concurrency", "4",
                "per-host-concurrency", "2")
            .start()) {
      for (int run = 1; run <= 2; run++) {
        long start = System.nanoTime();
        Map<String, SiteResponse> outcomes = rig.run(urls);
        long tookMs = (System.nanoTime() - start) / 1_000_000;

        for (String site : fine) {
          assertThat(outcomes.get(sites.url(HOST, site)).result())
              .as("run %d, %s", run, site)
              .isEqualTo(Result.OK);
        }
        for (String site : List.of("trickle-1", "trickle-2", "endless")) {
          SiteResponse outcome = outcomes.get(sites.url(HOST, site));
          assertThat(outcome.result()).as("run %d, %s", run, site).isEqualTo(Result.TIMEOUT);
          assertThat(outcome.status()).isEqualTo(200);
          assertThat(outcome.error()).contains("body did not end within 1000 ms");
          // The deadline is the deadline: 1 s, not 1 s plus however long the body goes on.
          assertThat(outcome.durationMs()).isLessThan(1_500);
        }
        // 50 MB over loopback may or may not fit in 1 s; either way it ends by the deadline.
        SiteResponse huge = outcomes.get(sites.url(HOST, "huge"));
        assertThat(huge.result()).isIn(Result.OK, Result.TIMEOUT);
        assertThat(huge.durationMs()).isLessThan(1_500);
        // Two slots on the host: the four slow sites cost two deadlines, then the rest goes fast.
        assertThat(tookMs).as("run %d took", run).isLessThan(4_000);
        // Each abandoned body's connection was closed: the stand-in stops streaming.
        await().atMost(Duration.ofSeconds(5)).until(() -> sites.openBodies() == 0);
      }
      assertThat(sites.maxInFlight(HOST)).isLessThanOrEqualTo(2);
    }
  }

  @Test
  void aHangingSiteTimesOutWithinItsDeadline() throws Exception {
    sites.behave("hang", Behavior.HANG);
    try (DispatchRig rig = DispatchRig.with("request-timeout", "1500ms").start()) {
      SiteResponse outcome = rig.one(sites.url(HOST, "hang"));

      assertThat(outcome.result()).as(String.valueOf(outcome)).isEqualTo(Result.TIMEOUT);
      assertThat(outcome.error()).isEqualTo("no answer within 1500 ms");
      assertThat(outcome.durationMs()).isBetween(1_450L, 2_500L);
    }
  }

  @Test
  void aKeptAliveConnectionTheSiteClosedIsRetriedOnceOnAFreshOne() throws Exception {
    sites.behave("closer", Behavior.CLOSE_REUSED);
    try (DispatchRig rig = DispatchRig.with("per-host-concurrency", "1").start()) {
      assertThat(rig.one(sites.url(HOST, "closer")).result()).isEqualTo(Result.OK);
      // The pooled connection comes back; the site drops the request that arrives on it.
      SiteResponse second = rig.one(sites.url(HOST, "closer"));

      assertThat(second.result()).as(String.valueOf(second)).isEqualTo(Result.OK);
      assertThat(sites.dropped()).isEqualTo(1);
      assertThat(sites.hits("closer")).isEqualTo(2);
    }
  }

  @Test
  void headersOverVertxDefaultAreAcceptedUpToTheBoundThenAnHttpErrorWithoutAnErrorLog()
      throws Exception {
    sites.behave("header", Behavior.BIG_HEADER);
    List<LogRecord> severe = new ArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
              synchronized (severe) {
                severe.add(record);
              }
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger root = Logger.getLogger("");
    root.addHandler(capture);
    try (DispatchRig rig = DispatchRig.with("max-response-header-size", "32768").start()) {
      sites.headerBytes(16 * 1024);
      assertThat(rig.one(sites.url(HOST, "header")).result()).isEqualTo(Result.OK);

      sites.headerBytes(40 * 1024);
      SiteResponse tooBig = rig.one(sites.url(HOST, "header"));

      assertThat(tooBig.result()).isEqualTo(Result.HTTP_ERROR);
      assertThat(tooBig.error())
          .isEqualTo(
              "response headers larger than 32768 bytes"
                  + " (all-sites-cron.max-response-header-size)");
      // The connection is usable again for the next site.
      sites.headerBytes(1024);
      assertThat(rig.one(sites.url(HOST, "header")).result()).isEqualTo(Result.OK);
    } finally {
      root.removeHandler(capture);
    }
    synchronized (severe) {
      assertThat(severe).extracting(LogRecord::getMessage).isEmpty();
    }
  }

  @Test
  void redirectsStayOnTheSameHostPortAndSchemeAndCarryNoCredentials() throws Exception {
    int port = sites.port();
    sites.behave("to-path", Behavior.REDIRECT_TO);
    sites.redirectTo("to-path", "/landing/wp-cron.php");
    sites.behave("to-port", Behavior.REDIRECT_TO);
    sites.redirectTo("to-port", elsewhere.url(HOST, "landing") + "/wp-cron.php");
    sites.behave("to-userinfo", Behavior.REDIRECT_TO);
    sites.redirectTo("to-userinfo", "http://evil:s3cr3t@" + HOST + ":" + port + "/landing/");
    sites.behave("to-https-port", Behavior.REDIRECT_TO);
    sites.redirectTo("to-https-port", "https://" + HOST + ":" + elsewhere.port() + "/x");
    sites.behave("to-host", Behavior.REDIRECT_TO);
    sites.redirectTo("to-host", "http://127.0.0.2:" + port + "/landing/wp-cron.php");
    sites.behave("to-ftp", Behavior.REDIRECT_TO);
    sites.redirectTo("to-ftp", "ftp://" + HOST + "/x");

    try (DispatchRig rig = DispatchRig.with().start()) {
      Map<String, SiteResponse> outcomes =
          rig.run(
              List.of(
                  sites.url(HOST, "to-path"),
                  sites.url(HOST, "to-port"),
                  sites.url(HOST, "to-userinfo"),
                  sites.url(HOST, "to-https-port"),
                  sites.url(HOST, "to-host"),
                  sites.url(HOST, "to-ftp")));

      assertThat(outcomes.get(sites.url(HOST, "to-path")).result()).isEqualTo(Result.OK);
      assertThat(sites.hits("landing")).isEqualTo(1);
      assertRefused(outcomes.get(sites.url(HOST, "to-port")), "redirect to another port refused");
      assertRefused(
          outcomes.get(sites.url(HOST, "to-userinfo")),
          "redirect with credentials refused: http://evil:***@");
      assertThat(outcomes.get(sites.url(HOST, "to-userinfo")).error()).doesNotContain("s3cr3t");
      assertRefused(
          outcomes.get(sites.url(HOST, "to-https-port")),
          "redirect from http to https off the default ports refused");
      assertRefused(outcomes.get(sites.url(HOST, "to-host")), "redirect to another host refused");
      assertRefused(outcomes.get(sites.url(HOST, "to-ftp")), "unusable redirect location");
      assertThat(elsewhere.allHits()).isEmpty();
    }
  }

  private static void assertRefused(SiteResponse outcome, String reason) {
    assertThat(outcome.result()).as(String.valueOf(outcome)).isEqualTo(Result.HTTP_ERROR);
    assertThat(outcome.status()).isEqualTo(302);
    assertThat(outcome.error()).contains(reason);
  }

  @Test
  void credentialsGoAsBasicAuthOnlyWhenAllowedAndAreNeverShown() throws Exception {
    String url = "http://editor:pa55word@" + HOST + ":" + sites.port() + "/staging";

    try (DispatchRig rig = DispatchRig.with().start()) {
      SiteResponse refused = rig.one(url);

      assertThat(refused.result()).isEqualTo(Result.CONNECT_ERROR);
      assertThat(refused.error()).contains("all-sites-cron.basic-auth-over-http");
      assertThat(refused.url())
          .isEqualTo("http://editor:***@" + HOST + ":" + sites.port() + "/staging");
      assertThat(sites.hits("staging")).isZero();
    }
    try (DispatchRig rig = DispatchRig.with("basic-auth-over-http", "true").start()) {
      SiteResponse sent = rig.one(url);

      assertThat(sent.result()).isEqualTo(Result.OK);
      assertThat(sent.toString()).doesNotContain("pa55word");
      assertThat(sites.lastAuthorization("staging"))
          .isEqualTo("Basic " + Base64.getEncoder().encodeToString("editor:pa55word".getBytes()));
    }
  }

  @Test
  void idnAndUnderscoreHostsAreRequestedWithTheirAsciiHostHeader() throws Exception {
    Path hosts = Files.createTempFile("asc-hosts", ".txt");
    Files.writeString(
        hosts, "127.0.0.1 xn--bcher-kva.example my_site.example.com\n127.0.0.1 localhost\n");
    int port = sites.port();
    try (DispatchRig rig = DispatchRig.with().hosts(hosts).start()) {
      Map<String, SiteResponse> outcomes =
          rig.run(
              List.of(
                  "http://Bücher.example:" + port + "/idn",
                  "http://my_site.example.com:" + port + "/underscore",
                  "http://bad host:" + port + "/x"));

      assertThat(outcomes.get("http://Bücher.example:" + port + "/idn").result())
          .isEqualTo(Result.OK);
      assertThat(sites.lastHostHeader("idn")).isEqualTo("xn--bcher-kva.example:" + port);
      assertThat(outcomes.get("http://my_site.example.com:" + port + "/underscore").result())
          .isEqualTo(Result.OK);
      assertThat(sites.lastHostHeader("underscore")).isEqualTo("my_site.example.com:" + port);
      SiteResponse invalid = outcomes.get("http://bad host:" + port + "/x");
      assertThat(invalid.result()).isEqualTo(Result.CONNECT_ERROR);
      assertThat(invalid.error())
          .isEqualTo("http://bad host:" + port + "/x has an invalid host name 'bad host'");
    } finally {
      Files.deleteIfExists(hosts);
    }
  }
}
