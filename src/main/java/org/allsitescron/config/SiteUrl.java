package org.allsitescron.config;

import java.net.IDN;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One parse of a site URL (or a redirect's target) shared by the config checks, the site sources
 * and the dispatch. Parsed by hand rather than with {@link java.net.URI}, whose {@code getHost()}
 * is null for host names WordPress accepts: IDNs ({@code bücher.example}, kept here as punycode)
 * and underscores ({@code my_site.example.com}).
 *
 * @param scheme {@code http} or {@code https}, lower case
 * @param userInfo {@code user:password} as written (percent-encoded), or null
 * @param host the host as written, for display
 * @param asciiHost the host to connect to and send in {@code Host}: punycode, lower case
 * @param port the port as written, or -1
 * @param path the raw path, possibly empty, percent-encoded where it was not ASCII
 * @param query the raw query without {@code ?}, or null
 * @param fragment the raw fragment without {@code #}, or null
 */
public record SiteUrl(
    String scheme,
    String userInfo,
    String host,
    String asciiHost,
    int port,
    String path,
    String query,
    String fragment) {

  private static final Pattern SHAPE =
      Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*)://([^/?#]*)([^?#]*)(?:\\?([^#]*))?(?:#(.*))?");
  private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");
  private static final Pattern ASCII_HOST = Pattern.compile("[a-z0-9_-]+(\\.[a-z0-9_-]+)*\\.?");
  private static final Pattern IPV6 = Pattern.compile("[0-9a-f:.]+(%[a-z0-9._~-]+)?");

  /** A URL that cannot be requested; the message names the URL (credentials redacted). */
  public static final class Invalid extends IllegalArgumentException {
    private final String reason;

    private Invalid(String url, String reason) {
      super(redactUnparsed(url) + " " + reason);
      this.reason = reason;
    }

    /** What is wrong, without the URL ({@code has no host}, …). */
    public String reason() {
      return reason;
    }
  }

  /** Parses an absolute http or https URL; throws {@link Invalid} naming the URL otherwise. */
  public static SiteUrl parse(String url) {
    String text = url == null ? "" : url.trim();
    Matcher shape = SHAPE.matcher(text);
    if (!shape.matches()) {
      throw new Invalid(text, "is not an absolute http or https URL");
    }
    String scheme = shape.group(1).toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new Invalid(text, "is not an http or https URL");
    }
    String authority = shape.group(2);
    int at = authority.lastIndexOf('@');
    String userInfo = at < 0 ? null : authority.substring(0, at);
    String hostPort = authority.substring(at + 1);
    String host;
    String portText = null;
    if (hostPort.startsWith("[")) {
      int close = hostPort.indexOf(']');
      if (close < 0) {
        throw new Invalid(text, "has an unclosed IPv6 address");
      }
      host = hostPort.substring(0, close + 1);
      String rest = hostPort.substring(close + 1);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          throw new Invalid(text, "has something after its IPv6 address");
        }
        portText = rest.substring(1);
      }
    } else {
      int colon = hostPort.lastIndexOf(':');
      host = colon < 0 ? hostPort : hostPort.substring(0, colon);
      portText = colon < 0 ? null : hostPort.substring(colon + 1);
    }
    if (host.isEmpty()) {
      throw new Invalid(text, "has no host");
    }
    int port = -1;
    if (portText != null && !portText.isEmpty()) {
      if (!PORT.matcher(portText).matches() || Integer.parseInt(portText) > 65_535) {
        throw new Invalid(text, "has an invalid port '" + portText + "'");
      }
      port = Integer.parseInt(portText);
      if (port == 0) {
        throw new Invalid(text, "has an invalid port '0'");
      }
    }
    String asciiHost = asciiHost(text, host);
    return new SiteUrl(
        scheme,
        userInfo,
        host,
        asciiHost,
        port,
        encodeNonAscii(shape.group(3)),
        shape.group(4),
        shape.group(5));
  }

  /** Why {@code url} cannot be a site URL, or null when it can (no query, no fragment). */
  public static String problem(String url) {
    try {
      SiteUrl parsed = parse(url);
      if (parsed.query != null || parsed.fragment != null) {
        return "must not have a query or fragment";
      }
      return null;
    } catch (Invalid e) {
      return e.reason();
    }
  }

  private static String asciiHost(String url, String host) {
    if (host.startsWith("[")) {
      String literal = host.substring(1, host.length() - 1).toLowerCase(Locale.ROOT);
      if (!IPV6.matcher(literal).matches() || !literal.contains(":")) {
        throw new Invalid(url, "has an invalid IPv6 address");
      }
      return "[" + literal + "]";
    }
    String ascii;
    try {
      // Without USE_STD3_ASCII_RULES: underscores stay allowed, as WordPress allows them.
      ascii = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      throw new Invalid(url, "has an invalid host name (" + e.getMessage() + ")");
    }
    if (ascii.length() > 253 || !ASCII_HOST.matcher(ascii).matches()) {
      throw new Invalid(url, "has an invalid host name '" + host + "'");
    }
    return ascii;
  }

  /** Whether the scheme is {@code https}. */
  public boolean isHttps() {
    return scheme.equals("https");
  }

  /** The port requests go to: the written one, or 443/80. */
  public int effectivePort() {
    return port != -1 ? port : defaultPort(scheme);
  }

  /** Whether the port is the scheme's default (written or not). */
  public boolean hasDefaultPort() {
    return effectivePort() == defaultPort(scheme);
  }

  /** The host to connect to: the punycode name, or the IPv6 literal without brackets. */
  public String connectHost() {
    return asciiHost.startsWith("[") ? asciiHost.substring(1, asciiHost.length() - 1) : asciiHost;
  }

  /** The path and query to send: {@code /} when the path is empty. */
  public String requestUri() {
    String p = path.isEmpty() ? "/" : path;
    return query == null ? p : p + "?" + query;
  }

  /** Whether a user (and maybe a password) is part of the URL. */
  public boolean hasCredentials() {
    return userInfo != null;
  }

  /** The user of the userinfo, percent-decoded; null without userinfo. */
  public String user() {
    if (userInfo == null) {
      return null;
    }
    int colon = userInfo.indexOf(':');
    return decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
  }

  /** The password of the userinfo, percent-decoded; empty when none is given. */
  public String password() {
    if (userInfo == null) {
      return null;
    }
    int colon = userInfo.indexOf(':');
    return colon < 0 ? "" : decode(userInfo.substring(colon + 1));
  }

  /** This URL with {@code suffix} appended to its path (query and fragment dropped). */
  public SiteUrl withPathSuffix(String suffix) {
    String base = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    return new SiteUrl(scheme, userInfo, host, asciiHost, port, base + suffix, null, null);
  }

  /**
   * The identity of a site within a run: scheme and host lower case (punycode), default port
   * dropped, trailing slashes ignored, credentials left out.
   */
  public String normalized() {
    String p = path;
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    String portPart = hasDefaultPort() ? "" : ":" + effectivePort();
    String q = query == null ? "" : "?" + query;
    return scheme + "://" + asciiHost + portPart + p + q;
  }

  /** The URL as written, with a password replaced by {@code ***} ({@code user:***@host}). */
  public String display() {
    StringBuilder text = new StringBuilder(scheme).append("://");
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      text.append(colon < 0 ? userInfo : userInfo.substring(0, colon)).append(":***@");
    }
    text.append(host);
    if (port != -1) {
      text.append(':').append(port);
    }
    text.append(path);
    if (query != null) {
      text.append('?').append(query);
    }
    return text.toString();
  }

  /** The redacted {@link #display()}: a record's default text would show the password. */
  @Override
  public String toString() {
    return display();
  }

  /** {@link #display()} of {@code url} when it parses; otherwise the text with any userinfo cut. */
  public static String redactAnyway(String url) {
    if (url == null) {
      return null;
    }
    try {
      return parse(url).display();
    } catch (Invalid e) {
      return redactUnparsed(url);
    }
  }

  private static String redactUnparsed(String url) {
    int slashes = url.indexOf("://");
    int start = slashes < 0 ? 0 : slashes + 3;
    int end = url.length();
    for (int i = start; i < url.length(); i++) {
      char c = url.charAt(i);
      if (c == '/' || c == '?' || c == '#') {
        end = i;
        break;
      }
    }
    int at = url.lastIndexOf('@', end - 1);
    if (at < start) {
      return url;
    }
    int colon = url.indexOf(':', start);
    String user = colon >= 0 && colon < at ? url.substring(start, colon) : url.substring(start, at);
    return url.substring(0, start) + user + ":***" + url.substring(at);
  }

  private static int defaultPort(String scheme) {
    return scheme.equals("https") ? 443 : 80;
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }

  /** Percent-encodes characters outside printable ASCII (a WordPress path may hold UTF-8). */
  private static String encodeNonAscii(String raw) {
    boolean plain = true;
    for (int i = 0; i < raw.length() && plain; i++) {
      char c = raw.charAt(i);
      plain = c > 0x20 && c < 0x7f;
    }
    if (plain) {
      return raw;
    }
    StringBuilder out = new StringBuilder();
    for (byte b : raw.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c > 0x20 && c < 0x7f) {
        out.append((char) c);
      } else {
        out.append('%').append(String.format("%02X", c));
      }
    }
    return out.toString();
  }
}
