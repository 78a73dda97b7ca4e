package org.allsitescron.coordination;

import static org.assertj.core.api.Assertions.assertThat;

import org.allsitescron.coordination.CoordinationUnavailableException.Reason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CoordinationUnavailableExceptionTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "NOAUTH Authentication required. | NOAUTH",
        "WRONGPASS invalid username-password pair or user is disabled. | NOAUTH",
        "OOM command not allowed when used memory > 'maxmemory'. script: 6a55, on @user_script:14. | OOM",
        "READONLY You can't write against a read only replica. | READONLY",
        "WRONGTYPE Operation against a key holding the wrong kind of value | WRONGTYPE",
        "ERR Error running script (call to f_1): @user_script:3: WRONGTYPE Operation against a key | WRONGTYPE",
        "LOADING Redis is loading the dataset in memory | REFUSING",
        "MISCONF Redis is configured to save RDB snapshots | REFUSING"
      })
  void namesTheRefusalsOfRedis(String reply, Reason reason) {
    assertThat(CoordinationUnavailableException.ofErrorReply(reply)).isEqualTo(reason);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"ERR unknown command 'FOO' | x", "ERR wrong number of arguments | x"})
  void leavesOurOwnMistakesAlone(String reply, String ignored) {
    assertThat(CoordinationUnavailableException.ofErrorReply(reply)).isNull();
  }
}
