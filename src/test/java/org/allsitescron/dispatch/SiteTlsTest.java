package org.allsitescron.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.allsitescron.dispatch.SiteResponse.Result;
import org.allsitescron.support.SiteServer;
import org.allsitescron.support.TestCertificates;
import org.allsitescron.support.TestCertificates.Leaf;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HTTPS sites behind a private CA made by the test: trusted through a TLS configuration, refused
 * without it, and refused for an expired certificate or one for another name, each with its reason
 * as outcome {@code tls_error}; {@code ssl-verify: false} trusts anything.
 */
class SiteTlsTest {

  private static final String CA_NAME = "asc private test CA";

  private static TestCertificates certificates;
  private static Leaf good;
  private static Leaf expired;
  private static Leaf otherName;

  @BeforeAll
  static void makeCertificates() {
    certificates = TestCertificates.newCa(CA_NAME);
    good = certificates.leaf("site", List.of("localhost"), List.of("127.0.0.1"));
    expired = certificates.expiredLeaf("expired", List.of("localhost"), List.of("127.0.0.1"));
    otherName = certificates.leaf("other", List.of("other.example"), List.of());
  }

  @Test
  void aCertificateFromTheConfiguredCaIsTrustedByIpAndByName() throws Exception {
    try (SiteServer sites = SiteServer.startTls(good.certificatePath(), good.keyPath());
        DispatchRig rig = DispatchRig.with().trust(certificates.caFile()).start()) {
      assertThat(rig.one(sites.url("127.0.0.1", "ip")).result()).isEqualTo(Result.OK);
      assertThat(rig.one("https://localhost:" + sites.port() + "/name").result())
          .isEqualTo(Result.OK);
      assertThat(sites.hits("ip")).isEqualTo(1);
      assertThat(sites.hits("name")).isEqualTo(1);
    }
  }

  @Test
  void withoutTheCaTheSiteIsATlsErrorNamingTheIssuer() throws Exception {
    try (SiteServer sites = SiteServer.startTls(good.certificatePath(), good.keyPath());
        DispatchRig rig = DispatchRig.with().start()) {
      SiteResponse outcome = rig.one(sites.url("127.0.0.1", "site"));

      assertThat(outcome.result()).as(String.valueOf(outcome)).isEqualTo(Result.TLS_ERROR);
      assertThat(outcome.result().isError()).isTrue();
      assertThat(outcome.error()).startsWith("unknown issuer: ").contains("CN=" + CA_NAME);
      assertThat(sites.hits("site")).isZero();
    }
  }

  @Test
  void anExpiredCertificateIsATlsError() throws Exception {
    try (SiteServer sites = SiteServer.startTls(expired.certificatePath(), expired.keyPath());
        DispatchRig rig = DispatchRig.with().trust(certificates.caFile()).start()) {
      SiteResponse outcome = rig.one(sites.url("127.0.0.1", "site"));

      assertThat(outcome.result()).as(String.valueOf(outcome)).isEqualTo(Result.TLS_ERROR);
      assertThat(outcome.error()).startsWith("certificate expired on ").contains("CN=expired");
    }
  }

  @Test
  void aCertificateForAnotherNameIsATlsError() throws Exception {
    try (SiteServer sites = SiteServer.startTls(otherName.certificatePath(), otherName.keyPath());
        DispatchRig rig = DispatchRig.with().trust(certificates.caFile()).start()) {
      SiteResponse byIp = rig.one(sites.url("127.0.0.1", "site"));
      SiteResponse byName = rig.one("https://localhost:" + sites.port() + "/site");

      assertThat(byIp.result()).isEqualTo(Result.TLS_ERROR);
      assertThat(byIp.error()).startsWith("host name mismatch: ").contains("other.example");
      assertThat(byName.result()).isEqualTo(Result.TLS_ERROR);
      assertThat(byName.error())
          .isEqualTo("host name mismatch: localhost is not in the certificate (other.example)");
    }
  }

  @Test
  void sslVerifyFalseTrustsAnything() throws Exception {
    try (SiteServer sites = SiteServer.startTls(expired.certificatePath(), expired.keyPath());
        DispatchRig rig = DispatchRig.with("ssl-verify", "false").start()) {
      assertThat(rig.one(sites.url("127.0.0.1", "site")).result()).isEqualTo(Result.OK);
    }
  }

  /**
   * WordPress's most common redirect, http to https on the same host. The rule allows it on the
   * default ports only, so this test needs ports 80 and 443: it binds them on a loopback address of
   * its own (127.0.0.x, x random), and is skipped where it may not (not root, or taken).
   */
  @Test
  void httpToHttpsOnTheSameHostAndDefaultPortsIsFollowed() throws Exception {
    String ip = "127.0.0." + (10 + new java.util.Random().nextInt(240));
    Leaf leaf = certificates.leaf("default-ports", List.of(), List.of(ip));
    io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    java.util.concurrent.atomic.AtomicInteger secureHits =
        new java.util.concurrent.atomic.AtomicInteger();
    try {
      try {
        listen(
            vertx,
            new io.vertx.core.http.HttpServerOptions(),
            80,
            ip,
            request ->
                request
                    .response()
                    .setStatusCode(301)
                    .putHeader("Location", "https://" + ip + request.uri())
                    .end());
        listen(
            vertx,
            new io.vertx.core.http.HttpServerOptions()
                .setSsl(true)
                .setKeyCertOptions(
                    new io.vertx.core.net.PemKeyCertOptions()
                        .setCertPath(leaf.certificatePath())
                        .setKeyPath(leaf.keyPath())),
            443,
            ip,
            request -> {
              secureHits.incrementAndGet();
              request.response().end();
            });
      } catch (Exception e) {
        org.junit.jupiter.api.Assumptions.abort("cannot bind " + ip + ":80/443 here: " + e);
      }
      try (DispatchRig rig = DispatchRig.with().trust(certificates.caFile()).start()) {
        SiteResponse outcome = rig.one("http://" + ip + "/blog");

        assertThat(outcome.result()).as(String.valueOf(outcome)).isEqualTo(Result.OK);
        assertThat(secureHits.get()).isEqualTo(1);
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private static void listen(
      io.vertx.core.Vertx vertx,
      io.vertx.core.http.HttpServerOptions options,
      int port,
      String host,
      io.vertx.core.Handler<io.vertx.core.http.HttpServerRequest> handler)
      throws Exception {
    vertx
        .createHttpServer(options)
        .requestHandler(handler)
        .listen(port, host)
        .toCompletionStage()
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  @Test
  void plainHttpOnATlsPortIsATlsError() throws Exception {
    try (SiteServer plain = SiteServer.start(0);
        DispatchRig rig = DispatchRig.with().start()) {
      SiteResponse outcome = rig.one("https://127.0.0.1:" + plain.port() + "/site");

      assertThat(outcome.result()).as(String.valueOf(outcome)).isEqualTo(Result.TLS_ERROR);
      assertThat(outcome.error()).startsWith("TLS failed: ");
    }
  }
}
