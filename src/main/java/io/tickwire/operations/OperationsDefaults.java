package io.tickwire.operations;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.DefaultPropertiesPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Tickwire's Actuator settings, as defaults that any setting of the operator's overrides. Set in code rather than in
 * an {@code application.properties} of the jar, which an application embedding Tickwire would shadow with its own.
 *
 * <p>Readiness depends on the cluster mode: in {@code redis} mode the node is not ready while Redis is unreachable
 * (Boot's own {@code redis} health contributor) or while it does not hear the tick channel ({@code cluster}), in {@code local} mode Redis is not used and its contributor, which
 * would report the node down, is switched off. A further contributor that readiness must wait for in cluster mode
 * goes into {@link #REDIS_MODE_READINESS}: the group refuses to start with a member that does not exist, so a
 * member of one mode only must be listed for that mode only.
 */
public class OperationsDefaults implements EnvironmentPostProcessor {

    static final List<String> LOCAL_MODE_READINESS = List.of("readinessState");
    static final List<String> REDIS_MODE_READINESS = List.of("readinessState", "redis", "cluster");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        boolean redis = Binder.get(environment).bind("tickwire.cluster.mode", String.class)
                .map(mode -> mode.toLowerCase(Locale.ROOT).equals("redis")).orElse(false);
        DefaultPropertiesPropertySource.addOrMerge(Map.of(
                // the service's name in structured logs
                "spring.application.name", "tickwire",
                "management.endpoints.web.exposure.include", "health,info,metrics,prometheus",
                "management.endpoint.health.probes.enabled", "true",
                "management.endpoint.health.show-details", "when-authorized",
                "management.endpoint.health.roles", "ADMIN",
                "management.endpoint.health.group.readiness.include",
                String.join(",", redis ? REDIS_MODE_READINESS : LOCAL_MODE_READINESS),
                "management.health.redis.enabled", Boolean.toString(redis)), environment.getPropertySources());
    }
}
