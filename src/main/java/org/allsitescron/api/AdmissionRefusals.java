package org.allsitescron.api;

import jakarta.ws.rs.NameBinding;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.allsitescron.run.RunEvents;
import org.allsitescron.run.RunEvents.Verdict;

/**
 * Counts the triggers refused before admission (a bad flag, a missing or wrong token) among the
 * admission results, whichever filter or resource refused them.
 */
@Provider
@AdmissionRefusals.Counted
public class AdmissionRefusals implements ContainerResponseFilter {

  /** Marks the trigger routes whose refusals count as admission results. */
  @NameBinding
  @Retention(RetentionPolicy.RUNTIME)
  @Target({ElementType.TYPE, ElementType.METHOD})
  public @interface Counted {}

  private final RunEvents events;

  AdmissionRefusals(RunEvents events) {
    this.events = events;
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    switch (response.getStatus()) {
      case 400 -> events.refused(Verdict.INVALID);
      case 401 -> events.refused(Verdict.UNAUTHORIZED);
      case 403 -> events.refused(Verdict.FORBIDDEN);
      default -> {
        // admitted or refused by admission itself, which counts its own results
      }
    }
  }
}
