package io.tickwire.protocol;

/** The codes of an {@code error} message and of a {@code rejected} entry (PROTOCOL.md). */
public enum ErrorCode {
    BAD_JSON,
    BAD_REQUEST,
    UNKNOWN_TYPE,
    UNKNOWN_SYMBOL,
    NOT_ENTITLED,
    TOO_MANY_SUBSCRIPTIONS,
    RATE_LIMITED
}
