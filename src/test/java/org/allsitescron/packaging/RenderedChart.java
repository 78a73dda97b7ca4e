package org.allsitescron.packaging;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The chart under helm/all-sites-cron rendered by real Helm (helm-java) and parsed with the fabric8
 * model.
 *
 * <p>helm-java's template returns only the release manifest, not hooks; so the chart is rendered
 * from a copy in which {@code helm.sh/hook:} is renamed to {@link #HOOK_ANNOTATION}, which moves
 * the test pod and the clean-up Job into the manifest while keeping what kind of hook they are.
 */
final class RenderedChart {

  static final Path CHART = Path.of("helm", "all-sites-cron");
  static final String RELEASE = "acme";
  static final String NAMESPACE = "wordpress";
  static final String FULLNAME = RELEASE + "-all-sites-cron";
  static final String HOOK_ANNOTATION = "test.all-sites-cron/hook";

  private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  final String yaml;
  final List<HasMetadata> resources;

  private RenderedChart(String yaml, List<HasMetadata> resources) {
    this.yaml = yaml;
    this.resources = resources;
  }

  /**
   * What every install must fill in: the chart's default site source (wordpress-db) needs the
   * database's URL, and without it the install fails (see {@link #renderAsIs}).
   */
  static final Object[] REQUIRED = {"database.url", "mysql://wordpress-db:3306/wordpress"};

  /**
   * Renders the chart with its defaults, the {@link #REQUIRED} values and {@code values} (key,
   * value, key, value ...; a later value wins).
   */
  static RenderedChart render(Path workDir, Object... values) {
    Object[] all = new Object[REQUIRED.length + values.length];
    System.arraycopy(REQUIRED, 0, all, 0, REQUIRED.length);
    System.arraycopy(values, 0, all, REQUIRED.length, values.length);
    return renderAsIs(workDir, all);
  }

  /** Renders the chart with its defaults plus exactly {@code values}. */
  static RenderedChart renderAsIs(Path workDir, Object... values) {
    TemplateCommand template =
        new Helm(copyWithHooksAsManifests(workDir))
            .template()
            .withName(RELEASE)
            .withNamespace(NAMESPACE);
    for (int i = 0; i + 1 < values.length; i += 2) {
      template.set(values[i].toString(), values[i + 1]);
    }
    String yaml = template.call();
    List<HasMetadata> resources = new ArrayList<>();
    for (String document : DOCUMENT_SEPARATOR.split(yaml)) {
      boolean onlyComments =
          document.lines().map(String::strip).allMatch(l -> l.isEmpty() || l.startsWith("#"));
      if (!onlyComments) {
        resources.add(SERIALIZATION.unmarshal(document, HasMetadata.class));
      }
    }
    return new RenderedChart(yaml, resources);
  }

  /** A copy of the chart whose values.yaml has the {@link #REQUIRED} values (for lint). */
  static Path copyWithRequiredValues(Path workDir) {
    Path copy = copyWithHooksAsManifests(workDir);
    try {
      Path values = copy.resolve("values.yaml");
      Files.writeString(
          values,
          Files.readString(values)
              .replaceFirst("(?m)^  url: \"\"$", "  url: \"" + REQUIRED[1].toString() + "\""));
      return copy;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path copyWithHooksAsManifests(Path workDir) {
    Path target = workDir.resolve("all-sites-cron");
    try (Stream<Path> files = Files.walk(CHART)) {
      for (Path source : (Iterable<Path>) files::iterator) {
        Path copy = target.resolve(CHART.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(copy);
        } else {
          Files.writeString(
              copy, Files.readString(source).replace("helm.sh/hook:", HOOK_ANNOTATION + ":"));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target;
  }

  <T extends HasMetadata> List<T> all(Class<T> type) {
    return resources.stream().filter(type::isInstance).map(type::cast).toList();
  }

  <T extends HasMetadata> T one(Class<T> type) {
    List<T> found = all(type);
    if (found.size() != 1) {
      throw new AssertionError("expected one " + type.getSimpleName() + ", found " + found.size());
    }
    return found.get(0);
  }

  <T extends HasMetadata> Optional<T> named(Class<T> type, String name) {
    return all(type).stream().filter(r -> name.equals(r.getMetadata().getName())).findFirst();
  }

  /**
   * A resource of a kind the fabric8 model does not know (a CRD instance such as ServiceMonitor).
   */
  Optional<GenericKubernetesResource> generic(String kind) {
    return all(GenericKubernetesResource.class).stream()
        .filter(r -> kind.equals(r.getKind()))
        .findFirst();
  }

  @SuppressWarnings("unchecked")
  static Object path(Map<String, Object> root, String... keys) {
    Object current = root;
    for (String key : keys) {
      if (current instanceof List<?> list) {
        current = list.get(Integer.parseInt(key));
      } else {
        current = ((Map<String, Object>) current).get(key);
      }
    }
    return current;
  }
}
