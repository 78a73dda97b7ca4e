package org.allsitescron.sites;

import io.vertx.mysqlclient.MySQLException;
import java.util.concurrent.TimeoutException;
import org.allsitescron.logging.DependencyUnavailableException;
import org.allsitescron.logging.Refusal;

/**
 * The site source (the network's database) cannot be read: unreachable, refusing the credentials,
 * missing a grant or a table. {@link #reason()} says why in words safe to show to anyone (no host,
 * user or password, which MariaDB's own messages carry); {@link #getMessage()} keeps the client's
 * text for the log.
 */
public class SiteSourceUnavailableException extends DependencyUnavailableException {

  /** Why the database cannot be read; the label is what readiness and error bodies show. */
  public enum Reason implements Refusal {
    UNREACHABLE,
    ACCESS_DENIED,
    NO_GRANT,
    MISSING_TABLE,
    ERROR;

    @Override
    public String explanation() {
      return switch (this) {
        case UNREACHABLE -> "the site database cannot be reached";
        case ACCESS_DENIED ->
            "the site database refuses the service's credentials (access denied): check"
                + " quarkus.datasource.username and quarkus.datasource.password";
        case NO_GRANT ->
            "the database user may not read the network's tables (SELECT denied): grant SELECT"
                + " on the blogs and options tables";
        case MISSING_TABLE ->
            "a table of the network is missing: check sites.wordpress-db.table-prefix and the"
                + " database name";
        case ERROR -> "the site database answered with an error (see the service's log)";
      };
    }
  }

  SiteSourceUnavailableException(Reason reason, String message, Throwable cause) {
    super(reason, message, cause);
  }

  public Reason reason() {
    return (Reason) refusal();
  }

  /** The failure of a database query, classified; one already classified is kept as it is. */
  public static SiteSourceUnavailableException of(Throwable failure) {
    if (failure instanceof SiteSourceUnavailableException known) {
      return known;
    }
    String detail = failure.getMessage() == null ? failure.toString() : failure.getMessage();
    return new SiteSourceUnavailableException(
        reasonOf(failure), "site database: " + detail, failure);
  }

  private static Reason reasonOf(Throwable failure) {
    if (failure instanceof MySQLException mysql) {
      return switch (mysql.getErrorCode()) {
        // ER_DBACCESS_DENIED_ERROR, ER_ACCESS_DENIED_ERROR, ER_ACCESS_DENIED_NO_PASSWORD_ERROR
        case 1044, 1045, 1698 -> Reason.ACCESS_DENIED;
        // ER_TABLEACCESS_DENIED_ERROR, ER_COLUMNACCESS_DENIED_ERROR, ER_SPECIFIC_ACCESS_DENIED
        case 1142, 1143, 1227 -> Reason.NO_GRANT;
        // ER_NO_SUCH_TABLE, ER_BAD_DB_ERROR
        case 1146, 1049 -> Reason.MISSING_TABLE;
        // ER_CON_COUNT_ERROR, too many connections, server shutting down
        case 1040, 1203, 1053 -> Reason.UNREACHABLE;
        default -> Reason.ERROR;
      };
    }
    if (failure instanceof java.io.IOException
        || failure instanceof TimeoutException
        || failure instanceof io.vertx.core.VertxException
        || failure instanceof io.smallrye.mutiny.TimeoutException) {
      return Reason.UNREACHABLE;
    }
    return failure.getCause() != null && failure.getCause() != failure
        ? reasonOf(failure.getCause())
        : Reason.ERROR;
  }
}
