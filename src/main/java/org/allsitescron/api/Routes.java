package org.allsitescron.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The application's JAX-RS routes, read from its resource classes: for the {@code Allow} header of
 * a 405 and for the test that proves every route is {@link Protected} or deliberately public.
 */
@ApplicationScoped
public class Routes {

  /** One operation: method, path template, and whether it wants the token. */
  public record Route(String method, String path, boolean isProtected) {

    boolean matches(String concretePath) {
      String regex =
          Arrays.stream(path.split("/", -1))
              .map(part -> part.startsWith("{") ? "[^/]+" : Pattern.quote(part))
              .reduce((a, b) -> a + "/" + b)
              .orElse("");
      return concretePath.matches(regex);
    }
  }

  private final List<Route> routes;

  Routes(BeanManager beans) {
    List<Route> found = new ArrayList<>();
    beans.getBeans(Object.class, Any.Literal.INSTANCE).stream()
        .map(bean -> bean.getBeanClass())
        .filter(type -> type.isAnnotationPresent(Path.class))
        .distinct()
        .forEach(type -> found.addAll(of(type)));
    found.sort(Comparator.comparing(Route::path).thenComparing(Route::method));
    this.routes = List.copyOf(found);
  }

  /** Every operation of every resource class. */
  public List<Route> all() {
    return routes;
  }

  /** The methods {@code path} answers, as {@code Allow} lists them (HEAD with GET, OPTIONS). */
  Set<String> allowed(String path) {
    String absolute = path.startsWith("/") ? path : "/" + path;
    Set<String> methods = new LinkedHashSet<>();
    routes.stream().filter(r -> r.matches(absolute)).forEach(r -> methods.add(r.method()));
    if (methods.contains("GET")) {
      methods.add("HEAD");
    }
    methods.add("OPTIONS");
    return methods;
  }

  static List<Route> of(Class<?> resource) {
    String base = resource.getAnnotation(Path.class).value();
    boolean classProtected = resource.isAnnotationPresent(Protected.class);
    List<Route> found = new ArrayList<>();
    for (Method method : resource.getMethods()) {
      String verb = verb(method);
      if (verb != null) {
        Path sub = method.getAnnotation(Path.class);
        found.add(
            new Route(
                verb,
                join(base, sub == null ? "" : sub.value()),
                classProtected || method.isAnnotationPresent(Protected.class)));
      }
    }
    return found;
  }

  private static String verb(Method method) {
    for (Annotation annotation : method.getAnnotations()) {
      HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
      if (verb != null) {
        return verb.value();
      }
    }
    return null;
  }

  private static String join(String base, String sub) {
    String joined = ("/" + base + "/" + sub).replaceAll("/+", "/");
    return joined.length() > 1 && joined.endsWith("/")
        ? joined.substring(0, joined.length() - 1)
        : joined;
  }
}
