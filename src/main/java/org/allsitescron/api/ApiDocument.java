package org.allsitescron.api;

import static java.util.Map.entry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.OASModelReader;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * The answers of {@code /q/openapi} that operations share, with their examples. Every example is a
 * real answer: made by the same code the resources use from sample results, then serialized, so an
 * example cannot drift from what the service sends. The schemas come from the records themselves.
 */
public class ApiDocument implements OASModelReader, OASFilter {

  /**
   * What every protected operation may answer, unless it names its own answer for the status; added
   * in status order (the order of {@code Map.of} changes from one start to the next).
   */
  private static final Map<String, String> PROTECTED =
      Map.of(
          "401", "Unauthorized", "403", "Forbidden", "406", "NotAcceptable", "503", "Unavailable");

  private static final Instant NOW = Instant.parse("2025-06-01T12:00:05Z");
  private static final String RUN_ID = "0b6f3f5e-4a4e-4a8e-9a51-6f7f4f6a2b1c";
  private static final String SITE = "https://example.org";

  /** The shared answers, in the order the document lists them. */
  private final Map<String, APIResponse> responses = new LinkedHashMap<>();

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  @Override
  public OpenAPI buildModel() {
    RunReport partial = report(3, 1, 1, 1, failedSites());
    RunQueued queued = RunQueued.of(new Queued(RUN_ID, false), true, NOW);
    answer(
        "StatusAnswer", "The state, read now.", ref("Status"), entry("running", status(partial)));
    answer(
        "SitesAnswer",
        "One page of sites and the summary.",
        ref("SitePage"),
        entry("backoff", page()));
    answer(
        "RunListAnswer",
        "The reports.",
        ref("RunList"),
        entry("one", new RunList(List.of(partial))));
    answer("ReportAnswer", "The report.", ref("RunReport"), entry("finished", partial));
    answer(
        "RunAnswer",
        "The run finished (also when sites failed: see `success` and `failed_sites`), or,"
            + " with `dry_run=1`, the sites it would request.",
        anyOf("RunFinished", "DryRun"),
        entry("finished", RunFinished.of(report(3, 3, 0, 0, List.of()), NOW)),
        entry("partial_failure", RunFinished.of(partial, NOW)),
        entry("no_sites", RunFinished.of(report(0, 0, 0, 0, List.of()), NOW)),
        entry("dry_run", DryRun.of(new Preview(2, List.of(SITE, SITE + "/shop")))));
    ga("RunAnswer", GithubActionsText.report(partial));
    answer(
        "QueuedAnswer",
        "With `defer=1`: the job was queued, or one was already waiting (at most one waits);"
            + " the worker runs it with trigger `rest-deferred`.",
        ref("RunQueued"),
        entry("queued_redis", queued),
        entry("queued_embedded", RunQueued.of(new Queued(RUN_ID, false), false, NOW)),
        entry("already_queued", RunQueued.of(new Queued(RUN_ID, true), true, NOW)));
    ga("QueuedAnswer", GithubActionsText.message(202, queued.message()));
    answer(
        "JobAnswer",
        "The job ran (its report), or there was none, or it was dead-lettered.",
        anyOf("RunFinished", "QueueMessage"),
        entry("ran", RunFinished.of(partial, NOW)),
        entry("no_jobs", QueueMessage.noJob(NOW)),
        entry("buried", QueueMessage.buried(RUN_ID, "unreadable job", NOW)));
    ga("JobAnswer", GithubActionsText.message(200, QueueMessage.noJob(NOW).message()));
    errors();
    var components = OASFactory.createComponents().responses(responses);
    flag(
        components,
        "ga",
        "GitHub Actions output: answer `text/plain; charset=utf-8` with one workflow command per"
            + " line instead of JSON.");
    flag(components, "defer", "Queue the run for the background worker and answer `202` at once.");
    flag(
        components,
        "dry_run",
        "List the sites a run would request and request nothing: no cooldown, no lock.");
    components.addParameter(
        "site",
        parameter(
                "site",
                "Run only this site (its `blog_id` or URL) now, even when it is backed off: to"
                    + " check a repair at once. Synchronous runs only (not with `defer` or"
                    + " `dry_run`); takes the lock (`409` when a run holds it) but neither waits"
                    + " for nor starts the cooldown.")
            .example("12"));
    return OASFactory.createOpenAPI().components(components);
  }

  /**
   * Every operation under {@link Aliases#BASE} is {@link Protected}: it gets those answers and the
   * {@code token} query parameter, unless it declares its own.
   */
  @Override
  public void filterOpenAPI(OpenAPI openAPI) {
    openAPI.getPaths().getPathItems().entrySet().stream()
        .filter(path -> path.getKey().startsWith(Aliases.BASE))
        .flatMap(path -> path.getValue().getOperations().values().stream())
        .forEach(
            operation -> {
              var answers = operation.getResponses();
              new TreeMap<>(PROTECTED)
                  .forEach(
                      (status, name) -> {
                        if (!answers.hasAPIResponse(status)) {
                          answers.addAPIResponse(status, OASFactory.createAPIResponse().ref(name));
                        }
                      });
              if (operation.getParameters() == null
                  || operation.getParameters().stream()
                      .noneMatch(p -> "token".equals(p.getName()))) {
                operation.addParameter(parameter("token", Query.TOKEN_DOC));
              }
            });
  }

