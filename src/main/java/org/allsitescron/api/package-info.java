/**
 * The HTTP API: resources, the answers they send (records that are also the OpenAPI schemas),
 * rendering (JSON and GitHub Actions text), the token check, aliases and error mapping. The parts
 * of {@code /q/openapi} that no resource states are declared here: description and security; {@link
 * org.allsitescron.api.ApiDocument} adds the shared answers and the boolean flags.
 */
@OpenAPIDefinition(
    info =
        @Info(
            title = "all-sites-cron",
            // Replaced by quarkus.smallrye-openapi.info-version (the build's version).
            version = "0",
            description =
                """
                Triggers `wp-cron.php` on every eligible site of a WordPress multisite network, \
                in batches, with bounded concurrency, under a lock that prevents overlapping runs \
                and a cooldown that prevents too-frequent runs.

                Every route below, documented under its canonical base path `/all-sites-cron/v1`, \
                is also served under `/wp-json/all-sites-cron/v1` (so an ingress can route the old \
                WordPress URL unchanged). `run` is also served under the legacy namespaces \
                `/dss-cron/v1/run` and `/wp-json/dss-cron/v1/run`, whose answers carry \
                `Deprecation` (RFC 9745) and \
                `Link: </all-sites-cron/v1/run>; rel="successor-version"`.

                Admission of `run`: auth, then cooldown (`429`), then lock (`409`), then the run. \
                Every error has WordPress's shape \
                `{"success": false, "code", "message", "data": {"status"}}`; with `ga=1` it is a \
                `::error::` (or, for `409`, `::warning::`) workflow command instead. Query \
                parameters are read as PHP reads them: the last of repeated ones wins.
                """),
    servers = @Server(url = "/", description = "The service itself"),
    tags = {
      @Tag(name = "Runs", description = "Trigger runs and carry out queued jobs."),
      @Tag(name = "Status", description = "What is going on and what the last runs did."),
      @Tag(
          name = "Sites",
          description = "Which sites get their cron, across runs: behind, failing, backed off.")
    },
    security = {@SecurityRequirement(name = "bearer"), @SecurityRequirement(name = "token")},
    components =
        @Components(
            securitySchemes = {
              @SecurityScheme(
                  securitySchemeName = "bearer",
                  type = SecuritySchemeType.HTTP,
                  scheme = "bearer",
                  description =
                      "`Authorization: Bearer <token>` with `all-sites-cron.auth-token`"
                          + " (env `ALL_SITES_CRON_AUTH_TOKEN`). Without a configured token the"
                          + " endpoints are open."),
              @SecurityScheme(
                  securitySchemeName = "token",
                  type = SecuritySchemeType.APIKEY,
                  apiKeyName = "token",
                  in = SecuritySchemeIn.QUERY,
                  description =
                      "The same token as `?token=<token>`, for callers that cannot send a header.")
            }))
package org.allsitescron.api;

import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.servers.Server;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
