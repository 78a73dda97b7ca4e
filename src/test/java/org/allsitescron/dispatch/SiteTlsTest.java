package org.allsitescron.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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
      assertThat(rig.one(sites.url("127.0.0.1", "ip")).outcome()).isEqualTo(Outcome.OK);
      assertThat(rig.one("https://localhost:" + sites.port() + "/name").outcome())
          .isEqualTo(Outcome.OK);
      assertThat(sites.hits("ip")).isEqualTo(1);
      assertThat(sites.hits("name")).isEqualTo(1);
    }
  }

  @Test
  void withoutTheCaTheSiteIsATlsErrorNamingTheIssuer() throws Exception {
    try (SiteServer sites = SiteServer.startTls(good.certificatePath(), good.keyPath());
        DispatchRig rig = DispatchRig.with().start()) {
      SiteOutcome outcome = rig.one(sites.url("127.0.0.1", "site"));

      assertThat(outcome.outcome()).as(String.valueOf(outcome)).isEqualTo(Outcome.TLS_ERROR);
      assertThat(outcome.outcome().isError()).isTrue();
      assertThat(outcome.error()).startsWith("unknown issuer: ").contains("CN=" + CA_NAME);
      assertThat(sites.hits("site")).isZero();
    }
  }

  @Test
  void anExpiredCertificateIsATlsError() throws Exception {
    try (SiteServer sites = SiteServer.startTls(expired.certificatePath(), expired.keyPath());
        DispatchRig rig = DispatchRig.with().trust(certificates.caFile()).start()) {
      SiteOutcome outcome = rig.one(sites.url("127.0.0.1", "site"));

      assertThat(outcome.outcome()).as(String.valueOf(outcome)).isEqualTo(Outcome.TLS_ERROR);
      assertThat(outcome.error()).startsWith("certificate expired on ").contains("CN=expired");
    }
  }

  @Test
  void aCertificateForAnotherNameIsATlsError() throws Exception {
    try (SiteServer sites = SiteServer.startTls(otherName.certificatePath(), otherName.keyPath());
        DispatchRig rig = DispatchRig.with().trust(certificates.caFile()).start()) {
      SiteOutcome byIp = rig.one(sites.url("127.0.0.1", "site"));
      SiteOutcome byName = rig.one("https://localhost:" + sites.port() + "/site");

      assertThat(byIp.outcome()).isEqualTo(Outcome.TLS_ERROR);
      assertThat(byIp.error()).startsWith("host name mismatch: ").contains("other.example");
      assertThat(byName.outcome()).isEqualTo(Outcome.TLS_ERROR);
      assertThat(byName.error())
          .isEqualTo("host name mismatch: localhost is not in the certificate (other.example)");
    }
  }

  @Test
  void sslVerifyFalseTrustsAnything() throws Exception {
    try (SiteServer sites = SiteServer.startTls(expired.certificatePath(), expired.keyPath());
        DispatchRig rig = DispatchRig.with("ssl-verify", "false").start()) {
      assertThat(rig.one(sites.url("127.0.0.1", "site")).outcome()).isEqualTo(Outcome.OK);
    }
  }

  @Test
  void plainHttpOnATlsPortIsATlsError() throws Exception {
    try (SiteServer plain = SiteServer.start(0);
        DispatchRig rig = DispatchRig.with().start()) {
      SiteOutcome outcome = rig.one("https://127.0.0.1:" + plain.port() + "/site");

      assertThat(outcome.outcome()).as(String.valueOf(outcome)).isEqualTo(Outcome.TLS_ERROR);
      assertThat(outcome.error()).startsWith("TLS failed: ");
    }
  }
}
