package org.allsitescron.api.doc;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.Paths;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

/**
 * Lists each route under its canonical path: the resources match every namespace with one regular
 * expression ({@code {namespace: (wp-json/)?(all-sites-cron|dss-cron)/v1}}), which the generated
 * document shows as an undeclared {@code /{namespace}} parameter. The aliases are named in the
 * document's description.
 */
public class CanonicalPaths implements OASFilter {

  static final String TEMPLATE = "/{namespace}";
  static final String CANONICAL = "/all-sites-cron/v1";

  @Override
  public void filterOpenAPI(OpenAPI openAPI) {
    Paths paths = openAPI.getPaths();
    if (paths == null || paths.getPathItems() == null) {
      return;
    }
    Map<String, PathItem> canonical = new TreeMap<>();
    paths
        .getPathItems()
        .forEach(
            (path, item) -> {
              withoutNamespace(item);
              canonical.put(
                  path.startsWith(TEMPLATE + "/")
                      ? CANONICAL + path.substring(TEMPLATE.length())
                      : path,
                  item);
            });
    Paths rewritten = OASFactory.createPaths();
    canonical.forEach(rewritten::addPathItem);
    openAPI.setPaths(rewritten);
  }

  private static void withoutNamespace(PathItem item) {
    item.setParameters(withoutNamespace(item.getParameters()));
    item.getOperations()
        .values()
        .forEach(
            (Operation operation) ->
                operation.setParameters(withoutNamespace(operation.getParameters())));
  }

  private static List<Parameter> withoutNamespace(List<Parameter> parameters) {
    if (parameters == null) {
      return null;
    }
    List<Parameter> kept =
        parameters.stream().filter(p -> !"namespace".equals(p.getName())).toList();
    return kept.isEmpty() ? null : kept;
  }
}
