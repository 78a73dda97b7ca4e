package org.allsitescron.api;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import org.allsitescron.config.CronConfig;

/**
 * The shared-token check: a {@code Bearer} header or {@code ?token=}, compared in constant time
 * (digests of equal length, so not even the token's length leaks). The token is never logged.
 */
@ApplicationScoped
class TokenAuth {

  private static final String BEARER = "bearer ";

  private final boolean required;
  private final byte[] expectedDigest;

  TokenAuth(CronConfig config) {
    this.required = config.authRequired();
    this.expectedDigest = config.authToken().map(TokenAuth::digest).orElse(null);
  }

  /** Whether requests must carry the token. */
  boolean isRequired() {
    return required;
  }

  /** Passes, or throws the 401 (no token) or 403 (wrong token) error. */
  void check(String authorizationHeader, String queryToken) {
    if (!required) {
      return;
    }
    Optional<String> presented = bearer(authorizationHeader).or(() -> nonBlank(queryToken));
    if (presented.isEmpty()) {
      throw new ApiError(
          401,
          "all_sites_cron_auth_missing",
          "Authentication required: send 'Authorization: Bearer <token>' or ?token=<token>.");
    }
    if (!MessageDigest.isEqual(expectedDigest, digest(presented.get()))) {
      throw new ApiError(403, "all_sites_cron_auth_invalid", "Invalid authentication token.");
    }
  }

  private static Optional<String> bearer(String header) {
    if (header == null || header.length() <= BEARER.length()) {
      return Optional.empty();
    }
    if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return Optional.empty();
    }
    return nonBlank(header.substring(BEARER.length()));
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
