package org.allsitescron.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * A queued run's progress as stored with its job: the sites up to id {@code after} are done ({@code
 * passed} of them), and so are the ids in {@code beyond}; {@code report} is the run's report at
 * that moment, whose counts the resumed run goes on from.
 */
@RegisterForReflection
public record Checkpoint(
    @JsonProperty("after") long after,
    @JsonProperty("passed") long passed,
    @JsonProperty("beyond") List<Long> beyond,
    @JsonProperty("report") RunReport report) {}
