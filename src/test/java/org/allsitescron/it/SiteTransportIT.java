package org.allsitescron.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.allsitescron.support.ServiceProcess;
import org.allsitescron.support.SiteServer;
import org.allsitescron.support.SiteServer.Behavior;
import org.allsitescron.support.TestCertificates;
import org.junit.jupiter.api.Test;

/**
 * The built service with a 128 MB heap against hostile and unusual sites: bodies that trickle,
 * never end or weigh 50 MB; an HTTPS site behind a private CA trusted through a Quarkus TLS
 * configuration; IDN and underscore host names (resolved through a hosts file given to Vert.x);
 * credentials in a URL; a site listed twice. The other sites of the host are {@code ok} in this run
 * and the next, liveness answers within 1 s throughout, and no password is printed anywhere.
 */
class SiteTransportIT {

  private static final String HOST = "127.0.0.1";

  @Test
  void aSmallHeapRunsHostileSitesWhileTheRestOfTheHostIsOkAndLivenessStaysQuick() throws Exception {
    TestCertificates certificates = TestCertificates.newCa("asc IT CA");
    var leaf = certificates.leaf("tls-site", List.of("localhost"), List.of(HOST));
    Path hosts = Files.createTempFile("asc-hosts", ".txt");
    Files.writeString(hosts, "127.0.0.1 xn--bcher-kva.example my_site.example.com localhost\n");

    try (SiteServer sites = SiteServer.start(0);
        SiteServer tls = SiteServer.startTls(leaf.certificatePath(), leaf.keyPath())) {
      sites.behave("trickle-1", Behavior.TRICKLE);
      sites.behave("trickle-2", Behavior.TRICKLE);
      sites.behave("endless", Behavior.ENDLESS);
      sites.behave("huge", Behavior.HUGE_BODY);
      int port = sites.port();
      List<String> urls =
          List.of(
              sites.url(HOST, "trickle-1"),
              sites.url(HOST, "trickle-2"),
              sites.url(HOST, "endless"),
              sites.url(HOST, "huge"),
              sites.url(HOST, "ok-1"),
              sites.url(HOST, "ok-2"),
              sites.url(HOST, "ok-3"),
              sites.url(HOST, "ok-4"),
              "HTTP://127.0.0.1:" + port + "/ok-1/",
              tls.url(HOST, "secure"),
              "http://bücher.example:" + port + "/idn",
              "http://my_site.example.com:" + port + "/underscore",
              "https://keeper:s3cr3t-pw@localhost:" + tls.port() + "/staging");
      ServiceProcess.Builder builder =
          ServiceProcess.named("transport")
              .maxHeap("128m")
              .with("all-sites-cron.rate-limit-seconds", "0")
              // Room for a first TLS handshake on a busy machine; the slow bodies still end by it.
              .with("all-sites-cron.request-timeout", "5s")
              .with("all-sites-cron.concurrency", "4")
              .with("all-sites-cron.per-host-concurrency", "2")
              .with("all-sites-cron.tls-configuration-name", "sites")
              .with("quarkus.tls.sites.trust-store.pem.certs", certificates.caFile().toString())
              // Vert.x's own resolver, with a hosts file: the test's names lead to 127.0.0.1.
              .with("quarkus.vertx.use-async-dns", "true")
              .with("quarkus.vertx.resolver.hosts-path", hosts.toString());
      for (int i = 0; i < urls.size(); i++) {
        builder.with("all-sites-cron.sites.static[" + i + "]", urls.get(i));
      }

      try (ServiceProcess service = builder.start()) {
        // The first answers of a fresh JVM are slow whatever the sites do: measure after them.
        for (int i = 0; i < 20; i++) {
          service.api().get("/q/health/live").then().statusCode(200);
        }
        AtomicLong idleSlowestMs = new AtomicLong();
        AtomicBoolean idleProbing = new AtomicBoolean(true);
        Thread idle = new Thread(() -> probe(service, idleProbing, idleSlowestMs), "idle-liveness");
        idle.start();
        Thread.sleep(5_000);
        idleProbing.set(false);
        idle.join(10_000);
        System.out.printf("slowest /q/health/live while idle: %d ms%n", idleSlowestMs.get());
        AtomicLong slowestLiveMs = new AtomicLong();
        AtomicBoolean probing = new AtomicBoolean(true);
        Thread prober = new Thread(() -> probe(service, probing, slowestLiveMs), "liveness");
        prober.start();
        try {
          for (int run = 1; run <= 2; run++) {
            JsonPath body =
                service
                    .api()
                    .get("/all-sites-cron/v1/run")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();

            assertThat(body.getInt("count")).as("run %d: %s", run, body.prettify()).isEqualTo(12);
            assertThat(body.getInt("errors")).as(body.prettify()).isZero();
            assertThat(body.getInt("timeouts")).as(body.prettify()).isBetween(3, 4);
            assertThat(body.getInt("ok")).as(body.prettify()).isBetween(8, 9);
            List<Map<String, Object>> failed = body.getList("failed_sites");
            assertThat(failed)
                .extracting(site -> site.get("url"))
                .contains(
                    sites.url(HOST, "trickle-1"),
                    sites.url(HOST, "trickle-2"),
                    sites.url(HOST, "endless"));
            assertThat(body.prettify()).doesNotContain("s3cr3t");

            JsonPath report =
                service
                    .api()
                    .get("/all-sites-cron/v1/runs/" + body.getString("run_id"))
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat(report.getInt("duplicates")).isEqualTo(1);
          }
        } finally {
          probing.set(false);
          prober.join(5_000);
        }

        for (String site : List.of("ok-1", "ok-2", "ok-3", "ok-4", "idn", "underscore")) {
          assertThat(sites.hits(site)).as(site).isEqualTo(2);
        }
        assertThat(tls.hits("secure")).isEqualTo(2);
        assertThat(tls.hits("staging")).isEqualTo(2);
        assertThat(tls.lastAuthorization("staging")).startsWith("Basic ");
        assertThat(sites.lastHostHeader("idn")).isEqualTo("xn--bcher-kva.example:" + port);
        assertThat(slowestLiveMs.get()).as("slowest /q/health/live (ms)").isLessThan(1_000);

        String dryRun =
            service.api().get("/all-sites-cron/v1/run?dry_run=1").then().extract().asString();
        assertThat(dryRun).contains("keeper:***@localhost").doesNotContain("s3cr3t");
        assertThat(service.output())
            .doesNotContain("OutOfMemoryError")
            .doesNotContain("s3cr3t")
            .doesNotContain(" ERROR ");
        System.out.printf("slowest /q/health/live during the runs: %d ms%n", slowestLiveMs.get());
      }
    } finally {
      Files.deleteIfExists(hosts);
    }
  }

  private static void probe(ServiceProcess service, AtomicBoolean probing, AtomicLong slowest) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest live =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + "/q/health/live"))
            .timeout(Duration.ofSeconds(5))
            .build();
    while (probing.get()) {
      long start = System.nanoTime();
      int status;
      try {
        status = http.send(live, HttpResponse.BodyHandlers.discarding()).statusCode();
      } catch (Exception e) {
        status = 0;
      }
      long took = (System.nanoTime() - start) / 1_000_000;
      if (took > 300) {
        System.out.printf("%s: /q/health/live took %d ms%n", java.time.Instant.now(), took);
      }
      slowest.accumulateAndGet(status == 200 ? took : Long.MAX_VALUE / 2, Math::max);
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        return;
      }
    }
  }
}
