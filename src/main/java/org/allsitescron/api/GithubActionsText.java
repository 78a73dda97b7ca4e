package org.allsitescron.api;

import java.util.List;
import java.util.Locale;
import org.allsitescron.run.Outcome;
import org.allsitescron.run.RunReport;
import org.allsitescron.run.SiteOutcome;

/**
 * The {@code ga=1} answer: GitHub Actions workflow commands, one a line. Everything that comes from
 * a site is escaped the way the runner unescapes it, so no site can inject a command.
 */
final class GithubActionsText {

  /** Sites of each group listed one a line before a count of the rest. */
  static final int LISTED_SITES = 50;

  private GithubActionsText() {}

  /** {@code ::notice::} below 400, {@code ::warning::} for 409, {@code ::error::} otherwise. */
  static String message(int status, String message) {
    String command = status < 400 ? "notice" : status == 409 ? "warning" : "error";
    return "::" + command + "::" + escapeData(message) + "\n";
  }

  /** A finished run: the opening notice, a line per failed site, a closing summary. */
  static String report(RunReport report) {
    StringBuilder text = new StringBuilder();
    text.append("::notice::Running wp-cron on ").append(report.count()).append(" sites\n");
    for (Group group : Group.values()) {
      appendSites(text, report, group);
    }
    String summary =
        String.format(
            Locale.ROOT,
            "%s: %d sites, %d ok, %d errors, %d timeouts%s in %d ms (run %s)",
            report.hasErrors() ? "Completed with " + report.errors() + " error(s)" : "Done",
            report.count(),
            report.ok(),
            report.errors(),
            report.timeouts(),
            cronCounts(report),
            report.durationMs(),
            report.runId());
    String command =
        report.hasErrors() ? "::error::" : report.stillDue() > 0 ? "::warning::" : "::notice::";
    text.append(command).append(escapeData(summary)).append('\n');
    return text.toString();
  }

  private static String cronCounts(RunReport report) {
    if (report.cron() == null) {
      return "";
    }
    return String.format(
        Locale.ROOT,
        "; %d requested, cron %s: %d ran, %d still due, %d not due, %d busy, %d unknown",
        report.requested(),
        report.cron().mode(),
        report.cron().ran(),
        report.cron().stillDue(),
        report.cron().notDue(),
        report.cron().busy(),
        report.cron().unknown());
  }

  /** The groups failed sites are listed in, each with its own command and count of the rest. */
  private enum Group {
    FAILED("::error title=wp-cron failed::", "::error::and %d more failed sites\n"),
    TIMED_OUT("::warning::", "::warning::and %d more timed-out sites\n"),
    STILL_DUE(
        "::warning title=cron did not run::",
        "::warning::and %d more sites whose cron did not run\n");

    private final String command;
    private final String rest;

    Group(String command, String rest) {
      this.command = command;
      this.rest = rest;
    }

    /** The group a site is listed in; null for an outcome that never fails a site. */
    static Group of(Outcome outcome) {
      return switch (outcome) {
        case HTTP_ERROR, CONNECT_ERROR, TLS_ERROR -> FAILED;
        case TIMEOUT -> TIMED_OUT;
        case STILL_DUE -> STILL_DUE;
        case OK, BACKOFF, NOT_REQUESTED -> null;
      };
    }

    /** How many sites of the run are in this group, listed or not. */
    long total(RunReport report) {
      return switch (this) {
        case FAILED -> report.errors();
        case TIMED_OUT -> report.timeouts();
        case STILL_DUE -> report.stillDue();
      };
    }
  }

  /**
   * The failed sites of {@code group}: each on a line of its own, at most {@link #LISTED_SITES},
   * then the count of the rest.
   */
  private static void appendSites(StringBuilder text, RunReport report, Group group) {
    List<SiteOutcome> listed =
        report.failedSites().stream()
            .filter(site -> Group.of(site.outcome()) == group)
            .limit(LISTED_SITES)
            .toList();
    listed.forEach(
        site ->
            text.append(group.command)
                .append(escapeData(site.url() + " " + reason(site)))
                .append('\n'));
    long rest = group.total(report) - listed.size();
    if (rest > 0) {
      text.append(String.format(Locale.ROOT, group.rest, rest));
    }
  }

  private static String reason(SiteOutcome site) {
    return site.outcome().label() + (site.error() == null ? "" : ": " + site.error());
  }

  /**
   * Escapes a command's message ({@code %}, CR, LF). Nothing from a site goes into a property, so
   * {@code :} and {@code ,} need no escaping here.
   */
  static String escapeData(String value) {
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }
}
