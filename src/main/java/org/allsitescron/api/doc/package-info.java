/**
 * The parts of {@code /q/openapi} that the operations share: description, security, the boolean
 * flags and every error answer; the operations refer to them by name ({@code ref}). SmallRye
 * OpenAPI reads an {@code @OpenAPIDefinition} from a {@code package-info} (or a JAX-RS {@code
 * Application}), so it lives here.
 */
@OpenAPIDefinition(
    info =
        @Info(
            title = "all-sites-cron",
            // Replaced by quarkus.smallrye-openapi.info-version (the build's version).
            version = "0",
            description = ApiDocument.DESCRIPTION),
    servers = @Server(url = "/", description = "The service itself"),
    tags = {
      @Tag(name = "Runs", description = "Trigger runs and carry out queued jobs."),
      @Tag(name = "Status", description = "What is going on and what the last runs did.")
    },
    security = {
      @SecurityRequirement(name = ApiDocument.BEARER),
      @SecurityRequirement(name = ApiDocument.TOKEN)
    },
    components =
        @Components(
            securitySchemes = {
              @SecurityScheme(
                  securitySchemeName = ApiDocument.BEARER,
                  type = SecuritySchemeType.HTTP,
                  scheme = "bearer",
                  description =
                      "`Authorization: Bearer <token>` with `all-sites-cron.auth-token`"
                          + " (env `ALL_SITES_CRON_AUTH_TOKEN`). Without a configured token the"
                          + " endpoints are open."),
              @SecurityScheme(
                  securitySchemeName = ApiDocument.TOKEN,
                  type = SecuritySchemeType.APIKEY,
                  apiKeyName = "token",
                  in = SecuritySchemeIn.QUERY,
                  description =
                      "The same token as `?token=<token>`, for callers that cannot send a header.")
            },
            parameters = {
              @Parameter(
                  name = "ga",
                  in = ParameterIn.QUERY,
                  description =
                      "GitHub Actions output: answer `text/plain; charset=utf-8` with one workflow"
                          + " command per line instead of JSON. "
                          + ApiDocument.BOOLEAN,
                  schema = @Schema(type = SchemaType.STRING),
                  example = "1"),
              @Parameter(
                  name = "defer",
                  in = ParameterIn.QUERY,
                  description =
                      "Queue the run for the background worker and answer `202` at once. "
                          + ApiDocument.BOOLEAN,
                  schema = @Schema(type = SchemaType.STRING),
                  example = "1"),
              @Parameter(
                  name = "dry_run",
                  in = ParameterIn.QUERY,
                  description =
                      "List the sites a run would request and request nothing: no cooldown, no"
                          + " lock. "
                          + ApiDocument.BOOLEAN,
                  schema = @Schema(type = SchemaType.STRING),
                  example = "1"),
              @Parameter(
                  name = "site",
                  in = ParameterIn.QUERY,
                  description =
                      "Run only this site (its `blog_id` or URL) now, even when it is backed off:"
                          + " to check a repair at once. Synchronous runs only (not with `defer` or"
                          + " `dry_run`); takes the lock (`409` when a run holds it) but neither"
                          + " waits for nor starts the cooldown.",
                  schema = @Schema(type = SchemaType.STRING),
                  example = "12")
            },
            responses = {
              @APIResponse(
                  name = "RunAnswer",
                  description =
                      "The run finished (also when sites failed: see `success` and"
                          + " `failed_sites`), or, with `dry_run=1`, the sites it would request.",
                  content = {
                    @Content(
                        mediaType = "application/json",
                        schema = @Schema(anyOf = {Bodies.RunFinished.class, Bodies.DryRun.class}),
                        examples = {
                          @ExampleObject(name = "finished", value = Examples.RUN_OK),
                          @ExampleObject(name = "partial_failure", value = Examples.RUN_PARTIAL),
                          @ExampleObject(name = "no_sites", value = Examples.RUN_NO_SITES),
                          @ExampleObject(name = "dry_run", value = Examples.DRY_RUN)
                        }),
                    @Content(
                        mediaType = "text/plain",
                        schema = @Schema(type = SchemaType.STRING),
                        examples = @ExampleObject(name = "ga", value = Examples.RUN_GA))
                  }),
              @APIResponse(
                  name = "QueuedAnswer",
                  description =
                      "With `defer=1`: the job was queued, or one was already waiting (at most one"
                          + " waits); the worker runs it with trigger `rest-deferred`.",
                  content = {
                    @Content(
                        mediaType = "application/json",
                        schema = @Schema(implementation = Bodies.RunQueued.class),
                        examples = {
                          @ExampleObject(name = "queued_redis", value = Examples.QUEUED_REDIS),
                          @ExampleObject(
                              name = "queued_embedded",
                              value = Examples.QUEUED_EMBEDDED),
                          @ExampleObject(name = "already_queued", value = Examples.ALREADY_QUEUED)
                        }),
                    @Content(
                        mediaType = "text/plain",
                        schema = @Schema(type = SchemaType.STRING),
                        examples = @ExampleObject(name = "ga", value = Examples.QUEUED_GA))
                  }),
              @APIResponse(
                  name = "InvalidParam",
                  description = "A parameter has a value the service does not accept.",
                  content = {
                    @Content(
                        mediaType = "application/json",
                        schema = @Schema(implementation = Bodies.ErrorBody.class),
                        examples = @ExampleObject(name = "invalid", value = Examples.INVALID_PARAM))
                  }),
              @APIResponse(
                  name = "Unauthorized",
                  description = "A token is required and none was sent.",
                  content = {
                    @Content(
                        mediaType = "application/json",
                        schema = @Schema(implementation = Bodies.ErrorBody.class),
                        examples = @ExampleObject(name = "missing", value = Examples.AUTH_MISSING)),
                    @Content(
                        mediaType = "text/plain",
                        schema = @Schema(type = SchemaType.STRING),
                        examples =
                            @ExampleObject(
                                name = "ga",
                                value =
                                    "::error::Authentication required: send 'Authorization:"
                                        + " Bearer <token>' or ?token=<token>.\n"))
                  }),
              @APIResponse(
                  name = "Forbidden",
                  description = "The token sent is not the configured one.",
                  content = {
                    @Content(
                        mediaType = "application/json",
                        schema = @Schema(implementation = Bodies.ErrorBody.class),
                        examples = @ExampleObject(name = "invalid", value = Examples.AUTH_INVALID)),
                    @Content(
                        mediaType = "text/plain",
                        schema = @Schema(type = SchemaType.STRING),
                        examples = @ExampleObject(name = "ga", value = Examples.ERROR_GA))
                  }),
              @APIResponse(
                  name = "SiteNotFound",
                  description = "`?site=` named no eligible site.",
                  content =
                      @Content(
                          mediaType = "application/json",
                          schema = @Schema(implementation = Bodies.ErrorBody.class),
                          examples =
                              @ExampleObject(name = "no_site", value = Examples.SITE_NOT_FOUND))),
              @APIResponse(
                  name = "Locked",
                  description = "A run holds the lock (on any replica).",
                  content = {
                    @Content(
                        mediaType = "application/json",
                        schema = @Schema(implementation = Bodies.ErrorBody.class),
                        examples = @ExampleObject(name = "locked", value = Examples.LOCKED)),
                    @Content(
                        mediaType = "text/plain",
                        schema = @Schema(type = SchemaType.STRING),
                        examples = @ExampleObject(name = "ga", value = Examples.LOCKED_GA))
                  }),
              @APIResponse(
                  name = "RateLimited",
                  description =
                      "Inside the cooldown (`rate-limit-seconds`) of the last accepted trigger.",
                  headers =
                      @Header(
                          name = "Retry-After",
                          description = "Seconds until a trigger passes.",
                          schema = @Schema(type = SchemaType.INTEGER)),
                  content = {
                    @Content(
                        mediaType = "application/json",
                        schema = @Schema(implementation = Bodies.RateLimitedBody.class),
                        examples = @ExampleObject(name = "limited", value = Examples.RATE_LIMITED)),
                    @Content(
                        mediaType = "text/plain",
                        schema = @Schema(type = SchemaType.STRING),
                        examples =
                            @ExampleObject(
                                name = "ga",
                                value = "::error::Rate limited. Try again in 42 seconds.\n"))
                  }),
              @APIResponse(
                  name = "RunAborted",
                  description =
                      "The run stopped before every site was requested (lock lost, shutdown, site"
                          + " source failed), or an unexpected error (`internal_error`).",
                  content = {
                    @Content(
                        mediaType = "application/json",
                        schema = @Schema(implementation = Bodies.ErrorBody.class),
                        examples = @ExampleObject(name = "aborted", value = Examples.RUN_ABORTED))
                  }),
              @APIResponse(
                  name = "RedisUnavailable",
                  description =
                      "Redis is configured but unreachable: nothing was run or queued (the service"
                          + " never falls back to running alone).",
                  headers =
                      @Header(
                          name = "Retry-After",
                          description = "Seconds to wait before trying again.",
                          schema = @Schema(type = SchemaType.INTEGER)),
                  content = {
                    @Content(
                        mediaType = "application/json",
                        schema = @Schema(implementation = Bodies.ErrorBody.class),
                        examples =
                            @ExampleObject(name = "redis", value = Examples.REDIS_UNAVAILABLE))
                  }),
              @APIResponse(
                  name = "RunNotFound",
                  description = "No report with that id (reports expire after `redis.report-ttl`).",
                  content = {
                    @Content(
                        mediaType = "application/json",
                        schema = @Schema(implementation = Bodies.ErrorBody.class),
                        examples = @ExampleObject(name = "unknown", value = Examples.RUN_NOT_FOUND))
                  })
            }))
package org.allsitescron.api.doc;

import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.servers.Server;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
