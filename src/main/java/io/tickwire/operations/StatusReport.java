package io.tickwire.operations;

import java.util.List;
import java.util.Map;

/**
 * What {@code GET /api/status} answers: this node's figures now, the counters since it started, and the last minutes
 * of what the status page charts.
 *
 * @param node this node's name
 * @param ts when the report was made, epoch milliseconds
 * @param readiness Boot's readiness state: {@code ACCEPTING_TRAFFIC} or {@code REFUSING_TRAFFIC}
 * @param sessions WebSocket sessions open
 * @param subscriptions their symbol subscriptions
 * @param totals counted since the node started
 * @param ticksConflated ticks left out for clients, by cause ({@code backlog}, {@code max_rate})
 * @param delayMs publish-to-write delay over the last minutes, milliseconds
 * @param sessionsClosed sessions closed since the node started, by close code; codes never seen are left out
 * @param handshakesRejected handshakes refused since the node started, by reason
 * @param resumes resumes since the node started, by outcome
 * @param history the last minutes, sampled every {@code intervalMs}
 */
record StatusReport(String node, long ts, String readiness, int sessions, int subscriptions, Totals totals,
                    Map<String, Long> ticksConflated, MeterReadings.Percentiles delayMs, Map<String, Long> sessionsClosed,
                    Map<String, Long> handshakesRejected, Map<String, Long> resumes, History history) {

    record Totals(long ticksPublished, long messagesSent, long bytesSent) {
    }

    record History(long intervalMs, List<StatusHistory.Point> points) {
    }
}
