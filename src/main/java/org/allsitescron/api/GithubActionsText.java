package org.allsitescron.api;

import java.util.List;
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
    appendSites(text, failed, report.errors(), Kind.FAILED);
    appendSites(text, failed, report.timeouts(), Kind.TIMED_OUT);
    appendSites(text, failed, report.stillDue(), Kind.STILL_DUE);
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

  /** The groups of failed sites, each listed with its own command and closing count. */
  private enum Kind {
    FAILED("::error title=wp-cron failed::", "::error::", " more failed sites\n"),
    TIMED_OUT("::warning::", "::warning::", " more timed-out sites\n"),
    STILL_DUE(
        "::warning title=cron did not run::",
        "::warning::",
        " more sites whose cron did not run\n");

    private final String line;
    private final String rest;
    private final String restText;

    Kind(String line, String rest, String restText) {
      this.line = line;
      this.rest = rest;
      this.restText = restText;
    }

    static Kind of(Outcome outcome) {
      return switch (outcome) {
        case TIMEOUT -> TIMED_OUT;
        case STILL_DUE -> STILL_DUE;
        default -> FAILED;
      };
    }
  }

  private static void appendSites(
      StringBuilder text, List<SiteOutcome> failed, long total, Kind kind) {
    List<SiteOutcome> listed =
        failed.stream()
            .filter(site -> Kind.of(site.outcome()) == kind)
            .limit(LISTED_SITES)
            .toList();
    for (SiteOutcome site : listed) {
      String line = site.url() + " " + reason(site);
      text.append(kind.line).append(escapeData(line)).append('\n');
    }
    long rest = total - listed.size();
    if (rest > 0) {
      text.append(kind.rest).append("and ").append(rest).append(kind.restText);
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
