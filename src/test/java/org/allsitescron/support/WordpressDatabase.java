package org.allsitescron.support;

import io.vertx.core.Vertx;
import io.vertx.mysqlclient.MySQLConnectOptions;
import io.vertx.mysqlclient.MySQLConnection;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A WordPress-shaped multisite database in the local MariaDB (WordPress's own column types), owned
 * by the tests: {@link #create()} drops and recreates it.
 */
public final class WordpressDatabase implements AutoCloseable {

  public static final String HOST = "127.0.0.1";
  public static final int PORT = 3306;
  public static final String USER = "root";
  public static final String PASSWORD = "";

  /** {@code wp_blogs}, then {@code wp_options}, from {@code wordpress-schema.sql}. */
  private static final List<String> SCHEMA = readSchema();

  private final Vertx vertx = Vertx.vertx();
  private final String name;
  private final MySQLConnection connection;

  public WordpressDatabase(String name) {
    this.name = name;
    this.connection =
        await(
            MySQLConnection.connect(
                vertx,
                new MySQLConnectOptions()
                    .setHost(HOST)
                    .setPort(PORT)
                    .setUser(USER)
                    .setPassword(PASSWORD)));
  }

  /** A pool of at most {@code maxSize} connections to this database through {@code port}. */
  public io.vertx.mutiny.mysqlclient.MySQLPool pool(
      io.vertx.mutiny.core.Vertx vertx, int port, int maxSize) {
    return io.vertx.mutiny.mysqlclient.MySQLPool.pool(
        vertx,
        new MySQLConnectOptions()
            .setHost(HOST)
            .setPort(port)
            .setUser(USER)
            .setPassword(PASSWORD)
            .setDatabase(name),
        new PoolOptions().setMaxSize(maxSize));
  }

  /** The reactive datasource URL of this database. */
  public String reactiveUrl() {
    return "mysql://" + HOST + ":" + PORT + "/" + name;
  }

  public String name() {
    return name;
  }

  /** Drops and recreates the database with an empty {@code wp_blogs} and {@code wp_options}. */
  public WordpressDatabase create() {
    execute("DROP DATABASE IF EXISTS `" + name + "`");
    execute("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4");
    execute("USE `" + name + "`");
    execute(SCHEMA.get(0));
    createOptionsTable(1);
    return this;
  }

  /** Creates {@code wp_options} (blog 1) or {@code wp_<id>_options}. */
  public void createOptionsTable(long blogId) {
    execute(
        SCHEMA
            .get(1)
            .replace(
                "CREATE TABLE wp_options",
                "CREATE TABLE IF NOT EXISTS `" + optionsTable(blogId) + "`"));
  }

  /** Drops the database (at the end of the test JVM). */
  public void drop() {
    execute("DROP DATABASE IF EXISTS `" + name + "`");
  }

  /** Inserts a blog row. */
  public void addBlog(Blog blog) {
    await(
        connection
            .preparedQuery(
                "INSERT INTO wp_blogs (blog_id, site_id, domain, path, public, archived, spam,"
                    + " deleted) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
            .execute(
                Tuple.of(
                        blog.id(),
                        blog.networkId(),
                        blog.domain(),
                        blog.path(),
                        blog.isPublic() ? 1 : 0,
                        blog.archived() ? 1 : 0,
                        blog.spam() ? 1 : 0)
                    .addInteger(blog.deleted() ? 1 : 0)));
  }

  /** Sets a blog's {@code siteurl} option, creating its options table when needed. */
  public void setSiteUrl(long blogId, String siteUrl) {
    createOptionsTable(blogId);
    await(
        connection
            .preparedQuery(
                "REPLACE INTO `"
                    + optionsTable(blogId)
                    + "` (option_name, option_value) VALUES ('siteurl', ?)")
            .execute(Tuple.of(siteUrl)));
  }

  /** Sets a flag column ({@code public}, {@code archived}, {@code spam}, {@code deleted}). */
  public void setFlag(long blogId, String column, boolean value) {
    if (!List.of("public", "archived", "spam", "deleted").contains(column)) {
      throw new IllegalArgumentException(column);
    }
    await(
        connection
            .preparedQuery("UPDATE wp_blogs SET `" + column + "` = ? WHERE blog_id = ?")
            .execute(Tuple.of(value ? 1 : 0, blogId)));
  }

  /** Runs one statement. */
  public void execute(String sql) {
    await(connection.query(sql).execute());
  }

  /** The first column of every row of {@code sql}, as strings. */
  public List<String> column(String sql) {
    List<String> values = new ArrayList<>();
    for (Row row : await(connection.query(sql).execute())) {
      values.add(String.valueOf(row.getValue(0)));
    }
    return values;
  }

  @Override
  public void close() throws Exception {
    await(connection.close());
    await(vertx.close());
  }

  private static List<String> readSchema() {
    try (InputStream in = WordpressDatabase.class.getResourceAsStream("/wordpress-schema.sql")) {
      String sql =
          new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^--.*$", "");
      return Arrays.stream(sql.split(";")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String optionsTable(long blogId) {
    return blogId == 1 ? "wp_options" : "wp_" + blogId + "_options";
  }

  private static <T> T await(io.vertx.core.Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("database call failed: " + e.getMessage(), e);
    }
  }

  /** A row of {@code wp_blogs}. */
  public record Blog(
      long id,
      int networkId,
      String domain,
      String path,
      boolean isPublic,
      boolean archived,
      boolean spam,
      boolean deleted) {

    public static Blog eligible(long id, String domain, String path) {
      return new Blog(id, 1, domain, path, true, false, false, false);
    }
  }
}
