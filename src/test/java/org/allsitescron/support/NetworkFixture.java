package org.allsitescron.support;

import java.util.ArrayList;
import java.util.List;
import org.allsitescron.support.WordpressDatabase.Blog;

/**
 * A multisite network in {@code wp_blogs}, served by the {@link SiteServer}: eligible sites spread
 * over three hosts and every kind of ineligible one. Site names are the server's path prefixes.
 */
public final class NetworkFixture {

  /** Blog whose siteurl (port 1 on loopback) refuses connections; private until a test opens it. */
  public static final long REFUSING_BLOG = 28;

  private final WordpressDatabase database;
  private final List<String> eligible = new ArrayList<>();
  private final List<String> ineligible = new ArrayList<>();

  private NetworkFixture(WordpressDatabase database) {
    this.database = database;
  }

  static NetworkFixture create(WordpressDatabase database, SiteServer server) {
    NetworkFixture fixture = new NetworkFixture(database.create());
    fixture.build(server);
    return fixture;
  }

  public WordpressDatabase database() {
    return database;
  }

  /** Site names that a run over network 1 must request exactly once, in blog_id order. */
  public List<String> eligibleSites() {
    return List.copyOf(eligible);
  }

  /** Site names that no run may request. */
  public List<String> ineligibleSites() {
    return List.copyOf(ineligible);
  }

  private void build(SiteServer server) {
    int port = server.port();
    String main = SiteServer.HOSTS.get(0) + ":" + port;
    database.addBlog(Blog.eligible(1, main, "/"));
    database.setSiteUrl(1, "http://" + main);
    eligible.add("");
    for (long id = 2; id <= 19; id++) {
      String host = SiteServer.HOSTS.get((int) (id % 3)) + ":" + port;
      addEligible(id, host, "b" + id);
    }
    addIneligible(new Blog(20, 1, main, "/b20/", true, true, false, false));
    addIneligible(new Blog(21, 1, main, "/b21/", true, false, true, false));
    addIneligible(new Blog(22, 1, main, "/b22/", true, false, false, true));
    addIneligible(new Blog(23, 1, main, "/b23/", false, false, false, false));
    // Eligible but on network 2; the tests read network 1 only.
    addIneligible(new Blog(24, 2, main, "/b24/", true, false, false, false));
    // Options table without a siteurl row: the URL falls back to scheme://domain/path.
    database.addBlog(Blog.eligible(25, main, "/b25/"));
    database.createOptionsTable(25);
    eligible.add("b25");
    // No options table at all: the same fallback.
    database.addBlog(Blog.eligible(26, main, "/b26/"));
    eligible.add("b26");
    // Domain and path lead nowhere; only the siteurl option reaches the site.
    database.addBlog(Blog.eligible(27, "unreachable.invalid", "/mapped/"));
    database.setSiteUrl(27, "http://" + main + "/b27-real");
    eligible.add("b27-real");
    database.addBlog(new Blog(REFUSING_BLOG, 1, main, "/b28/", false, false, false, false));
    database.setSiteUrl(REFUSING_BLOG, "http://127.0.0.1:1");
    // An unusable siteurl option falls back to scheme://domain/path.
    database.addBlog(Blog.eligible(29, main, "/b29/"));
    database.setSiteUrl(29, "javascript:alert(1)");
    eligible.add("b29");
  }

  private void addEligible(long id, String host, String name) {
    database.addBlog(Blog.eligible(id, host, "/" + name + "/"));
    database.setSiteUrl(id, "http://" + host + "/" + name);
    eligible.add(name);
  }

  private void addIneligible(Blog blog) {
    database.addBlog(blog);
    String name = blog.path().replace("/", "");
    database.setSiteUrl(blog.id(), "http://" + blog.domain() + "/" + name);
    ineligible.add(name);
  }
}
