package org.allsitescron.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Where a run taken over from another replica went on: after site id {@code siteId}, with {@code
 * done} sites already done (the run keeps its id and its counts).
 */
@RegisterForReflection
public record ResumedFrom(@JsonProperty("site_id") long siteId, long done) {}
