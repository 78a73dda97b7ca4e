package org.allsitescron.api;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import org.allsitescron.config.CronConfig;

/**
 * The shared-token check of every {@link Protected} route: a {@code Bearer} header or {@code
 * ?token=} (the last one, as PHP reads it), compared in constant time (digests of equal length, so
 * not even the token's length leaks). Missing is a 401, wrong a 403. The token is never logged.
 */
// Application-scoped: created on first use, once the configuration is there.
@ApplicationScoped
@Provider
@Protected
@Priority(Priorities.AUTHENTICATION)
public class TokenAuth implements ContainerRequestFilter {

  private static final String BEARER = "bearer ";

  private final boolean required;
  private final byte[] expectedDigest;

  TokenAuth(CronConfig config) {
    this.required = config.effectiveRequireAuth();
    this.expectedDigest = config.authToken().map(TokenAuth::digest).orElse(null);
  }

  @Override
  public void filter(ContainerRequestContext request) {
    if (!required) {
      return;
    }
    Optional<String> presented =
        bearer(request.getHeaderString(HttpHeaders.AUTHORIZATION))
            .or(() -> Query.of(request.getUriInfo()).get("token").flatMap(TokenAuth::nonBlank));
    if (presented.isEmpty()) {
      throw ApiError.authMissing();
    }
    if (!MessageDigest.isEqual(expectedDigest, digest(presented.get()))) {
      throw ApiError.authInvalid();
    }
  }

  private static Optional<String> bearer(String header) {
    return Optional.ofNullable(header)
        .filter(value -> value.regionMatches(true, 0, BEARER, 0, BEARER.length()))
        .flatMap(value -> nonBlank(value.substring(BEARER.length())));
  }

  private static Optional<String> nonBlank(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  private static byte[] digest(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
