package org.allsitescron.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.allsitescron.run.RunReport;
import org.allsitescron.run.RunState;
import org.allsitescron.run.Trigger;
import org.junit.jupiter.api.Test;

/** How an aborted run is answered, by why it stopped; which error codes there are. */
class ApiErrorTest {

  /** A code's constant is its wire name, so renaming one would change what callers get. */
  @Test
  void theCodesAreExactlyThoseOfTheErrorTableOfTheApiDocs() throws IOException {
    String docs = Files.readString(Path.of("docs", "api.md"));
    String table = docs.substring(docs.indexOf("| status | code | when |"));
    table = table.substring(0, table.indexOf("\n\n"));
    Set<String> documented = new TreeSet<>();
    Matcher row = Pattern.compile("(?m)^\\| \\d{3} \\| ([^|]+) \\|").matcher(table);
    while (row.find()) {
      Matcher code = Pattern.compile("`([a-z_]+)`").matcher(row.group(1));
      while (code.find()) {
        documented.add(code.group(1));
      }
    }

    assertThat(Arrays.stream(ErrorCode.values()).map(ErrorCode::code))
        .containsExactlyInAnyOrderElementsOf(documented);
  }

  @Test
  void aRunAnUnexpectedErrorStoppedIsA500InternalErrorWithTheLoggedId() {
    ApiError error = ApiError.aborted(aborted("internal error (error id 3f1c-77)"));

    assertThat(error.status()).isEqualTo(500);
    assertThat(error.body()).isInstanceOf(Problem.ErrorBody.class);
    Problem.ErrorBody body = (Problem.ErrorBody) error.body();
    assertThat(body.code()).isEqualTo(ErrorCode.INTERNAL_ERROR);
    assertThat(body.errorId()).isEqualTo("3f1c-77");
    assertThat(body.runId()).isEqualTo("r-1");
    assertThat(body.message()).contains("3f1c-77").contains("4 of 10 sites");
  }

  @Test
  void aSourceFailureIsA503AndOtherAbortsA500RunAborted() {
    assertThat(ApiError.aborted(aborted("site source failed (unreachable): gone")).status())
        .isEqualTo(503);
    ApiError lost = ApiError.aborted(aborted("lock lost"));
    assertThat(lost.status()).isEqualTo(500);
    assertThat(lost.body().code()).isEqualTo(ErrorCode.ALL_SITES_CRON_RUN_ABORTED);
  }

  private static RunReport aborted(String reason) {
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    return new RunReport(
        "r-1",
        Trigger.REST,
        RunState.ABORTED,
        start,
        start.plusSeconds(2),
        2_000,
        10,
        4,
        4,
        0,
        0,
        List.of(),
        1,
        reason);
  }
}
