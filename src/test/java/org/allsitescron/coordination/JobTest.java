package org.allsitescron.coordination;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** A buried job is cut as queue-take.lua cuts one: in UTF-8 bytes, at a character boundary. */
class JobTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aLongJobIsCutToTheLimitInBytesAtACharacterBoundary() throws Exception {
    // "é" is two bytes and "😀" four (a surrogate pair in Java): no limit may split either.
    String raw = "{\"run_id\":\"r\",\"pad\":\"" + "é😀".repeat(200) + "\"}";
    for (int limit = 256; limit < 262; limit++) {
      JsonNode entry = JSON.readTree(Job.parse(raw).buried("too long", 5_000, limit));

      String kept = entry.get("job").asText();
      assertThat(kept.getBytes(UTF_8).length).isBetween(limit - 3, limit);
      assertThat(raw).startsWith(kept);
      assertThat(kept).doesNotContain("\uFFFD");
      assertThat(entry.get("truncated").asBoolean()).isTrue();
      assertThat(entry.get("job_length").asLong()).isEqualTo(raw.getBytes(UTF_8).length);
    }
  }

  @Test
  void aJobWithinTheLimitInBytesIsKeptWhole() throws Exception {
    String raw = "{\"run_id\":\"r\",\"pad\":\"" + "é".repeat(100) + "\"}";
    int bytes = raw.getBytes(UTF_8).length;

    JsonNode entry = JSON.readTree(Job.parse(raw).buried("lock held", 5_000, bytes));

    assertThat(entry.get("job").asText()).isEqualTo(raw);
    assertThat(entry.has("truncated")).isFalse();
    assertThat(entry.get("buried_at").asLong()).isEqualTo(5);
  }

  @Test
  void aJobOverTheLimitInBytesButNotInCharactersIsCut() throws Exception {
    // 300 characters, 500 bytes: a limit of 400 counted in characters would have kept it whole.
    String raw = "é".repeat(200) + "x".repeat(100);

    JsonNode entry = JSON.readTree(Job.parse(raw).buried("malformed", 5_000, 400));

    assertThat(entry.get("job").asText().getBytes(UTF_8)).hasSize(400);
    assertThat(entry.get("job_length").asLong()).isEqualTo(500);
  }
}
