/**
 * The HTTP API: resources, the answers they send (records that are also the OpenAPI schemas),
 * rendering (JSON and GitHub Actions text), the token check, aliases and error mapping. The parts
 * of {@code /q/openapi} that no resource states (description, tags, security, what each operation
 * does) are in {@code META-INF/openapi.yaml}; {@link org.allsitescron.api.ApiDocument} adds the
 * shared answers and the boolean flags.
 */
package org.allsitescron.api;
