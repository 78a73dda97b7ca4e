package org.allsitescron.ops;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Set;

/**
 * Keeps the whole {@code /q/metrics} exposition clean for {@code promtool check metrics}, the
 * meters Quarkus and Micrometer bring included: every meter gets a help text and the few that break
 * Prometheus conventions are dropped. (The HTTP {@code uri} tag is the canonical path: the API maps
 * its aliases onto it before matching.)
 */
@Singleton
public class MeterConventions {

  /**
   * {@code process.cpu.time} is exposed as {@code process_cpu_time_ns_total} (abbreviated unit;
   * {@code process_cpu_usage} remains); the gauge {@code system.cpu.count} ends in {@code _count},
   * which Prometheus keeps for histograms and summaries.
   */
  static final Set<String> DROPPED = Set.of("process.cpu.time", "system.cpu.count");

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
        String description = helpText(id);
        if (description.equals(id.getDescription())) {
          return id;
        }
        return new Meter.Id(
            id.getName(),
            Tags.of(id.getTagsAsIterable()),
            id.getBaseUnit(),
            description,
            id.getType());
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
