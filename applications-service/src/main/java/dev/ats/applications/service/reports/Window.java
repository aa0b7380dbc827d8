package dev.ats.applications.service.reports;

import java.time.Instant;
import java.util.UUID;

/**
 * Which applications a report covers: those submitted in {@code [from, to)} (null: unbounded), of
 * one role (null: every role).
 */
public record Window(UUID roleId, Instant from, Instant to) {}
