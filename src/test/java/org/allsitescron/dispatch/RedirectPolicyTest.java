package org.allsitescron.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import org.allsitescron.config.SiteUrl;
import org.junit.jupiter.api.Test;

/** Which redirects are followed: the rules, including the cases no loopback test can bind. */
class RedirectPolicyTest {

  private static RedirectPolicy.Verdict judge(String from, String location) {
    return RedirectPolicy.judge(SiteUrl.parse(from), location, 0);
  }

  private static String followed(String from, String location) {
    RedirectPolicy.Verdict verdict = judge(from, location);
    assertThat(verdict).isInstanceOf(RedirectPolicy.Follow.class);
    SiteUrl target = ((RedirectPolicy.Follow) verdict).target();
    return target.scheme()
        + "://"
        + target.asciiHost()
        + ":"
        + target.effectivePort()
        + target.requestUri();
  }

  private static String refused(String from, String location) {
    RedirectPolicy.Verdict verdict = judge(from, location);
    assertThat(verdict).isInstanceOf(RedirectPolicy.Refuse.class);
    return ((RedirectPolicy.Refuse) verdict).reason();
  }

  @Test
  void httpToHttpsAndBackOnTheDefaultPortsOfTheSameHostAreFollowed() {
    assertThat(followed("http://a.example/x/wp-cron.php", "https://a.example/x/wp-cron.php"))
        .isEqualTo("https://a.example:443/x/wp-cron.php");
    assertThat(followed("https://a.example/wp-cron.php", "http://A.EXAMPLE:80/wp-cron.php"))
        .isEqualTo("http://a.example:80/wp-cron.php");
    assertThat(followed("http://a.example:8080/wp-cron.php", "/y/wp-cron.php?doing=1"))
        .isEqualTo("http://a.example:8080/y/wp-cron.php?doing=1");
    assertThat(followed("http://a.example/x/wp-cron.php", "other/wp-cron.php"))
        .isEqualTo("http://a.example:80/x/other/wp-cron.php");
    assertThat(followed("http://bücher.example/wp-cron.php", "https://xn--bcher-kva.example/"))
        .isEqualTo("https://xn--bcher-kva.example:443/");
  }

  @Test
  void anyOtherPortSchemeHostOrCredentialsAreRefusedWithTheReason() {
    assertThat(refused("http://a.example:8080/wp-cron.php", "https://a.example:8443/wp-cron.php"))
        .isEqualTo(
            "redirect from http to https off the default ports refused:"
                + " https://a.example:8443/wp-cron.php");
    assertThat(refused("http://a.example/wp-cron.php", "https://a.example:8443/wp-cron.php"))
        .startsWith("redirect from http to https off the default ports refused");
    assertThat(refused("http://a.example/wp-cron.php", "http://a.example:81/wp-cron.php"))
        .startsWith("redirect to another port refused");
    assertThat(refused("http://a.example/wp-cron.php", "//b.example/wp-cron.php"))
        .startsWith("redirect to another host refused: http://b.example/wp-cron.php");
    assertThat(refused("http://a.example/wp-cron.php", "http://u:secret@a.example/wp-cron.php"))
        .isEqualTo("redirect with credentials refused: http://u:***@a.example/wp-cron.php");
    assertThat(refused("http://a.example/wp-cron.php", "ftp://a.example/x"))
        .startsWith("unusable redirect location");
    assertThat(
            ((RedirectPolicy.Refuse)
                    RedirectPolicy.judge(SiteUrl.parse("http://a.example/"), "/x", 3))
                .reason())
        .isEqualTo("more than 3 redirects");
  }
}
