package dev.ats.roles.rest;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The rule's operator suits its answer type, its value has the answer's type, and CHOICE questions
 * have options that their ONE_OF value is drawn from.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = EligibilityRuleValidator.class)
public @interface ValidEligibilityRule {
  String message() default "is not a consistent eligibility rule";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
