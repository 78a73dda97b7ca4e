package org.allsitescron.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.allsitescron.coordination.SiteHealthStore;

/** The summary of the last full run, as a record over the store's JSON document. */
@ApplicationScoped
class HealthSummaries {

  private final SiteHealthStore store;
  private final ObjectMapper json;

  HealthSummaries(SiteHealthStore store, ObjectMapper json) {
    this.store = store;
    this.json = json;
  }

  Uni<Void> save(HealthSummary summary) {
    try {
      return store.saveSummary(json.writeValueAsString(summary));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("health summary cannot be written as JSON", e);
    }
  }

  /** The last summary; {@link HealthSummary#NONE} before the first full run. */
  Uni<HealthSummary> last() {
    return store.summary().map(found -> found.map(this::read).orElse(HealthSummary.NONE));
  }

  private HealthSummary read(String document) {
    try {
      return json.readValue(document, HealthSummary.class);
    } catch (JsonProcessingException e) {
      Log.warnf("Ignoring an unreadable health summary: %s", e.getOriginalMessage());
      return HealthSummary.NONE;
    }
  }
}
