package org.allsitescron.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.allsitescron.sites.Site;
import org.junit.jupiter.api.Test;

/** {@code ?site=} names a site by blog id or URL, as an operator would copy it. */
class SiteMatchTest {

  private final Site site = new Site(42, "https://Blog.Example.com:443/shop/");
  private final Site secret = new Site(7, "https://user:pa55word@staging.example.com/");

  @Test
  void byBlogId() {
    assertThat(SiteMatch.matches(site, "42")).isTrue();
    assertThat(SiteMatch.matches(site, " 42 ")).isTrue();
    assertThat(SiteMatch.matches(site, "4")).isFalse();
    assertThat(SiteMatch.matches(site, "99999999999999999999")).isFalse();
  }

  @Test
  void byUrlIgnoringCaseOfHostDefaultPortTrailingSlashAndWpCron() {
    assertThat(SiteMatch.matches(site, "https://blog.example.com/shop")).isTrue();
    assertThat(SiteMatch.matches(site, "https://blog.example.com/shop/wp-cron.php")).isTrue();
    assertThat(SiteMatch.matches(site, "https://blog.example.com/Shop")).isFalse();
    assertThat(SiteMatch.matches(site, "http://blog.example.com/shop")).isFalse();
  }

  @Test
  void aUrlWithCredentialsMatchesAsConfiguredAndAsAnswersShowIt() {
    assertThat(SiteMatch.matches(secret, "https://user:pa55word@staging.example.com")).isTrue();
    assertThat(SiteMatch.matches(secret, secret.displayUrl())).isTrue();
    assertThat(secret.displayUrl()).doesNotContain("pa55word");
    assertThat(SiteMatch.matches(secret, "https://staging.example.com")).isFalse();
  }
}
