package dev.ats.roles.domain;

import com.fasterxml.jackson.databind.JsonNode;

/** What makes an answer to an eligibility question pass: {@code answer <operator> value}. */
public record RuleCondition(Operator operator, JsonNode value) {}
