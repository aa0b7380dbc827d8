package dev.ats.roles.rest;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The checks on a role that span several fields. */
public class RoleInputValidator implements ConstraintValidator<ValidRoleInput, RoleInput> {

  @Override
  public boolean isValid(RoleInput role, ConstraintValidatorContext context) {
    if (role == null) {
      return true;
    }
    context.disableDefaultConstraintViolation();
    boolean valid = true;
    List<EligibilityRuleBody> rules = role.eligibilityRules();
    if (rules != null) {
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < rules.size(); i++) {
        EligibilityRuleBody rule = rules.get(i);
        if (rule != null && rule.id() != null && !seen.add(rule.id())) {
          context
              .buildConstraintViolationWithTemplate("another rule of this role has the same id")
              .addPropertyNode("eligibilityRules")
              .addPropertyNode("id")
              .inIterable()
              .atIndex(i)
              .addConstraintViolation();
          valid = false;
        }
      }
    }
    if (role.respondBy() != null
        && role.applicationDeadline() != null
        && role.respondBy()
            .isBefore(role.applicationDeadline().atOffset(ZoneOffset.UTC).toLocalDate())) {
      context
          .buildConstraintViolationWithTemplate("must not be before the application deadline")
          .addPropertyNode("respondBy")
          .addConstraintViolation();
      valid = false;
    }
    return valid;
  }
}
