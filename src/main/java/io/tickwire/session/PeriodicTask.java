package io.tickwire.session;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Runs one job at a fixed rate on its own daemon thread while the application runs. */
public final class PeriodicTask implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PeriodicTask.class);

    private final String name;
    private final Duration period;
    private final Runnable job;
    private ScheduledExecutorService executor;

    public PeriodicTask(String name, Duration period, Runnable job) {
        this.name = name;
        this.period = period;
        this.job = job;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named(name));
        long millis = period.toMillis();
        executor.scheduleAtFixedRate(this::runGuarded, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }

    private void runGuarded() {
        try {
            job.run();
        } catch (RuntimeException e) {
            // a failed run must not cancel the schedule
            log.error("{} failed", name, e);
        }
    }
}
