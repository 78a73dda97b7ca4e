package org.allsitescron.config;

import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;
import jakarta.annotation.Priority;
import java.util.Locale;

/**
 * Accepts the JDBC URL most WordPress operators have at hand for the network's database: {@code
 * jdbc:mysql://…} and {@code jdbc:mariadb://…} in {@code quarkus.datasource.reactive.url} are read
 * as the reactive client's {@code mysql://…} (host, port, database and parameters unchanged). Any
 * other {@code jdbc:} URL stops start-up naming the key and the form to use, instead of the
 * client's stack trace.
 */
@Priority(Priorities.APPLICATION)
public class JdbcUrlInterceptor implements ConfigSourceInterceptor {

  /** The key the reactive MySQL client reads. */
  public static final String KEY = "quarkus.datasource.reactive.url";

  private static final String FORM = "mysql://<host>:3306/<database>";

  @Override
  public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
    ConfigValue value = context.proceed(name);
    if (!KEY.equals(name) || value == null || value.getValue() == null) {
      return value;
    }
    String url = value.getValue().trim();
    return isJdbc(url) ? value.withValue(translate(url)) : value;
  }

  /** Whether {@code url} is a JDBC URL (which the interceptor translates or refuses). */
  public static boolean isJdbc(String url) {
    return url.trim().toLowerCase(Locale.ROOT).startsWith("jdbc:");
  }

  /** The URL without what may be secret: the user info and the parameters. */
  private static String shown(String url) {
    return url.replaceFirst("//[^/@]*@", "//****@").replaceFirst("[?;].*$", "?…");
  }

  /** The reactive client's form of a MySQL or MariaDB JDBC URL; refuses any other database. */
  public static String translate(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    for (String scheme : new String[] {"jdbc:mysql://", "jdbc:mariadb://"}) {
      if (lower.startsWith(scheme)) {
        return "mysql://" + url.substring(scheme.length());
      }
    }
    String kind = lower.replaceFirst("^jdbc:([a-z0-9]*).*$", "$1");
    throw new ConfigurationException(
        "Invalid configuration:\n  - "
            + KEY
            + "="
            + shown(url)
            + " is a JDBC URL for '"
            + kind
            + "': the site database must be MySQL or MariaDB; use "
            + FORM
            + " (jdbc:mysql:// and jdbc:mariadb:// are read as mysql://)");
  }
}