  /** The shared errors, each with the body the service really sends. */
  private void errors() {
    ApiError redisDown =
        ApiError.redisUnavailable(
            new CoordinationUnavailableException("Redis: connection refused", null));
    RunReport aborted = report(120, 120, 0, 0, List.of()).withEnd(RunState.ABORTED, "lock lost");
    long lastRun = NOW.minusSeconds(47).getEpochSecond();
    error("InvalidParam", invalidFlag(), "A parameter has a value the service does not accept.");
    gaError("Unauthorized", ApiError.authMissing(), "A token is required and none was sent.");
    gaError("Forbidden", ApiError.authInvalid(), "The token sent is not the configured one.");
    error(
        "NotAcceptable",
        ApiError.ofHttpStatus(406),
        "The `Accept` header allows none of the media types the route answers.");
    gaError("Locked", ApiError.locked(), "A run holds the lock (on any replica).");
    gaError(
        "Requeued",
        ApiError.requeued(1),
        "The lock is held; the job was put back for a later attempt.");
    gaError(
        "RateLimited",
        ApiError.rateLimited(new TriggerResult.RateLimited(42, 60, lastRun), NOW),
        "Inside the cooldown (`rate-limit-seconds`) of the last accepted trigger.");
    gaError(
        "RunAborted",
        ApiError.aborted(aborted),
        "The run stopped before every site was requested (lock lost, shutdown, site source"
            + " failed), or an unexpected error (`internal_error`).");
    gaError(
        "Unavailable",
        redisDown,
        "Redis is configured but unreachable: nothing was run or queued (the service never"
            + " falls back to running alone); or the service was stopping and cut the run"
            + " short (`all_sites_cron_run_aborted`: another replica can run).");
    error(
        "RedisUnavailable",
        redisDown,
        "Redis is configured but unreachable: the sites' state cannot be read (the service"
            + " never answers from its own memory instead).");
    error(
        "RunNotFound",
        ApiError.runNotFound("0b6f3f5e"),
        "No report with that id (reports expire after `redis.report-ttl`).");
    gaError("SiteNotFound", ApiError.siteNotFound("42"), "`?site=` named no eligible site.");
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

  /** An error answer in JSON and GitHub Actions text. */
  private void gaError(String name, ApiError sample, String description) {
    error(name, sample, description);
    ga(name, sample.gaText());
  }

  /** An error answer in JSON, its body the example; with {@code Retry-After} if it has one. */
  private void error(String name, ApiError sample, String description) {
    Problem body = sample.body();
    String schema = body instanceof Problem.RateLimited ? "RateLimitedBody" : "ErrorBody";
    APIResponse response = answer(name, description, ref(schema), entry(body.code().code(), body));
    if (sample.retryAfterSeconds() != null) {
      response.addHeader(
          "Retry-After",
          OASFactory.createHeader()
              .description("Seconds to wait before trying again.")
              .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)));
    }
  }

  /** An answer in JSON with the named examples. */
  @SafeVarargs
  private APIResponse answer(
      String name, String description, Schema schema, Map.Entry<String, ?>... examples) {
    var json = OASFactory.createMediaType().schema(schema);
    for (Map.Entry<String, ?> example : examples) {
      Object value = MAPPER.convertValue(example.getValue(), Object.class);
      json.addExample(example.getKey(), OASFactory.createExample().value(value));
    }
    var content = OASFactory.createContent().addMediaType("application/json", json);
    APIResponse response = OASFactory.createAPIResponse().description(description).content(content);
    responses.put(name, response);
    return response;
  }

  /** The answer {@code name} also in GitHub Actions text, with {@code text} as the example. */
  private void ga(String name, String text) {
    responses
        .get(name)
        .getContent()
        .addMediaType(
            "text/plain",
            OASFactory.createMediaType()
                .schema(string())
                .addExample("ga", OASFactory.createExample().value(text)));
  }

  /** A boolean query parameter, read as {@link Query#flag} reads it. */
  private static void flag(Components components, String name, String description) {
    components.addParameter(name, parameter(name, description + " " + Query.FLAG_DOC).example("1"));
  }

  private static Parameter parameter(String name, String description) {
    return OASFactory.createParameter()
        .name(name)
        .in(Parameter.In.QUERY)
        .description(description)
        .schema(string());
  }

  private static Schema string() {
    return OASFactory.createSchema().addType(Schema.SchemaType.STRING);
  }

  private static Schema ref(String name) {
    return OASFactory.createSchema().ref(name);
  }

  private static Schema anyOf(String one, String other) {
    return OASFactory.createSchema().anyOf(List.of(ref(one), ref(other)));
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
