package io.tickwire.session;

import io.micrometer.core.instrument.MeterRegistry;
import io.tickwire.protocol.ServerMessageEncoder;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

@Configuration(proxyBeanMethods = false)
class SessionConfiguration {

    @Bean
    SessionThreads sessionThreads() {
        return new SessionThreads(
                Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()), DaemonThreads.named("tickwire-writer")),
                blockingPool(),
                Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("tickwire-pacer")));
    }

    /** Pings and closes wait on slow clients for up to the blocking-send timeout; many may wait at once. */
    private static ExecutorService blockingPool() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(32, 32, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                DaemonThreads.named("tickwire-blocking"));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    @Bean
    SessionRegistry sessionRegistry(ServerMessageEncoder encoder, SessionThreads threads, SessionLimits limits, Clock clock,
                                    MeterRegistry meters) {
        SessionSettings settings = new SessionSettings(threads.writers(), threads.blocking(),
                (task, delay) -> threads.pacer().schedule(task, delay, TimeUnit.MILLISECONDS),
                limits.maxBatchChars(), limits.maxQueuedMessages(),
                limits.messagesPerSecond(), limits.messageBurst(), new SessionMeters(meters));
        long blockingTimeout = limits.blockingSendTimeoutMillis();
        SessionRegistry registry = new SessionRegistry(encoder, settings, socket -> FrameSenders.forSocket(socket, blockingTimeout), clock);
        SessionMeters.bindGauges(meters, registry);
        return registry;
    }

    @Bean
    PeriodicTask heartbeatTask(SessionRegistry registry, ServerMessageEncoder encoder, SessionLimits limits, Clock clock) {
        Heartbeats heartbeats = new Heartbeats(registry, encoder, clock);
        return new PeriodicTask("tickwire-heartbeat", limits.heartbeat(), heartbeats::beat);
    }

    @Bean
    PeriodicTask supervisorTask(SessionRegistry registry, SessionLimits limits, Clock clock) {
        SessionSupervisor supervisor = new SessionSupervisor(registry, clock, limits.sendTimeout(), limits.heartbeat());
        return new PeriodicTask("tickwire-supervisor", SessionSupervisor.period(limits.sendTimeout(), limits.heartbeat()), supervisor::sweep);
    }

    /**
     * The threads sessions run on, kept off the context's list of executors so that Boot's own defaults stay
     * in place.
     */
    record SessionThreads(ExecutorService writers, ExecutorService blocking, ScheduledExecutorService pacer)
            implements DisposableBean {

        @Override
        public void destroy() throws InterruptedException {
            pacer.shutdownNow();
            writers.shutdownNow();
            // let the closes already handed over finish, or the container closes those sessions one by one later
            blocking.shutdown();
            if (!blocking.awaitTermination(5, TimeUnit.SECONDS)) {
                blocking.shutdownNow();
            }
        }
    }
}
