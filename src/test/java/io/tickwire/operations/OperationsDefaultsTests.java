package io.tickwire.operations;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OperationsDefaultsTests {

    @Test
    void localModeReadinessWaitsForTheApplicationOnlyAndRedisIsNoPartOfHealth() {
        StandardEnvironment environment = withSettings(Map.of());

        assertThat(environment.getProperty("management.endpoint.health.group.readiness.include")).isEqualTo("readinessState");
        assertThat(environment.getProperty("management.health.redis.enabled")).isEqualTo("false");
    }

    @Test
    void redisModeReadinessWaitsForRedisToo() {
        StandardEnvironment environment = withSettings(Map.of("tickwire.cluster.mode", "REDIS"));

        assertThat(environment.getProperty("management.endpoint.health.group.readiness.include")).isEqualTo("readinessState,redis,cluster");
        assertThat(environment.getProperty("management.health.redis.enabled")).isEqualTo("true");
    }

    @Test
    void everySettingOfTheOperatorWins() {
        StandardEnvironment environment = withSettings(Map.of("management.endpoints.web.exposure.include", "health",
                "management.endpoint.health.group.readiness.include", "readinessState,db"));

        assertThat(environment.getProperty("management.endpoints.web.exposure.include")).isEqualTo("health");
        assertThat(environment.getProperty("management.endpoint.health.group.readiness.include")).isEqualTo("readinessState,db");
        assertThat(environment.getProperty("management.endpoint.health.probes.enabled")).isEqualTo("true");
    }

    private static StandardEnvironment withSettings(Map<String, Object> settings) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("operator", settings));
        new OperationsDefaults().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }
}
