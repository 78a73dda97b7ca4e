package org.allsitescron.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Every setting of the service, under {@code all-sites-cron.}; replaces the plugin's filters. Every
 * boolean key reads through {@link StrictBooleanConverter}, so a typo stops start-up instead of
 * meaning {@code false}.
 */
@ConfigMapping(prefix = "all-sites-cron")
public interface CronConfig {

  /** Seconds between two accepted triggers; 0 turns the cooldown off. Default 60. */
  @WithDefault("60")
  @Min(value = 0, message = "must be 0 (off) or more (got ${validatedValue})")
  int rateLimitSeconds();

  /** Most sites one run requests, in {@code blog_id} order. Default 1000. */
  @WithDefault("1000")
  @Min(value = 1, message = "must be at least 1 (got ${validatedValue})")
  @Max(value = 10_000_000, message = "must be at most 10000000 (got ${validatedValue})")
  int numberOfSites();

  /** Sites read from the source at a time. Default 50. */
  @WithDefault("50")
  @Min(value = 1, message = "must be at least 1 (got ${validatedValue})")
  @Max(value = 10_000, message = "must be at most 10000 (got ${validatedValue})")
  int batchSize();

  /** Most {@code wp-cron.php} requests in flight at once. Default 50. */
  @WithDefault("50")
  @Min(value = 1, message = "must be at least 1 (got ${validatedValue})")
  @Max(value = 10_000, message = "must be at most 10000 (got ${validatedValue})")
  int concurrency();

  /**
   * Most in-flight requests to one host; defaults to {@link #concurrency()}. A subdirectory network
   * is one host and one PHP-FPM pool, so this is its real cap.
   */
  OptionalInt perHostConcurrency();

  /** Requests per second started against one host; 0 (the default) means unpaced. */
  @WithDefault("0")
  @DecimalMin(value = "0", message = "must be 0 (unpaced) or more (got ${validatedValue})")
  double perHostRate();

  /** Time one site gets to answer: a duration ({@code 5s}, {@code PT5S}) or decimal seconds. */
  @WithDefault("5s")
  @WithConverter(SecondsOrDurationConverter.class)
  @PositiveDuration
  Duration requestTimeout();

  /** Verify TLS certificates of the sites. Default true. */
  @WithDefault("true")
  @WithConverter(StrictBooleanConverter.class)
  boolean sslVerify();

  /**
   * Name of a Quarkus TLS configuration ({@code quarkus.tls.<name>.trust-store.…}) whose trust
   * store (and key store, for client certificates) the site requests use instead of the JDK's CAs;
   * unset by default. {@link #sslVerify()} false still trusts everything.
   */
  Optional<String> tlsConfigurationName();

  /**
   * Largest response header block accepted from a site, in bytes; larger answers end {@code
   * http_error}. Default 65536 (Vert.x's own default is 8192).
   */
  @WithDefault("65536")
  @Min(value = 8192, message = "must be at least 8192 (got ${validatedValue})")
  @Max(value = 1_048_576, message = "must be at most 1048576 (got ${validatedValue})")
  int maxResponseHeaderSize();

  /**
   * Send the credentials of a site URL ({@code http://user:pass@host/}) as Basic auth over plain
   * http too; by default they are only sent over https and such an http site is refused. Default
   * false.
   */
  @WithDefault("false")
  @WithConverter(StrictBooleanConverter.class)
  boolean basicAuthOverHttp();

  /** Time-to-live of the run lock; renewed while the run is alive. Default 5m. */
  @WithDefault("5m")
  @WithConverter(SecondsOrDurationConverter.class)
  @PositiveDuration
  Duration lockTimeout();

  /** How long shutdown waits for the current run before handing its job back. Default 30s. */
  @WithDefault("30s")
  @WithConverter(SecondsOrDurationConverter.class)
  Duration shutdownGrace();

  /** Shared secret for the endpoints (env {@code ALL_SITES_CRON_AUTH_TOKEN}); none by default. */
  Optional<String> authToken();

  /** Demand the token; defaults to true exactly when a token is set. */
  @WithConverter(StrictBooleanConverter.class)
  Optional<Boolean> requireAuth();

  /** Redis for queue, lock and cooldown: {@code auto} uses it when Redis is configured. */
  @WithDefault("auto")
  RedisMode useRedisQueue();

  /** Redis keys and retries. */
  Redis redis();

  /** The per-host cap in force: {@link #perHostConcurrency()} or else {@link #concurrency()}. */
  default int effectivePerHostConcurrency() {
    return perHostConcurrency().orElse(concurrency());
  }

