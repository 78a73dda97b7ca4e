package org.allsitescron.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Site URLs as WordPress has them, including what {@link java.net.URI} has no host for. */
class SiteUrlTest {

  @Test
  void idnAndUnderscoreHostsParseToTheirAsciiHost() {
    SiteUrl idn = SiteUrl.parse("https://Bücher.example/shop/");
    assertThat(idn.asciiHost()).isEqualTo("xn--bcher-kva.example");
    assertThat(idn.display()).isEqualTo("https://Bücher.example/shop/");
    assertThat(idn.normalized()).isEqualTo("https://xn--bcher-kva.example/shop");

    SiteUrl underscore = SiteUrl.parse("http://my_site.example.com:8080");
    assertThat(underscore.asciiHost()).isEqualTo("my_site.example.com");
    assertThat(underscore.effectivePort()).isEqualTo(8080);
    assertThat(underscore.requestUri()).isEqualTo("/");
  }

  @Test
  void normalizationDropsCaseDefaultPortTrailingSlashesAndCredentials() {
    assertThat(SiteUrl.parse("HTTPS://A.org:443/x//").normalized()).isEqualTo("https://a.org/x");
    assertThat(SiteUrl.parse("https://u:p@a.org/x").normalized()).isEqualTo("https://a.org/x");
    assertThat(SiteUrl.parse("http://a.org:443/x").normalized()).isEqualTo("http://a.org:443/x");
  }

  @Test
  void credentialsAreDecodedForTheHeaderAndRedactedForDisplay() {
    SiteUrl url = SiteUrl.parse("https://ed%40corp:pa%3Ass@staging.example/x");
    assertThat(url.user()).isEqualTo("ed@corp");
    assertThat(url.password()).isEqualTo("pa:ss");
    assertThat(url.display()).isEqualTo("https://ed%40corp:***@staging.example/x");
    assertThat(url.toString()).doesNotContain("pa%3Ass");
    assertThat(SiteUrl.redactAnyway("http://u:secret@bad host/x"))
        .isEqualTo("http://u:***@bad host/x");
  }

  @Test
  void invalidUrlsAreRefusedWithAMessageNamingThem() {
    assertThatThrownBy(() -> SiteUrl.parse("http://bad host/x"))
        .hasMessage("http://bad host/x has an invalid host name 'bad host'");
    assertThatThrownBy(() -> SiteUrl.parse("ftp://a.example/"))
        .hasMessage("ftp://a.example/ is not an http or https URL");
    assertThatThrownBy(() -> SiteUrl.parse("https://u:pw@a.example:99999/"))
        .hasMessage("https://u:***@a.example:99999/ has an invalid port '99999'");
    assertThatThrownBy(() -> SiteUrl.parse("a.example/x"))
        .hasMessage("a.example/x is not an absolute http or https URL");
    assertThat(SiteUrl.problem("https://a.example/?p=1"))
        .isEqualTo("must not have a query or fragment");
    assertThat(SiteUrl.problem("https://a.example/x")).isNull();
  }
}
