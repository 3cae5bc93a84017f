package io.tickwire.protocol;

/** A client request the server answers with an {@code error} message, leaving the connection open. */
public class ProtocolException extends RuntimeException {

    private final ErrorCode code;
    private final Object requestId;

    public ProtocolException(ErrorCode code, Object requestId, String message) {
        super(message, null, false, false);
        this.code = code;
        this.requestId = requestId;
    }

    public ErrorCode code() {
        return code;
    }

    /** The request's {@code id} to echo, or {@code null}. */
    public Object requestId() {
        return requestId;
    }
}
