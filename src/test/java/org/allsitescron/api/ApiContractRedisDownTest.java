package org.allsitescron.api;

import static org.allsitescron.support.Api.BASE;
import static org.allsitescron.support.Api.authed;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.allsitescron.support.FreePorts;
import org.junit.jupiter.api.Test;

/**
 * The documented {@code 503}s of {@link ApiContractTest}'s operations: Redis is configured but
 * nothing listens on its port, so every route that needs it answers {@code 503} with {@code
 * Retry-After}, validated against its schema in {@code /q/openapi}.
 */
@QuarkusTest
@TestProfile(ApiContractRedisDownTest.RedisDown.class)
class ApiContractRedisDownTest {

  /** Redis on a port nothing listens on. */
  public static class RedisDown implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "quarkus.redis.hosts", "redis://127.0.0.1:" + FreePorts.belowEphemeral() + "/0");
    }
  }

  @Test
  void everyRouteThatNeedsRedisAnswers503() throws Exception {
    ApiContract api = ApiContract.load();

    for (String method : new String[] {"GET", "POST"}) {
      api.check(method, BASE + "/run", authed().request(method, BASE + "/run"));
      api.check(
          method, BASE + "/run", authed().queryParam("defer", "1").request(method, BASE + "/run"));
      api.check(
          method, BASE + "/run", authed().queryParam("ga", "1").request(method, BASE + "/run"));
    }
    api.check("POST", BASE + "/process-queue", authed().post(BASE + "/process-queue"));
    api.check("GET", BASE + "/status", authed().get(BASE + "/status"));
    api.check("GET", BASE + "/runs", authed().get(BASE + "/runs"));
    api.check("GET", BASE + "/runs/{id}", authed().get(BASE + "/runs/some-id"));
    api.check("GET", BASE + "/sites", authed().get(BASE + "/sites"));
    assertThat(authed().get(BASE + "/status").header("Retry-After")).isEqualTo("5");

    Set<String> unavailable = new TreeSet<>(api.documented());
    unavailable.removeIf(pair -> !pair.endsWith(" 503"));
    assertThat(api.seen()).containsAll(unavailable).allMatch(pair -> pair.endsWith(" 503"));
  }
}
