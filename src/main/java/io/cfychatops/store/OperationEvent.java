package io.cfychatops.store;

import java.time.Instant;

/** A progress line of an operation, and the chat message ts it was posted as (or null). */
public record OperationEvent(long id, String opId, Instant at, String kind, String text, String messageTs) {}
