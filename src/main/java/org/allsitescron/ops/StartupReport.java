package org.allsitescron.ops;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.WithName;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.allsitescron.config.CronConfig;
import org.allsitescron.coordination.CoordinationMode;
import org.allsitescron.sites.SiteSource;
import org.eclipse.microprofile.config.Config;

/**
 * Logs the effective configuration once at start-up, defaults included, so an operator sees what
 * the service actually runs with. Secrets never appear: the token and passwords show as {@value
 * #MASK} (or {@code (not set)}), and so do passwords inside URLs.
 */
@ApplicationScoped
public class StartupReport {

  static final String MASK = "****";
  static final String NOT_SET = "(not set)";

  private static final String PREFIX = "all-sites-cron.";

  /** Keys whose value is a secret: only whether they are set is shown. */
  private static final Pattern SECRET_KEY =
      Pattern.compile("(?i)token|password|passwd|secret|credential");

  /**
   * The user info of a URL, {@code scheme://user:password@} or {@code scheme://password@}, up to
   * the last {@code @} before the host (a raw {@code @} in a password is common enough).
   */
  private static final Pattern USER_INFO =
      Pattern.compile("(?<=://)([^/:@,]*)(?::([^/,]*))?@(?=[^/@,?]*(?:[/?,]|$))");

  /** Query parameters that carry a secret ({@code ?password=…}, {@code &token=…}). */
  private static final Pattern SECRET_PARAM =
      Pattern.compile("(?i)([?&;](?:password|passwd|pwd|pass|token|secret|auth)[^=&;]*=)[^&;]*");

  /** Quarkus settings worth seeing beside the service's own; URLs are masked, never skipped. */
  private static final List<String> QUARKUS_KEYS =
      List.of(
          "quarkus.http.port",
          "quarkus.datasource.reactive.url",
          "quarkus.datasource.username",
          "quarkus.redis.hosts",
          "quarkus.log.level",
          "quarkus.log.console.json.enabled");

  /** Quarkus settings that are secrets: only whether they are set is shown. */
  private static final List<String> QUARKUS_SECRETS =
      List.of("quarkus.datasource.password", "quarkus.redis.password");

  void onStart(
      @Observes @Priority(Interceptor.Priority.LIBRARY_AFTER) StartupEvent event,
      CronConfig config,
      CoordinationMode mode,
      SiteSource sites,
      Config raw) {
    StringBuilder text = new StringBuilder("Effective configuration (secrets masked):");
    entries(config, mode, sites, raw)
        .forEach((key, value) -> text.append("\n  ").append(key).append(" = ").append(value));
    Log.info(text);
  }

  /**
   * Every key shown with its masked value: the coordination and the site source as they were
   * resolved, then every key of the {@link CronConfig} mapping (walked, never listed by hand) in
   * alphabetical order, then the Quarkus keys above.
   */
  static Map<String, String> entries(
      CronConfig config, CoordinationMode mode, SiteSource sites, Config raw) {
    Map<String, String> shown = new LinkedHashMap<>();
    shown.put("coordination", mode.label());
    shown.put("sites", sites.describe());
    shown.putAll(mapped(config));
    for (String key : QUARKUS_KEYS) {
      shown.put(key, value(raw, key).map(StartupReport::maskUrl).orElse(NOT_SET));
    }
    for (String key : QUARKUS_SECRETS) {
      shown.put(key, value(raw, key).filter(v -> !v.isEmpty()).map(v -> MASK).orElse(NOT_SET));
    }
    return shown;
  }

  /** Every key of the mapping with the value in force, masked, in alphabetical order. */
  static Map<String, String> mapped(CronConfig config) {
    Map<String, String> mapped = new TreeMap<>();
    walk(config, CronConfig.class, config, PREFIX, mapped);
    return mapped;
  }

  /**
   * Puts every key of one group of the mapping: a nested group is walked in turn, and an optional
   * key shows the value in force when the mapping has an {@code effective…} method for it ({@code
   * effectivePerHostConcurrency}, {@code effectiveCronCheckMode}).
   */
  private static void walk(
      CronConfig root, Class<?> type, Object group, String prefix, Map<String, String> shown) {
    for (Method method : type.getMethods()) {
      if (method.isDefault()
          || Modifier.isStatic(method.getModifiers())
          || method.getParameterCount() > 0) {
        continue;
      }
      String name = keyName(method);
      Object value = invoke(method, group);
      if (method.getReturnType().isInterface()
          && method.getReturnType().getEnclosingClass() != null) {
        walk(root, method.getReturnType(), value, prefix + name + ".", shown);
        continue;
      }
      String relative = (prefix + name).substring(PREFIX.length());
      Optional<Method> effective =
          effective(type, method.getName()).or(() -> effective(CronConfig.class, camel(relative)));
      Object shownValue =
          effective.map(m -> invoke(m, m.getDeclaringClass() == type ? group : root)).orElse(value);
      shown.put(prefix + name, render(name, shownValue));
    }
  }

  /** The key of a mapping method: its {@code @WithName}, or its name in kebab-case. */
  private static String keyName(Method method) {
    WithName named = method.getAnnotation(WithName.class);
    return named != null
        ? named.value()
        : method.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }

  /** {@code cron-check.mode} as {@code CronCheckMode}, to find {@code effectiveCronCheckMode}. */
  private static String camel(String key) {
    StringBuilder name = new StringBuilder();
    for (String part : key.split("[-.]")) {
      name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return name.toString();
  }

  private static Optional<Method> effective(Class<?> type, String name) {
    String wanted = "effective" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
    return Arrays.stream(type.getMethods())
        .filter(m -> m.isDefault() && m.getParameterCount() == 0 && m.getName().equals(wanted))
        .findFirst();
  }

  private static Object invoke(Method method, Object target) {
    try {
      return method.invoke(target);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read " + method, e);
    }
  }

  /** A value as shown: secrets masked, URLs without passwords, lists counted, enums as in YAML. */
  private static String render(String name, Object value) {
    Object present = unwrap(value);
    if (present == null) {
      return NOT_SET;
    }
    if (SECRET_KEY.matcher(name).find()) {
      return MASK;
    }
    if (present instanceof Collection<?> values) {
      return values.size() + " values";
    }
    if (present instanceof Enum<?> constant) {
      return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
    return maskUrl(String.valueOf(present));
  }

  private static Object unwrap(Object value) {
    if (value instanceof Optional<?> optional) {
      return optional.orElse(null);
    }
    if (value instanceof OptionalInt optional) {
      return optional.isPresent() ? optional.getAsInt() : null;
    }
    return value;
  }

  /**
   * A URL (or a comma-separated list of them) with the password of its user info and any secret
   * query parameter replaced by {@value #MASK}; the user name stays.
   */
  static String maskUrl(String url) {
    String masked =
        USER_INFO
            .matcher(url)
            .replaceAll(
                m ->
                    Matcher.quoteReplacement(
                        m.group(2) == null ? MASK + "@" : m.group(1) + ":" + MASK + "@"));
    return SECRET_PARAM.matcher(masked).replaceAll("$1" + MASK);
  }

  private static Optional<String> value(Config raw, String key) {
    return raw.getOptionalValue(key, String.class);
  }
}
