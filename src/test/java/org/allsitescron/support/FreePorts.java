package org.allsitescron.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.util.Random;

/**
 * Ports for a test's own listeners, picked below the kernel's ephemeral range (32768 and up on
 * Linux). A port the kernel handed out for listening ({@code new ServerSocket(0)}) comes from that
 * range, and between the moment it is closed and the moment a child process or a re-opened proxy
 * listens on it, any outgoing connection of the machine can take it ("Address already in use").
 * Outgoing connections never take a port below the range.
 */
public final class FreePorts {

  private static final int LOWEST = 20_000;
  private static final int EPHEMERAL_START = 32_768;
  private static final Random RANDOM = new SecureRandom();

  private FreePorts() {}

  /** A port below the ephemeral range that nothing listens on now, on any address. */
  public static int belowEphemeral() {
    IOException last = null;
    for (int attempt = 0; attempt < 50; attempt++) {
      int candidate = LOWEST + RANDOM.nextInt(EPHEMERAL_START - LOWEST);
      // Bound on every address, as the service listens: taken on any of them is taken.
      try (ServerSocket probe = new ServerSocket(candidate)) {
        return candidate;
      } catch (IOException taken) {
        last = taken;
      }
    }
    throw new UncheckedIOException("no free port below " + EPHEMERAL_START, last);
  }
}
