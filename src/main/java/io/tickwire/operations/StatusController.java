package io.tickwire.operations;

import io.tickwire.session.SessionMeters;
import io.tickwire.websocket.HandshakeRefusals;
import io.tickwire.websocket.NodeProperties;
import io.tickwire.websocket.ResumeOutcomes;
import io.tickwire.websocket.SessionCloses;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.Map;

/** The status page's data: this node's meters, read at the moment of asking, and their recent history. */
@RestController
class StatusController {

    private final MeterReadings readings;
    private final StatusHistory history;
    private final ApplicationAvailability availability;
    private final String node;
    private final Clock clock;

    StatusController(MeterReadings readings, StatusHistory history, ApplicationAvailability availability,
                     NodeProperties node, Clock clock) {
        this.readings = readings;
        this.history = history;
        this.availability = availability;
        this.node = node.nameOrHost();
        this.clock = clock;
    }

    @GetMapping("/api/status")
    StatusReport status() {
        return new StatusReport(node, clock.millis(), availability.getReadinessState().name(),
                (int) readings.gauge(SessionMeters.SESSIONS_OPEN), (int) readings.gauge(SessionMeters.SUBSCRIPTIONS),
                readings.totals(),
                readings.countersByTag(SessionMeters.TICKS_CONFLATED, SessionMeters.CAUSE),
                readings.percentiles(SessionMeters.DELIVERY_DELAY),
                seenOnly(readings.countersByTag(SessionCloses.NAME, SessionCloses.CODE)),
                readings.countersByTag(HandshakeRefusals.NAME, HandshakeRefusals.REASON),
                readings.countersByTag(ResumeOutcomes.NAME, ResumeOutcomes.OUTCOME),
                new StatusReport.History(StatusHistory.INTERVAL.toMillis(), history.points()));
    }

    private static Map<String, Long> seenOnly(Map<String, Long> counts) {
        counts.values().removeIf(count -> count == 0);
        return counts;
    }
}
