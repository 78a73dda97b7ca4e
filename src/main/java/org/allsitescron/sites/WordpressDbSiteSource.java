package org.allsitescron.sites;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.mysqlclient.MySQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Queue;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.allsitescron.config.ConfigChecks;
import org.allsitescron.config.CronConfig;
import org.allsitescron.config.SiteUrl;
import org.allsitescron.logging.OutageLog;

/**
 * The network's own {@code wp_blogs}, read-only, one keyset batch at a time. A site's URL is its
 * own {@code siteurl} option, or {@code scheme://domain/path} when that option is missing or
 * unusable.
 *
 * <p>Duplicates within a run, with memory that does not grow with the network: blog ids are unique
 * by the keyset itself. Two blogs can only share a URL when at least one of them is "moved" (its
 * {@code siteurl} names another host or path than its own {@code domain} and {@code path}, which
 * are unique in a network). So a run keeps the normalized URLs of the moved sites only (at most
 * {@link #MOVED_TRACKED}); any site whose URL is among them is a duplicate, and a moved site is
 * also looked up, one query per batch, among the earlier eligible blogs whose own domain and path
 * it names.
 */
public final class WordpressDbSiteSource implements SiteSource {

  /*
   * Flags compared with string literals: they are tinyint on current WordPress and enum('0','1')
   * on networks created before 3.x, where `archived = 0` would compare the enum index instead.
   */
  private static final String CRON_OPTIONS = "'cron', '_transient_doing_cron'";
  private static final String SITE_AND_CRON_OPTIONS = "'siteurl', " + CRON_OPTIONS;

  private static final String ELIGIBLE =
      "public = '1' AND archived = '0' AND deleted = '0' AND spam = '0'";

  /**
   * Most moved sites whose URLs a run remembers; past it, later moved sites are not deduplicated.
   */
  static final int MOVED_TRACKED = 100_000;

  private final Pool pool;
  private final String prefix;
  private final OptionalInt networkId;
  private final String scheme;
  private final int batchSize;

  /**
   * Batches whose options are read at once, ahead of the one handed on: the database opens their
   * tables in parallel ({@code sites.wordpress-db.parallel-reads}; on 10,000 options tables and 2
   * cores, 4 parallel readers were the fastest of 1, 2, 4 and 8: docs/benchmarks.md).
   */
  private final int readAhead;

  private final boolean readCron;
  private final OutageLog outages = new OutageLog("Site database");

  public WordpressDbSiteSource(Pool pool, CronConfig config) {
    CronConfig.Sites.WordpressDb db = config.sites().wordpressDb();
    this.pool = pool;
    this.prefix = db.tablePrefix();
    this.networkId = db.networkId();
    this.scheme = db.scheme();
    this.batchSize = config.batchSize();
    this.readAhead = db.parallelReads();
    this.readCron = config.effectiveCronCheckMode() != CronConfig.CronCheckMode.OFF;
  }

  @Override
  public Multi<Site> sites(int limit, long afterId) {
    return Multi.createBy()
        .repeating()
        .uni(() -> new Cursor(limit, afterId), this::nextBatch)
        .until(List::isEmpty)
        .invoke(outages::ok)
        .onItem()
        .transformToIterable(Function.identity())
        .onFailure()
        .transform(this::unavailable);
  }

  @Override
  public Uni<Long> count(int limit) {
    return pool.preparedQuery("SELECT COUNT(*) FROM " + blogsTable() + " WHERE " + filter())
        .execute(networkArgs(Tuple.tuple()))
        .map(rows -> Math.min(limit, rows.iterator().next().getLong(0)))
        .invoke(outages::ok)
        .onFailure()
        .transform(this::unavailable);
  }

  /**
   * Tables under the prefix that say the network keeps its cron events outside the {@code cron}
   * option: Cavalcade's {@code cavalcade_jobs}, Cron-Control's {@code a8c_cron_control_jobs}.
   */
  @Override
  public Uni<List<String>> cronStoredElsewhere() {
    return pool.preparedQuery(
            "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"
                + " AND TABLE_NAME IN (?, ?) ORDER BY TABLE_NAME")
        .execute(Tuple.of(prefix + "cavalcade_jobs", prefix + "a8c_cron_control_jobs"))
        .map(rows -> stream(rows).map(row -> row.getString(0)).toList());
  }

