package io.tickwire.protocol;

import org.springframework.web.socket.CloseStatus;

/** The close codes of PROTOCOL.md that Spring has no constant for, with the reason the client is given. */
public final class CloseCodes {

    /** 4008: the client kept sending after {@code RATE_LIMITED}. */
    public static final CloseStatus KEPT_SENDING = new CloseStatus(4008, "kept sending after RATE_LIMITED");

    /** 4009: the client could not take data for too long. */
    public static final CloseStatus SLOW_CONSUMER = new CloseStatus(4009, "could not take data for too long");

    /** 1001: the client answered neither pings nor heartbeats. */
    public static final CloseStatus SILENT = CloseStatus.GOING_AWAY.withReason("no answer to pings");

    /** 1012: planned restart, after {@code shutdown}. */
    public static final CloseStatus RESTARTING = CloseStatus.SERVICE_RESTARTED.withReason("server restarting");

    /** 1008: the user signed out, or their HTTP session ended, so the connection's credentials are gone. */
    public static final CloseStatus SIGNED_OUT = CloseStatus.POLICY_VIOLATION.withReason("signed out");

    /**
     * 1011: a symbol's history was lost and its {@code seq} restarted, so the client must subscribe again with
     * {@code resume} to learn the new epoch.
     */
    public static final CloseStatus HISTORY_LOST = CloseStatus.SERVER_ERROR.withReason("history lost, resume");

    private CloseCodes() {
    }
}
