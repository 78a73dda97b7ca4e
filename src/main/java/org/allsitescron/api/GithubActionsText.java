package org.allsitescron.api;

import java.util.List;
import java.util.function.Predicate;
import org.allsitescron.run.Outcome;
import org.allsitescron.run.RunReport;
import org.allsitescron.run.SiteOutcome;

/**
 * The {@code ga=1} answer: GitHub Actions workflow commands, one a line. Everything that comes from
 * a site is escaped the way the runner unescapes it, so no site can inject a command.
 */
final class GithubActionsText {

  /** Failed (and, apart, timed-out) sites listed one a line before a count of the rest. */
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
    List<SiteOutcome> failed = report.failedSites();
    appendSites(
        text,
        failed,
        Outcome::isError,
        report.errors(),
        "::error title=wp-cron failed::",
        "::error::and %d more failed sites\n");
    appendSites(
        text,
        failed,
        Outcome.TIMEOUT::equals,
        report.timeouts(),
        "::warning::",
        "::warning::and %d more timed-out sites\n");
    appendSites(
        text,
        failed,
        Outcome.STILL_DUE::equals,
        report.stillDue(),
        "::warning title=cron did not run::",
        "::warning::and %d more sites whose cron did not run\n");
    String summary =
        "%s: %d sites, %d ok, %d errors, %d timeouts%s in %d ms (run %s)"
            .formatted(
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
    return "; %d requested, cron %s: %d ran, %d still due, %d not due, %d busy, %d unknown"
        .formatted(
            report.requested(),
            report.cron().mode(),
            report.cron().ran(),
            report.cron().stillDue(),
            report.cron().notDue(),
            report.cron().busy(),
            report.cron().unknown());
  }

  /**
   * The failed sites whose outcome is {@code of}: each on a line starting with {@code command}, at
   * most {@link #LISTED_SITES}, then the count of the rest of {@code total} in {@code rest}.
   */
  private static void appendSites(
      StringBuilder text,
      List<SiteOutcome> failed,
      Predicate<Outcome> of,
      long total,
      String command,
      String rest) {
    List<SiteOutcome> listed =
        failed.stream().filter(site -> of.test(site.outcome())).limit(LISTED_SITES).toList();
    listed.forEach(
        site ->
            text.append(command).append(escapeData(site.url() + " " + reason(site))).append('\n'));
    if (total > listed.size()) {
      text.append(rest.formatted(total - listed.size()));
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