  /** Whether a token is demanded: {@link #requireAuth()} or else whether a token is set. */
  default boolean effectiveRequireAuth() {
    return requireAuth().orElse(authToken().isPresent());
  }

  /** The scheduled queue worker. */
  Worker worker();

  /** Where the network's sites come from. */
  Sites sites();

  /** The service's own metrics ({@code /q/metrics}). */
  Metrics metrics();

  /** Skipping sites that keep failing (SPEC §8). */
  Backoff backoff();

  /** Per-site state kept across runs (SPEC §8). */
  Health health();

  /** Whether and how a run reads each site's cron state from the network's database. */
  @WithName("cron-check") // Bean Validation's messages name a group by its method otherwise
  CronCheck cronCheck();

  /** Whether Redis coordinates the replicas. */
  enum RedisMode {
    AUTO,
    TRUE,
    FALSE
  }

  /** Redis keys and retries. */
  interface Redis {
    /** Prefix of every key the service writes. Default {@code all_sites_cron:}. */
    @WithDefault("all_sites_cron:")
    @Pattern(
        regexp = "[A-Za-z0-9_:.-]{1,64}",
        message = "must be 1-64 of A-Z a-z 0-9 _ : . - (got '${validatedValue}')")
    String keyPrefix();

    /** The job list; defaults to the prefix followed by {@code jobs}. */
    Optional<String> queueKey();

    /** Times a job that cannot get the lock is retried before it is dead-lettered. Default 3. */
    @WithDefault("3")
    @Min(value = 0, message = "must be 0 or more (got ${validatedValue})")
    @Max(value = 100, message = "must be at most 100 (got ${validatedValue})")
    int maxRetries();

    /** The queue key in force: {@link #queueKey()} or else the prefix followed by {@code jobs}. */
    default String effectiveQueueKey() {
      return queueKey().filter(key -> !key.isBlank()).orElse(keyPrefix() + "jobs");
    }

    /** How long run reports are kept. Default 7 days. */
    @WithDefault("7d")
    @WithConverter(SecondsOrDurationConverter.class)
    Duration reportTtl();

    /** Bounds of the dead-letter list. */
    @WithName("dead-letters") // Bean Validation's messages name a group by its method otherwise
    DeadLetters deadLetters();
  }

  /** Bounds of the dead-letter list ({@code <queue>:dead}). */
  interface DeadLetters {
    /** Most entries kept; burying one more drops the oldest. Default 1000. */
    @WithDefault("1000")
    @Min(value = 1, message = "must be at least 1 (got ${validatedValue})")
    @Max(value = 1_000_000, message = "must be at most 1000000 (got ${validatedValue})")
    int maxEntries();

    /**
     * Most bytes (UTF-8) of a buried job's text that are kept; a longer one is cut at a character
     * boundary, with a note of its length in bytes. Default 8192.
     */
    @WithDefault("8192")
    @Min(value = 256, message = "must be at least 256 (got ${validatedValue})")
    @Max(value = 1_048_576, message = "must be at most 1048576 (got ${validatedValue})")
    int maxJobLength();
  }

  /** The scheduled queue worker. */
  interface Worker {
    /** Drain the queue on this replica. Default true. */
    @WithDefault("true")
    @WithConverter(StrictBooleanConverter.class)
    boolean enabled();

    /** Time between two looks at the queue, as the scheduler reads it ({@code 1s}). Default 1s. */
    @WithDefault("1s")
    @WithConverter(SecondsOrDurationConverter.class)
    @PositiveDuration
    Duration pollInterval();

    /**
     * Time between two heartbeats of this replica; a replica silent for three of them is taken for
     * dead and its jobs are put back in the queue. Default 5s.
     */
    @WithDefault("5s")
    @WithConverter(SecondsOrDurationConverter.class)
    Duration heartbeatInterval();
  }

  /** The service's own metrics ({@code /q/metrics}). */
  interface Metrics {
    /** Time between two reads of the queue and dead-letter lengths for the gauges. Default 15s. */
    @WithDefault("15s")
    @WithConverter(SecondsOrDurationConverter.class)
    @PositiveDuration
    Duration queuePollInterval();
  }

  /** Reading each site's {@code cron} option and {@code doing_cron} lock (wordpress-db only). */
  interface CronCheck {
    /**
     * {@code verify}, {@code due} or {@code off}; defaults to {@code verify} with the {@code
     * wordpress-db} source and {@code off} (the only mode it has) with {@code static}.
     */
    Optional<CronCheckMode> mode();

