package io.tickwire.session;

import io.tickwire.session.RequestBudget.Verdict;
import io.tickwire.support.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RequestBudgetTests {

    private final MutableClock clock = MutableClock.atEpochSecond(1_000);
    private final RequestBudget budget = new RequestBudget(20, 40, clock);

    @Test
    void burstIsAcceptedAtOnce() {
        assertThat(take(40)).containsOnly(Verdict.ACCEPT);
    }

    @Test
    void firstMessageOverTheLimitIsAnsweredThenOthersAreDropped() {
        take(40);

        assertThat(budget.take()).isEqualTo(Verdict.RATE_LIMITED);
        assertThat(budget.take()).isEqualTo(Verdict.DROP);
    }

    @Test
    void clientThatKeepsGoingIsClosedAfterASecondsWorthOfExcess() {
        take(40);

        List<Verdict> excess = take(21);

        assertThat(excess.get(0)).isEqualTo(Verdict.RATE_LIMITED);
        assertThat(excess.subList(1, 20)).containsOnly(Verdict.DROP);
        assertThat(excess.get(20)).isEqualTo(Verdict.CLOSE);
    }

    @Test
    void bucketRefillsAtTheConfiguredRate() {
        take(40);
        clock.advance(Duration.ofMillis(500));

        assertThat(take(10)).containsOnly(Verdict.ACCEPT);
        assertThat(budget.take()).isEqualTo(Verdict.RATE_LIMITED);
    }

    @Test
    void clientThatPausesForASecondIsForgiven() {
        take(40);
        take(15);
        clock.advance(Duration.ofMillis(1_001));
        take(20);

        List<Verdict> afterPause = take(20);

        assertThat(afterPause.get(0)).isEqualTo(Verdict.RATE_LIMITED);
        assertThat(afterPause).doesNotContain(Verdict.CLOSE);
    }

    @Test
    void clientAtTwiceTheRateIsEventuallyClosed() {
        take(40);
        List<Verdict> verdicts = new ArrayList<>();
        for (int i = 0; i < 200 && !verdicts.contains(Verdict.CLOSE); i++) {
            clock.advance(Duration.ofMillis(25));
            verdicts.add(budget.take());
        }

        assertThat(verdicts).contains(Verdict.RATE_LIMITED, Verdict.CLOSE);
        assertThat(verdicts).filteredOn(v -> v == Verdict.RATE_LIMITED).hasSize(1);
    }

    private List<Verdict> take(int count) {
        List<Verdict> verdicts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            verdicts.add(budget.take());
        }
        return verdicts;
    }
}
