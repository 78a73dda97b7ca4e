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
 * The real WordPress multisite moved to HTTPS ({@code arm.sh https=1}: every blog's siteurl and
 * home on the rig's nginx TLS listener, whose certificate comes from the rig's own private CA),
 * with the CA trusted the way an operator does it: a Quarkus TLS configuration named by {@code
 * all-sites-cron.tls-configuration-name}. Every eligible blog's due event runs once, in a request
 * WordPress saw as HTTPS. {@link WordpressHttpsUntrustedE2eTest} is the same network without the
 * CA.
 */
@QuarkusTest
@TestProfile(WordpressHttpsE2eTest.Profile.class)
class WordpressHttpsE2eTest extends RigTest {

  /** The TLS configuration's name, as the docs and the chart call it. */
  static final String TLS_CONFIGURATION = "sites";

  /** {@link WordpressE2eProfile} plus the rig's CA as the sites' trust store. */
  public static class Profile extends WordpressE2eProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      Map<String, String> config = super.getConfigOverrides();
      // An older rig without a CA: the test below fails naming the missing key.
      WordpressRig.find()
          .flatMap(rig -> rig.value("WP_TLS_CA"))
          .ifPresent(
              ca -> {
                config.put("quarkus.tls." + TLS_CONFIGURATION + ".trust-store.pem.certs", ca);
                config.put("all-sites-cron.tls-configuration-name", TLS_CONFIGURATION);
              });
      return config;
    }
  }

  @Test
  void everyEligibleBlogRunsOverHttpsWithThePrivateCaTrusted() throws InterruptedException {
    List<Long> eligible = rig.eligibleBlogIds();
    String networkUrl = rig.get("WP_TLS_URL"); // an older rig: "run setup.sh again"
    rig.arm("https=1");

    JsonPath preview =
        authed().queryParam("dry_run", "1").get(BASE + "/run").then().extract().jsonPath();
    assertThat(preview.getList("sites", String.class))
        .as("the sites' own (https) siteurls")
        .hasSize(eligible.size())
        .contains(networkUrl, rig.get("WP_MAPPED_TLS_SITEURL"))
        .allMatch(url -> url.startsWith("https://"));

    JsonPath body = authed().get(BASE + "/run").then().statusCode(200).extract().jsonPath();

    assertThat(body.getBoolean("success")).as(body.prettify()).isTrue();
    assertThat(body.getInt("count")).isEqualTo(eligible.size());
    assertThat(body.getInt("ok")).isEqualTo(eligible.size());
    assertThat(body.getList("failed_sites")).isEmpty();
    assertThat(body.getInt("cron.ran")).as("the service's own check").isEqualTo(eligible.size());
    // WordPress's record: each eligible blog once (the mapped one at https://localhost:…), and
    // every one of those requests came over TLS.
    rig.assertEachEligibleBlogRanOnce();
    assertThat(rig.runsByScheme()).isEqualTo(Map.of("https", (long) eligible.size()));
  }
}
