package org.allsitescron.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.restassured.response.Response;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.allsitescron.support.Api;

/**
 * The live application's {@code /q/openapi}, read strictly (an object may carry no property its
 * schema does not name), against which each actual answer is validated: the body against the schema
 * of its operation, status and media type. Remembers which operation-status pairs it saw.
 */
final class ApiContract {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ObjectNode document;
  private final Set<String> seen = new TreeSet<>();

  private ApiContract(ObjectNode document) {
    this.document = document;
  }

  /** Reads the running application's document. */
  static ApiContract load() throws Exception {
    String text = Api.openApiDocument();
    ObjectNode document = (ObjectNode) JSON.readTree(text);
    document.with("components").with("schemas").forEach(ApiContract::closed);
    return new ApiContract(document);
  }

  /** Every documented pair, {@code "GET /all-sites-cron/v1/run 200"}. */
  Set<String> documented() {
    Set<String> pairs = new TreeSet<>();
    document
        .get("paths")
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fields()
                    .forEachRemaining(
                        op ->
                            op.getValue()
                                .get("responses")
                                .fieldNames()
                                .forEachRemaining(
                                    status ->
                                        pairs.add(
                                            key(
                                                op.getKey(),
                                                path.getKey(),
                                                Integer.parseInt(status))))));
    return pairs;
  }

  Set<String> seen() {
    return seen;
  }

  /**
   * Checks an answer of {@code method path} (a documented path template): its status is documented
   * for the operation, its media type too, and its body fits that media type's schema.
   */
  Response check(String method, String path, Response response) throws Exception {
    int status = response.statusCode();
    seen.add(key(method, path, status));
    JsonNode operation = document.path("paths").path(path).path(method.toLowerCase());
    assertThat(operation.isMissingNode()).as("%s %s is documented", method, path).isFalse();
    String pointer = "/paths/" + escape(path) + "/" + method.toLowerCase() + "/responses/" + status;
    JsonNode answer = document.at(pointer);
    assertThat(answer.isMissingNode()).as("%s %s documents %d", method, path, status).isFalse();
    if (answer.has("$ref")) {
      pointer = answer.get("$ref").asText().substring(1);
      answer = document.at(pointer);
    }
    String mediaType =
        response.contentType().startsWith("text/plain") ? "text/plain" : "application/json";
    assertThat(answer.path("content").has(mediaType))
        .as("%s %s %d documents %s", method, path, status, mediaType)
        .isTrue();
    String schemaPointer = "#" + pointer + "/content/" + escape(mediaType) + "/schema";
    ObjectNode schema = document.deepCopy();
    schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    schema.put("$ref", schemaPointer);
    JsonSchema validator =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema);
    JsonNode body =
        mediaType.equals("text/plain")
            ? JSON.getNodeFactory().textNode(response.asString())
            : JSON.readTree(response.asString());
    Set<ValidationMessage> problems = validator.validate(body);
    assertThat(problems)
        .as("%s %s %d: %s against %s", method, path, status, body, schemaPointer)
        .isEmpty();
    return response;
  }

  static String key(String method, String path, int status) {
    return method.toUpperCase() + " " + path + " " + status;
  }

  private static String escape(String segment) {
    return segment.replace("~", "~0").replace("/", "~1");
  }

  /** An object schema names all its properties: any other one is a finding. */
  private static void closed(JsonNode schema) {
    if (schema.has("properties") && !schema.has("additionalProperties")) {
      ((ObjectNode) schema).put("additionalProperties", false);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext(); ) {
      JsonNode child = it.next().getValue();
      if (child.isObject()) {
        closed(child);
      }
    }
  }
}
