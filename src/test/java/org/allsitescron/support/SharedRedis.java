package org.allsitescron.support;

/**
 * The machine's Redis that the tests share. Its port comes from {@code ASC_TEST_REDIS_PORT}
 * (default 6379), so two builds on one machine can each point their tests at a redis-server of
 * their own and never touch each other's keys.
 */
public final class SharedRedis {

  /** The port of the shared Redis on 127.0.0.1. */
  public static final int PORT =
      Integer.parseInt(System.getenv().getOrDefault("ASC_TEST_REDIS_PORT", "6379"));

  private SharedRedis() {}

  /** A Quarkus Redis URL for one database index of the shared Redis. */
  public static String url(int database) {
    return "redis://127.0.0.1:" + PORT + "/" + database;
  }
}
