package io.tickwire.operations;

import io.micrometer.core.instrument.MeterRegistry;
import io.tickwire.session.PeriodicTask;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class StatusConfiguration {

    @Bean
    MeterReadings meterReadings(MeterRegistry registry) {
        return new MeterReadings(registry);
    }

    @Bean
    StatusHistory statusHistory(MeterReadings readings, Clock clock) {
        return new StatusHistory(readings, clock, StatusHistory.POINTS);
    }

    @Bean
    PeriodicTask statusSampler(StatusHistory history) {
        return new PeriodicTask("tickwire-status", StatusHistory.INTERVAL, history::sample);
    }
}
