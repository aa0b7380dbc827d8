package dev.ats.roles.rest;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Eligibility rule ids are unique, and the respond-by date is not before the deadline. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = RoleInputValidator.class)
public @interface ValidRoleInput {
  String message() default "is not a consistent role";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