  /**
   * The cron state of the given blogs, read in one query (a {@code UNION ALL} over their options
   * tables) with the database's clock. A blog whose table is gone fails the whole read.
   */
  @Override
  public Uni<Map<Long, CronState>> cronStates(Collection<Long> blogIds) {
    if (blogIds.isEmpty()) {
      return Uni.createFrom().item(Map.of());
    }
    String union =
        blogIds.stream()
            .map(id -> optionsSelect(id, CRON_OPTIONS))
            .collect(Collectors.joining(" UNION ALL "));
    return pool.query(union)
        .execute()
        .map(
            rows -> {
              Map<Long, Options> options = collect(rows);
              Map<Long, CronState> states = new HashMap<>();
              for (long id : blogIds) {
                states.put(id, cronState(options.get(id)));
              }
              return states;
            });
  }

  /**
   * What a run reads, tried for real: one row of {@code <prefix>blogs}, blog 1's {@code siteurl}
   * from {@code <prefix>options} and the same from the options table of the next blog, so wrong
   * credentials and a missing grant show, not only an unreachable server, including a grant given
   * by name on {@code <prefix>blogs} and {@code <prefix>options} alone (which would make every
   * other site {@code unknown}). That blog's table missing is no grant problem: not a failure.
   */
  @Override
  public Uni<Void> check() {
    return pool.query("SELECT blog_id FROM " + blogsTable() + " LIMIT 1")
        .execute()
        .chain(() -> readSiteUrl(1))
        .chain(
            () ->
                pool.query("SELECT MIN(blog_id) FROM " + blogsTable() + " WHERE blog_id > 1")
                    .execute())
        .chain(
            rows -> {
              Long next = rows.iterator().next().getLong(0);
              if (next == null) {
                return Uni.createFrom().voidItem();
              }
              return readSiteUrl(next)
                  .onFailure(e -> e instanceof MySQLException mysql && mysql.getErrorCode() == 1146)
                  .recoverWithNull()
                  .replaceWithVoid();
            })
        .invoke(outages::ok)
        .onFailure()
        .transform(this::unavailable);
  }

  private Uni<Void> readSiteUrl(long blogId) {
    return pool.query(
            "SELECT option_value FROM `"
                + optionsTable(blogId)
                + "` WHERE option_name = 'siteurl' LIMIT 1")
        .execute()
        .replaceWithVoid();
  }

  /** Classifies a failure and logs it, once per outage (the details name user and host). */
  private SiteSourceUnavailableException unavailable(Throwable failure) {
    SiteSourceUnavailableException unavailable = SiteSourceUnavailableException.of(failure);
    outages.failed(unavailable.reason().label(), unavailable.getMessage());
    return unavailable;
  }

  @Override
  public String describe() {
    return "wordpress-db (" + prefix + "blogs)";
  }

