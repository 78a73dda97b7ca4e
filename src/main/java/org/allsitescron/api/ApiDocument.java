package org.allsitescron.api;

import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;

/** Gives every operation of {@code /q/openapi} under the API base the token and shared answers. */
public class ApiDocument implements OASFilter {

  /**
   * What every operation under {@link Aliases#BASE} may answer (it is {@link Protected}), each a
   * response of {@code META-INF/openapi.yaml}; sorted, so the document lists them in status order.
   */
  private static final Map<String, String> SHARED_ANSWERS =
      new TreeMap<>(
          Map.of(
              "401", "Unauthorized",
              "403", "Forbidden",
              "406", "NotAcceptable",
              "503", "Unavailable"));

  private static final String TOKEN = "#/components/parameters/token";

  @Override
  public void filterOpenAPI(OpenAPI openAPI) {
    openAPI.getPaths().getPathItems().entrySet().stream()
        .filter(path -> path.getKey().startsWith(Aliases.BASE))
        .flatMap(path -> path.getValue().getOperations().values().stream())
        .forEach(ApiDocument::share);
  }

  /** Adds the token, and the shared answers {@code operation} does not declare itself. */
  private static void share(Operation operation) {
    var answers = operation.getResponses();
    // The scanner puts "OK" beside a $ref, which would hide the referenced answer's description.
    answers.getAPIResponses().values().stream()
        .filter(answer -> answer.getRef() != null)
        .forEach(answer -> answer.setDescription(null));
    SHARED_ANSWERS.forEach(
        (status, name) -> {
          if (!answers.hasAPIResponse(status)) {
            answers.addAPIResponse(status, OASFactory.createAPIResponse().ref(name));
          }
        });
    operation.addParameter(OASFactory.createParameter().ref(TOKEN));
  }
}
