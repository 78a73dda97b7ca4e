package org.allsitescron.config;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import org.hibernate.validator.constraints.time.DurationMin;

/**
 * A time that must be longer than zero: Hibernate Validator's {@link DurationMin} made exclusive of
 * zero, with a message that shows the value (the key is put in front by the config validator).
 */
@Documented
@Constraint(validatedBy = {})
@DurationMin(inclusive = false)
@ReportAsSingleViolation
@Target({METHOD, TYPE_USE})
@Retention(RUNTIME)
public @interface PositiveDuration {

  /** The problem, after the key. */
  String message() default "must be greater than 0 (got ${validatedValue})";

  /** Validation groups (none). */
  Class<?>[] groups() default {};

  /** Payload (none). */
  Class<? extends Payload>[] payload() default {};
}
