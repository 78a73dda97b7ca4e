package org.allsitescron.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the start-up report makes of URLs that may carry a password. */
class StartupReportTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "mysql://127.0.0.1:3306/wp | mysql://127.0.0.1:3306/wp",
        "mysql://wp:s3cret@db:3306/wp | mysql://wp:****@db:3306/wp",
        "mysql://wp:p@ss:w0rd@db/wp | mysql://wp:****@db/wp",
        "redis://:s3cret@redis:6379/0 | redis://:****@redis:6379/0",
        "redis://s3cret@redis:6379 | redis://****@redis:6379",
        "mysql://db/wp?user=wp&password=s3cret&ssl=true | mysql://db/wp?user=wp&password=****&ssl=true",
        "redis://a:x1@r1:6379,redis://b:x2@r2:6379 | redis://a:****@r1:6379,redis://b:****@r2:6379",
        "mysql://wp$1:s3cret@db/wp | mysql://wp$1:****@db/wp"
      })
  void passwordsInUrlsAreMasked(String url, String shown) {
    assertThat(StartupReport.maskUrl(url)).isEqualTo(shown).doesNotContain("s3cret");
  }
}
