package dev.ats.applications.service.documents;

import java.util.UUID;

/**
 * CDI event fired synchronously, inside the transaction, when the text of an application's
 * documents changes: after an extraction (successful or not) and when documents are deleted on
 * erasure. The search index observes it.
 */
public record DocumentTextChanged(UUID applicationId) {}
