package org.allsitescron.api;

import java.util.List;
import org.allsitescron.dispatch.Outcome;
import org.allsitescron.dispatch.SiteOutcome;
import org.allsitescron.run.RunReport;

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
    appendSites(text, failed, report.errors(), false);
    appendSites(text, failed, report.timeouts(), true);
    String summary =
        "%s: %d sites, %d ok, %d errors, %d timeouts in %d ms (run %s)"
            .formatted(
                report.hasErrors() ? "Completed with " + report.errors() + " error(s)" : "Done",
                report.count(),
                report.ok(),
                report.errors(),
                report.timeouts(),
                report.durationMs(),
                report.runId());
    text.append(report.hasErrors() ? "::error::" : "::notice::")
        .append(escapeData(summary))
        .append('\n');
    return text.toString();
  }

  private static void appendSites(
      StringBuilder text, List<SiteOutcome> failed, long total, boolean timeouts) {
    List<SiteOutcome> listed =
        failed.stream()
            .filter(site -> (site.outcome() == Outcome.TIMEOUT) == timeouts)
            .limit(LISTED_SITES)
            .toList();
    for (SiteOutcome site : listed) {
      String line = site.url() + " " + reason(site);
      text.append(timeouts ? "::warning::" : "::error title=wp-cron failed::")
          .append(escapeData(line))
          .append('\n');
    }
    long rest = total - listed.size();
    if (rest > 0) {
      text.append(timeouts ? "::warning::" : "::error::")
          .append("and ")
          .append(rest)
          .append(timeouts ? " more timed-out sites\n" : " more failed sites\n");
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