  /**
   * The next batch, in keyset order. Each call first reads the following {@code <prefix>blogs}
   * batch (or, once they are all read, asks the database {@code SELECT 1}) and starts its options
   * read; only when that round trip succeeded is the oldest batch read ahead handed on, so a batch
   * is never handed on after the database was lost, as when each batch was read on demand. The
   * options reads (the {@code UNION ALL} of each batch, where a run spends its database time: one
   * table open per blog) of up to {@link #readAhead} batches run at once, on as many connections.
   */
  private Uni<List<Site>> nextBatch(Cursor cursor) {
    if (cursor.exhausted() && cursor.ahead.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    return fill(cursor)
        .chain(() -> cursor.ahead.isEmpty() ? Uni.createFrom().item(List.of()) : handOn(cursor));
  }

  /** Reads blog batches until {@link #readAhead} are read ahead, at least one round trip. */
  private Uni<Void> fill(Cursor cursor) {
    if (cursor.exhausted()) {
      return pool.query("SELECT 1").execute().replaceWithVoid();
    }
    return readBlogs(cursor.afterId, Math.min(batchSize, cursor.remaining))
        .invoke(cursor::advance)
        .invoke(blogs -> cursor.readAhead(blogs, blogs.isEmpty() ? null : startOptions(blogs)))
        .chain(
            () ->
                cursor.exhausted() || cursor.ahead.size() >= readAhead
                    ? Uni.createFrom().voidItem()
                    : fill(cursor));
  }

  /** The oldest batch read ahead, with its options, its duplicates marked (in keyset order). */
  private Uni<List<Site>> handOn(Cursor cursor) {
    ReadAhead batch = cursor.ahead.poll();
    return batch
        .options()
        .map(options -> batch.blogs().stream().map(b -> toSite(b, options.get(b.id))).toList())
        .chain(sites -> markDuplicates(cursor, batch.blogs(), sites));
  }

  /** The batch's options read, started now (not on subscription), its result kept. */
  private Uni<Map<Long, Options>> startOptions(List<BlogRow> blogs) {
    Uni<Map<Long, Options>> options = withSiteUrls(blogs).memoize().indefinitely();
    // Its failure is seen by the run when the batch's turn comes, not here.
    options.subscribe().with(ignored -> {}, ignored -> {});
    return options;
  }

  /**
   * Marks the batch's duplicates: sites whose URL a moved site of this run already had, and moved
   * sites whose URL an earlier blog has as its own.
   */
  private Uni<List<Site>> markDuplicates(Cursor cursor, List<BlogRow> blogs, List<Site> sites) {
    List<Site> marked = new ArrayList<>(sites);
    List<Integer> moved = new ArrayList<>();
    for (int i = 0; i < marked.size(); i++) {
      Site site = marked.get(i);
      String key = site.key();
      if (cursor.movedKeys.contains(key)) {
        marked.set(i, site.asDuplicate());
      } else if (isMoved(blogs.get(i), site)) {
        cursor.remember(key);
        moved.add(i);
      }
    }
    if (moved.isEmpty()) {
      return Uni.createFrom().item(marked);
    }
    return earlierOwners(moved.stream().map(marked::get).toList())
        .map(
            owners -> {
              for (int i : moved) {
                Site site = marked.get(i);
                // Same key and found by its own domain and path: the owner is not moved itself.
                boolean owned =
                    owners.stream()
                        .anyMatch(
                            owner -> owner.id() < site.id() && owner.key().equals(site.key()));
                if (owned) {
                  marked.set(i, site.asDuplicate());
                }
              }
              return marked;
            });
  }

  /** Eligible blogs whose own domain and path a moved site names, with their URLs. */
  private Uni<List<Site>> earlierOwners(List<Site> movedSites) {
    List<String> clauses = new ArrayList<>();
    Tuple args = networkArgs(Tuple.tuple());
    for (Site site : movedSites) {
      SiteUrl url = parseOrNull(site.url());
      if (url == null) {
        continue;
      }
      clauses.add("(domain = ? AND path = ? AND blog_id < ?)");
      args.addString(domain(url)).addString(blogPath(url)).addLong(site.id());
    }
    if (clauses.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    String sql =
        "SELECT blog_id, domain, path FROM "
            + blogsTable()
            + " WHERE "
            + filter()
            + " AND ("
            + String.join(" OR ", clauses)
            + ")";
    return pool.preparedQuery(sql)
        .execute(args)
        .map(rows -> stream(rows).map(BlogRow::from).toList())
        .chain(this::asSites);
  }

  /** The blogs as sites, their URLs from their own {@code siteurl} options. */
  private Uni<List<Site>> asSites(List<BlogRow> blogs) {
    return withSiteUrls(blogs)
        .map(options -> blogs.stream().map(blog -> toSite(blog, options.get(blog.id))).toList());
  }

  /** Whether the site's URL names another host or path than the blog's own domain and path. */
  private boolean isMoved(BlogRow blog, Site site) {
    SiteUrl url = parseOrNull(site.url());
    SiteUrl own = parseOrNull(scheme + "://" + blog.domain + blog.path);
    if (url == null || own == null) {
      return false;
    }
    return !(domain(url) + blogPath(url)).equals(domain(own) + blogPath(own));
  }

  /** {@code host[:port]} as WordPress keeps it in {@code wp_blogs.domain}. */
  private static String domain(SiteUrl url) {
    return url.asciiHost() + (url.hasDefaultPort() ? "" : ":" + url.effectivePort());
  }

  /** The path as WordPress keeps it in {@code wp_blogs.path}: with a trailing slash. */
  private static String blogPath(SiteUrl url) {
    String path = url.path();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return path + "/";
  }

  private static SiteUrl parseOrNull(String url) {
    try {
      return SiteUrl.parse(url);
    } catch (SiteUrl.Invalid e) {
      return null;
    }
  }

  /** {@code SELECT blog_id, domain, path … WHERE blog_id > ? ORDER BY blog_id LIMIT ?}. */
  private Uni<List<BlogRow>> readBlogs(long afterId, int size) {
    String sql =
        "SELECT blog_id, domain, path FROM "
            + blogsTable()
            + " WHERE blog_id > ? AND "
            + filter()
            + " ORDER BY blog_id LIMIT ?";
    return pool.preparedQuery(sql)
        .execute(networkArgs(Tuple.of(afterId)).addInteger(size))
        .map(rows -> stream(rows).map(BlogRow::from).toList());
  }

  /**
   * The batch's options, in one query when every blog's options table can be read. Only when the
   * union names a missing table (a blog dropped by hand) or one the user may not read is {@code
   * information_schema} asked which exist (it lists only the tables the user may read) and the
   * union read again without the others, whose sites are then {@code unknown}: that lookup by a
   * list of names makes MariaDB list the whole database's directory (its plan says "Scanned 1
   * database"), which on a network of 10,000 blogs cost more than the options read itself
   * (docs/benchmarks.md).
   */
  private Uni<Map<Long, Options>> withSiteUrls(List<BlogRow> blogs) {
    if (blogs.isEmpty()) {
      return Uni.createFrom().item(Map.of());
    }
    return siteUrlOptions(blogs, null)
        .onFailure(WordpressDbSiteSource::isMissingOrDenied)
        .recoverWithUni(
            () -> existingOptionTables(blogs).chain(tables -> siteUrlOptions(blogs, tables)));
  }

  /** ER_NO_SUCH_TABLE, ER_TABLEACCESS_DENIED_ERROR: a table the query named cannot be read. */
  private static boolean isMissingOrDenied(Throwable failure) {
    return failure instanceof MySQLException mysql
        && (mysql.getErrorCode() == 1146 || mysql.getErrorCode() == 1142);
  }

  /** Which of the batch's options tables exist and may be read (after the union failed). */
  private Uni<Set<String>> existingOptionTables(List<BlogRow> blogs) {
    String placeholders = blogs.stream().map(b -> "?").collect(Collectors.joining(","));
    Tuple names = Tuple.tuple();
    blogs.forEach(blog -> names.addString(optionsTable(blog.id)));
    return pool.preparedQuery(
            "SELECT TABLE_NAME FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN ("
                + placeholders
                + ")")
        .execute(names)
        .map(rows -> stream(rows).map(row -> row.getString(0)).collect(Collectors.toSet()));
  }

  /**
   * One round trip for the batch: a {@code UNION ALL} of each blog's {@code siteurl} option and,
   * with a cron check, its {@code cron} option and {@code doing_cron} lock, each row with the
   * database's {@code UNIX_TIMESTAMP()}. {@code tables}: the options tables that exist, or null to
   * name every blog's.
   */
  private Uni<Map<Long, Options>> siteUrlOptions(List<BlogRow> blogs, Set<String> tables) {
    String names = readCron ? SITE_AND_CRON_OPTIONS : "'siteurl'";
    String union =
        blogs.stream()
            .filter(blog -> tables == null || tables.contains(optionsTable(blog.id)))
            .map(blog -> optionsSelect(blog.id, names))
            .collect(Collectors.joining(" UNION ALL "));
    if (union.isEmpty()) {
      return Uni.createFrom().item(Map.of());
    }
    return pool.query(union).execute().map(WordpressDbSiteSource::collect);
  }

  private String optionsSelect(long blogId, String optionNames) {
    return ("SELECT %d AS blog_id, option_name, option_value, UNIX_TIMESTAMP() AS db_now"
            + " FROM `%s` WHERE option_name IN (%s)")
        .formatted(blogId, optionsTable(blogId), optionNames);
  }

  private static Map<Long, Options> collect(Iterable<Row> rows) {
    Map<Long, Options> options = new HashMap<>();
    for (Row row : rows) {
      Options blog = options.computeIfAbsent(row.getLong(0), id -> new Options());
      blog.dbNow = row.getLong(3);
      switch (row.getString(1)) {
        case "siteurl" -> blog.siteUrl = row.getString(2);
        case "cron" -> blog.cron = row.getString(2);
        default -> blog.doingCron = row.getString(2);
      }
    }
    return options;
  }

  private Site toSite(BlogRow blog, Options options) {
    CronState cron = readCron ? cronState(options) : null;
    String siteUrl = options == null ? null : options.siteUrl;
    if (siteUrl != null && ConfigChecks.siteUrlProblem(siteUrl) == null) {
      return new Site(blog.id, siteUrl, cron);
    }
    return new Site(blog.id, scheme + "://" + blog.domain + blog.path, cron);
  }

  /** No row at all: the options table is missing (or empty, which WordPress cannot run with). */
  private CronState cronState(Options options) {
    if (options == null) {
      return CronState.unknown("no options table or no options");
    }
    return CronState.of(
        options.cron, options.doingCron, options.dbNow, CronState.WP_CRON_LOCK_TIMEOUT_SECONDS);
  }

  private String filter() {
    return networkId.isPresent() ? ELIGIBLE + " AND site_id = ?" : ELIGIBLE;
  }

  private Tuple networkArgs(Tuple tuple) {
    networkId.ifPresent(tuple::addInteger);
    return tuple;
  }

  private String blogsTable() {
    return "`" + prefix + "blogs`";
  }

  /** Blog 1 keeps its options in {@code <prefix>options}, every other in {@code <prefix><id>_}. */
  private String optionsTable(long blogId) {
    return blogId == 1 ? prefix + "options" : prefix + blogId + "_options";
  }

  private static Stream<Row> stream(Iterable<Row> rows) {
    return StreamSupport.stream(rows.spliterator(), false);
  }

  /**
   * Where the next batch starts, how many sites are still wanted, and the batches read ahead (their
   * options reads started), oldest first.
   */
  private static final class Cursor {
    private long afterId;
    private int remaining;
    private boolean ended;
    private final Queue<ReadAhead> ahead = new ArrayDeque<>();
    private final Set<String> movedKeys = new HashSet<>();
    private boolean warned;

    private void remember(String key) {
      if (movedKeys.size() < MOVED_TRACKED) {
        movedKeys.add(key);
      } else if (!warned) {
        warned = true;
        Log.warnf(
            "More than %d sites have a siteurl other than their domain and path: later ones are"
                + " not checked for duplicates in this run",
            MOVED_TRACKED);
      }
    }

    private Cursor(int limit, long afterId) {
      this.remaining = limit;
      this.afterId = afterId;
    }

    private void advance(List<BlogRow> batch) {
      if (!batch.isEmpty()) {
        afterId = batch.get(batch.size() - 1).id;
      }
      remaining -= batch.size();
      ended |= batch.isEmpty();
    }

    private void readAhead(List<BlogRow> blogs, Uni<Map<Long, Options>> options) {
      if (!blogs.isEmpty()) {
        ahead.add(new ReadAhead(blogs, options));
      }
    }

    /** Whether every wanted blog of {@code <prefix>blogs} has been read. */
    private boolean exhausted() {
      return ended || remaining == 0;
    }
  }

  /** A batch of blogs read ahead, and the read of their options (running or done). */
  private record ReadAhead(List<BlogRow> blogs, Uni<Map<Long, Options>> options) {}

  /** The rows read for one blog. */
  private static final class Options {
    private String siteUrl;
    private String cron;
    private String doingCron;
    private long dbNow;
  }

  private record BlogRow(long id, String domain, String path) {
    static BlogRow from(Row row) {
      return new BlogRow(row.getLong("blog_id"), row.getString("domain"), row.getString("path"));
    }
  }
}
