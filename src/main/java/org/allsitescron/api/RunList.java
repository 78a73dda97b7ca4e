package org.allsitescron.api;

import java.util.List;
import org.allsitescron.run.RunReport;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The {@code 200} of {@code /runs}. */
@Schema(description = "The most recent run reports, newest first.")
public record RunList(@Schema(required = true) List<RunReport> runs) implements Body {}
