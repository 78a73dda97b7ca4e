package org.allsitescron.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.allsitescron.coordination.CoordinationUnavailableException;
import org.allsitescron.run.Outcome;
import org.allsitescron.run.Preview;
import org.allsitescron.run.RunReport;
import org.allsitescron.run.RunState;
import org.allsitescron.run.SiteOutcome;
import org.allsitescron.run.SitePage;
import org.allsitescron.run.SiteState;
import org.allsitescron.run.Trigger;
import org.allsitescron.run.TriggerResult;
import org.allsitescron.run.TriggerResult.Queued;
import org.allsitescron.support.Api;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every example of the shared answers in {@code META-INF/openapi.yaml} is what the service sends:
 * the same answer built here from sample results by the code the resources use, serialized by the
 * application's {@link ObjectMapper} or rendered as GitHub Actions text. The examples are exactly
 * the answers built here, none more or fewer, so none can stand without its real answer.
 */
@QuarkusTest
class OpenApiExamplesTest {

  private static final Instant NOW = Instant.parse("2025-06-01T12:00:05Z");
  private static final String RUN_ID = "0b6f3f5e-4a4e-4a8e-9a51-6f7f4f6a2b1c";
  private static final String SITE = "https://example.org";
  private static final String JSON = "application/json";
  private static final String TEXT = "text/plain";

  /** {@code components.responses} of the served document. */
  private static JsonNode documented;

  @Inject ObjectMapper json;

  /** Response → media type → example name → value: the real answers the examples must be. */
  private final Map<String, Map<String, Map<String, JsonNode>>> real = new TreeMap<>();

  /** The responses whose error sends {@code Retry-After}. */
  private final Set<String> retryAfter = new TreeSet<>();

  /** Once per class; a static @BeforeAll would run before the application listens. */
  @BeforeEach
  void fetch() throws Exception {
    if (documented == null) {
      documented = json.readTree(Api.openApiDocument()).path("components").path("responses");
    }
    answers();
    errors();
  }

  @Test
  void everyExampleIsTheRealAnswerAndNoneIsMissingOrExtra() {
    SoftAssertions softly = new SoftAssertions();
    Map<String, Map<String, Set<String>>> documentedNames = documentedExampleNames();
    Map<String, Map<String, Set<String>>> realNames = realExampleNames();
    Set<String> responses = new TreeSet<>(documentedNames.keySet());
    responses.addAll(realNames.keySet());
    for (String response : responses) {
      softly
          .assertThat(documentedNames.get(response))
          .as("the examples of components.responses.%s, by media type", response)
          .isEqualTo(realNames.get(response));
    }
    real.forEach(
        (response, types) ->
            types.forEach(
                (type, examples) ->
                    examples.forEach(
                        (name, value) ->
                            softly
                                .assertThat(example(response, type, name))
                                .as(
                                    "components.responses.%s.content.'%s'.examples.%s.value;"
                                        + " the real answer is:%n%s%n",
                                    response, type, name, print(value))
                                .isEqualTo(value))));
    softly.assertAll();
  }

  @Test
  void theAnswersWithRetryAfterAreTheOnesWhoseErrorSendsIt() {
    Set<String> documentedRetryAfter = new TreeSet<>();
    documented
        .fields()
        .forEachRemaining(
            response -> {
              if (response.getValue().path("headers").has("Retry-After")) {
                documentedRetryAfter.add(response.getKey());
              }
            });

    assertThat(documentedRetryAfter).isEqualTo(retryAfter);
  }

  /** The answers of successful requests, built as the resources build them. */
  private void answers() {
    RunReport partial = report(3, 3, 1, 1, failedSites());
    RunQueued queued = RunQueued.of(new Queued(RUN_ID, false), true, NOW);
    json("StatusAnswer", "running", status(partial));
    json("SitesAnswer", "backoff", page());
    json("RunListAnswer", "one", new RunList(List.of(partial)));
    json("ReportAnswer", "finished", partial);
    json("RunAnswer", "finished", RunFinished.of(report(3, 3, 0, 0, List.of()), NOW));
    json("RunAnswer", "partial_failure", RunFinished.of(partial, NOW));
    json("RunAnswer", "no_sites", RunFinished.of(report(0, 0, 0, 0, List.of()), NOW));
    json("RunAnswer", "dry_run", DryRun.of(new Preview(2, List.of(SITE, SITE + "/shop"))));
    ga("RunAnswer", GithubActionsText.report(partial));
    json("QueuedAnswer", "queued_redis", queued);
    json("QueuedAnswer", "queued_embedded", RunQueued.of(new Queued(RUN_ID, false), false, NOW));
    json("QueuedAnswer", "already_queued", RunQueued.of(new Queued(RUN_ID, true), true, NOW));
    ga("QueuedAnswer", GithubActionsText.message(202, queued.message()));
    json("JobAnswer", "ran", RunFinished.of(partial, NOW));
    json("JobAnswer", "no_jobs", QueueMessage.noJob(NOW));
    json("JobAnswer", "buried", QueueMessage.buried(RUN_ID, "unreadable job", NOW));
    ga("JobAnswer", GithubActionsText.message(200, QueueMessage.noJob(NOW).message()));
  }

