package org.allsitescron.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import org.allsitescron.run.Preview;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The {@code 200} of {@code dry_run=1}: what a run would request; nothing was requested. */
@RegisterForReflection
@Schema(description = "A `dry_run=1` answer: what a run would request; nothing was requested.")
public record DryRun(
    @Schema(required = true) boolean success,
    @Schema(required = true) boolean dryRun,
    @Schema(required = true, description = "Eligible sites, at most `number-of-sites`.") long count,
    @Schema(required = true, description = "The first 1,000 site URLs.") List<String> sites)
    implements Body {

  static DryRun of(Preview preview) {
    return new DryRun(true, true, preview.count(), preview.urls());
  }
}
