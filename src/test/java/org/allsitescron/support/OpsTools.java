package org.allsitescron.support;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The command-line checkers the operations tests call ({@code promtool}): a test skips when one is
 * missing, unless {@code -Dops.tools=required} (as in {@code .ci/run}), where it fails instead.
 * {@code ci/install-ops-tools.sh} installs them.
 */
public final class OpsTools {

  public static final String PROPERTY = "ops.tools";

  private OpsTools() {}

  /** The tool {@code name} on the PATH; skips or fails the test when there is none. */
  public static Path require(String name) {
    Optional<Path> found =
        Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
            .map(dir -> Path.of(dir, name))
            .filter(Files::isExecutable)
            .findFirst();
    if (found.isPresent()) {
      return found.get();
    }
    String missing = name + " is not installed (bash ci/install-ops-tools.sh)";
    if ("required".equals(System.getProperty(PROPERTY))) {
      fail(missing + " and -D" + PROPERTY + "=required");
    }
    Assumptions.abort(missing + "; skipped");
    throw new IllegalStateException("unreachable");
  }

  /** Runs {@code command} with {@code input} on its standard input; its exit code and output. */
  public static Result run(Path input, String... command) throws IOException, InterruptedException {
    Path output = Files.createTempFile("ops-tool", ".out");
    try {
      Process process =
          new ProcessBuilder(new ArrayList<>(List.of(command)))
              .redirectInput(input.toFile())
              .redirectOutput(output.toFile())
              .redirectErrorStream(true)
              .start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        fail(String.join(" ", command) + " did not finish within 60 s");
      }
      return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(output);
    }
  }

  /** A finished command. */
  public record Result(int exitCode, String output) {}
}
