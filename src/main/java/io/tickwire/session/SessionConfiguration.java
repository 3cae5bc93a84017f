package io.tickwire.session;

import io.tickwire.protocol.ServerMessageEncoder;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

@Configuration(proxyBeanMethods = false)
class SessionConfiguration {

    @Bean
    SessionWriters sessionWriters() {
        return new SessionWriters(Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
                DaemonThreads.named("tickwire-writer")));
    }

    @Bean
    SessionRegistry sessionRegistry(ServerMessageEncoder encoder, SessionWriters writers, SessionLimits limits, Clock clock) {
        SessionSettings settings = new SessionSettings(writers.executor(), limits.maxBatchChars(), limits.maxQueuedMessages());
        return new SessionRegistry(encoder, settings, FrameSenders::forSocket, clock);
    }

    @Bean
    PeriodicTask heartbeatTask(SessionRegistry registry, ServerMessageEncoder encoder, SessionLimits limits, Clock clock) {
        Heartbeats heartbeats = new Heartbeats(registry, encoder, clock);
        return new PeriodicTask("tickwire-heartbeat", limits.heartbeat(), heartbeats::beat);
    }

    /** The writer threads, kept off the context's list of executors so that Boot's own defaults stay in place. */
    record SessionWriters(ExecutorService executor) implements DisposableBean {

        @Override
        public void destroy() {
            executor.shutdownNow();
        }
    }
}
