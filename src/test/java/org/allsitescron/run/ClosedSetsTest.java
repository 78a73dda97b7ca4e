package org.allsitescron.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import org.allsitescron.coordination.Decision;
import org.junit.jupiter.api.Test;

/**
 * Each result set's {@code fold} tells every kind apart: a kind added to a sealed interface but not
 * to its {@code fold} fails here (it would reach the last branch's cast).
 */
class ClosedSetsTest {

  @Test
  void everyTriggerResultReachesItsOwnFunction() throws Exception {
    for (Class<?> kind : TriggerResult.class.getPermittedSubclasses()) {
      TriggerResult result = (TriggerResult) instance(kind);
      Class<?> reached =
          result.fold(
              ran -> TriggerResult.Ran.class,
              queued -> TriggerResult.Queued.class,
              limited -> TriggerResult.RateLimited.class,
              locked -> TriggerResult.Locked.class);
      assertThat(reached).isEqualTo(kind);
    }
  }

  @Test
  void everyJobResultReachesItsOwnFunction() throws Exception {
    for (Class<?> kind : JobResult.class.getPermittedSubclasses()) {
      JobResult result = (JobResult) instance(kind);
      Class<?> reached =
          result.fold(
              none -> JobResult.NoJob.class,
              ran -> JobResult.Ran.class,
              requeued -> JobResult.Requeued.class,
              buried -> JobResult.Buried.class);
      assertThat(reached).isEqualTo(kind);
    }
  }

  @Test
  void everyDecisionReachesItsOwnFunction() throws Exception {
    for (Class<?> kind : Decision.class.getPermittedSubclasses()) {
      Decision decision = (Decision) instance(kind);
      Class<?> reached =
          decision.fold(
              accepted -> Decision.Accepted.class,
              queued -> Decision.Queued.class,
              waiting -> Decision.AlreadyQueued.class,
              limited -> Decision.RateLimited.class,
              locked -> Decision.Locked.class);
      assertThat(reached).isEqualTo(kind);
    }
  }

  @Test
  void theSetsAreTheOnesThisTestKnows() {
    assertThat(TriggerResult.class.getPermittedSubclasses()).hasSize(4);
    assertThat(JobResult.class.getPermittedSubclasses()).hasSize(4);
    assertThat(Decision.class.getPermittedSubclasses()).hasSize(5);
  }

  /** The record with zero, false or null in each component. */
  private static Object instance(Class<?> record) throws Exception {
    List<Class<?>> types =
        Arrays.stream(record.getRecordComponents()).map(RecordComponent::getType).toList();
    Constructor<?> constructor = record.getDeclaredConstructor(types.toArray(Class<?>[]::new));
    Object[] values =
        types.stream()
            .map(
                type ->
                    type == long.class
                        ? (Object) 0L
                        : type == int.class ? (Object) 0 : type == boolean.class ? false : null)
            .toArray();
    return constructor.newInstance(values);
  }
}
