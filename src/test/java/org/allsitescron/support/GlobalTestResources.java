package org.allsitescron.support;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** Makes {@link TestNetwork} the one test resource of every Quarkus test application. */
@WithTestResource(value = TestNetwork.class, scope = TestResourceScope.GLOBAL)
public final class GlobalTestResources {

  private GlobalTestResources() {}
}
