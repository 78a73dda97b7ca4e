package org.allsitescron.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The rig of an e2e test class that re-arms it: found (or the test skipped) before each test, and
 * armed back to normal (siteurl and early exits) and closed after the class, for the other tests.
 */
abstract class RigTest {

  static WordpressRig rig;

  @BeforeEach
  void findRig() {
    if (rig == null) {
      rig = WordpressRig.requireOrSkip();
    }
  }

  @AfterAll
  static void restoreRig() {
    if (rig != null) {
      rig.arm(); // siteurl and early exits back to normal for the other tests
      rig.close();
      rig = null;
    }
  }
}
