package org.allsitescron.dispatch;

import java.net.URI;
import java.net.URISyntaxException;
import org.allsitescron.config.SiteUrl;

/**
 * Which redirects a {@code wp-cron.php} request follows: at most {@link #MAX_REDIRECTS}, to the
 * same host name only; the scheme may switch between http and https when both ends use their
 * default port (WordPress's most common redirect); any other port, a scheme other than http(s), or
 * credentials in the target are refused with the reason.
 *
 * <p>Followed by hand rather than by Vert.x's redirect handler: each hop must be one exchange under
 * the site's single deadline, reset when it passes, and Vert.x issues the next hop's request where
 * the deadline cannot reach it.
 */
final class RedirectPolicy {

  static final int MAX_REDIRECTS = 3;

  /** The next hop, or why there is none. */
  sealed interface Verdict {}

  /** Follow the redirect to {@code target}. */
  record Follow(SiteUrl target) implements Verdict {}

  /** Do not follow; the site ends {@code http_error} with {@code reason}. */
  record Refuse(String reason) implements Verdict {}

  private RedirectPolicy() {}

  /**
   * The verdict on a redirect from {@code from} to {@code location} after {@code hops} redirects
   * already followed.
   */
  static Verdict judge(SiteUrl from, String location, int hops) {
    if (hops >= MAX_REDIRECTS) {
      return new Refuse("more than " + MAX_REDIRECTS + " redirects");
    }
    SiteUrl to;
    try {
      to = SiteUrl.parse(resolve(from, location.trim()));
    } catch (URISyntaxException | IllegalArgumentException e) {
      return new Refuse("unusable redirect location " + SiteUrl.redactAnyway(location.trim()));
    }
    String shown = to.display();
    if (to.hasCredentials()) {
      return new Refuse("redirect with credentials refused: " + shown);
    }
    if (!to.asciiHost().equals(from.asciiHost())) {
      return new Refuse("redirect to another host refused: " + shown);
    }
    if (to.scheme().equals(from.scheme())) {
      if (to.effectivePort() != from.effectivePort()) {
        return new Refuse("redirect to another port refused: " + shown);
      }
    } else if (!from.hasDefaultPort() || !to.hasDefaultPort()) {
      return new Refuse(
          "redirect from "
              + from.scheme()
              + " to "
              + to.scheme()
              + " off the default ports refused: "
              + shown);
    }
    // Credentials of the site go along to the same host: the hop keeps the site's userinfo.
    SiteUrl next =
        new SiteUrl(
            to.scheme(),
            from.userInfo(),
            to.host(),
            to.asciiHost(),
            to.port(),
            to.path(),
            to.query(),
            null);
    return new Follow(next);
  }

  /** An absolute location as is; a relative one against the current URL (RFC 3986). */
  private static String resolve(SiteUrl from, String location) throws URISyntaxException {
    if (location.regionMatches(true, 0, "http://", 0, 7)
        || location.regionMatches(true, 0, "https://", 0, 8)) {
      return location;
    }
    if (location.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*")) {
      return location; // another scheme: parse() names it
    }
    String base =
        from.scheme()
            + "://"
            + from.asciiHost()
            + (from.port() == -1 ? "" : ":" + from.port())
            + from.requestUri();
    URI resolved = new URI(base).resolve(new URI(location));
    return resolved.toString();
  }
}
