/**
 * The HTTP API: resources, the answers they send (records that are also the OpenAPI schemas),
 * rendering (JSON and GitHub Actions text), the token check, aliases and error mapping. The parts
 * of {@code /q/openapi} that no resource states (description, tags, security, what each operation
 * does, the shared answers with their examples and the shared parameters) are in {@code
 * META-INF/openapi.yaml}; {@link org.allsitescron.api.ApiDocument} gives every operation the token
 * parameter and the shared error answers.
 */
package org.allsitescron.api;