    /**
     * Longest wait, after a site answered, for its due events to go and its {@code doing_cron} lock
     * to be released; the site keeps its per-host slot meanwhile. Default 60s (WordPress's own
     * {@code WP_CRON_LOCK_TIMEOUT}).
     */
    @WithDefault("60s")
    @WithConverter(SecondsOrDurationConverter.class)
    @PositiveDuration
    Duration settleTimeout();

    /** Time between two batched reads of the sites being watched. Default 250ms. */
    @WithDefault("250ms")
    @WithConverter(SecondsOrDurationConverter.class)
    @PositiveDuration
    Duration pollInterval();
  }

  /** The cron-check mode in force: {@code cron-check.mode}, or else the source's default. */
  default CronCheckMode effectiveCronCheckMode() {
    return cronCheck()
        .mode()
        .orElse(
            sites().source() == Sites.SourceKind.WORDPRESS_DB
                ? CronCheckMode.VERIFY
                : CronCheckMode.OFF);
  }

  /** How a run uses each site's cron state. */
  enum CronCheckMode {
    /** Request every eligible site, then judge it from its database rows. */
    VERIFY,
    /** Request only the sites with a due event or an unreadable state. */
    DUE,
    /** HTTP only: a 2xx is {@code ok}. */
    OFF;

    /** The name in YAML, reports and metric tags. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Where the network's sites come from. */
  interface Sites {
    /** {@code static} (the list below) or {@code wordpress-db}. Default static. */
    @WithDefault("static")
    SourceKind source();

    /** Site URLs for the {@code static} source. */
    @WithName("static")
    Optional<List<String>> staticUrls();

    /** The network's own database. */
    @WithName("wordpress-db")
    WordpressDb wordpressDb();

    /** Kinds of site source. */
    enum SourceKind {
      STATIC,
      WORDPRESS_DB
    }

    /** Reading {@code wp_blogs} from the network's database. */
    interface WordpressDb {
      /** Table prefix of the network. Default {@code wp_}. */
      @WithDefault("wp_")
      @Pattern(
          regexp = "[A-Za-z0-9_]{1,32}",
          message = "must be 1-32 of A-Z a-z 0-9 _ (got '${validatedValue}')")
      String tablePrefix();

      /** Only sites of this network ({@code site_id}); all networks when unset. */
      OptionalInt networkId();

      /** Scheme of the fallback URL built from domain and path. Default https. */
      @WithDefault("https")
      @Pattern(regexp = "https?", message = "must be http or https (got '${validatedValue}')")
      String scheme();

      /**
       * Batches whose options tables are read at once, each on its own pooled connection, ahead of
       * the batch being requested. Default 4 (the fastest on a 2-core database server); 1 reads
       * each batch only when it is wanted.
       */
      @WithDefault("4")
      @Min(value = 1, message = "must be at least 1 (got ${validatedValue})")
      @Max(value = 32, message = "must be at most 32 (got ${validatedValue})")
      int parallelReads();
    }
  }

  /** Skipping sites that keep failing: connect errors, timeouts, TLS errors and 5xx. */
  interface Backoff {
    /** Skip sites that keep failing. Default true. */
    @WithDefault("true")
    @WithConverter(StrictBooleanConverter.class)
    boolean enabled();

    /** Consecutive connect errors, timeouts or 5xx after which a site is skipped. Default 3. */
    @WithDefault("3")
    @Min(value = 1, message = "must be at least 1 (got ${validatedValue})")
    @Max(value = 1000, message = "must be at most 1000 (got ${validatedValue})")
    int afterFailures();

    /** Longest back-off window; windows double up to it. Default 1h. */
    @WithDefault("1h")
    @WithConverter(SecondsOrDurationConverter.class)
    @PositiveDuration
    Duration max();

    /**
     * The first back-off window. Unset (the default): one run's interval, the time between the
     * starts of the last two full runs (1m before two runs were seen).
     */
    @WithConverter(SecondsOrDurationConverter.class)
    Optional<@PositiveDuration Duration> initial();
  }

  /** Per-site state kept across runs. */
  interface Health {
    /** A site whose oldest overdue cron event is older than this is {@code behind}. Default 15m. */
    @WithDefault("15m")
    @WithConverter(SecondsOrDurationConverter.class)
    @PositiveDuration
    Duration behindAfter();

    /**
     * How long a site's state is kept after the last run that looked at it, so deleted sites fade
     * away. Default 7d.
     */
    @WithDefault("7d")
    @WithConverter(SecondsOrDurationConverter.class)
    @PositiveDuration
    Duration ttl();

    /**
     * Most sites the in-process (embedded) store keeps; the rest are not tracked. Default 200000.
     */
    @WithDefault("200000")
    @Min(value = 1, message = "must be at least 1 (got ${validatedValue})")
    int localMaxSites();
  }
}
