package org.allsitescron.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The real parts every {@code @QuarkusTest} runs against, started once per test run: the stand-in
 * {@link SiteServer} (25 static sites, {@code site-01} … {@code site-25}) and the WordPress-shaped
 * database {@link NetworkFixture} in the local MariaDB.
 */
public class TestNetwork implements QuarkusTestResourceLifecycleManager {

  /** Per test JVM, so concurrent builds on one machine never share it. */
  public static final String DATABASE = "asc_test_wp_" + ProcessHandle.current().pid();

  public static final int STATIC_SITES = 25;

  private static SiteServer sites;
  private static NetworkFixture fixture;

  /** The stand-in sites. */
  public static SiteServer sites() {
    return sites;
  }

  /** The WordPress database fixture. */
  public static NetworkFixture fixture() {
    return fixture;
  }

  /** The static site names, in list order. */
  public static List<String> staticSites() {
    return IntStream.rangeClosed(1, STATIC_SITES).mapToObj(i -> "site-%02d".formatted(i)).toList();
  }

  @Override
  public synchronized Map<String, String> start() {
    if (sites == null) {
      sites = SiteServer.start(0);
      fixture = NetworkFixture.create(new WordpressDatabase(DATABASE), sites);
      Runtime.getRuntime().addShutdownHook(new Thread(fixture.database()::drop));
    }
    Map<String, String> config = new HashMap<>();
    List<String> names = staticSites();
    for (int i = 0; i < names.size(); i++) {
      config.put(
          "all-sites-cron.sites.static[" + i + "]",
          sites.url(SiteServer.HOSTS.get(0), names.get(i)));
    }
    config.put("quarkus.datasource.reactive.url", fixture.database().reactiveUrl());
    config.put("quarkus.datasource.username", WordpressDatabase.USER);
    config.put("quarkus.datasource.password", WordpressDatabase.PASSWORD);
    return config;
  }

  @Override
  public void stop() {
    // Shared by every Quarkus application of the test run; the JVM's exit closes it.
  }
}
