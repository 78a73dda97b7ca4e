package org.allsitescron.support;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One read of {@code /q/metrics}: its text and its samples, by name and labels. */
public final class Scrape {

  /** The classic Prometheus text format, the one {@code promtool check metrics} reads. */
  public static final String TEXT_FORMAT = "text/plain; version=0.0.4";

  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+\\S+)?$");
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  private final String text;
  private final Map<String, Double> samples = new TreeMap<>();

  private Scrape(String text) {
    this.text = text;
    for (String line : text.split("\n")) {
      Matcher sample = SAMPLE.matcher(line);
      if (!line.startsWith("#") && sample.matches()) {
        samples.put(key(sample.group(1), labels(sample.group(2))), parse(sample.group(3)));
      }
    }
  }

  /** Scrapes {@code /q/metrics} now, in the classic text format. */
  public static Scrape now() {
    return new Scrape(
        given().accept(TEXT_FORMAT).get("/q/metrics").then().statusCode(200).extract().asString());
  }

  /** A scrape read elsewhere (a built replica's {@code /q/metrics}), in the classic text format. */
  public static Scrape of(String text) {
    return new Scrape(text);
  }

  public String text() {
    return text;
  }

  /**
   * The value of sample {@code name} with exactly these labels ({@code "k1", "v1", "k2", "v2"}), or
   * 0 when there is none.
   */
  public double value(String name, String... labels) {
    Map<String, String> wanted = new TreeMap<>();
    for (int i = 0; i < labels.length; i += 2) {
      wanted.put(labels[i], labels[i + 1]);
    }
    return samples.getOrDefault(key(name, wanted), 0.0);
  }

  /** Whether the scrape has a sample {@code name} with these labels. */
  public boolean has(String name, String... labels) {
    Map<String, String> wanted = new TreeMap<>();
    for (int i = 0; i < labels.length; i += 2) {
      wanted.put(labels[i], labels[i + 1]);
    }
    return samples.containsKey(key(name, wanted));
  }

  /** How much sample {@code name} with these labels grew since {@code before}. */
  public double since(Scrape before, String name, String... labels) {
    return value(name, labels) - before.value(name, labels);
  }

  private static Map<String, String> labels(String raw) {
    Map<String, String> labels = new TreeMap<>();
    if (raw != null) {
      Matcher label = LABEL.matcher(raw);
      while (label.find()) {
        labels.put(label.group(1), label.group(2));
      }
    }
    return labels;
  }

  private static String key(String name, Map<String, String> labels) {
    return name + labels;
  }

  private static double parse(String value) {
    return switch (value) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(value);
    };
  }
}