  /** The shared errors, each the body (and GitHub Actions text) the service sends. */
  private void errors() {
    ApiError redisDown =
        ApiError.redisUnavailable(
            new CoordinationUnavailableException("Redis: connection refused", null));
    RunReport aborted = report(120, 120, 0, 0, List.of()).withEnd(RunState.ABORTED, "lock lost");
    long lastRun = NOW.minusSeconds(47).getEpochSecond();
    error("InvalidParam", invalidFlag(), false);
    error("Unauthorized", ApiError.authMissing(), true);
    error("Forbidden", ApiError.authInvalid(), true);
    error("NotAcceptable", ApiError.ofHttpStatus(406), false);
    error("Locked", ApiError.locked(), true);
    error("Requeued", ApiError.requeued(1), true);
    error(
        "RateLimited",
        ApiError.rateLimited(new TriggerResult.RateLimited(42, 60, lastRun), NOW),
        true);
    error("RunAborted", ApiError.aborted(aborted), true);
    error("Unavailable", redisDown, true);
    error("RedisUnavailable", redisDown, false);
    error("RunNotFound", ApiError.runNotFound("0b6f3f5e"), false);
    error("SiteNotFound", ApiError.siteNotFound("42"), true);
  }

  /** The 400 a bad flag really gets. */
  private static ApiError invalidFlag() {
    try {
      Query.parse("defer=maybe").flag("defer");
      throw new IllegalStateException("'maybe' was read as a flag");
    } catch (ApiError e) {
      return e;
    }
  }

  /** An error's body, named by its code, and its GitHub Actions text when {@code ga}. */
  private void error(String response, ApiError sample, boolean ga) {
    JsonNode body = tree(sample.body());
    put(response, JSON, body.path("code").asText(), body);
    if (ga) {
      ga(response, sample.gaText());
    }
    if (sample.retryAfterSeconds() != null) {
      retryAfter.add(response);
    }
  }

  private void json(String response, String name, Object answer) {
    put(response, JSON, name, tree(answer));
  }

  private void ga(String response, String text) {
    put(response, TEXT, "ga", TextNode.valueOf(text));
  }

  private void put(String response, String type, String name, JsonNode value) {
    real.computeIfAbsent(response, r -> new TreeMap<>())
        .computeIfAbsent(type, t -> new TreeMap<>())
        .put(name, value);
  }

  /**
   * {@code answer} as the service sends it, read back so its numbers have the node types that
   * reading the document gives them.
   */
  private JsonNode tree(Object answer) {
    try {
      return json.readTree(json.writeValueAsString(answer));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** JSON pretty-printed, text as it is: what to put in the YAML. */
  private String print(JsonNode value) {
    if (value.isTextual()) {
      return value.asText();
    }
    try {
      return json.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode example(String response, String type, String name) {
    return documented
        .path(response)
        .path("content")
        .path(type)
        .path("examples")
        .path(name)
        .path("value");
  }

  private Map<String, Map<String, Set<String>>> realExampleNames() {
    Map<String, Map<String, Set<String>>> names = new TreeMap<>();
    real.forEach(
        (response, types) ->
            types.forEach(
                (type, examples) ->
                    names
                        .computeIfAbsent(response, r -> new TreeMap<>())
                        .put(type, new TreeSet<>(examples.keySet()))));
    return names;
  }

  private static Map<String, Map<String, Set<String>>> documentedExampleNames() {
    Map<String, Map<String, Set<String>>> names = new TreeMap<>();
    documented
        .fields()
        .forEachRemaining(
            response -> {
              Map<String, Set<String>> types =
                  names.computeIfAbsent(response.getKey(), r -> new TreeMap<>());
              response
                  .getValue()
                  .path("content")
                  .fields()
                  .forEachRemaining(
                      type -> {
                        Set<String> examples = new TreeSet<>();
                        type.getValue()
                            .path("examples")
                            .fieldNames()
                            .forEachRemaining(examples::add);
                        types.put(type.getKey(), examples);
                      });
            });
    return names;
  }

  /** A finished run's report. */
  private static RunReport report(
      long total, long count, long errors, long timeouts, List<SiteOutcome> failed) {
    return new RunReport(
        RUN_ID,
        Trigger.REST_DEFERRED,
        RunState.FINISHED,
        NOW.minusMillis(5012),
        NOW,
        5012,
        total,
        count,
        count - errors - timeouts,
        errors,
        timeouts,
        failed,
        17,
        null);
  }

  private static List<SiteOutcome> failedSites() {
    return List.of(
        new SiteOutcome(SITE + "/shop", Outcome.HTTP_ERROR, 500, "HTTP 500", 143),
        new SiteOutcome(SITE + "/slow", Outcome.TIMEOUT, 0, "no answer within 5000 ms", 5001));
  }

  private static StatusBody status(RunReport recent) {
    return new StatusBody(
        "redis",
        new StatusBody.CurrentRun(RUN_ID, Trigger.REST, NOW, 120, 412, 2),
        new StatusBody.QueueState(0, 0),
        new StatusBody.LockInfo(true, RUN_ID, 241_200),
        new StatusBody.Cooldown(37),
        List.of(recent));
  }

  /** A page of {@code /sites} as the service sends it. */
  private static SitePage page() {
    return new SitePage(
        "backoff",
        new SitePage.Summary(NOW, RUN_ID, 412, 405, 3, 1, 3, 1260),
        List.of(
            new SitePage.Entry(
                17,
                SITE + "/old-shop",
                SiteState.BACKOFF,
                "connect_error",
                0,
                "Connection refused",
                null,
                null,
                NOW.minusSeconds(3),
                null,
                4,
                NOW.plusSeconds(116),
                2)),
        null);
  }
}
