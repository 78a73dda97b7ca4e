package org.allsitescron.ops;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Keeps the whole {@code /q/metrics} exposition clean for {@code promtool check metrics}, the
 * meters Quarkus and Micrometer bring included: every meter gets a help text, the few that break
 * Prometheus conventions are dropped, and the HTTP {@code uri} tag shows {@code /{namespace}/run}
 * instead of the route's regular expression.
 */
@Singleton
public class MeterConventions {

  /**
   * {@code process.cpu.time} is exposed as {@code process_cpu_time_ns_total} (abbreviated unit;
   * {@code process_cpu_usage} remains); the gauge {@code system.cpu.count} ends in {@code _count},
   * which Prometheus keeps for histograms and summaries.
   */
  static final Set<String> DROPPED = Set.of("process.cpu.time", "system.cpu.count");

  /** {@code /{namespace: (wp-json/)?(…)/v1}/run} → {@code /{namespace}/run}. */
  private static final Pattern ROUTE_REGEX = Pattern.compile("\\{(\\w+):[^}]*}");

  @Produces
  @Singleton
  MeterFilter prometheusConventions() {
    return new MeterFilter() {
      @Override
      public MeterFilterReply accept(Meter.Id id) {
        // A long task timer comes out as a "summary" without _count and _sum samples.
        boolean broken =
            DROPPED.contains(id.getName()) || id.getType() == Meter.Type.LONG_TASK_TIMER;
        return broken ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
      }

      @Override
      public Meter.Id map(Meter.Id id) {
        String uri = id.getTag("uri");
        Meter.Id tagged =
            uri != null && uri.indexOf(':') >= 0
                ? id.replaceTags(
                    Tags.of(id.getTagsAsIterable())
                        .and(Tag.of("uri", ROUTE_REGEX.matcher(uri).replaceAll("{$1}"))))
                : id;
        String description = helpText(tagged);
        if (description.equals(tagged.getDescription())) {
          return tagged;
        }
        return new Meter.Id(
            tagged.getName(),
            Tags.of(tagged.getTagsAsIterable()),
            tagged.getBaseUnit(),
            description,
            tagged.getType());
      }
    };
  }

  /**
   * The meter's description as a help text every parser reads alike: one line, no double quote and
   * no backslash. The classic text format escapes only {@code \\} and newlines in HELP, OpenMetrics
   * also {@code "}; Micrometer's JVM meters say {@code The "recent cpu usage" …}, which came out as
   * {@code \"} in OpenMetrics and failed {@code promtool check metrics} and Prometheus-library
   * parsers on the whole scrape.
   */
  static String helpText(Meter.Id id) {
    String description = id.getDescription();
    if (description == null || description.isBlank()) {
      return "Meter " + id.getName() + " (no description upstream)";
    }
    return description.replace('"', '\'').replace('\\', '/').replaceAll("\\s*[\\r\\n]+\\s*", " ");
  }
}
