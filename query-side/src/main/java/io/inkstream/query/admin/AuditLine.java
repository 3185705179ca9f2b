package io.inkstream.query.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** One stored event, as the audit log shows it. */
public record AuditLine(long position, String aggregateId, String aggregateType, long sequenceNumber, String type,
        String revision, Instant timestamp, String principal, String correlationId, JsonNode payload) {
}
