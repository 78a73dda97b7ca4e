package org.allsitescron.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The application's JAX-RS routes, read from its resource classes: for the {@code Allow} header of
 * a 405 and for the test that proves every route is {@link Protected} or deliberately public.
 */
@ApplicationScoped
public class Routes {

  /** One operation: method, path template, and whether it wants the token. */
  public record Route(String method, String path, boolean isProtected) {

    boolean matches(String concretePath) {
      // The template literally, but each {parameter} is one path segment.
      String regex = Pattern.quote(path).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
      return concretePath.matches(regex);
    }
  }

  private final List<Route> routes;

  Routes(BeanManager beans) {
    this.routes =
        beans.getBeans(Object.class, Any.Literal.INSTANCE).stream()
            .map(Bean::getBeanClass)
            .filter(type -> type.isAnnotationPresent(Path.class))
            .distinct()
            .flatMap(Routes::of)
            .sorted(Comparator.comparing(Route::path).thenComparing(Route::method))
            .toList();
  }

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

  private static Stream<Route> of(Class<?> resource) {
    return Arrays.stream(resource.getMethods())
        .flatMap(
            method ->
                Arrays.stream(method.getAnnotations())
                    .map(annotation -> annotation.annotationType().getAnnotation(HttpMethod.class))
                    .filter(Objects::nonNull)
                    .map(verb -> route(verb.value(), resource, method)));
  }

  /** The route of a resource method: its path is the class's and its own, as JAX-RS joins them. */
  private static Route route(String verb, Class<?> resource, Method method) {
    Path sub = method.getAnnotation(Path.class);
    String base = resource.getAnnotation(Path.class).value();
    String joined = ("/" + base + "/" + (sub == null ? "" : sub.value())).replaceAll("/+", "/");
    String path = joined.length() > 1 ? joined.replaceAll("/$", "") : joined;
    return new Route(
        verb,
        path,
        resource.isAnnotationPresent(Protected.class)
            || method.isAnnotationPresent(Protected.class));
  }
}
