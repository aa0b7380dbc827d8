package dev.ats.applications.service.documents;

import dev.ats.applications.domain.DocumentKind;
import java.util.UUID;

/** A document a submission claims: the upload's id and token, and what it is. */
public record DocumentRef(UUID id, String uploadToken, DocumentKind kind) {}
