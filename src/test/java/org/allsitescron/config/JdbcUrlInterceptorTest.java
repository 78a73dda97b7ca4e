package org.allsitescron.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JdbcUrlInterceptorTest {

  private static SmallRyeConfig config(String url) {
    return new SmallRyeConfigBuilder()
        .withInterceptors(new JdbcUrlInterceptor())
        .withSources(new PropertiesConfigSource(Map.of(JdbcUrlInterceptor.KEY, url), "test", 500))
        .build();
  }

  @Test
  void aMariadbOrMysqlJdbcUrlIsReadAsTheReactiveForm() {
    assertThat(config("jdbc:mariadb://db:3306/wp?useSSL=false").getRawValue(JdbcUrlInterceptor.KEY))
        .isEqualTo("mysql://db:3306/wp?useSSL=false");
    assertThat(config("JDBC:MySQL://db/wp").getRawValue(JdbcUrlInterceptor.KEY))
        .isEqualTo("mysql://db/wp");
    assertThat(config("mysql://db/wp").getRawValue(JdbcUrlInterceptor.KEY))
        .isEqualTo("mysql://db/wp");
  }

  @Test
  void anotherJdbcUrlIsRefusedNamingKeyFormAndNoSecret() {
    assertThatThrownBy(
            () ->
                config("jdbc:postgresql://wp:hunter2@db/wp?password=hunter2")
                    .getRawValue(JdbcUrlInterceptor.KEY))
        .hasMessageContaining(JdbcUrlInterceptor.KEY)
        .hasMessageContaining("mysql://<host>:3306/<database>")
        .hasMessageContaining("jdbc:postgresql://****@db/wp")
        .hasMessageNotContaining("hunter2");
  }
}
