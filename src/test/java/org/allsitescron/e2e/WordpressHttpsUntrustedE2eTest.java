package org.allsitescron.e2e;

import static org.allsitescron.support.Api.BASE;
import static org.allsitescron.support.Api.authed;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The HTTPS network of {@link WordpressHttpsE2eTest} with the JDK's CAs only (no TLS configuration,
 * verification on): every site is {@code tls_error} naming the rig's CA as the unknown issuer, and
 * no event runs — the handshake fails before any request reaches WordPress.
 */
@QuarkusTest
@TestProfile(WordpressE2eProfile.class)
class WordpressHttpsUntrustedE2eTest extends RigTest {

  @Test
  void withoutThePrivateCaEverySiteIsATlsErrorAndNothingRuns() throws InterruptedException {
    List<Long> eligible = rig.eligibleBlogIds();
    String caName = rig.get("WP_TLS_CA_CN"); // an older rig: "run setup.sh again"
    rig.arm("https=1");

    JsonPath body = authed().get(BASE + "/run").then().statusCode(200).extract().jsonPath();

    assertThat(body.getBoolean("success")).isFalse();
    assertThat(body.getInt("count")).isEqualTo(eligible.size());
    assertThat(body.getInt("ok")).isZero();
    assertThat(body.getInt("errors")).isEqualTo(eligible.size());
    List<Map<String, Object>> failed = body.getList("failed_sites");
    assertThat(failed).hasSize(eligible.size());
    assertThat(failed)
        .allSatisfy(
            site -> {
              assertThat(site.get("url")).asString().startsWith("https://");
              assertThat(site.get("outcome")).isEqualTo("tls_error");
              assertThat(site.get("error"))
                  .asString()
                  .startsWith("unknown issuer: ")
                  .contains("CN=" + caName);
            });
    rig.assertNoEventRan("a run that does not trust the sites' CA");
  }
}
