package org.allsitescron.dispatch;

import io.quarkus.tls.TlsConfiguration;
import io.smallrye.mutiny.Multi;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.dns.AddressResolverOptions;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.SSLOptions;
import io.vertx.core.net.TrustOptions;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import org.allsitescron.config.ConfigTestSupport;
import org.allsitescron.config.CronConfig;

/**
 * The real dispatch (Dispatcher, WpCronClient) on a Vert.x of its own, configured from properties
 * as the service would be, without starting Quarkus. The Vert.x resolves host names from an
 * optional hosts file, so IDN and underscore names can point at the loopback stand-ins.
 */
final class DispatchRig implements AutoCloseable {

  static final Duration WAIT = Duration.ofSeconds(60);

  private final Vertx vertx;
  private final WpCronClient client;
  private final Dispatcher dispatcher;

  private DispatchRig(Map<String, String> properties, Path hostsFile, Path caFile) {
    VertxOptions options = new VertxOptions();
    if (hostsFile != null) {
      options.setAddressResolverOptions(
          new AddressResolverOptions().setHostsPath(hostsFile.toString()));
    }
    this.vertx = hostsFile == null ? Vertx.vertx(options) : withVertxResolver(options);
    CronConfig config = ConfigTestSupport.mapping(properties);
    Optional<TlsConfiguration> tls =
        caFile == null
            ? Optional.empty()
            : Optional.of(trustOnly(new PemTrustOptions().addCertPath(caFile.toString())));
    this.client = new WpCronClient(vertx, config, tls, "test");
    this.dispatcher = new Dispatcher(client, config);
  }

  /**
   * A Vert.x that resolves with its own resolver (and so reads the hosts file): a Quarkus test
   * earlier in the same JVM sets {@code vertx.disableDnsResolver}, which Vert.x reads at creation.
   */
  private static Vertx withVertxResolver(VertxOptions options) {
    synchronized (System.getProperties()) {
      String previous = System.clearProperty("vertx.disableDnsResolver");
      try {
        return Vertx.vertx(options);
      } finally {
        if (previous != null) {
          System.setProperty("vertx.disableDnsResolver", previous);
        }
      }
    }
  }

  /** A rig with the given {@code all-sites-cron.*} settings (keys without the prefix). */
  static Builder with(String... keyValues) {
    return new Builder(keyValues);
  }

  /** Dispatches the URLs and returns each outcome by its (display) URL. */
  Map<String, SiteResponse> run(List<String> urls) {
    return dispatcher
        .dispatch(Multi.createFrom().iterable(urls))
        .collect()
        .asList()
        .await()
        .atMost(WAIT)
        .stream()
        .collect(Collectors.toMap(SiteResponse::url, Function.identity(), (a, b) -> a));
  }

  /** One site's outcome. */
  SiteResponse one(String url) {
    return run(List.of(url)).values().iterator().next();
  }

  @Override
  public void close() throws Exception {
    client.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** Settings of a rig. */
  static final class Builder {
    private final Map<String, String> properties = new HashMap<>();
    private Path hostsFile;
    private Path caFile;

    private Builder(String... keyValues) {
      // Generous: the first TLS handshake of a JVM on a busy machine takes seconds.
      properties.put("all-sites-cron.request-timeout", "15s");
      for (int i = 0; i + 1 < keyValues.length; i += 2) {
        properties.put("all-sites-cron." + keyValues[i], keyValues[i + 1]);
      }
    }

    Builder hosts(Path file) {
      this.hostsFile = file;
      return this;
    }

    /** Trust this CA as a named TLS configuration would. */
    Builder trust(Path ca) {
      this.caFile = ca;
      return this;
    }

    DispatchRig start() {
      return new DispatchRig(properties, hostsFile, caFile);
    }
  }

  /** What the TLS registry hands out for {@code quarkus.tls.<name>.trust-store.pem.certs}. */
  private static TlsConfiguration trustOnly(TrustOptions trust) {
    return new TlsConfiguration() {
      @Override
      public KeyStore getKeyStore() {
        return null;
      }

      @Override
      public KeyCertOptions getKeyStoreOptions() {
        return null;
      }

      @Override
      public KeyStore getTrustStore() {
        return null;
      }

      @Override
      public TrustOptions getTrustStoreOptions() {
        return trust;
      }

      @Override
      public SSLOptions getSSLOptions() {
        return new SSLOptions();
      }

      @Override
      public SSLContext createSSLContext() {
        throw new UnsupportedOperationException();
      }

      @Override
      public boolean isTrustAll() {
        return false;
      }

      @Override
      public Optional<String> getHostnameVerificationAlgorithm() {
        return Optional.of("HTTPS");
      }

      @Override
      public boolean usesSni() {
        return false;
      }

      @Override
      public boolean reload() {
        return false;
      }
    };
  }
}
